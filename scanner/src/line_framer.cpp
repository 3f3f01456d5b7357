#include "mikhak/scanner/line_framer.hpp"

#include <utility>

namespace mikhak::scanner {

LineFramer::LineFramer(std::size_t maxLength) : maxLength_(maxLength) {}

void LineFramer::reset() {
  line_.clear();
  overlong_ = false;
  afterCr_ = false;
}

std::vector<std::string> LineFramer::push(std::string_view bytes) {
  return push(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::vector<std::string> LineFramer::push(std::span<const std::uint8_t> bytes) {
  std::vector<std::string> lines;
  for (const std::uint8_t byte : bytes) {
    const bool wasAfterCr = std::exchange(afterCr_, byte == '\r');
    if (byte == '\n' && wasAfterCr) continue;
    if (byte == '\r' || byte == '\n') {
      if (overlong_) {
        ++discarded_;
      } else if (!line_.empty()) {
        lines.push_back(std::move(line_));
      }
      line_.clear();
      overlong_ = false;
      continue;
    }
    if (overlong_) continue;
    if (line_.size() >= maxLength_) {
      overlong_ = true;
      line_ = std::string();
      continue;
    }
    line_.push_back(static_cast<char>(byte));
  }
  return lines;
}

}  // namespace mikhak::scanner
