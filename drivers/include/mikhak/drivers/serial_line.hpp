#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/transport.hpp"

namespace mikhak::drivers {

// The rates a serial scanner may be set to: 1200 to 230400 baud. USB CDC-ACM scanners
// (/dev/ttyACM*) ignore the rate; an RS-232 scanner behind an adapter needs the one it is set to.
bool isSupportedBaud(int baud);
std::span<const int> supportedBauds();

// The byte stream of a serial barcode scanner, read only. Not thread-safe: one owner. Every read
// opens the port first if it is not open, so a scanner unplugged and plugged back in is read again
// (after a Disconnected error) without a restart.
class SerialLine {
 public:
  virtual ~SerialLine() = default;

  // Reads what has arrived, up to buffer.size() bytes, waiting at most `timeout` for the first.
  // Timeout when nothing came (the port stays open); Disconnected when the device went away.
  virtual IoOutcome read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) = 0;
  virtual void close() = 0;
  virtual std::string describe() const = 0;  // "serial:/dev/ttyACM0@9600"
};

// A tty (/dev/ttyACM0, /dev/ttyUSB0, a by-id link) in raw mode (cfmakeraw: no echo, no line
// editing, 8N1, no flow control) at `baud`, opened non-blocking and exclusively (TIOCEXCL, so
// ModemManager and others cannot open it meanwhile). Opening is lazy; this fails only for a
// relative path or an unsupported rate.
Result<std::unique_ptr<SerialLine>> makeSerialPort(std::filesystem::path device, int baud = 9600);

}  // namespace mikhak::drivers
