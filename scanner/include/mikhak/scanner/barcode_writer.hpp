#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/scanner/barcode.hpp"

namespace mikhak::scanner {

// A barcode drawn at a whole number of pixels a module, its quiet zone included, so that printing
// it 1:1 gives sharp edges a scanner can measure (scaling by a fraction blurs them).
// One byte a pixel, as ink coverage: 255 a dark module or bar, 0 paper. That is the convention of
// the text engine's bitmaps, so a page can take the pixels as they are.
struct BarcodeImage {
  int width = 0;
  int height = 0;
  int modules = 0;          // the symbol without its quiet zone: QR side, or Code 128 width
  int modulePixels = 0;     // pixels a module
  int quietZonePixels = 0;  // white border on each side (QR: all four, Code 128: left and right)
  std::vector<std::uint8_t> ink;  // row-major, width bytes a row

  std::uint8_t at(int x, int y) const { return ink[static_cast<std::size_t>(y) * width + x]; }
};

enum class QrErrorCorrection { Low, Medium, Quartile, High };

struct QrOptions {
  int modulePixels = 4;
  int quietZoneModules = 4;  // ISO/IEC 18004 asks for 4
  QrErrorCorrection errorCorrection = QrErrorCorrection::Medium;
};

struct Code128Options {
  int modulePixels = 2;       // the narrowest bar
  int heightPixels = 80;      // bar height
  int quietZoneModules = 10;  // ISO/IEC 15417 asks for 10 on each side
};

// QR code of ASCII text (the notice payload is ASCII by design: ZXing 1.4 guesses the character
// set of anything else). Errors, as values: empty or non-ASCII text, sizes out of range, text too
// long for a QR code.
Result<BarcodeImage> renderQr(std::string_view text, const QrOptions& options = {});

// Code 128 of printable ASCII text (digits only give the dense code set C).
Result<BarcodeImage> renderCode128(std::string_view text, const Code128Options& options = {});

}  // namespace mikhak::scanner
