#pragma once

#include <linux/input.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/transport.hpp"

namespace mikhak::drivers {

// How many whole events a read gave, and what stopped it if it failed.
struct EventsRead {
  std::size_t count = 0;
  std::optional<IoError> error;
  bool ok() const { return !error; }
};

// A keyboard-like input device that a barcode scanner types into. Not thread-safe: one owner.
// Every call opens the device first if it is not open, so a scanner unplugged and plugged back in
// is read again without a restart (after a Disconnected error).
class InputDevice {
 public:
  virtual ~InputDevice() = default;

  // Reads up to events.size() events, waiting at most `timeout` for the first. Timeout when
  // nothing came (the device stays open); Disconnected when it was unplugged (it is closed).
  virtual EventsRead read(std::span<input_event> events, std::chrono::milliseconds timeout) = 0;
  // Lets go of the device (and of its grab); the next read opens it again.
  virtual void close() = 0;
  // "evdev:/dev/input/by-id/usb-...-event-kbd", and the device's own name once it was opened.
  virtual std::string describe() const = 0;
};

// An evdev device (/dev/input/eventN or a /dev/input/by-id link), opened read-only and
// non-blocking and grabbed exclusively (EVIOCGRAB), so that a scan's keystrokes reach no other
// program: not the console, not the kiosk's own keyboard handling. Its timestamps are switched to
// the monotonic clock so that a clock change cannot look like a pause inside a scan. Opening is
// lazy; this fails only for a relative path.
Result<std::unique_ptr<InputDevice>> makeEvdevDevice(std::filesystem::path device);

}  // namespace mikhak::drivers
