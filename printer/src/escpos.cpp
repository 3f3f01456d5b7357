#include "mikhak/printer/escpos.hpp"

#include <algorithm>
#include <stdexcept>

namespace mikhak::printer {

namespace {

constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kGs = 0x1D;
constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEot = 0x04;

void putLowHigh(std::vector<std::uint8_t>& out, int value) {
  out.push_back(static_cast<std::uint8_t>(value & 0xFF));
  out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
}

}  // namespace

std::vector<std::uint8_t> encodeRaster(const text::MonoBitmap& image,
                                       const EscPosOptions& options) {
  const int rowBytes = text::MonoBitmap::bytesPerRow(image.width);
  if (image.width < 0 || image.height < 0 || rowBytes > 0xFFFF) {
    throw std::invalid_argument("encodeRaster: image size out of GS v 0 range");
  }
  if (image.bits.size() != static_cast<std::size_t>(rowBytes) * image.height) {
    throw std::invalid_argument("encodeRaster: bitmap bits do not match its size");
  }
  std::vector<std::uint8_t> out{kEsc, '@'};
  if (rowBytes > 0 && image.height > 0) {
    // Whole rows, at least one, within both limits and the format's 16-bit row count.
    const int byBytes = std::max(1, options.maxBandBytes / rowBytes);
    const int byRows = options.maxBandRows > 0 ? options.maxBandRows : 0xFFFF;
    const int rowsPerBand = std::min({byBytes, byRows, 0xFFFF});
    // The printer prints the padding bits of the last byte too, so they go out clear.
    const int spare = rowBytes * 8 - image.width;
    const auto lastMask = static_cast<std::uint8_t>(0xFF << spare);
    const int bands = (image.height + rowsPerBand - 1) / rowsPerBand;
    out.reserve(out.size() + image.bits.size() + static_cast<std::size_t>(bands) * 8 + 7);
    for (int top = 0; top < image.height; top += rowsPerBand) {
      const int rows = std::min(rowsPerBand, image.height - top);
      out.insert(out.end(), {kGs, 'v', '0', 0});
      putLowHigh(out, rowBytes);
      putLowHigh(out, rows);
      const auto first = image.bits.begin() + static_cast<std::ptrdiff_t>(top) * rowBytes;
      const std::size_t dataStart = out.size();
      out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(rows) * rowBytes);
      if (spare > 0) {
        for (int row = 1; row <= rows; ++row) {
          out[dataStart + static_cast<std::size_t>(row) * rowBytes - 1] &= lastMask;
        }
      }
    }
  }
  const int feed = std::clamp(options.feedLinesBeforeCut, 0, 255);
  if (feed > 0) out.insert(out.end(), {kEsc, 'd', static_cast<std::uint8_t>(feed)});
  if (options.cut) out.insert(out.end(), {kGs, 'V', 66, 0});
  return out;
}

std::vector<std::uint8_t> statusRequest(int n) {
  if (n < 1 || n > 4) throw std::invalid_argument("statusRequest: n must be 1-4");
  return {kDle, kEot, static_cast<std::uint8_t>(n)};
}

}  // namespace mikhak::printer
