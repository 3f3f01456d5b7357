#include "symbol_writer.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <exception>
#include <string>

namespace mikhak::scanner::test {
namespace {

Result<BarcodeImage> render(ZXing::BarcodeFormat format, std::string_view text, int modulePixels,
                            int quietZoneModules) {
  if (text.empty() || modulePixels < 1 || modulePixels > 64 || quietZoneModules < 0 ||
      quietZoneModules > 64) {
    return Error{"symbol_writer: empty text, or module size or quiet zone out of range"};
  }
  ZXing::BitMatrix bare;
  try {
    // One pixel a module and no margin (ZXing centres a symbol in a requested size with padding
    // of its own): the scaling and the quiet zone are done here, in whole pixels.
    ZXing::MultiFormatWriter writer(format);
    writer.setMargin(0);
    bare = writer.encode(std::string(text), 0, 0);
  } catch (const std::exception& e) {
    return Error{std::string("symbol_writer: ") + e.what()};
  }
  const int m = modulePixels;
  const int quiet = quietZoneModules * m;
  BarcodeImage image;
  image.modules = bare.width();
  image.modulePixels = m;
  image.quietZonePixels = quiet;
  image.width = bare.width() * m + 2 * quiet;
  image.height = bare.height() * m + 2 * quiet;
  image.ink.assign(static_cast<std::size_t>(image.width) * image.height, 0);
  for (int y = 0; y < bare.height(); ++y) {
    for (int x = 0; x < bare.width(); ++x) {
      if (!bare.get(x, y)) continue;
      for (int py = quiet + y * m; py < quiet + (y + 1) * m; ++py) {
        std::fill_n(&image.ink[static_cast<std::size_t>(py) * image.width + quiet + x * m], m,
                    std::uint8_t{255});
      }
    }
  }
  return image;
}

}  // namespace

Result<BarcodeImage> renderPdf417(std::string_view text, int modulePixels, int quietZoneModules) {
  return render(ZXing::BarcodeFormat::PDF417, text, modulePixels, quietZoneModules);
}

Result<BarcodeImage> renderDataMatrix(std::string_view text, int modulePixels,
                                      int quietZoneModules) {
  return render(ZXing::BarcodeFormat::DataMatrix, text, modulePixels, quietZoneModules);
}

}  // namespace mikhak::scanner::test
