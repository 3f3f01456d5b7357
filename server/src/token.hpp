#pragma once

#include <string>
#include <string_view>

namespace mikhak::server {

// Bearer tokens: 256 random bits, base64url. Only their SHA-256 is stored, so a copy of the
// database gives nobody a working token (plain SHA-256 suffices for random, high-entropy secrets).
std::string newToken();
std::string tokenHash(std::string_view token);

}  // namespace mikhak::server
