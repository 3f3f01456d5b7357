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
struct Initialize {};     // ESC @
struct Raster {           // GS v 0 m xL xH yL yH d1...dk
  int mode = 0;           // m: 0 normal, 1 double width, 2 double height, 3 both
  text::MonoBitmap band;  // (xL + xH * 256) * 8 dots wide, yL + yH * 256 rows
};
struct Feed {  // ESC d n, or LF (one line)
  int lines = 0;
};
struct Cut {  // GS V m [n] (and the obsolete ESC i, ESC m)
  bool partial = true;
  int feed = 0;  // m = 65, 66 (97, 98, 103, 104): n motion units fed first
};
struct StatusRequest {  // DLE EOT n (n = 1-4): answer at once, even mid-job
  int n = 0;
};
// A byte or command we do not act on, skipped whole: text, a command we know only the length of
// (ESC a n, ESC !, GS !, GS L, ...), a command we do not know (its first byte alone), a raster
// band over the size limit.
struct Unknown {
  std::uint8_t command = 0;   // the first byte (ESC, GS, DLE, FS, or the lone byte)
  std::uint8_t function = 0;  // the second byte of a prefixed command, else 0
  std::size_t length = 1;     // bytes skipped, data included when its size is known in advance
};
}  // namespace escpos
using EscPosCommand = std::variant<escpos::Initialize, escpos::Raster, escpos::Feed, escpos::Cut,
                                   escpos::StatusRequest, escpos::Unknown>;

// A streaming parser: bytes go in in any split (a TCP read can end mid-command), whole commands
// come out. Bounded memory: a raster band is at most 65535 x 8 by 65535 dots by the format, and a
// band claiming more than maxBandBytes is rejected as Unknown and its data skipped. Bytes inside
// a command's data (an image row that happens to read `DLE EOT 1`) are data, as on a printer.
class EscPosParser {
 public:
  explicit EscPosParser(std::size_t maxBandBytes = 1 << 20) : maxBandBytes_(maxBandBytes) {}
  // Appends the commands completed by these bytes to `out`.
  void feed(std::span<const std::uint8_t> bytes, std::vector<EscPosCommand>& out);
  // Bytes held waiting for the rest of a command.
  std::size_t pending() const { return buffer_.size(); }
  // Forgets a command cut short (the host went away mid-command): the next byte starts afresh.
  void reset();

 private:
  struct Decoded;
  Decoded decode(std::span<const std::uint8_t> bytes) const;
  std::size_t parse(std::span<const std::uint8_t> bytes, std::vector<EscPosCommand>& out);

  std::size_t maxBandBytes_;
  std::vector<std::uint8_t> buffer_;  // the start of a command, fewer than needed_ bytes
  std::size_t needed_ = 0;            // bytes the held command needs before it can be decided
  std::size_t skip_ = 0;              // data of a rejected command still to drop
  bool skipToNul_ = false;            // dropping data up to a NUL (ESC D, GS k m = 0-6)
};

}  // namespace mikhak::printer
