#include "mikhak/printer/escpos.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>
#include "random_bitmap.hpp"

namespace mikhak::printer {
namespace {

using Bytes = std::vector<std::uint8_t>;

// A band as read straight off the bytes, without the parser under test elsewhere.
struct Band {
  int mode = 0;
  int rowBytes = 0;
  int rows = 0;
  Bytes data;
};

// Reads `ESC @`, the bands, and returns them; `rest` is what follows the last band.
std::vector<Band> readBands(const Bytes& bytes, Bytes& rest) {
  std::vector<Band> bands;
  EXPECT_GE(bytes.size(), 2u);
  EXPECT_EQ(bytes[0], 0x1B);
  EXPECT_EQ(bytes[1], '@');
  std::size_t i = 2;
  while (i + 8 <= bytes.size() && bytes[i] == 0x1D && bytes[i + 1] == 'v') {
    EXPECT_EQ(bytes[i + 2], '0');
    Band band;
    band.mode = bytes[i + 3];
    band.rowBytes = bytes[i + 4] | bytes[i + 5] << 8;
    band.rows = bytes[i + 6] | bytes[i + 7] << 8;
    const std::size_t size = static_cast<std::size_t>(band.rowBytes) * band.rows;
    EXPECT_LE(i + 8 + size, bytes.size());
    band.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(i + 8),
                     bytes.begin() + static_cast<std::ptrdiff_t>(i + 8 + size));
    bands.push_back(std::move(band));
    i += 8 + size;
  }
  rest.assign(bytes.begin() + static_cast<std::ptrdiff_t>(i), bytes.end());
  return bands;
}

TEST(EncodeRaster, TinyImageIsInitOneBandFeedAndCutByteForByte) {
  text::MonoBitmap image(10, 3);  // two bytes a row, six bits of padding
  image.set(0, 0);
  image.set(9, 0);
  image.set(8, 1);
  image.set(4, 2);
  const Bytes expected = {
      0x1B, 0x40,                                      // ESC @
      0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00,  // GS v 0 m=0, xL xH = 2 bytes, yL yH = 3
      0x80, 0x40,                                      // row 0: x=0, x=9
      0x00, 0x80,                                      // row 1: x=8
      0x08, 0x00,                                      // row 2: x=4
      0x1B, 0x64, 0x04,                                // ESC d 4
      0x1D, 0x56, 0x42, 0x00,                          // GS V 66 0
  };
  EXPECT_EQ(encodeRaster(image, EscPosOptions{}), expected);
}

TEST(EncodeRaster, BandHeaderCarriesWidthInBytesAndHeightLowByteFirst) {
  const text::MonoBitmap image(2400, 259);  // 300 bytes a row: xL 0x2C xH 0x01; yL 0x03 yH 0x01
  EscPosOptions options;
  options.maxBandBytes = 1 << 20;
  options.maxBandRows = 300;
  const Bytes bytes = encodeRaster(image, options);
  ASSERT_GE(bytes.size(), 10u);
  EXPECT_EQ(bytes[5], 0x00);  // m
  EXPECT_EQ(bytes[6], 0x2C);
  EXPECT_EQ(bytes[7], 0x01);
  EXPECT_EQ(bytes[8], 0x03);
  EXPECT_EQ(bytes[9], 0x01);
}

TEST(EncodeRaster, EveryBandFitsMaxBandBytesAndTheBandsCoverAllRowsInOrder) {
  for (const int width : {576, 384, 13}) {
    for (const int maxBandBytes : {1, 100, 4096, 50000}) {
      const text::MonoBitmap image = mikhak::test::randomBitmap(width, 731, 7, 0.4);
      EscPosOptions options;
      options.maxBandBytes = maxBandBytes;
      Bytes rest;
      const std::vector<Band> bands = readBands(encodeRaster(image, options), rest);
      Bytes rows;
      for (const Band& band : bands) {
        EXPECT_EQ(band.rowBytes, text::MonoBitmap::bytesPerRow(width));
        EXPECT_GE(band.rows, 1);
        EXPECT_LE(band.rows, options.maxBandRows);
        if (band.rowBytes <= maxBandBytes) {
          EXPECT_LE(band.data.size(), static_cast<std::size_t>(maxBandBytes));
        } else {
          EXPECT_EQ(band.rows, 1) << "a row wider than the limit goes alone";
        }
        rows.insert(rows.end(), band.data.begin(), band.data.end());
      }
      EXPECT_EQ(rows, image.bits) << width << " dots, " << maxBandBytes << " bytes a band";
      EXPECT_EQ(rest, (Bytes{0x1B, 'd', 4, 0x1D, 'V', 66, 0}));
    }
  }
}

TEST(EncodeRaster, A576DotImageGoesIn56RowBandsOf72Bytes) {
  Bytes rest;
  const auto bands =
      readBands(encodeRaster(mikhak::test::randomBitmap(576, 200, 1, 0.4), EscPosOptions{}), rest);
  ASSERT_EQ(bands.size(), 4u);  // 56 + 56 + 56 + 32
  EXPECT_EQ(bands[0].rowBytes, 72);
  EXPECT_EQ(bands[0].rows, 56);
  EXPECT_EQ(bands[3].rows, 32);
}

TEST(EncodeRaster, A384DotImageGoesIn85RowBandsOf48Bytes) {
  Bytes rest;
  const auto bands =
      readBands(encodeRaster(mikhak::test::randomBitmap(384, 200, 2, 0.4), EscPosOptions{}), rest);
  ASSERT_EQ(bands.size(), 3u);  // 85 + 85 + 30
  EXPECT_EQ(bands[0].rowBytes, 48);
  EXPECT_EQ(bands[0].rows, 85);
  EXPECT_EQ(bands[2].rows, 30);
}

TEST(EncodeRaster, NarrowImageBandsStopAtMaxBandRows) {
  Bytes rest;
  const auto bands =
      readBands(encodeRaster(mikhak::test::randomBitmap(8, 600, 3, 0.4), EscPosOptions{}), rest);
  ASSERT_EQ(bands.size(), 3u);  // 4096 rows would fit the bytes; 256 is the row limit
  EXPECT_EQ(bands[0].rows, 256);
  EXPECT_EQ(bands[2].rows, 88);
}

TEST(EncodeRaster, WidthNotAMultipleOf8IsPaddedToWholeBytesWithClearBits) {
  text::MonoBitmap image(13, 2);
  image.set(12, 0);
  image.bits[1] |= 0x07;  // garbage in the padding: must not reach the paper
  image.bits[3] |= 0x01;
  Bytes rest;
  const auto bands = readBands(encodeRaster(image, EscPosOptions{}), rest);
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_EQ(bands[0].rowBytes, 2);
  EXPECT_EQ(bands[0].data, (Bytes{0x00, 0x08, 0x00, 0x00}));
}

TEST(EncodeRaster, EmptyBitmapGivesInitFeedAndCutOnly) {
  EXPECT_EQ(encodeRaster(text::MonoBitmap{}, EscPosOptions{}),
            (Bytes{0x1B, '@', 0x1B, 'd', 4, 0x1D, 'V', 66, 0}));
}

TEST(EncodeRaster, NoFeedAndNoCutWhenSwitchedOff) {
  EscPosOptions options;
  options.feedLinesBeforeCut = 0;
  options.cut = false;
  const Bytes bytes = encodeRaster(text::MonoBitmap(8, 1), options);
  EXPECT_EQ(bytes, (Bytes{0x1B, '@', 0x1D, 'v', '0', 0, 1, 0, 1, 0, 0x00}));
}

TEST(EncodeRaster, BitmapWhoseBitsDoNotMatchItsSizeIsAProgrammingError) {
  text::MonoBitmap image(16, 4);
  image.bits.pop_back();
  EXPECT_THROW((void)encodeRaster(image, EscPosOptions{}), std::invalid_argument);
}

TEST(StatusRequest, IsDleEotN) {
  for (int n = 1; n <= 4; ++n) {
    EXPECT_EQ(statusRequest(n), (Bytes{0x10, 0x04, static_cast<std::uint8_t>(n)}));
  }
}

TEST(StatusRequest, OtherNIsAProgrammingError) {
  EXPECT_THROW((void)statusRequest(0), std::invalid_argument);
  EXPECT_THROW((void)statusRequest(5), std::invalid_argument);
}

}  // namespace
}  // namespace mikhak::printer
