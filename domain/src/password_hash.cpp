#include "mikhak/domain/password_hash.hpp"

#include <sodium.h>

#include <stdexcept>

namespace mikhak::domain {
namespace {

void startSodium() {
  if (sodium_init() < 0) throw std::runtime_error("password_hash: libsodium did not start");
}

}  // namespace

std::string hashPassword(std::string_view password) {
  startSodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(encoded, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password_hash: out of memory hashing a password");
  }
  return encoded;
}

bool verifyPassword(std::string_view encodedHash, std::string_view password) {
  startSodium();
  const std::string hash(encodedHash);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace mikhak::domain
