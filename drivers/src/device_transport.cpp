#include "device_transport.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "deadline.hpp"
#include "io_outcome.hpp"

namespace mikhak::drivers {
namespace {

constexpr int kOpenFlags = O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

// After an unplug usblp answers ENODEV; a serial adapter or a pty whose other end went away
// answers EIO.
bool isGone(int error) { return error == ENODEV || error == EIO || error == ENXIO; }

constexpr std::string_view kPermissionHint =
    "add the kiosk user to the `lp` group, or install a udev rule giving it the device";

}  // namespace

DeviceTransport::DeviceTransport(PrinterUri uri) : uri_(std::move(uri)) {}

std::string DeviceTransport::describe() const { return uri_.text(); }

void DeviceTransport::close() { fd_.reset(); }

std::optional<IoError> DeviceTransport::open() {
  const auto& path = uri_.path;
  int fd = ::open(path.c_str(), O_RDWR | kOpenFlags);
  readable_ = fd >= 0;
  if (fd < 0 && errno != ENOENT && errno != ENOTDIR)
    fd = ::open(path.c_str(), O_WRONLY | kOpenFlags);
  if (fd >= 0) {
    fd_.reset(fd);
    return std::nullopt;
  }
  return openError(describe(), errno,
                   {.missing = "is the printer plugged in and switched on?",
                    .denied = kPermissionHint,
                    .busy = "another program has it open: CUPS?"});
}

IoOutcome DeviceTransport::fail(std::size_t bytes, int error, const std::string& doing) {
  std::string message = describe() + ": " + doing + ": " + errnoText(error);
  if (isGone(error)) {
    close();
    return failed(bytes, IoFailure::Disconnected, message + "; the device went away");
  }
  close();
  return failed(bytes, error == EACCES || error == EPERM ? IoFailure::Denied : IoFailure::Io,
                std::move(message));
}

IoOutcome DeviceTransport::write(std::span<const std::uint8_t> data,
                                 std::chrono::milliseconds timeout) {
  if (data.empty()) return succeeded(0);
  if (!fd_) {
    if (auto error = open()) return IoOutcome{0, std::move(error)};
  }
  const Deadline deadline(timeout);
  std::size_t sent = 0;
  while (sent < data.size()) {
    const auto n = ::write(fd_.get(), data.data() + sent, data.size() - sent);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    const int error = n < 0 ? errno : EAGAIN;
    if (error == EINTR) continue;
    if (error != EAGAIN && error != EWOULDBLOCK) {
      return fail(sent, error,
                  "write failed after " + std::to_string(sent) + " of " +
                      std::to_string(data.size()) + " bytes");
    }
    const auto waited = waitFor(fd_.get(), POLLOUT, deadline);
    if (waited == WaitResult::TimedOut) {
      // Busy (paper out, offline) rather than broken: the device stays open.
      return failed(sent, IoFailure::Timeout,
                    describe() + ": write timed out after " + std::to_string(timeout.count()) +
                        " ms with " + std::to_string(sent) + " of " + std::to_string(data.size()) +
                        " bytes sent");
    }
    if (waited == WaitResult::Failed) return fail(sent, errno, "poll");
  }
  return succeeded(sent);
}

IoOutcome DeviceTransport::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) {
  if (buffer.empty()) return succeeded(0);
  if (!fd_) {
    if (auto error = open()) return IoOutcome{0, std::move(error)};
  }
  if (!readable_) {
    return failed(0, IoFailure::Timeout,
                  describe() + ": opened write-only (no read permission): no answer can be read");
  }
  const Deadline deadline(timeout);
  for (;;) {
    const auto n = ::read(fd_.get(), buffer.data(), buffer.size());
    if (n > 0) return succeeded(static_cast<std::size_t>(n));
    // 0: a device without a back channel (or /dev/null) has nothing, now or later.
    if (n == 0) return failed(0, IoFailure::Timeout, describe() + ": the device has no answer");
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EAGAIN && error != EWOULDBLOCK) return fail(0, error, "read failed");
    const auto waited = waitFor(fd_.get(), POLLIN, deadline);
    if (waited == WaitResult::TimedOut) {
      return failed(0, IoFailure::Timeout,
                    describe() + ": no answer within " + std::to_string(timeout.count()) + " ms");
    }
    if (waited == WaitResult::Failed) return fail(0, errno, "poll");
  }
}

}  // namespace mikhak::drivers
