#include "staff_auth.hpp"

#include <stdexcept>

namespace mikhak::server {

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
