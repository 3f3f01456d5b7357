#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "mikhak/domain/password_hash.hpp"

namespace mikhak::server {

// Staff passwords: Argon2id (libsodium's crypto_pwhash_str, interactive limits), a memory-hard
// hash, so a stolen database does not give away the passwords.
using domain::hashPassword;
using domain::verifyPassword;

// Slows down guessing: after five failed log-ins to one account within 15 minutes, that account
// is locked for 15 minutes (the desk can still use the others).
class LoginThrottle {
 public:
  static constexpr int kMaxFailures = 5;
  static constexpr std::chrono::minutes kWindow{15};

  bool allowed(const std::string& login, std::chrono::sys_seconds now);
  void failed(const std::string& login, std::chrono::sys_seconds now);
  void succeeded(const std::string& login);

 private:
  struct Failures {
    int count = 0;
    std::chrono::sys_seconds first{};
  };
  std::mutex mutex_;
  std::map<std::string, Failures> failures_;
};

}  // namespace mikhak::server
