#include "token.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "mikhak/domain/sha256.hpp"
#include "mikhak/domain/signing_key.hpp"

namespace mikhak::server {

std::string newToken() {
  std::array<std::uint8_t, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("token: no randomness from OpenSSL");
  }
  return domain::base64UrlEncode(bytes);
}

std::string tokenHash(std::string_view token) { return domain::sha256Hex(token); }

}  // namespace mikhak::server
