// The engine's glyphs against a reference built from other parts: FriBidi for the bidi algorithm
// and HarfBuzz on each level run, and ICU's Arabic shaping for the joined form of each letter.
#include <fribidi.h>
#include <gtest/gtest.h>
#include <hb.h>
#include <unicode/ushape.h>

#include <unicode/unistr.h>
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <set>

#include "mikhak/text/layout.hpp"
#include "test_fonts.hpp"

namespace mikhak::text {
namespace {

using test::vazirmatn;

constexpr int kSize = 32;

struct RefGlyph {
  std::uint32_t glyph;
  std::int32_t advance;
  bool operator==(const RefGlyph&) const = default;
};

std::u32string toUtf32(const std::string& utf8) {
  std::u32string out(utf8.size(), 0);
  const FriBidiStrIndex n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, utf8.data(),
                                                       static_cast<FriBidiStrIndex>(utf8.size()),
                                                       reinterpret_cast<FriBidiChar*>(out.data()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// FriBidi levels and visual order, then HarfBuzz on each run of one level, runs placed in the
// visual order of their characters.
std::vector<RefGlyph> referenceLine(const std::string& utf8, FriBidiParType base) {
  const std::u32string text = toUtf32(utf8);
  const auto n = static_cast<FriBidiStrIndex>(text.size());
  const auto* chars = reinterpret_cast<const FriBidiChar*>(text.data());
  std::vector<FriBidiCharType> types(text.size());
  std::vector<FriBidiBracketType> brackets(text.size());
  std::vector<FriBidiLevel> levels(text.size());
  fribidi_get_bidi_types(chars, n, types.data());
  fribidi_get_bracket_types(chars, n, types.data(), brackets.data());
  FriBidiParType direction = base;
  EXPECT_NE(fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &direction,
                                                levels.data()),
            0);
  std::vector<FriBidiStrIndex> map(text.size());
  std::iota(map.begin(), map.end(), 0);
  EXPECT_NE(
      fribidi_reorder_line(0, types.data(), n, 0, direction, levels.data(), nullptr, map.data()),
      0);
  std::vector<std::size_t> visualOf(text.size());
  for (std::size_t v = 0; v < map.size(); ++v) visualOf[static_cast<std::size_t>(map[v])] = v;

  struct Run {
    std::size_t start, length, visual;
    bool rtl;
  };
  std::vector<Run> runs;
  for (std::size_t s = 0; s < text.size();) {
    std::size_t e = s;
    std::size_t visual = visualOf[s];
    while (e < text.size() && levels[e] == levels[s]) visual = std::min(visual, visualOf[e++]);
    runs.push_back({s, e - s, visual, (levels[s] & 1) != 0});
    s = e;
  }
  std::sort(runs.begin(), runs.end(),
            [](const Run& a, const Run& b) { return a.visual < b.visual; });

  hb_font_t* font = vazirmatn().face(0).hbFont(kSize);
  std::vector<RefGlyph> out;
  hb_buffer_t* buffer = hb_buffer_create();
  for (const Run& run : runs) {
    hb_buffer_clear_contents(buffer);
    hb_buffer_add_utf32(buffer, reinterpret_cast<const uint32_t*>(text.data()),
                        static_cast<int>(text.size()), static_cast<unsigned>(run.start),
                        static_cast<int>(run.length));
    const bool arabic = std::any_of(text.begin() + static_cast<long>(run.start),
                                    text.begin() + static_cast<long>(run.start + run.length),
                                    [](char32_t c) { return c >= 0x600 && c <= 0x6FF; });
    hb_buffer_set_direction(buffer, run.rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, arabic ? HB_SCRIPT_ARABIC : HB_SCRIPT_LATIN);
    hb_buffer_set_language(buffer, hb_language_from_string(arabic ? "fa" : "en", 2));
    hb_shape(font, buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
    for (unsigned i = 0; i < count; ++i) out.push_back({info[i].codepoint, pos[i].x_advance});
  }
  hb_buffer_destroy(buffer);
  return out;
}

std::vector<RefGlyph> engineLine(const std::string& utf8, Direction direction) {
  const TextBlock block = layoutText(vazirmatn(), utf8, TextStyle{kSize}, {.direction = direction});
  EXPECT_EQ(block.lines.size(), 1u);
  std::vector<RefGlyph> out;
  for (const auto& g : block.lines.at(0).glyphs) out.push_back({g.glyph, g.xAdvance});
  return out;
}

TEST(Shaping, SentencesMatchFriBidiPlusHarfBuzz) {
  const auto sentences = test::sentences();
  ASSERT_GE(sentences.size(), 20u);
  for (const auto& sentence : sentences) {
    EXPECT_EQ(engineLine(sentence, Direction::RightToLeft),
              referenceLine(sentence, FRIBIDI_PAR_RTL))
        << "rtl: " << sentence;
    EXPECT_EQ(engineLine(sentence, Direction::LeftToRight),
              referenceLine(sentence, FRIBIDI_PAR_LTR))
        << "ltr: " << sentence;
    EXPECT_EQ(engineLine(sentence, Direction::Auto), referenceLine(sentence, FRIBIDI_PAR_ON))
        << "auto: " << sentence;
  }
}

TEST(Shaping, TrackingCodeInPersianFollowsTheBidiAlgorithm) {
  // Without an isolate, 4821-0093-17 after Persian letters is three Arabic numbers in right-to-left
  // order; isolated it reads as written. Both agree with FriBidi.
  const std::string bare = "کد رهگیری: 4821-0093-17";
  const std::string isolated = "کد رهگیری: \u20664821-0093-17\u2069";
  EXPECT_EQ(engineLine(bare, Direction::RightToLeft), referenceLine(bare, FRIBIDI_PAR_RTL));
  EXPECT_EQ(engineLine(isolated, Direction::RightToLeft), referenceLine(isolated, FRIBIDI_PAR_RTL));

  const TextBlock block = layoutText(vazirmatn(), isolated, TextStyle{kSize}, {});
  std::string digitsInVisualOrder;
  for (const auto& g : block.lines[0].glyphs) {
    const char c = isolated[g.cluster];
    if ((c >= '0' && c <= '9') || c == '-') digitsInVisualOrder += c;
  }
  EXPECT_EQ(digitsInVisualOrder, "4821-0093-17");
}

std::string glyphName(std::uint32_t glyph) {
  char name[64] = {};
  hb_font_get_glyph_name(vazirmatn().face(0).hbFont(kSize), glyph, name, sizeof name);
  return name;
}

// ICU's own Arabic shaper turns each letter into its presentation form (isolated, initial, medial
// or final) by the joining rules. Vazirmatn names its joined glyphs after those forms (uniFEE3)
// and its isolated ones after the letter itself (uni0627).
std::u16string shapeArabic(const std::u16string& text) {
  std::u16string shaped(text.size() * 2 + 8, u'\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = u_shapeArabic(text.data(), static_cast<int32_t>(text.size()), shaped.data(),
                                  static_cast<int32_t>(shaped.size()),
                                  U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL, &status);
  EXPECT_TRUE(U_SUCCESS(status));
  shaped.resize(static_cast<std::size_t>(n));
  return shaped;
}

std::vector<std::string> expectedFormsInVisualOrder(const std::string& word) {
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(word);
  const std::u16string letters(source.getBuffer(), static_cast<std::size_t>(source.length()));
  const std::u16string shaped = shapeArabic(letters);
  EXPECT_EQ(shaped.size(), letters.size());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (letters[i] == 0x200C) continue;  // ZWNJ has no ink
    const bool isolated = shaped[i] == shapeArabic(std::u16string(1, letters[i]))[0];
    char name[16];
    std::snprintf(name, sizeof name, "uni%04X",
                  static_cast<unsigned>(isolated ? letters[i] : shaped[i]));
    names.emplace_back(name);
  }
  std::reverse(names.begin(), names.end());
  return names;
}

TEST(Shaping, JoinedFormsGlyphByGlyph) {
  for (const std::string word :
       {"می‌خواهم", "گذرنامه", "شناسنامه", "کنسولی", "پیشینه", "مدرک", "ثبت", "ازدواج",
        "گواهی", "عکس‌دار", "باجه", "نوبت", "ژاپن", "چهارشنبه", "رهگیری"}) {
    const TextBlock block = layoutText(vazirmatn(), word, TextStyle{kSize}, {});
    std::vector<std::string> actual;
    for (const auto& g : block.lines.at(0).glyphs) {
      if (g.xAdvance == 0 && word.compare(g.cluster, 3, "\u200C") == 0) continue;
      std::string name = glyphName(g.glyph);
      actual.push_back(name.substr(0, name.find('.')));  // uniFEE3.long is a stylistic variant
    }
    EXPECT_EQ(actual, expectedFormsInVisualOrder(word)) << word;
  }
}

TEST(Shaping, ZeroWidthNonJoinerKeepsItsEffect) {
  // With ZWNJ, the yeh of «می» ends its word (final form) and the khah starts the next (initial);
  // without it they join.
  const auto glyphs = [](const std::string& text) {
    std::vector<std::string> names;
    const TextBlock block = layoutText(vazirmatn(), text, TextStyle{kSize}, {});
    for (const auto& g : block.lines[0].glyphs) {
      names.push_back(glyphName(g.glyph));
    }
    return names;
  };
  const auto withZwnj = glyphs("می‌خواهم");
  const auto without = glyphs("میخواهم");
  EXPECT_NE(std::find(withZwnj.begin(), withZwnj.end(), "uniFBFD"), withZwnj.end());  // yeh final
  EXPECT_NE(std::find(withZwnj.begin(), withZwnj.end(), "uniFEA7"),
            withZwnj.end());  // khah initial
  EXPECT_EQ(std::find(without.begin(), without.end(), "uniFBFD"), without.end());
  EXPECT_NE(std::find(without.begin(), without.end(), "uniFEA8"), without.end());  // khah medial
}

TEST(Shaping, ArabicYehAndKafAreShownAsPersian) {
  const auto glyphs = [](const std::string& text) {
    std::vector<std::uint32_t> ids;
    const TextBlock block = layoutText(vazirmatn(), text, TextStyle{kSize}, {});
    for (const auto& g : block.lines[0].glyphs) {
      ids.push_back(g.glyph);
    }
    return ids;
  };
  EXPECT_EQ(glyphs("علي كرماني"), glyphs("علی کرمانی"));
}

TEST(Shaping, FallbackFontForCharactersTheUiFontLacks) {
  const FontSet& fonts = test::uiFonts();
  ASSERT_GE(fonts.size(), 2u);
  const char32_t omega = U'\u03A9';  // Greek: not in Vazirmatn, in Noto Sans
  ASSERT_FALSE(fonts.face(0).hasGlyphFor(omega));
  const TextBlock block = layoutText(fonts, "Ω گذرنامه", TextStyle{kSize}, {});
  std::set<std::uint16_t> faces;
  for (const auto& g : block.lines[0].glyphs) {
    EXPECT_NE(g.glyph, 0u) << "no .notdef boxes";
    if (g.cluster == 0) {
      EXPECT_EQ(fonts.face(g.face).name(), "NotoSans-Regular.ttf");
    }
    faces.insert(g.face);
  }
  EXPECT_EQ(faces.size(), 2u);
}

TEST(Shaping, ClustersAreUtf8ByteOffsets) {
  const std::string text = "Passport — گذرنامه";
  const TextBlock block = layoutText(vazirmatn(), text, TextStyle{kSize}, {});
  const auto& glyphs = block.lines[0].glyphs;
  EXPECT_EQ(glyphs.front().cluster, 0u);             // "P", leftmost in a left-to-right paragraph
  EXPECT_EQ(glyphs.back().cluster, text.find("گ"));  // gaf, rightmost of the Persian word
}

TEST(Shaping, InvalidUtf8IsShownNotFatal) {
  const TextBlock block = layoutText(vazirmatn(), "ab\xFF\xC3", TextStyle{kSize}, {});
  ASSERT_EQ(block.lines.size(), 1u);
  EXPECT_EQ(block.lines[0].glyphs.size(), 4u);
}

}  // namespace
}  // namespace mikhak::text
