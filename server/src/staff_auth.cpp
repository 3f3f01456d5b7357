#include "staff_auth.hpp"

#include <sodium.h>

#include <stdexcept>

namespace mikhak::server {
namespace {

void startSodium() {
  if (sodium_init() < 0) throw std::runtime_error("staff_auth: libsodium did not start");
}

}  // namespace

std::string hashPassword(std::string_view password) {
  startSodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(encoded, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("staff_auth: out of memory hashing a password");
  }
  return encoded;
}

bool verifyPassword(std::string_view encodedHash, std::string_view password) {
  startSodium();
  const std::string hash(encodedHash);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool LoginThrottle::allowed(const std::string& login, std::chrono::sys_seconds now) {
  const std::lock_guard lock(mutex_);
  const auto it = failures_.find(login);
  if (it == failures_.end()) return true;
  if (now - it->second.first > kWindow) {
    failures_.erase(it);
    return true;
  }
  return it->second.count < kMaxFailures;
}

void LoginThrottle::failed(const std::string& login, std::chrono::sys_seconds now) {
  const std::lock_guard lock(mutex_);
  Failures& f = failures_[login];
  if (f.count == 0 || now - f.first > kWindow) f = {0, now};
  ++f.count;
}

void LoginThrottle::succeeded(const std::string& login) {
  const std::lock_guard lock(mutex_);
  failures_.erase(login);
}

}  // namespace mikhak::server
