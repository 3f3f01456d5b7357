// The ZXing adapter: what it draws reads back, exactly, through its own reader.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/scanner/barcode_writer.hpp"

namespace mikhak::scanner {
namespace {

// A notice payload's shape and length: MKH1.<14>.<id>.<seconds>.<86 base64url>.
const std::string kPayload =
    "MKH1.48210093175268.LON.1795516200."
    "q0_9-ZzYxWvUtSrQpOnMlKjIhGfEdCbA0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR";

// Luminance, as a camera gives it: ink dark on white paper.
struct Frame {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> luma;

  Frame(int w, int h) : width(w), height(h), luma(static_cast<std::size_t>(w) * h, 255) {}
  void put(const BarcodeImage& image, int x, int y) {
    for (int row = 0; row < image.height; ++row) {
      for (int col = 0; col < image.width; ++col) {
        luma[static_cast<std::size_t>(y + row) * width + x + col] =
            static_cast<std::uint8_t>(255 - image.at(col, row));
      }
    }
  }
  GreyImageView view() const { return {luma.data(), width, height, width}; }
};

Frame frameOf(const BarcodeImage& image, int border = 0) {
  Frame frame(image.width + 2 * border, image.height + 2 * border);
  frame.put(image, border, border);
  return frame;
}

TEST(BarcodeWriter, QrReadsBackToTheExactPayload) {
  auto qr = renderQr(kPayload, {.modulePixels = 4});
  ASSERT_TRUE(qr) << qr.error().message;
  const Frame frame = frameOf(*qr);
  const auto found = readBarcodes(frame.view(), {.formats = BarcodeFormat::QrCode});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].format, BarcodeFormat::QrCode);
  EXPECT_EQ(found[0].text, kPayload);
  EXPECT_FALSE(found[0].inverted);
}

TEST(BarcodeWriter, Code128ReadsBackToTheBareDigits) {
  auto bars = renderCode128("48210093175268", {.modulePixels = 2, .heightPixels = 60});
  ASSERT_TRUE(bars) << bars.error().message;
  const Frame frame = frameOf(*bars);
  const auto found = readBarcodes(frame.view(), {.formats = BarcodeFormat::Code128});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].format, BarcodeFormat::Code128);
  EXPECT_EQ(found[0].text, "48210093175268");
}

TEST(BarcodeWriter, QrModulesAreWholePixelsWithAWhiteQuietZone) {
  auto qr = renderQr(kPayload, {.modulePixels = 5, .quietZoneModules = 4});
  ASSERT_TRUE(qr);
  // QR versions are 17 + 4v modules a side; 121 bytes at level M is version 7.
  EXPECT_EQ((qr->modules - 17) % 4, 0);
  EXPECT_EQ(qr->modules, 45);
  EXPECT_EQ(qr->quietZonePixels, 20);
  EXPECT_EQ(qr->width, qr->modules * 5 + 2 * 20);
  EXPECT_EQ(qr->height, qr->width);
  for (int y = 0; y < qr->height; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      const std::uint8_t v = qr->at(x, y);
      ASSERT_TRUE(v == 0 || v == 255) << "grey pixel at " << x << "," << y;
      const bool inQuietZone = x < 20 || y < 20 || x >= qr->width - 20 || y >= qr->height - 20;
      if (inQuietZone) {
        ASSERT_EQ(v, 0) << "ink in the quiet zone at " << x << "," << y;
      } else {
        // Every pixel equals the top-left pixel of its module: no blur, no fractional scaling.
        const int mx = 20 + (x - 20) / 5 * 5;
        const int my = 20 + (y - 20) / 5 * 5;
        ASSERT_EQ(v, qr->at(mx, my)) << x << "," << y;
      }
    }
  }
  // The finder pattern's dark corner is where the symbol starts.
  EXPECT_EQ(qr->at(20, 20), 255);
}

TEST(BarcodeWriter, Code128BarsAreWholeModulesWithTenModuleQuietZones) {
  auto bars = renderCode128("48210093175268",
                            {.modulePixels = 3, .heightPixels = 40, .quietZoneModules = 10});
  ASSERT_TRUE(bars);
  // Code set C: start (11) + 7 digit pairs (77) + check (11) + stop (13).
  EXPECT_EQ(bars->modules, 112);
  EXPECT_EQ(bars->quietZonePixels, 30);
  EXPECT_EQ(bars->width, 112 * 3 + 60);
  EXPECT_EQ(bars->height, 40);
  for (int x = 0; x < bars->width; ++x) {
    const bool quiet = x < 30 || x >= bars->width - 30;
    if (quiet) {
      ASSERT_EQ(bars->at(x, 0), 0) << x;
    } else {
      ASSERT_EQ(bars->at(x, 0), bars->at(30 + (x - 30) / 3 * 3, 0)) << x;
    }
    for (int y = 1; y < bars->height; ++y) ASSERT_EQ(bars->at(x, y), bars->at(x, 0));
  }
  EXPECT_EQ(bars->at(30, 0), 255);  // the start character begins with a bar
}

