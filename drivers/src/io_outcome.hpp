#pragma once

#include <cstddef>
#include <string>
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

}  // namespace mikhak::drivers
