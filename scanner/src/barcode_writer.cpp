// The one file that calls ZXing-cpp, for writing and for reading: its API changed a lot between
// 1.4 (Debian 12) and 2.x/3.x (DecodeHints -> ReaderOptions, Result -> Barcode, a new writer), so
// a move to a newer version touches this file only.
#define ZX_USE_UTF8 1  // Result::text() as UTF-8 std::string (1.4 still defaults to wstring)

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/scanner/barcode_writer.hpp"

namespace mikhak::scanner {
namespace {

constexpr int kMaxModulePixels = 64;
constexpr int kMaxQuietZoneModules = 64;
constexpr int kMaxBarHeight = 4096;

bool printableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// ZXing's own level numbers for QR: 1-2 L, 3-4 M, 5-6 Q, 7-8 H (it maps (level - 1) / 2).
int zxingEccLevel(QrErrorCorrection level) {
  switch (level) {
    case QrErrorCorrection::Low:
      return 1;
    case QrErrorCorrection::Medium:
      return 3;
    case QrErrorCorrection::Quartile:
      return 5;
    case QrErrorCorrection::High:
      return 7;
  }
  return 3;
}

// The symbol at one pixel a module and no margin: ZXing's own scaling centres the code in the
// requested size with a remainder of padding, so the scaling and the quiet zone are done here.
ZXing::BitMatrix encodeBare(ZXing::BarcodeFormat format, const std::string& text, int eccLevel) {
  ZXing::MultiFormatWriter writer(format);
  writer.setMargin(0);
  if (eccLevel >= 0) writer.setEccLevel(eccLevel);
  return writer.encode(text, 0, 0);
}

ZXing::BarcodeFormats toZxing(BarcodeFormat formats) {
  ZXing::BarcodeFormats out;
  if (contains(formats, BarcodeFormat::QrCode)) out |= ZXing::BarcodeFormat::QRCode;
  if (contains(formats, BarcodeFormat::Code128)) out |= ZXing::BarcodeFormat::Code128;
  if (contains(formats, BarcodeFormat::Pdf417)) out |= ZXing::BarcodeFormat::PDF417;
  if (contains(formats, BarcodeFormat::DataMatrix)) out |= ZXing::BarcodeFormat::DataMatrix;
  return out;
}

BarcodeFormat fromZxing(ZXing::BarcodeFormat format) {
  switch (format) {
    case ZXing::BarcodeFormat::QRCode:
      return BarcodeFormat::QrCode;
    case ZXing::BarcodeFormat::Code128:
      return BarcodeFormat::Code128;
    case ZXing::BarcodeFormat::PDF417:
      return BarcodeFormat::Pdf417;
    case ZXing::BarcodeFormat::DataMatrix:
      return BarcodeFormat::DataMatrix;
    default:
      return BarcodeFormat::None;
  }
}

PixelBox boxAround(const ZXing::Position& corners) {
  PixelBox box{corners[0].x, corners[0].y, corners[0].x + 1, corners[0].y + 1};
  for (const auto& p : corners) {
    box.left = std::min(box.left, p.x);
    box.top = std::min(box.top, p.y);
    box.right = std::max(box.right, p.x + 1);
    box.bottom = std::max(box.bottom, p.y + 1);
  }
  return box;
}

// ZXing 1.4 looks for large symbols in a pyramid of downscaled copies (tryDownscale), but then
// compares a linear code found on two layers with Result::operator==, whose
// assert(lineCount() == 1) aborts the process: Debian builds keep asserts (zxing-cpp #740), and
// any frame over 500 pixels with a Code 128 in it trips it. So the pyramid is built here, the
// same way (3x3 box averages while the short side is over 500 pixels), each layer is read on its
// own, and repeats are dropped by format and text.
constexpr int kDownscaleThreshold = 500;
constexpr int kDownscaleFactor = 3;

struct Layer {
  std::vector<std::uint8_t> pixels;
  int width = 0;
  int height = 0;
};

Layer downscale(const std::uint8_t* pixels, int width, int height, int stride) {
  constexpr int kN = kDownscaleFactor;
  Layer out{{}, width / kN, height / kN};
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sum = kN * kN / 2;
      for (int dy = 0; dy < kN; ++dy) {
        const std::uint8_t* row = pixels + static_cast<std::size_t>(y * kN + dy) * stride +
                                  static_cast<std::size_t>(x) * kN;
        for (int dx = 0; dx < kN; ++dx) sum += row[dx];
      }
      out.pixels[static_cast<std::size_t>(y) * out.width + x] =
          static_cast<std::uint8_t>(sum / (kN * kN));
    }
  }
  return out;
}

