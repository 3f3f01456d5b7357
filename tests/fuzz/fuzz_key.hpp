#pragma once

// The key the payload fuzzer verifies with and its seeds are signed with. For fuzzing only; no
// server holds it.
namespace mikhak::fuzz {
inline constexpr const char* kPrivateKeyPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIMrYsW+Y8A0L83hQ/6PAVsrCCP02kbXhY7487OAe43BP\n"
    "-----END PRIVATE KEY-----\n";
}  // namespace mikhak::fuzz
