#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "mikhak/text/bitmap.hpp"

namespace mikhak::printer {

// What a stream of ESC/POS bytes asks a printer to do, for the virtual printer and to check our
// own encoder: the subset Mikhak sends, and the length of everything else so it is skipped whole.
namespace escpos {
struct Initialize {};                 // ESC @
struct Raster {                       // GS v 0 m xL xH yL yH d1...dk
  int mode = 0;                       // m: 0 normal (1-3 double width/height)
  text::MonoBitmap band;
};
struct Feed { int lines = 0; };       // ESC d n, or LF (one line)
struct Cut { bool partial = true; };  // GS V m [n]
struct StatusRequest { int n = 0; };  // DLE EOT n: answer at once, even mid-job
struct Unknown { std::uint8_t command = 0; };  // a byte or command we do not understand, skipped
}  // namespace escpos
using EscPosCommand = std::variant<escpos::Initialize, escpos::Raster, escpos::Feed, escpos::Cut,
                                   escpos::StatusRequest, escpos::Unknown>;

// A streaming parser: bytes go in in any split (a TCP read can end mid-command), whole commands
// come out. Bounded memory: a raster band is at most 65535 x 8 by 65535 dots by the format, and a
// band claiming more than maxBandBytes is rejected as Unknown and its data skipped.
class EscPosParser {
 public:
  explicit EscPosParser(std::size_t maxBandBytes = 1 << 20) : maxBandBytes_(maxBandBytes) {}
  // Appends the commands completed by these bytes to `out`.
  void feed(std::span<const std::uint8_t> bytes, std::vector<EscPosCommand>& out);
  // Bytes held waiting for the rest of a command.
  std::size_t pending() const;

 private:
  std::size_t maxBandBytes_;
  std::vector<std::uint8_t> buffer_;
  std::size_t skip_ = 0;  // data of a rejected command still to drop
};

}  // namespace mikhak::printer