void appendResults(const ZXing::Results& results, int scale, bool inverted,
                   std::vector<Decoded>& out) {
  for (const ZXing::Result& r : results) {
    if (!r.isValid()) continue;
    const BarcodeFormat format = fromZxing(r.format());
    if (format == BarcodeFormat::None) continue;
    std::string text = r.text();
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Decoded& d) {
      return d.format == format && d.text == text;
    });
    if (seen) continue;
    PixelBox box = boxAround(r.position());
    box = {box.left * scale, box.top * scale, box.right * scale, box.bottom * scale};
    out.push_back({format, std::move(text), box, inverted});
  }
}

// Reads the frame and its downscaled copies.
void readPyramid(const std::uint8_t* pixels, int width, int height, int stride,
                 const ZXing::DecodeHints& hints, bool inverted, std::vector<Decoded>& out) {
  appendResults(
      ZXing::ReadBarcodes(ZXing::ImageView(pixels, width, height, ZXing::ImageFormat::Lum, stride),
                          hints),
      1, inverted, out);
  Layer layer;
  for (int scale = kDownscaleFactor; std::min(width, height) > kDownscaleThreshold;
       scale *= kDownscaleFactor) {
    layer = downscale(pixels, width, height, stride);
    pixels = layer.pixels.data();
    width = stride = layer.width;
    height = layer.height;
    appendResults(
        ZXing::ReadBarcodes(
            ZXing::ImageView(pixels, width, height, ZXing::ImageFormat::Lum, stride), hints),
        scale, inverted, out);
  }
}

// A low-contrast frame (a dim phone screen, a grey photocopy) stretched so that its 1st and 99th
// percentiles become black and white, or nothing if its contrast is already wide. ZXing 1.4's
// binarizer gives up on such frames. Frames of ordinary contrast are never stretched, so this
// costs them one histogram and can lose none of their reads.
std::optional<std::vector<std::uint8_t>> stretchedContrast(const GreyImageView& image, int stride) {
  std::array<std::size_t, 256> histogram{};
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* row = image.pixels + static_cast<std::size_t>(y) * stride;
    for (int x = 0; x < image.width; ++x) ++histogram[row[x]];
  }
  const std::size_t total = static_cast<std::size_t>(image.width) * image.height;
  const auto percentile = [&](std::size_t rank) {
    std::size_t seen = 0;
    for (int v = 0; v < 256; ++v) {
      seen += histogram[static_cast<std::size_t>(v)];
      if (seen > rank) return v;
    }
    return 255;
  };
  const int low = percentile(total / 100);
  const int high = percentile(total - total / 100 - 1);
  constexpr int kWideEnough = 128;
  if (high - low >= kWideEnough || high <= low) return std::nullopt;
  std::array<std::uint8_t, 256> map{};
  for (int v = 0; v < 256; ++v) {
    map[static_cast<std::size_t>(v)] =
        static_cast<std::uint8_t>(std::clamp((v - low) * 255 / (high - low), 0, 255));
  }
  std::vector<std::uint8_t> out(total);
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* in = image.pixels + static_cast<std::size_t>(y) * stride;
    std::uint8_t* o = &out[static_cast<std::size_t>(y) * image.width];
    for (int x = 0; x < image.width; ++x) o[x] = map[in[x]];
  }
  return out;
}

}  // namespace

std::string_view formatName(BarcodeFormat format) {
  switch (format) {
    case BarcodeFormat::QrCode:
      return "QR Code";
    case BarcodeFormat::Code128:
      return "Code 128";
    case BarcodeFormat::Pdf417:
      return "PDF417";
    case BarcodeFormat::DataMatrix:
      return "Data Matrix";
    default:
      return "none";
  }
}

