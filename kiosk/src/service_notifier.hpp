#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mikhak::kiosk {

// Tells systemd how a render loop is doing (sd_notify): READY=1 once the first frame is drawn,
// WATCHDOG=1 while the loop keeps turning, so that a hung screen is restarted (WatchdogSec=),
// STATUS= lines, and STOPPING=1 on the way out. Outside systemd (no NOTIFY_SOCKET) every call
// does nothing.
class ServiceNotifier {
 public:
  using Clock = std::chrono::steady_clock;

  // Reads the watchdog interval systemd asked for (WATCHDOG_USEC, for this process only).
  // `readyStatus` is the STATUS= line sent with READY=1.
  explicit ServiceNotifier(std::string readyStatus);
  // STOPPING=1, if READY=1 was sent.
  ~ServiceNotifier();
  ServiceNotifier(const ServiceNotifier&) = delete;
  ServiceNotifier& operator=(const ServiceNotifier&) = delete;

  // Once per pass of the render loop, after the frame: the first call sends READY=1, later ones
  // WATCHDOG=1 at most every third of the watchdog interval (none when there is no watchdog).
  void heartbeat(Clock::time_point now);
  void status(std::string_view line) const;

  // Zero when systemd set no watchdog for this process.
  std::chrono::microseconds watchdogInterval() const { return watchdog_; }

 private:
  std::string readyStatus_;
  std::chrono::microseconds watchdog_{0};
  bool ready_ = false;
  std::optional<Clock::time_point> lastPing_;
};

}  // namespace mikhak::kiosk
