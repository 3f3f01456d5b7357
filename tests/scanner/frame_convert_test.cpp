// Camera and file data to grey: YUYV and JPEG (as MJPEG cameras send it) and PNG, encoded here
// with libjpeg and libpng themselves, and corrupt data that must give an Error, never a crash.
#include "mikhak/scanner/frame_convert.hpp"

// clang-format off
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>
// clang-format on
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "jpeg_writer.hpp"

namespace mikhak::scanner {
namespace {

// A test picture: smooth gradients with a few solid blocks, like paper with print on it.
GreyFrame testPicture(int width, int height) {
  GreyFrame frame{width, height,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(width * height))};
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      int value = 40 + (x * 150) / width + (y * 60) / height;
      if ((x / 16 + y / 16) % 5 == 0) value = 20;
      frame.pixels[static_cast<std::size_t>(y * width + x)] = static_cast<std::uint8_t>(value);
    }
  }
  return frame;
}

// Y of each pixel from the grey picture; U and V vary, to show they are left out.
std::vector<std::uint8_t> yuyvOf(const GreyFrame& grey, int bytesPerLine) {
  std::vector<std::uint8_t> data(static_cast<std::size_t>(bytesPerLine * grey.height), 0xEE);
  for (int y = 0; y < grey.height; ++y) {
    for (int x = 0; x < grey.width; ++x) {
      auto* pixel = &data[static_cast<std::size_t>(y * bytesPerLine + 2 * x)];
      pixel[0] = grey.at(x, y);
      pixel[1] = static_cast<std::uint8_t>(x % 2 == 0 ? 16 + x % 200 : 240 - y % 200);  // U / V
    }
  }
  return data;
}

using mikhak::test::encodeJpeg;

std::vector<std::uint8_t> encodeJpeg(const GreyFrame& grey, int quality = 95) {
  return encodeJpeg(grey.pixels, grey.width, grey.height, 1, quality);
}

// The same stream without its Huffman tables (DHT segments), as MJPEG cameras send frames.
std::vector<std::uint8_t> withoutHuffmanTables(const std::vector<std::uint8_t>& jpeg) {
  std::vector<std::uint8_t> out(jpeg.begin(), jpeg.begin() + 2);  // SOI
  std::size_t at = 2;
  while (at + 4 <= jpeg.size() && jpeg[at] == 0xFF) {
    const std::uint8_t marker = jpeg[at + 1];
    const std::size_t length = static_cast<std::size_t>(jpeg[at + 2] << 8 | jpeg[at + 3]);
    if (marker == 0xDA) break;  // start of scan: the entropy-coded data follows
    if (marker != 0xC4) out.insert(out.end(), jpeg.begin() + at, jpeg.begin() + at + 2 + length);
    at += 2 + length;
  }
  out.insert(out.end(), jpeg.begin() + at, jpeg.end());
  return out;
}

std::vector<std::uint8_t> encodePng(const std::vector<std::uint8_t>& samples, int width, int height,
                                    png_uint_32 format) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = format;
  png_alloc_size_t size = 0;
  EXPECT_NE(png_image_write_to_memory(&image, nullptr, &size, 0, samples.data(), 0, nullptr), 0);
  std::vector<std::uint8_t> bytes(size);
  EXPECT_NE(png_image_write_to_memory(&image, bytes.data(), &size, 0, samples.data(), 0, nullptr),
            0);
  bytes.resize(size);
  return bytes;
}

struct Difference {
  double mean = 0;
  int max = 0;
};

Difference difference(const GreyFrame& a, const GreyFrame& b) {
  Difference result;
  double total = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    const int delta = std::abs(int(a.pixels[i]) - int(b.pixels[i]));
    total += delta;
    result.max = std::max(result.max, delta);
  }
  result.mean = total / static_cast<double>(a.pixels.size());
  return result;
}

TEST(FrameConvertYuyv, TheYBytesAreTheGreyImageExactly) {
  const GreyFrame picture = testPicture(64, 48);

  const auto grey = greyFromYuyv(yuyvOf(picture, 128), 64, 48);

  ASSERT_TRUE(grey) << grey.error().message;
  EXPECT_EQ(grey->width, 64);
  EXPECT_EQ(grey->height, 48);
  EXPECT_EQ(grey->pixels, picture.pixels);
}