Result<BarcodeImage> renderQr(std::string_view text, const QrOptions& options) {
  if (text.empty() || !printableAscii(text)) {
    return Error{"scanner: a QR payload must be printable ASCII, and not empty"};
  }
  if (options.modulePixels < 1 || options.modulePixels > kMaxModulePixels ||
      options.quietZoneModules < 0 || options.quietZoneModules > kMaxQuietZoneModules) {
    return Error{"scanner: QR module size or quiet zone out of range"};
  }
  ZXing::BitMatrix bare;
  try {
    bare = encodeBare(ZXing::BarcodeFormat::QRCode, std::string(text),
                      zxingEccLevel(options.errorCorrection));
  } catch (const std::exception& e) {
    return Error{std::string("scanner: cannot make a QR code: ") + e.what()};
  }
  const int m = options.modulePixels;
  const int quiet = options.quietZoneModules * m;
  BarcodeImage image;
  image.modules = bare.width();
  image.modulePixels = m;
  image.quietZonePixels = quiet;
  image.width = image.height = bare.width() * m + 2 * quiet;
  image.ink.assign(static_cast<std::size_t>(image.width) * image.height, 0);
  for (int y = 0; y < bare.height(); ++y) {
    for (int x = 0; x < bare.width(); ++x) {
      if (!bare.get(x, y)) continue;
      for (int py = quiet + y * m; py < quiet + (y + 1) * m; ++py) {
        const auto rowStart = static_cast<std::size_t>(py) * image.width;
        const int left = quiet + x * m;
        std::fill_n(&image.ink[rowStart + static_cast<std::size_t>(left)], m, std::uint8_t{255});
      }
    }
  }
  return image;
}

Result<BarcodeImage> renderCode128(std::string_view text, const Code128Options& options) {
  if (text.empty() || !printableAscii(text)) {
    return Error{"scanner: Code 128 text must be printable ASCII, and not empty"};
  }
  if (options.modulePixels < 1 || options.modulePixels > kMaxModulePixels ||
      options.quietZoneModules < 0 || options.quietZoneModules > kMaxQuietZoneModules ||
      options.heightPixels < 1 || options.heightPixels > kMaxBarHeight) {
    return Error{"scanner: Code 128 module size, height or quiet zone out of range"};
  }
  ZXing::BitMatrix bare;
  try {
    bare = encodeBare(ZXing::BarcodeFormat::Code128, std::string(text), -1);
  } catch (const std::exception& e) {
    return Error{std::string("scanner: cannot make a Code 128: ") + e.what()};
  }
  const int m = options.modulePixels;
  const int quiet = options.quietZoneModules * m;
  BarcodeImage image;
  image.modules = bare.width();
  image.modulePixels = m;
  image.quietZonePixels = quiet;
  image.width = bare.width() * m + 2 * quiet;
  image.height = options.heightPixels;
  std::vector<std::uint8_t> row(static_cast<std::size_t>(image.width), 0);
  for (int x = 0; x < bare.width(); ++x) {
    const int left = quiet + x * m;  // under the size checked above: no overflow
    if (bare.get(x, 0)) std::fill_n(&row[static_cast<std::size_t>(left)], m, std::uint8_t{255});
  }
  image.ink.reserve(row.size() * static_cast<std::size_t>(image.height));
  for (int y = 0; y < image.height; ++y) image.ink.insert(image.ink.end(), row.begin(), row.end());
  return image;
}

std::vector<Decoded> readBarcodes(const GreyImageView& image, const ReadOptions& options) {
  std::vector<Decoded> found;
  const int stride = image.rowStride > 0 ? image.rowStride : image.width;
  if (image.pixels == nullptr || image.width <= 0 || image.height <= 0 || stride < image.width ||
      options.formats == BarcodeFormat::None) {
    return found;
  }
  ZXing::DecodeHints hints;
  hints.setFormats(toZxing(options.formats));
  hints.setTryHarder(options.tryHarder);
  hints.setTryRotate(options.tryHarder);
  hints.setTryDownscale(false);  // done by readPyramid: see there
  try {
    readPyramid(image.pixels, image.width, image.height, stride, hints, false, found);
    // Light on dark only where nothing dark on light was found: no notice mixes the two, and it
    // halves the cost of every frame that reads.
    if (options.tryInverted && found.empty()) {
      std::vector<std::uint8_t> inverted(static_cast<std::size_t>(image.width) * image.height);
      for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* in = image.pixels + static_cast<std::size_t>(y) * stride;
        std::uint8_t* out = &inverted[static_cast<std::size_t>(y) * image.width];
        for (int x = 0; x < image.width; ++x) out[x] = static_cast<std::uint8_t>(255 - in[x]);
      }
      readPyramid(inverted.data(), image.width, image.height, image.width, hints, true, found);
    }
    // Only a frame whose contrast is narrow is read again, stretched: one code found in it (a
    // bold barcode) says nothing about the fainter ones beside it.
    if (const auto stretched = stretchedContrast(image, stride)) {
      readPyramid(stretched->data(), image.width, image.height, image.width, hints, false, found);
    }
  } catch (const std::exception&) {
    // ZXing throws only for views it cannot take (checked above) or its own bugs: a frame that
    // cannot be read is a frame with nothing on it.
  }
  return found;
}

}  // namespace mikhak::scanner
