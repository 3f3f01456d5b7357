#include "service_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace mikhak::kiosk {

ServiceNotifier::ServiceNotifier(std::string readyStatus) : readyStatus_(std::move(readyStatus)) {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0) watchdog_ = std::chrono::microseconds(usec);
}

ServiceNotifier::~ServiceNotifier() {
  if (ready_) sd_notify(0, "STOPPING=1");
}

void ServiceNotifier::heartbeat(Clock::time_point now) {
  if (!ready_) {
    ready_ = true;
    lastPing_ = now;
    sd_notify(0, ("READY=1\nSTATUS=" + readyStatus_).c_str());
    return;
  }
  if (watchdog_.count() == 0) return;
  // A third of the interval: two pings may be late before systemd gives up on the loop.
  if (lastPing_ && now - *lastPing_ < watchdog_ / 3) return;
  lastPing_ = now;
  sd_notify(0, "WATCHDOG=1");
}

void ServiceNotifier::status(std::string_view line) const {
  sd_notify(0, ("STATUS=" + std::string(line)).c_str());
}

}  // namespace mikhak::kiosk