TEST(FrameConvertYuyv, RowPaddingIsSkippedByThePitch) {
  const GreyFrame picture = testPicture(64, 48);

  const auto grey = greyFromYuyv(yuyvOf(picture, 128 + 32), 64, 48, 128 + 32);

  ASSERT_TRUE(grey) << grey.error().message;
  EXPECT_EQ(grey->pixels, picture.pixels);
}

TEST(FrameConvertYuyv, TooFewBytesAreAnError) {
  const auto data = yuyvOf(testPicture(64, 48), 128);

  const auto grey = greyFromYuyv(std::span(data).first(data.size() - 1), 64, 48);

  ASSERT_FALSE(grey);
  EXPECT_NE(grey.error().message.find("6143 bytes, a frame needs 6144"), std::string::npos)
      << grey.error().message;
}

TEST(FrameConvertYuyv, AnOddWidthIsAnError) {
  const std::vector<std::uint8_t> data(1000, 0);
  EXPECT_FALSE(greyFromYuyv(data, 15, 10));
}

TEST(FrameConvertYuyv, APitchNarrowerThanTheRowIsAnError) {
  const std::vector<std::uint8_t> data(1000, 0);
  EXPECT_FALSE(greyFromYuyv(data, 16, 10, 20));
}

TEST(FrameConvertYuyv, AnEmptyOrHugeSizeIsAnError) {
  const std::vector<std::uint8_t> data(1000, 0);
  EXPECT_FALSE(greyFromYuyv(data, 0, 10));
  EXPECT_FALSE(greyFromYuyv(data, 16, -1));
  EXPECT_FALSE(greyFromYuyv(data, 20000, 1));
}

TEST(FrameConvertJpeg, AGreyJpegDecodesCloseToItsImage) {
  const GreyFrame picture = testPicture(160, 120);

  const auto grey = greyFromJpeg(encodeJpeg(picture));

  ASSERT_TRUE(grey) << grey.error().message;
  ASSERT_EQ(grey->width, 160);
  ASSERT_EQ(grey->height, 120);
  const auto diff = difference(*grey, picture);
  EXPECT_LT(diff.mean, 2.0);
  EXPECT_LT(diff.max, 32);
}

TEST(FrameConvertJpeg, AColourJpegDecodesToItsLuminance) {
  // Three bands: red, green, blue; their luminance is 0.299, 0.587 and 0.114 of full scale.
  const int width = 48, height = 16;
  std::vector<std::uint8_t> rgb;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const int band = x / 16;
      rgb.insert(rgb.end(), {std::uint8_t(band == 0 ? 255 : 0), std::uint8_t(band == 1 ? 255 : 0),
                             std::uint8_t(band == 2 ? 255 : 0)});
    }
  }

  const auto grey = greyFromJpeg(encodeJpeg(rgb, width, height, 3, 100));

  ASSERT_TRUE(grey) << grey.error().message;
  EXPECT_NEAR(grey->at(8, 8), 76, 4);
  EXPECT_NEAR(grey->at(24, 8), 150, 4);
  EXPECT_NEAR(grey->at(40, 8), 29, 4);
}

TEST(FrameConvertJpeg, AnMjpegFrameWithoutHuffmanTablesDecodesWithTheStandardOnes) {
  const GreyFrame picture = testPicture(160, 120);
  const auto full = encodeJpeg(picture);
  const auto bare = withoutHuffmanTables(full);
  ASSERT_LT(bare.size(), full.size());

  const auto grey = greyFromJpeg(bare);

  ASSERT_TRUE(grey) << grey.error().message;
  EXPECT_EQ(grey->pixels, greyFromJpeg(full)->pixels);
}

TEST(FrameConvertJpeg, DataThatIsNoJpegIsAnError) {
  const std::string text = "MKH1.48210093175268.LON.1795516200.not-a-picture";

  const auto grey =
      greyFromJpeg(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));

  ASSERT_FALSE(grey);
  EXPECT_NE(grey.error().message.find("greyFromJpeg: Not a JPEG file"), std::string::npos)
      << grey.error().message;
}

