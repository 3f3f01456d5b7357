#include "serial_port.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <utility>

#include "deadline.hpp"
#include "io_outcome.hpp"

namespace mikhak::drivers {
namespace {

struct BaudRate {
  int baud;
  speed_t speed;
};

constexpr std::array<BaudRate, 9> kRates = {{{1200, B1200},
                                             {2400, B2400},
                                             {4800, B4800},
                                             {9600, B9600},
                                             {19200, B19200},
                                             {38400, B38400},
                                             {57600, B57600},
                                             {115200, B115200},
                                             {230400, B230400}}};

constexpr std::array<int, kRates.size()> kBauds = [] {
  std::array<int, kRates.size()> bauds{};
  for (std::size_t i = 0; i < kRates.size(); ++i) bauds[i] = kRates[i].baud;
  return bauds;
}();

speed_t speedOf(int baud) {
  const auto* rate = std::find_if(kRates.begin(), kRates.end(),
                                  [baud](const BaudRate& r) { return r.baud == baud; });
  return rate != kRates.end() ? rate->speed : B9600;
}

// An unplugged USB serial device hangs the tty up (reads give 0 or EIO); a pty whose other end
// closed gives EIO.
bool isGone(int error) { return error == ENODEV || error == EIO || error == ENXIO; }

}  // namespace

bool isSupportedBaud(int baud) {
  return std::find(kBauds.begin(), kBauds.end(), baud) != kBauds.end();
}

std::span<const int> supportedBauds() { return kBauds; }

Result<std::unique_ptr<SerialLine>> makeSerialPort(std::filesystem::path device, int baud) {
  if (!device.is_absolute()) {
    return Error{"makeSerialPort: serial:" + device.string() + " needs an absolute path"};
  }
  if (!isSupportedBaud(baud)) {
    return Error{"makeSerialPort: " + std::to_string(baud) + " baud is not a standard rate"};
  }
  return std::unique_ptr<SerialLine>(std::make_unique<SerialPort>(std::move(device), baud));
}

SerialPort::SerialPort(std::filesystem::path path, int baud)
    : path_(std::move(path)), baud_(baud) {}

SerialPort::~SerialPort() { close(); }

std::string SerialPort::describe() const {
  return "serial:" + path_.string() + "@" + std::to_string(baud_);
}

void SerialPort::close() {
  // Exclusivity belongs to the tty, not to this descriptor: give it back before closing, or the
  // next open (ours, after an error) could be refused.
  if (fd_) (void)::ioctl(fd_.get(), TIOCNXCL);
  fd_.reset();
}

std::optional<IoError> SerialPort::open() {
  if (fd_) return std::nullopt;
  const std::string where = describe() + ": ";
  UniqueFd fd(::open(path_.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
  if (!fd) {
    return openError(describe(), errno,
                     {.missing = "is the scanner plugged in?",
                      .denied = "add the kiosk user to the `dialout` group",
                      .busy = "another program has it: ModemManager? give the device "
                              "ID_MM_DEVICE_IGNORE=1 in a udev rule"});
  }
  termios settings{};
  if (::tcgetattr(fd.get(), &settings) != 0) {
    return IoError{IoFailure::Io,
                   where + "not a serial port (tcgetattr: " + errnoText(errno) + ")"};
  }
  ::cfmakeraw(&settings);
  settings.c_cflag |= CLOCAL | CREAD;  // no modem lines to wait for; receive
  // cfmakeraw leaves VMIN 1, VTIME 0: with O_NONBLOCK an empty read is EAGAIN, and 0 a hang-up
  // (VMIN 0 would make "nothing yet" read as 0 too).
  const speed_t speed = speedOf(baud_);
  if (::cfsetispeed(&settings, speed) != 0 || ::cfsetospeed(&settings, speed) != 0 ||
      ::tcsetattr(fd.get(), TCSANOW, &settings) != 0) {
    return IoError{IoFailure::Io, where + "cannot set raw mode: " + errnoText(errno)};
  }
  (void)::ioctl(fd.get(), TIOCEXCL);  // best effort: only keeps others out
  fd_ = std::move(fd);
  return std::nullopt;
}

IoOutcome SerialPort::fail(int error, const std::string& doing) {
  std::string message = describe() + ": " + doing + ": " + errnoText(error);
  close();
  if (isGone(error)) {
    return failed(0, IoFailure::Disconnected, message + "; the scanner went away");
  }
  return failed(0, IoFailure::Io, std::move(message));
}

IoOutcome SerialPort::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) {
  if (buffer.empty()) return succeeded(0);
  if (auto error = open()) return IoOutcome{0, std::move(error)};
  const Deadline deadline(timeout);
  for (;;) {
    const auto n = ::read(fd_.get(), buffer.data(), buffer.size());
    if (n > 0) return succeeded(static_cast<std::size_t>(n));
    // 0 from a raw non-blocking tty is a hang-up: the USB device is gone.
    if (n == 0) return fail(ENODEV, "hung up");
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EAGAIN && error != EWOULDBLOCK) return fail(error, "read failed");
    const auto waited = waitFor(fd_.get(), POLLIN, deadline);
    if (waited == WaitResult::TimedOut) {
      return failed(0, IoFailure::Timeout,
                    describe() + ": nothing within " + std::to_string(timeout.count()) + " ms");
    }
    if (waited == WaitResult::Failed) return fail(errno, "poll");
  }
}

}  // namespace mikhak::drivers
