#pragma once

#include <cstdint>
#include <vector>

#include "mikhak/text/bitmap.hpp"

namespace mikhak::printer {

// How a raster image becomes ESC/POS. Receipt printers have no Persian code page, so everything,
// text included, is printed as an image.
struct EscPosOptions {
  // Each `GS v 0` command carries at most this many bytes of image (whole rows). A command must
  // fit the printer's receive buffer with room to spare, or slow printers time out mid-command or
  // print garbage (pitfalls.md: keep bands to about 256 rows or fewer). 4 KiB is 56 rows of 576
  // dots, 85 rows of 384.
  int maxBandBytes = 4096;
  // And at most this many rows, whatever the width: a narrow image would otherwise put thousands
  // of rows in one band (0: only the format's 65535). A band always has at least one row.
  int maxBandRows = 256;
  int feedLinesBeforeCut = 4;  // `ESC d n`: the last line clears the cutter (0: no `ESC d`)
  bool cut = true;             // `GS V 66 0`: feed to the cutter and cut (partial)
};

// `ESC @`, then the image in bands of `GS v 0 0 xL xH yL yH data`, then `ESC d n` and `GS V`.
// Rows are MonoBitmap's: MSB leftmost, set = ink; the padding bits right of the width are sent
// clear, whatever the bitmap holds. An empty bitmap gives init, feed and cut only. Throws
// std::invalid_argument for a bitmap wider than the format allows (65535 bytes a row) or whose
// bits do not match its size.
std::vector<std::uint8_t> encodeRaster(const text::MonoBitmap& image, const EscPosOptions& options);

// The real-time status request `DLE EOT n` (n = 1 printer, 2 offline cause, 3 error, 4 paper).
// Throws std::invalid_argument for any other n.
std::vector<std::uint8_t> statusRequest(int n);

}  // namespace mikhak::printer
