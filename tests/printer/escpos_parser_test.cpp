#include "mikhak/printer/escpos_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "mikhak/printer/escpos.hpp"
#include "random_bitmap.hpp"

namespace mikhak::printer {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Commands = std::vector<EscPosCommand>;

Commands parse(const Bytes& bytes, std::size_t maxBandBytes = 1 << 20) {
  EscPosParser parser(maxBandBytes);
  Commands out;
  parser.feed(bytes, out);
  EXPECT_EQ(parser.pending(), 0u);
  return out;
}

// Feeds the bytes in pieces ending at the given offsets.
Commands parseInPieces(const Bytes& bytes, const std::vector<std::size_t>& cuts) {
  EscPosParser parser;
  Commands out;
  std::size_t start = 0;
  for (const std::size_t end : cuts) {
    parser.feed(std::span(bytes).subspan(start, end - start), out);
    start = end;
  }
  parser.feed(std::span(bytes).subspan(start), out);
  EXPECT_EQ(parser.pending(), 0u);
  return out;
}

// The bands put back together, one under the other.
text::MonoBitmap stackBands(const Commands& commands) {
  text::MonoBitmap image;
  for (const auto& command : commands) {
    const auto* raster = std::get_if<escpos::Raster>(&command);
    if (raster == nullptr) continue;
    EXPECT_EQ(raster->mode, 0);
    if (image.width == 0) image.width = raster->band.width;
    EXPECT_EQ(raster->band.width, image.width);
    image.height += raster->band.height;
    image.bits.insert(image.bits.end(), raster->band.bits.begin(), raster->band.bits.end());
  }
  return image;
}

// The image as the printer gets it: rows padded to whole bytes with clear bits.
text::MonoBitmap padded(const text::MonoBitmap& image) {
  text::MonoBitmap out(text::MonoBitmap::bytesPerRow(image.width) * 8, image.height);
  out.bits = image.bits;
  return out;
}

template <typename T>
int count(const Commands& commands) {
  return static_cast<int>(std::count_if(commands.begin(), commands.end(), [](const auto& c) {
    return std::holds_alternative<T>(c);
  }));
}

// A command as text, to compare whole streams.
std::string describe(const EscPosCommand& command) {
  return std::visit(
      [](const auto& c) -> std::string {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, escpos::Initialize>) {
          return "init";
        } else if constexpr (std::is_same_v<T, escpos::Raster>) {
          return "raster " + std::to_string(c.mode) + " " + std::to_string(c.band.width) + "x" +
                 std::to_string(c.band.height) + " " +
                 std::string(c.band.bits.begin(), c.band.bits.end());
        } else if constexpr (std::is_same_v<T, escpos::Feed>) {
          return "feed " + std::to_string(c.lines);
        } else if constexpr (std::is_same_v<T, escpos::Cut>) {
          return "cut " + std::to_string(c.partial) + " " + std::to_string(c.feed);
        } else if constexpr (std::is_same_v<T, escpos::StatusRequest>) {
          return "status " + std::to_string(c.n);
        } else {
          return "unknown " + std::to_string(c.command) + " " + std::to_string(c.function) + " " +
                 std::to_string(c.length);
        }
      },
      command);
}

std::vector<std::string> describeAll(const Commands& commands) {
  std::vector<std::string> out;
  for (const auto& command : commands) out.push_back(describe(command));
  return out;
}

TEST(EscPosParser, EncodedTicketParsesToInitBandsFeedAndCut) {
  EscPosOptions options;
  options.maxBandBytes = 72 * 10;
  const Commands commands =
      parse(encodeRaster(mikhak::test::randomBitmap(576, 25, 1, 0.5), options));
  ASSERT_EQ(commands.size(), 6u);
  EXPECT_TRUE(std::holds_alternative<escpos::Initialize>(commands[0]));
  EXPECT_EQ(std::get<escpos::Raster>(commands[1]).band.height, 10);
  EXPECT_EQ(std::get<escpos::Raster>(commands[3]).band.height, 5);
  EXPECT_EQ(std::get<escpos::Feed>(commands[4]).lines, 4);
  EXPECT_TRUE(std::get<escpos::Cut>(commands[5]).partial);
  EXPECT_EQ(std::get<escpos::Cut>(commands[5]).feed, 0);
}

