#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/serial_line.hpp"
#include "mikhak/scanner/line_framer.hpp"
#include "mikhak/scanner/source_spec.hpp"
#include "mikhak/scanner/text_read.hpp"

namespace mikhak::scanner {

// A serial scanner: the port and the framer that cuts its bytes into codes. Not thread-safe.
class SerialSource {
 public:
  static constexpr std::size_t kMaxLineLength = 512;

  // serial:PATH[@BAUD]; any other kind of spec is an Error.
  static Result<SerialSource> fromSpec(const SourceSpec& spec,
                                       std::size_t maxLength = kMaxLineLength);
  explicit SerialSource(std::unique_ptr<drivers::SerialLine> line,
                        std::size_t maxLength = kMaxLineLength);

  // Reads what arrived within `timeout` (opening the port first if needed) and returns the lines
  // it completed; a line split across reads is completed by a later one. Overlong lines are
  // listed in `ignored`. After Disconnected the unfinished line is dropped.
  TextRead read(std::chrono::milliseconds timeout);
  void close();
  std::string describe() const { return line_->describe(); }

 private:
  std::unique_ptr<drivers::SerialLine> line_;
  LineFramer framer_;
  std::size_t maxLength_;
};

}  // namespace mikhak::scanner
