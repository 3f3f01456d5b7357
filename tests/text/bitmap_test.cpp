#include "mikhak/text/bitmap.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "mikhak/text/png.hpp"

namespace mikhak::text {
namespace {

TEST(Bitmap, ThresholdPacksMostSignificantBitFirst) {
  GreyBitmap grey(10, 2);
  grey.at(0, 0) = 200;
  grey.at(7, 0) = 128;
  grey.at(8, 0) = 127;
  grey.at(9, 1) = 255;
  const MonoBitmap mono = threshold(grey);
  ASSERT_EQ(mono.bits.size(), 4u);  // two bytes a row
  EXPECT_EQ(mono.bits[0], 0x81);
  EXPECT_EQ(mono.bits[1], 0x00);
  EXPECT_EQ(mono.bits[3], 0x40);
  EXPECT_TRUE(mono.at(9, 1));
  EXPECT_FALSE(mono.at(8, 0));
}

// Dithering keeps a grey level as the share of dots inked; full ink and bare paper stay as they
// are.
TEST(Bitmap, DitherKeepsGreyLevelsAsDotDensity) {
  for (const int level : {0, 64, 128, 192, 255}) {
    GreyBitmap grey(64, 64);
    std::fill(grey.pixels.begin(), grey.pixels.end(), static_cast<std::uint8_t>(level));
    const MonoBitmap mono = dither(grey);
    int inked = 0;
    for (int y = 0; y < 64; ++y) {
      for (int x = 0; x < 64; ++x) inked += mono.at(x, y) ? 1 : 0;
    }
    EXPECT_NEAR(inked / 4096.0, level / 255.0, 0.02) << level;
  }
}

TEST(Bitmap, CompositeIsAUnionAndClips) {
  GreyBitmap target(4, 4);
  GreyBitmap source(3, 3);
  for (auto& p : source.pixels) p = 128;
  composite(target, source, -1, 2);  // only 2x2 lands
  EXPECT_EQ(target.at(0, 2), 128);
  EXPECT_EQ(target.at(1, 3), 128);
  EXPECT_EQ(target.at(2, 2), 0);
  EXPECT_EQ(target.at(0, 1), 0);
  composite(target, source, -1, 2);
  EXPECT_EQ(target.at(0, 2), 192);  // 128 + 128 - 128*128/255
  source.pixels.assign(9, 255);
  composite(target, source, 0, 0);
  EXPECT_EQ(target.at(0, 0), 255);
  composite(target, source, 10, 10);  // wholly outside: nothing
}

TEST(Png, GreyRoundTripsAsInkOnPaper) {
  GreyBitmap grey(5, 3);
  grey.at(1, 1) = 255;
  grey.at(4, 2) = 100;
  const auto file = std::filesystem::temp_directory_path() / "mikhak_png_test.png";
  ASSERT_TRUE(writePng(file, grey));
  auto back = readPngCoverage(file);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, grey);
  std::filesystem::remove(file);
}

TEST(Png, MissingFileIsAnError) {
  auto r = readPngCoverage("/nonexistent/nothing.png");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("/nonexistent/nothing.png"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::text