TEST(EscPosParser, SmallImageComesBackWhereverTheStreamIsSplit) {
  const text::MonoBitmap image = mikhak::test::randomBitmap(21, 9, 2, 0.5);
  EscPosOptions options;
  options.maxBandBytes = 7;  // two rows a band: several band boundaries to split at
  const Bytes bytes = encodeRaster(image, options);
  const Commands whole = parse(bytes);
  for (std::size_t at = 0; at <= bytes.size(); ++at) {
    const Commands split = parseInPieces(bytes, {at});
    EXPECT_EQ(split.size(), whole.size()) << "split at " << at;
    EXPECT_EQ(stackBands(split), padded(image)) << "split at " << at;
  }
  // And one byte at a time.
  std::vector<std::size_t> everyByte(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) everyByte[i] = i;
  EXPECT_EQ(stackBands(parseInPieces(bytes, everyByte)), padded(image));
}

TEST(EscPosParser, BigImagesComeBackFromRandomSplits) {
  std::mt19937 random(3);
  for (const int width : {576, 384, 203}) {
    const text::MonoBitmap image =
        mikhak::test::randomBitmap(width, 1200, static_cast<unsigned>(width), 0.5);
    const Bytes bytes = encodeRaster(image, EscPosOptions{});
    for (int round = 0; round < 5; ++round) {
      std::vector<std::size_t> cuts;
      std::uniform_int_distribution<std::size_t> step(1, 5000);
      for (std::size_t at = step(random); at < bytes.size(); at += step(random)) {
        cuts.push_back(at);
      }
      const Commands commands = parseInPieces(bytes, cuts);
      EXPECT_EQ(stackBands(commands), padded(image)) << width << " dots, round " << round;
      EXPECT_EQ(count<escpos::Cut>(commands), 1);
    }
  }
}

TEST(EscPosParser, StatusRequestBytesInsideImageDataAreData) {
  // Every row reads DLE EOT 1 DLE EOT 4 ESC @ LF: all of it must stay pixels.
  text::MonoBitmap image(64, 40);
  const Bytes row = {0x10, 0x04, 0x01, 0x10, 0x04, 0x04, 0x1B, 0x40};
  for (int y = 0; y < image.height; ++y) {
    std::copy(row.begin(), row.end(), image.bits.begin() + y * 8);
  }
  const Bytes bytes = encodeRaster(image, EscPosOptions{});
  for (std::size_t at = 0; at <= bytes.size(); at += 7) {
    const Commands commands = parseInPieces(bytes, {at});
    EXPECT_EQ(count<escpos::StatusRequest>(commands), 0) << "split at " << at;
    EXPECT_EQ(count<escpos::Initialize>(commands), 1) << "split at " << at;
    EXPECT_EQ(stackBands(commands), image) << "split at " << at;
  }
}

TEST(EscPosParser, StatusRequestBetweenBandsIsReportedInItsPlace) {
  EscPosOptions options;
  options.maxBandBytes = 8;
  const Bytes ticket =
      encodeRaster(mikhak::test::randomBitmap(64, 2, 4, 0.5), options);  // two one-row bands
  Bytes bytes(ticket.begin(), ticket.begin() + 2 + 16);                  // ESC @ and band 1
  bytes.insert(bytes.end(), {0x10, 0x04, 0x04});
  bytes.insert(bytes.end(), ticket.begin() + 2 + 16, ticket.end());
  const Commands commands = parse(bytes);
  ASSERT_EQ(commands.size(), 6u);
  EXPECT_TRUE(std::holds_alternative<escpos::Raster>(commands[1]));
  EXPECT_EQ(std::get<escpos::StatusRequest>(commands[2]).n, 4);
  EXPECT_TRUE(std::holds_alternative<escpos::Raster>(commands[3]));
}

TEST(EscPosParser, DleEotOneToFourAreStatusRequests) {
  const Commands commands = parse({0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4});
  ASSERT_EQ(commands.size(), 4u);
  for (int n = 1; n <= 4; ++n) {
    EXPECT_EQ(std::get<escpos::StatusRequest>(commands[n - 1]).n, n);
  }
}