TEST(FrameConvertJpeg, NoDataIsAnError) { EXPECT_FALSE(greyFromJpeg({})); }

TEST(FrameConvertJpeg, AJpegCutInsideItsHeaderIsAnError) {
  const auto jpeg = encodeJpeg(testPicture(64, 48));

  const auto grey = greyFromJpeg(std::span(jpeg).first(100));

  ASSERT_FALSE(grey);
  EXPECT_FALSE(grey.error().message.empty());
}

TEST(FrameConvertJpeg, DamagedOrTruncatedJpegsNeverCrash) {
  // Every outcome is allowed but a crash: libjpeg recovers from some damage (a grey band),
  // reports the rest as errors. The sanitizer build watches the memory.
  const auto jpeg = encodeJpeg(testPicture(64, 48));
  int decoded = 0, refused = 0;
  for (std::size_t at = 0; at < jpeg.size(); at += 7) {
    auto damaged = jpeg;
    damaged[at] ^= 0x5A;
    damaged[(at * 31) % damaged.size()] = 0xFF;
    for (const auto& bytes : {damaged, std::vector(jpeg.begin(), jpeg.begin() + at)}) {
      const auto grey = greyFromJpeg(bytes);
      if (grey) {
        ++decoded;
        EXPECT_EQ(grey->pixels.size(), static_cast<std::size_t>(grey->width * grey->height));
      } else {
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 0);
  EXPECT_GT(decoded, 0);
}

TEST(FrameConvertJpeg, APictureLargerThanTheLimitIsRefused) {
  const int width = kMaxFrameSide + 8;
  const std::vector<std::uint8_t> wide(static_cast<std::size_t>(width * 8), 128);

  const auto grey = greyFromJpeg(encodeJpeg(wide, width, 8, 1, 50));

  ASSERT_FALSE(grey);
  EXPECT_NE(grey.error().message.find("too large"), std::string::npos) << grey.error().message;
}

TEST(FrameConvertPng, AGreyPngReadsBackExactly) {
  const GreyFrame picture = testPicture(64, 48);

  const auto grey = greyFromPng(encodePng(picture.pixels, 64, 48, PNG_FORMAT_GRAY));

  ASSERT_TRUE(grey) << grey.error().message;
  EXPECT_EQ(grey->width, 64);
  EXPECT_EQ(grey->pixels, picture.pixels);
}

TEST(FrameConvertPng, AColourPngBecomesGrey) {
  // Grey colours stay what they are; a pure green is brighter than a pure blue.
  const std::vector<std::uint8_t> rgb = {0,   0, 0,   255, 255, 255, 128, 128,
                                         128, 0, 255, 0,   0,   0,   255};

  const auto grey = greyFromPng(encodePng(rgb, 5, 1, PNG_FORMAT_RGB));

  ASSERT_TRUE(grey) << grey.error().message;
  EXPECT_EQ(grey->at(0, 0), 0);
  EXPECT_EQ(grey->at(1, 0), 255);
  EXPECT_NEAR(grey->at(2, 0), 128, 2);
  EXPECT_GT(grey->at(3, 0), grey->at(4, 0));
}

TEST(FrameConvertPng, TransparentPixelsLieOnWhite) {
  const std::vector<std::uint8_t> greyAlpha = {0, 255, 0, 0, 200, 0};  // black, clear, clear

  const auto grey = greyFromPng(encodePng(greyAlpha, 3, 1, PNG_FORMAT_GA));

  ASSERT_TRUE(grey) << grey.error().message;
  EXPECT_EQ(grey->at(0, 0), 0);
  EXPECT_EQ(grey->at(1, 0), 255);
  EXPECT_EQ(grey->at(2, 0), 255);
}

TEST(FrameConvertPng, ACorruptPngIsAnError) {
  auto png = encodePng(testPicture(64, 48).pixels, 64, 48, PNG_FORMAT_GRAY);
  png.resize(png.size() / 2);

  const auto grey = greyFromPng(png);

  ASSERT_FALSE(grey);
  EXPECT_NE(grey.error().message.find("greyFromPng: "), std::string::npos);
}

}  // namespace
}  // namespace mikhak::scanner
