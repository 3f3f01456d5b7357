#pragma once

#include <cerrno>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "mikhak/drivers/transport.hpp"

namespace mikhak::drivers {

// Short ways to build the outcomes every transport returns.
inline IoOutcome succeeded(std::size_t bytes) { return IoOutcome{bytes, std::nullopt}; }

inline IoOutcome failed(std::size_t bytes, IoFailure failure, std::string message) {
  return IoOutcome{bytes, IoError{failure, std::move(message)}};
}

// strerror without its thread-safety trap.
inline std::string errnoText(int error) { return std::generic_category().message(error); }

// What to tell a technician when a device will not open, by kind of failure: each device has its
// own cable, group and rival program. Each hint is appended as " (hint)"; an empty one adds
// nothing.
struct OpenHints {
  std::string_view missing;  // ENOENT, ENXIO, ENODEV: "is the scanner plugged in?"
  std::string_view denied;   // EACCES, EPERM: the group or udev rule
  std::string_view busy;     // EBUSY: who else may hold it
};

// The failed open(2) as an IoError: what + ": cannot open: <reason> (<hint>)".
inline IoError openError(const std::string& what, int error, const OpenHints& hints) {
  const std::string message = what + ": cannot open: " + errnoText(error);
  const auto hinted = [&](IoFailure failure, std::string_view hint) {
    return IoError{failure, hint.empty() ? message : message + " (" + std::string(hint) + ")"};
  };
  switch (error) {
    case ENOENT:
    case ENOTDIR:
    case ENXIO:
    case ENODEV:
      return hinted(IoFailure::NotFound, hints.missing);
    case EACCES:
    case EPERM:
      return hinted(IoFailure::Denied, hints.denied);
    case EBUSY:
      return hinted(IoFailure::Io, hints.busy);
    default:
      return IoError{IoFailure::Io, message};
  }
}

}  // namespace mikhak::drivers
