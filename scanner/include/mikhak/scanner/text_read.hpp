#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mikhak/drivers/transport.hpp"

namespace mikhak::scanner {

// What one read of a scanner that decodes by itself (keyboard wedge, serial) gave.
struct TextRead {
  std::vector<std::string> codes;         // complete codes, in the order scanned
  std::vector<std::string> ignored;       // input set aside, and why, for the log
  std::optional<drivers::IoError> error;  // the device failed; Timeout when nothing came
  bool ok() const { return !error; }
};

}  // namespace mikhak::scanner
