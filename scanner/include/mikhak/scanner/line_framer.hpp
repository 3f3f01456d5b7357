#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::scanner {

// Cuts the byte stream of a serial scanner into lines. A line ends at CR, LF or CR LF (scanners
// are configured with any of them), also when the LF of a CR LF comes in the next read. Empty
// lines are dropped, and so is a line longer than maxLength (garbage, or a scanner at the wrong
// baud rate), up to its end.
class LineFramer {
 public:
  explicit LineFramer(std::size_t maxLength = 512);

  // The lines these bytes complete, in order; the unfinished rest waits for the next push.
  std::vector<std::string> push(std::span<const std::uint8_t> bytes);
  std::vector<std::string> push(std::string_view bytes);
  // Overlong lines dropped so far, for the log.
  std::size_t discarded() const { return discarded_; }
  // Forgets the unfinished line, e.g. after the device was opened again.
  void reset();

 private:
  std::size_t maxLength_;
  std::string line_;
  bool overlong_ = false;
  bool afterCr_ = false;  // an LF right after a CR ends nothing
  std::size_t discarded_ = 0;
};

}  // namespace mikhak::scanner
