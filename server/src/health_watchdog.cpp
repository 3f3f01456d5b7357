#include "health_watchdog.hpp"

#include <httplib.h>
#include <systemd/sd-daemon.h>

#include <cstdint>
#include <memory>

namespace mikhak::server {

HealthWatchdog::HealthWatchdog(HealthTarget target) : target_(std::move(target)) {
  if (target_.host.empty() || target_.host == "0.0.0.0") target_.host = "127.0.0.1";
  if (target_.host == "::" || target_.host == "[::]") target_.host = "::1";
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0) return;
  interval_ = std::chrono::microseconds(usec);
  thread_ = std::thread([this] { run(); });
}

HealthWatchdog::~HealthWatchdog() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HealthWatchdog::run() {
  // A third of the interval: one slow or lost check does not get the server restarted.
  const auto spacing = interval_ / 3;
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    const bool ok = healthy();
    ++checks_;
    if (ok) sd_notify(0, "WATCHDOG=1");
    lock.lock();
    wake_.wait_for(lock, spacing, [this] { return stop_; });
  }
}

bool HealthWatchdog::healthy() const {
  // Loopback to ourselves: the certificate names the server's public name, not this address,
  // and what is checked here is that the server answers, not who it is.
  std::unique_ptr<httplib::ClientImpl> client;
  if (target_.tls) {
    auto tls = std::make_unique<httplib::SSLClient>(target_.host, target_.port);
    tls->enable_server_certificate_verification(false);
    client = std::move(tls);
  } else {
    client = std::make_unique<httplib::ClientImpl>(target_.host, target_.port);
  }
  // No check outlasts the spacing between pings.
  const auto timeout = std::chrono::duration_cast<std::chrono::microseconds>(interval_ / 3);
  client->set_connection_timeout(timeout);
  client->set_read_timeout(timeout);
  client->set_write_timeout(timeout);
  const auto answer = client->Get("/api/v1/health");
  return answer && answer->status == 200;
}

}  // namespace mikhak::server
