#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace mikhak::server {

// Where the server answers, as seen from the same machine.
struct HealthTarget {
  std::string host;  // an address the server listens on; 0.0.0.0 and :: become loopback
  int port = 0;
  bool tls = false;
};

// systemd's watchdog for mikhak-server (WatchdogSec=). The server has no render loop to prove it
// is alive, so a thread asks the server's own GET /api/v1/health every third of the interval and
// sends WATCHDOG=1 only after an answer of 200: a server whose HTTP workers hang is restarted.
// Does nothing (no thread) when systemd set no watchdog for this process (WATCHDOG_USEC).
class HealthWatchdog {
 public:
  explicit HealthWatchdog(HealthTarget target);
  ~HealthWatchdog();  // stops the thread
  HealthWatchdog(const HealthWatchdog&) = delete;
  HealthWatchdog& operator=(const HealthWatchdog&) = delete;

  bool active() const { return thread_.joinable(); }
  // Health requests finished so far, answered or not.
  std::size_t checks() const { return checks_.load(); }

 private:
  void run();
  bool healthy() const;

  HealthTarget target_;
  std::chrono::microseconds interval_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::atomic<std::size_t> checks_{0};
  std::thread thread_;
};

}  // namespace mikhak::server
