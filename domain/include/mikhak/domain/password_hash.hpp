#pragma once

#include <string>
#include <string_view>

namespace mikhak::domain {

// Secrets people type (staff passwords on the server, the kiosk's staff PIN) are kept only as
// Argon2id hashes in libsodium's self-describing string form ("$argon2id$v=19$m=...").
std::string hashPassword(std::string_view password);
// Constant-time in the secret; false for a malformed hash too.
bool verifyPassword(std::string_view encodedHash, std::string_view password);

}  // namespace mikhak::domain
