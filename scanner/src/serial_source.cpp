#include "mikhak/scanner/serial_source.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace mikhak::scanner {

Result<SerialSource> SerialSource::fromSpec(const SourceSpec& spec, std::size_t maxLength) {
  if (spec.kind != SourceSpec::Kind::Serial) {
    return Error{"SerialSource: " + spec.text() + " is not a serial: source"};
  }
  auto line = drivers::makeSerialPort(spec.path, spec.baud);
  if (!line) return Error{"SerialSource: " + line.error().message};
  return SerialSource(std::move(*line), maxLength);
}

SerialSource::SerialSource(std::unique_ptr<drivers::SerialLine> line, std::size_t maxLength)
    : line_(std::move(line)), framer_(maxLength), maxLength_(maxLength) {}

void SerialSource::close() {
  line_->close();
  framer_.reset();
}

TextRead SerialSource::read(std::chrono::milliseconds timeout) {
  TextRead result;
  std::array<std::uint8_t, 1024> buffer{};
  const auto got = line_->read(buffer, timeout);
  const auto discardedBefore = framer_.discarded();
  result.codes = framer_.push(std::span(buffer).first(got.bytes));
  for (auto n = framer_.discarded() - discardedBefore; n > 0; --n) {
    result.ignored.push_back(describe() + ": a line longer than " + std::to_string(maxLength_) +
                             " bytes, discarded");
  }
  if (got.error) {
    result.error = got.error;
    if (got.error->failure != drivers::IoFailure::Timeout) close();
  }
  return result;
}

}  // namespace mikhak::scanner
