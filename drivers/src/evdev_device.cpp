#include "evdev_device.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <ctime>
#include <utility>

#include "deadline.hpp"
#include "io_outcome.hpp"

namespace mikhak::drivers {
namespace {

EventsRead eventsFailed(IoFailure failure, std::string message) {
  return EventsRead{0, IoError{failure, std::move(message)}};
}

bool hasKeys(int fd) {
  std::array<unsigned long, 1> types{};  // EV_MAX is 0x1f: one word holds every event type
  if (::ioctl(fd, EVIOCGBIT(0, sizeof types), types.data()) < 0) return false;
  return (types[0] >> EV_KEY) & 1UL;
}

}  // namespace

Result<std::unique_ptr<InputDevice>> makeEvdevDevice(std::filesystem::path device) {
  if (!device.is_absolute()) {
    return Error{"makeEvdevDevice: evdev:" + device.string() + " needs an absolute path"};
  }
  return std::unique_ptr<InputDevice>(std::make_unique<EvdevDevice>(std::move(device)));
}

EvdevDevice::EvdevDevice(std::filesystem::path path) : path_(std::move(path)) {}

std::string EvdevDevice::describe() const {
  std::string text = "evdev:" + path_.string();
  if (!name_.empty()) text += " (" + name_ + ")";
  return text;
}

void EvdevDevice::close() {
  fd_.reset();
  name_.clear();
}

std::optional<IoError> EvdevDevice::open() {
  if (fd_) return std::nullopt;
  UniqueFd fd(::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  const std::string where = "evdev:" + path_.string() + ": ";
  if (!fd) {
    return openError("evdev:" + path_.string(), errno,
                     {.missing = "is the scanner plugged in?",
                      .denied = "add the kiosk user to the `input` group",
                      .busy = {}});
  }
  int version = 0;
  if (::ioctl(fd.get(), EVIOCGVERSION, &version) < 0) {
    return IoError{IoFailure::Io,
                   where + "not an input event device (EVIOCGVERSION: " + errnoText(errno) + ")"};
  }
  if (!hasKeys(fd.get())) {
    return IoError{IoFailure::Io, where + "has no keys: not a keyboard or a barcode scanner"};
  }
  if (::ioctl(fd.get(), EVIOCGRAB, 1) < 0) {
    const int error = errno;
    return IoError{IoFailure::Io,
                   where + "cannot grab it: " + errnoText(error) +
                       (error == EBUSY ? " (another program holds it: a second kiosk?)" : "")};
  }
  // Older kernels lack EVIOCSCLOCKID; their realtime stamps only matter across a clock change.
  int clock = CLOCK_MONOTONIC;
  (void)::ioctl(fd.get(), EVIOCSCLOCKID, &clock);
  std::array<char, 256> name{};
  if (::ioctl(fd.get(), EVIOCGNAME(name.size() - 1), name.data()) >= 0) name_ = name.data();
  fd_ = std::move(fd);
  return std::nullopt;
}

EventsRead EvdevDevice::fail(int error, const std::string& doing) {
  std::string message = describe() + ": " + doing + ": " + errnoText(error);
  close();
  if (error == ENODEV) {
    return eventsFailed(IoFailure::Disconnected, message + "; the scanner was unplugged");
  }
  return eventsFailed(IoFailure::Io, std::move(message));
}

EventsRead EvdevDevice::read(std::span<input_event> events, std::chrono::milliseconds timeout) {
  if (events.empty()) return EventsRead{};
  if (auto error = open()) return EventsRead{0, std::move(error)};
  const Deadline deadline(timeout);
  for (;;) {
    // evdev hands out whole events only, as many as fit.
    const auto n = ::read(fd_.get(), events.data(), events.size_bytes());
    if (n > 0) return EventsRead{static_cast<std::size_t>(n) / sizeof(input_event), std::nullopt};
    const int error = n == 0 ? ENODEV : errno;
    if (error == EINTR) continue;
    if (error != EAGAIN && error != EWOULDBLOCK) return fail(error, "read failed");
    const auto waited = waitFor(fd_.get(), POLLIN, deadline);
    if (waited == WaitResult::TimedOut) {
      return eventsFailed(IoFailure::Timeout, describe() + ": no key within " +
                                                  std::to_string(timeout.count()) + " ms");
    }
    if (waited == WaitResult::Failed) return fail(errno, "poll");
  }
}

}  // namespace mikhak::drivers