TEST(EscPosParser, LineFeedIsAFeedOfOneLine) {
  const Commands commands = parse({0x0A});
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(std::get<escpos::Feed>(commands[0]).lines, 1);
}

TEST(EscPosParser, EscDFeedsNLines) {
  const Commands commands = parse({0x1B, 'd', 0x0A});  // n = 10, not a LF
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(std::get<escpos::Feed>(commands[0]).lines, 10);
}

TEST(EscPosParser, CutFormsWithAndWithoutNAreRead) {
  const Commands commands = parse({0x1D, 'V', 0,    0x1D, 'V', 1, 0x1D, 'V', 48, 0x1D,
                                   'V',  49,  0x1D, 'V',  65,  5, 0x1D, 'V', 66, 0x0A});
  ASSERT_EQ(commands.size(), 6u);
  const bool partial[] = {false, true, false, true, false, true};
  const int feed[] = {0, 0, 0, 0, 5, 10};
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const auto& cut = std::get<escpos::Cut>(commands[i]);
    EXPECT_EQ(cut.partial, partial[i]) << i;
    EXPECT_EQ(cut.feed, feed[i]) << i;
  }
}

TEST(EscPosParser, KnownCommandsWeDoNotActOnAreSkippedWholeWithTheirLength) {
  // Parameters are LF and `@` so that a command misread by one byte shows up as a Feed or Init.
  const Bytes bytes = {
      0x1B, 'a', 0x0A,                              // ESC a n: justification
      0x1B, '!', 0x0A,                              // ESC ! n: print mode
      0x1D, '!', 0x0A,                              // GS ! n: character size
      0x1B, '2',                                    // ESC 2: default line spacing
      0x1B, '3', 0x0A,                              // ESC 3 n: line spacing
      0x1D, 'L', 0x0A, '@',                         // GS L nL nH: left margin
      0x1D, 'W', 0x0A, '@',                         // GS W nL nH: print area width
      0x1D, '(', 'L',  3,   0,   0x10, 0x04, 0x01,  // GS ( L pL pH with data that reads DLE EOT 1
      0x1B, '*', 0,    2,   0,   0x0A, 0x0A,        // ESC * m nL nH: 2 columns
      0x1D, 'k', 4,    '1', '2', 0x0A, 0,           // GS k m data NUL: a barcode
      0x1B, '@',
  };
  const Commands commands = parse(bytes);
  ASSERT_EQ(commands.size(), 11u);
  const std::uint8_t prefix[] = {0x1B, 0x1B, 0x1D, 0x1B, 0x1B, 0x1D, 0x1D, 0x1D, 0x1B, 0x1D};
  const std::uint8_t function[] = {'a', '!', '!', '2', '3', 'L', 'W', '(', '*', 'k'};
  const std::size_t length[] = {3, 3, 3, 2, 3, 4, 4, 8, 7, 3};
  for (std::size_t i = 0; i < 10; ++i) {
    const auto& unknown = std::get<escpos::Unknown>(commands[i]);
    EXPECT_EQ(unknown.command, prefix[i]) << i;
    EXPECT_EQ(unknown.function, function[i]) << i;
    EXPECT_EQ(unknown.length, length[i]) << i;
  }
  EXPECT_TRUE(std::holds_alternative<escpos::Initialize>(commands[10]));
}

TEST(EscPosParser, TextAndUnknownBytesAreUnknownOneByOne) {
  const Commands commands = parse({'A', 0x0D, 0xFF});
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_EQ(std::get<escpos::Unknown>(commands[0]).command, 'A');
  EXPECT_EQ(std::get<escpos::Unknown>(commands[1]).command, 0x0D);
  EXPECT_EQ(std::get<escpos::Unknown>(commands[2]).length, 1u);
}

TEST(EscPosParser, UnknownEscapeSkipsOnlyTheEscape) {
  const Commands commands = parse({0x1B, 0x01, 0x0A});
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_EQ(std::get<escpos::Unknown>(commands[0]).command, 0x1B);
  EXPECT_EQ(std::get<escpos::Unknown>(commands[1]).command, 0x01);
  EXPECT_EQ(std::get<escpos::Feed>(commands[2]).lines, 1);
}