TEST(BarcodeWriter, BadInputIsAnErrorValue) {
  EXPECT_FALSE(renderQr(""));
  EXPECT_FALSE(renderQr("کد"));  // non-ASCII: ZXing 1.4 would guess its character set
  EXPECT_FALSE(renderQr(kPayload, {.modulePixels = 0}));
  EXPECT_FALSE(renderQr(kPayload, {.quietZoneModules = -1}));
  EXPECT_FALSE(renderQr(std::string(5000, 'A')));  // more than a QR code holds
  EXPECT_FALSE(renderCode128(""));
  EXPECT_FALSE(renderCode128("4821\n"));
  EXPECT_FALSE(renderCode128("48210093175268", {.heightPixels = 0}));
}

TEST(BarcodeReader, FindsBothCodesInOneFrameAndOnlyTheFormatsAsked) {
  auto qr = renderQr(kPayload, {.modulePixels = 4});
  auto bars = renderCode128("48210093175268", {.modulePixels = 2, .heightPixels = 60});
  ASSERT_TRUE(qr && bars);
  Frame frame(qr->width + bars->width + 60, qr->height + 40);
  frame.put(*qr, 20, 20);
  frame.put(*bars, qr->width + 40, 60);

  auto found = readBarcodes(frame.view());
  std::sort(found.begin(), found.end(),
            [](const Decoded& a, const Decoded& b) { return a.format < b.format; });
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].format, BarcodeFormat::QrCode);
  EXPECT_EQ(found[0].text, kPayload);
  EXPECT_LT(found[0].box.right, qr->width + 40);  // the QR code is on the left
  EXPECT_EQ(found[1].format, BarcodeFormat::Code128);
  EXPECT_EQ(found[1].text, "48210093175268");
  EXPECT_GT(found[1].box.left, qr->width);

  const auto onlyBars = readBarcodes(frame.view(), {.formats = BarcodeFormat::Code128});
  ASSERT_EQ(onlyBars.size(), 1u);
  EXPECT_EQ(onlyBars[0].format, BarcodeFormat::Code128);
}

TEST(BarcodeReader, ReadsLargeFramesWithACode128AndBigCodes) {
  // Over 500 pixels a side, ZXing 1.4's own downscaling aborts on a Code 128 found at two
  // scales (an assert Debian keeps); the adapter's own pyramid must read it, and a QR code too
  // big for the full-size pass.
  auto qr = renderQr(kPayload, {.modulePixels = 14});
  auto bars = renderCode128("48210093175268", {.modulePixels = 6, .heightPixels = 200});
  ASSERT_TRUE(qr && bars);
  Frame frame(1920, 1080);
  frame.put(*bars, 40, 100);
  frame.put(*qr, 1920 - qr->width - 20, 1080 - qr->height - 20);
  const auto found = readBarcodes(frame.view());
  ASSERT_EQ(found.size(), 2u);
  for (const Decoded& d : found) {
    EXPECT_EQ(d.text, d.format == BarcodeFormat::QrCode ? kPayload : "48210093175268");
    EXPECT_LE(d.box.right, 1920);
    EXPECT_LE(d.box.bottom, 1080);
  }
}

TEST(BarcodeReader, ReadsALightCodeOnDarkOnlyWhenAskedToInvert) {
  auto qr = renderQr(kPayload, {.modulePixels = 4});
  ASSERT_TRUE(qr);
  Frame frame = frameOf(*qr, 8);
  for (auto& p : frame.luma) p = static_cast<std::uint8_t>(255 - p);  // a phone in dark mode

  EXPECT_TRUE(readBarcodes(frame.view()).empty());
  const auto found = readBarcodes(frame.view(), {.tryInverted = true});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, kPayload);
  EXPECT_TRUE(found[0].inverted);
}

TEST(BarcodeReader, EmptyOrBadViewsGiveNothing) {
  const std::vector<std::uint8_t> white(100 * 100, 255);
  EXPECT_TRUE(readBarcodes({white.data(), 100, 100, 100}).empty());
  EXPECT_TRUE(readBarcodes({nullptr, 100, 100, 100}).empty());
  EXPECT_TRUE(readBarcodes({white.data(), 0, 100, 0}).empty());
  EXPECT_TRUE(readBarcodes({white.data(), 100, 100, 50}).empty());  // stride below width
  EXPECT_TRUE(
      readBarcodes({white.data(), 100, 100, 100}, {.formats = BarcodeFormat::None}).empty());
}

TEST(BarcodeFormatNames, AreReadable) {
  EXPECT_EQ(formatName(BarcodeFormat::QrCode), "QR Code");
  EXPECT_EQ(formatName(BarcodeFormat::Code128), "Code 128");
  EXPECT_TRUE(contains(kNoticeFormats, BarcodeFormat::QrCode));
  EXPECT_TRUE(contains(kNoticeFormats, BarcodeFormat::Code128));
  EXPECT_FALSE(contains(BarcodeFormat::QrCode, BarcodeFormat::Code128));
}

}  // namespace
}  // namespace mikhak::scanner
