#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/printer_uri.hpp"

namespace mikhak::drivers {

// Why an I/O call stopped. What the caller does next depends on it: a timeout is a busy or stalled
// device, a disconnection an unplugged cable or a dropped socket (the next call opens it again).
enum class IoFailure {
  Timeout,       // nothing moved within the deadline
  Disconnected,  // the device went away (unplugged, connection reset)
  NotFound,      // nothing there to open (no such device, connection refused)
  Denied,        // permissions
  Io,            // anything else
};

struct IoError {
  IoFailure failure;
  std::string message;  // "usb://04b8:0202: bulk write timed out after 2000 ms"
};

// How much moved, and what stopped it if it stopped early: a write that timed out may still have
// sent part of the data, and the caller has to know how much.
struct IoOutcome {
  std::size_t bytes = 0;
  std::optional<IoError> error;
  bool ok() const { return !error; }
};

// A byte pipe to a printer. Not thread-safe: one owner (the printer's worker thread) at a time.
// Every call opens the device first if it is not open, so a printer unplugged and plugged back in
// is used again without a restart; every call returns within its timeout (plus the time to
// open, itself bounded).
class Transport {
 public:
  virtual ~Transport() = default;

  // Writes all of data, or fails with bytes = what went before the failure.
  virtual IoOutcome write(std::span<const std::uint8_t> data,
                          std::chrono::milliseconds timeout) = 0;
  // Reads what the device has sent, up to buffer.size() bytes, waiting at most `timeout` for the
  // first byte. A device that never answers (a file, a character device without a back channel)
  // times out.
  virtual IoOutcome read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) = 0;
  // The bytes of one ticket end here. A directory transport finishes that ticket's file and
  // returns its path (the demo writes the ticket's PNG beside it); the others return nothing.
  virtual std::optional<std::filesystem::path> endJob() { return std::nullopt; }
  // Whether a status request can get an answer (a directory cannot answer).
  virtual bool canAnswer() const { return true; }
  // Lets go of the device; the next call opens it again.
  virtual void close() = 0;
  // The URI it was opened from, for logs and `mikhakctl printer-status`.
  virtual std::string describe() const = 0;
};

// The transport for a URI: usb://, tcp://, dev://, dir://. Opening is lazy (on the first I/O), so
// this fails only for a URI it cannot serve at all.
Result<std::unique_ptr<Transport>> makeTransport(const PrinterUri& uri);

}  // namespace mikhak::drivers