TEST(EscPosParser, OversizedBandIsRejectedAndSkippedWithoutBeingHeld) {
  EscPosParser parser(100);
  // 10 bytes by 20 rows = 200 bytes, over the limit; the data reads ESC @ throughout.
  Bytes bytes = {0x1D, 'v', '0', 0, 10, 0, 20, 0};
  for (int i = 0; i < 100; ++i) bytes.insert(bytes.end(), {0x1B, '@'});
  bytes.insert(bytes.end(), {0x1B, 'd', 2});
  Commands out;
  std::size_t mostHeld = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    parser.feed(std::span(bytes).subspan(i, std::min<std::size_t>(3, bytes.size() - i)), out);
    mostHeld = std::max(mostHeld, parser.pending());
  }
  EXPECT_LT(mostHeld, 8u) << "only ever the band's header";
  ASSERT_EQ(out.size(), 2u);
  const auto& rejected = std::get<escpos::Unknown>(out[0]);
  EXPECT_EQ(rejected.command, 0x1D);
  EXPECT_EQ(rejected.function, 'v');
  EXPECT_EQ(rejected.length, 208u);
  EXPECT_EQ(std::get<escpos::Feed>(out[1]).lines, 2);
}

TEST(EscPosParser, BandAtTheLimitIsAccepted) {
  const Bytes bytes =
      encodeRaster(mikhak::test::randomBitmap(80, 10, 5, 0.5), EscPosOptions{});  // 100 bytes
  EXPECT_EQ(count<escpos::Raster>(parse(bytes, 100)), 1);
}

TEST(EscPosParser, PendingIsTheIncompleteCommandOnly) {
  const Bytes bytes = encodeRaster(mikhak::test::randomBitmap(64, 4, 6, 0.5), EscPosOptions{});
  EscPosParser parser;
  Commands out;
  parser.feed(std::span(bytes).first(2 + 8 + 5), out);  // ESC @, header and five bytes of data
  EXPECT_EQ(out.size(), 1u);
  EXPECT_EQ(parser.pending(), 13u);
  parser.feed(std::span(bytes).subspan(15), out);
  EXPECT_EQ(parser.pending(), 0u);
  EXPECT_EQ(count<escpos::Raster>(out), 1);
}

TEST(EscPosParser, ResetForgetsACommandCutShort) {
  const Bytes bytes = encodeRaster(mikhak::test::randomBitmap(64, 4, 7, 0.5), EscPosOptions{});
  EscPosParser parser;
  Commands out;
  parser.feed(std::span(bytes).first(20), out);
  parser.reset();
  EXPECT_EQ(parser.pending(), 0u);
  out.clear();
  parser.feed(bytes, out);
  EXPECT_EQ(stackBands(out), mikhak::test::randomBitmap(64, 4, 7, 0.5));
}

TEST(EscPosParser, AnyBytesParseTheSameWhateverTheSplit) {
  // Mostly command bytes and small numbers, so that commands, half commands and bands all occur.
  std::mt19937 random(8);
  const std::uint8_t common[] = {0x1B, 0x1D, 0x10, 0x1C, 0x04, 0x0A, '@', 'v', '0', 'V', 'd',
                                 'k',  '(',  'D',  '*',  0,    1,    2,   3,   4,   65,  66};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(common) - 1);
  std::uniform_int_distribution<int> any(0, 255);
  std::bernoulli_distribution usual(0.8);
  for (int round = 0; round < 20; ++round) {
    Bytes bytes(3000);
    for (auto& b : bytes)
      b = usual(random) ? common[pick(random)] : static_cast<std::uint8_t>(any(random));
    for (const std::size_t limit : {std::size_t{16}, std::size_t{1} << 20}) {
      EscPosParser whole(limit);
      Commands expected;
      whole.feed(bytes, expected);
      EscPosParser pieces(limit);
      Commands got;
      std::uniform_int_distribution<std::size_t> step(1, 40);
      for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = std::min(step(random), bytes.size() - i);
        pieces.feed(std::span(bytes).subspan(i, n), got);
        i += n;
      }
      EXPECT_EQ(describeAll(got), describeAll(expected)) << "round " << round;
      EXPECT_EQ(pieces.pending(), whole.pending());
    }
  }
}

}  // namespace
}  // namespace mikhak::printer
