#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include "mikhak/text/layout.hpp"
#include "test_fonts.hpp"
#include "utf8.hpp"

namespace mikhak::text {
namespace {

using detail::decodeUtf8;

bool isWordCharacter(char32_t c) {
  return u_isalnum(static_cast<UChar32>(c)) ||
         u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE) != U_JT_NON_JOINING;
}

char32_t codePointBefore(const std::string& s, std::size_t end) {
  std::size_t begin = end;
  while (begin > 0 && (static_cast<unsigned char>(s[begin - 1]) & 0xC0) == 0x80) --begin;
  return decodeUtf8(s, begin - 1).codePoint;
}

bool onlySpaces(const std::string& s, std::size_t a, std::size_t b) {
  for (std::size_t i = a; i < b; ++i) {
    if (s[i] != ' ') return false;
  }
  return true;
}

// Lines cover the text in order, never overflow, and every break between two lines falls at white
// space or after punctuation, never between two letters of a word.
void checkLines(const std::string& text, const TextBlock& block, int width) {
  ASSERT_FALSE(block.lines.empty());
  for (std::size_t i = 0; i < block.lines.size(); ++i) {
    const TextLine& line = block.lines[i];
    EXPECT_LE(line.width, width * kUnitsPerPixel) << "line " << i << " of: " << text;
    EXPECT_GE(line.x, 0);
    EXPECT_LE(line.x + line.width, block.width);
    if (i + 1 == block.lines.size()) break;
    const TextLine& next = block.lines[i + 1];
    if (line.ellipsized) continue;  // a word too wide for any line, cut
    EXPECT_TRUE(onlySpaces(text, line.end, next.begin)) << text;
    if (next.begin == line.end) {
      const char32_t before = codePointBefore(text, line.end);
      const char32_t after = decodeUtf8(text, next.begin).codePoint;
      EXPECT_FALSE(isWordCharacter(before) && isWordCharacter(after))
          << "split inside a word at byte " << line.end << " of: " << text;
    }
  }
  if (!block.lines.back().ellipsized) {
    EXPECT_EQ(block.lines.back().end, text.size());
  }
}

TEST(LineBreaking, NeverOverflowsNorSplitsWords) {
  for (const auto& sentence : test::sentences()) {
    for (int width = 90; width <= 900; width += 41) {
      const TextBlock block = layoutText(test::uiFonts(), sentence, TextStyle{24},
                                         {.direction = Direction::RightToLeft, .maxWidth = width});
      checkLines(sentence, block, width);
    }
  }
}

TEST(LineBreaking, FillsLinesGreedily) {
  // Each line but the last is full: the next word would not have fitted on it.
  const std::string text = test::sentences().at(1);
  const int width = 300;
  const TextBlock block = layoutText(test::uiFonts(), text, TextStyle{24}, {.maxWidth = width});
  ASSERT_GE(block.lines.size(), 3u);
  for (std::size_t i = 0; i + 1 < block.lines.size(); ++i) {
    const std::size_t nextWordEnd = text.find(' ', block.lines[i + 1].begin);
    const std::string extended = text.substr(
        block.lines[i].begin,
        (nextWordEnd == std::string::npos ? text.size() : nextWordEnd) - block.lines[i].begin);
    const TextBlock one = layoutText(test::uiFonts(), extended, TextStyle{24}, {});
    EXPECT_GT(one.lines[0].width, width * kUnitsPerPixel) << extended;
  }
}

TEST(LineBreaking, RightToLeftParagraphsAreRightAligned) {
  const TextBlock rtl = layoutText(test::uiFonts(), test::sentences().at(0), TextStyle{24},
                                   {.direction = Direction::RightToLeft, .maxWidth = 400});
  for (const auto& line : rtl.lines) EXPECT_EQ(line.x + line.width, rtl.width);
  const TextBlock ltr = layoutText(test::uiFonts(), "Please bring the originals of every document",
                                   TextStyle{24}, {.maxWidth = 200});
  for (const auto& line : ltr.lines) EXPECT_EQ(line.x, 0);
  EXPECT_GE(ltr.lines.size(), 2u);
}

TEST(LineBreaking, AWordWiderThanTheLineIsCutWithAnEllipsis) {
  const std::string word =
      "سازمان‌های‌بین‌المللی‌غیردولتی‌فرهنگی";
  const TextBlock block = layoutText(test::uiFonts(), word, TextStyle{32}, {.maxWidth = 150});
  ASSERT_EQ(block.lines.size(), 1u);
  EXPECT_TRUE(block.lines[0].ellipsized);
  EXPECT_TRUE(block.truncated);
  EXPECT_LE(block.lines[0].width, 150 * kUnitsPerPixel);
  // Right to left, the ellipsis is the leftmost glyph.
  EXPECT_EQ(block.lines[0].glyphs.front().cluster, block.lines[0].end);
}

TEST(LineBreaking, MaxLinesCutsTheLastLine) {
  const std::string text = test::sentences().at(1);
  const TextBlock block =
      layoutText(test::uiFonts(), text, TextStyle{24}, {.maxWidth = 300, .maxLines = 2});
  ASSERT_EQ(block.lines.size(), 2u);
  EXPECT_FALSE(block.lines[0].ellipsized);
  EXPECT_TRUE(block.lines[1].ellipsized);
  EXPECT_TRUE(block.truncated);
  EXPECT_LE(block.lines[1].width, 300 * kUnitsPerPixel);
  EXPECT_EQ(block.height, 2 * block.lineHeight);

  const TextBlock english = layoutText(test::uiFonts(), "Valid passport and national card",
                                       TextStyle{24}, {.maxWidth = 200, .maxLines = 1});
  ASSERT_EQ(english.lines.size(), 1u);
  EXPECT_TRUE(english.lines[0].ellipsized);
  EXPECT_EQ(english.lines[0].glyphs.back().cluster, english.lines[0].end);  // "…" on the right
}

TEST(LineBreaking, ParagraphsAndEmptyLines) {
  const TextBlock block = layoutText(test::uiFonts(), "یک\n\nدو\n", TextStyle{24}, {});
  ASSERT_EQ(block.lines.size(), 4u);
  EXPECT_TRUE(block.lines[1].glyphs.empty());
  EXPECT_EQ(block.height, 4 * block.lineHeight);
  EXPECT_EQ(layoutText(test::uiFonts(), "", TextStyle{24}, {}).lines.size(), 1u);
}

TEST(LineBreaking, MeasuresWithoutDrawing) {
  const TextBlock one = layoutText(test::uiFonts(), "باجه ۴", TextStyle{40}, {});
  const TextBlock two = layoutText(test::uiFonts(), "باجه ۴ باجه ۴", TextStyle{40}, {});
  EXPECT_GT(one.width, 0);
  EXPECT_GT(two.width, 2 * one.width);  // plus a space
  EXPECT_EQ(one.height, one.lineHeight);
  EXPECT_GT(one.lineHeight, 40 * kUnitsPerPixel);
}

}  // namespace
}  // namespace mikhak::text
