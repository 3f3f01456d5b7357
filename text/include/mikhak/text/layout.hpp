#pragma once

#include <cstdint>
#include <vector>

#include "mikhak/text/font_set.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::text {

// Positions are 26.6 fixed point: 64 units to the pixel.
constexpr std::int32_t kUnitsPerPixel = 64;

enum class Align {
  Start,  // right for a right-to-left paragraph, left otherwise
  End,
  Center,
};

struct LayoutOptions {
  Direction direction = Direction::Auto;  // paragraph direction (default: first strong character)
  int maxWidth = 0;                       // pixels; 0 lays each paragraph on one line (default: 0)
  int maxLines = 0;                       // lines in all; 0 is no limit; the last is cut with "…"
  Align align = Align::Start;
  double lineSpacing = 1.0;  // times the font's line height (default: 1.0)
  auto operator<=>(const LayoutOptions&) const = default;
};

struct TextStyle {
  int pixelSize = 32;
  FontWeight weight = FontWeight::Regular;
  auto operator<=>(const TextStyle&) const = default;
};

struct PlacedGlyph {
  std::uint32_t glyph = 0;    // glyph id in its face
  std::uint32_t cluster = 0;  // byte offset of its cluster in the UTF-8 input
  std::int32_t xAdvance = 0;  // 26.6
  std::int32_t xOffset = 0;   // 26.6
  std::int32_t yOffset = 0;   // 26.6, up is positive
  std::uint16_t face = 0;     // index in the FontSet of the block's weight
  bool operator==(const PlacedGlyph&) const = default;
};

struct TextLine {
  std::vector<PlacedGlyph> glyphs;  // visual order, left to right
  std::int32_t x = 0;               // left edge of the first glyph from the block's left, 26.6
  std::int32_t baseline = 0;        // from the block's top, 26.6
  std::int32_t width = 0;           // sum of advances, 26.6
  std::uint32_t begin = 0;          // UTF-8 byte range of the source shown on this line
  std::uint32_t end = 0;            // (trailing white space excluded)
  bool rightToLeft = false;         // the paragraph's resolved direction
  bool ellipsized = false;          // cut, with "…" at its logical end
};

// A laid-out block of text: what both the screen and the paper draw.
struct TextBlock {
  std::vector<TextLine> lines;
  TextStyle style;
  std::int32_t width = 0;   // 26.6: maxWidth when wrapping, else the widest line
  std::int32_t height = 0;  // 26.6: lines * line height
  std::int32_t lineHeight = 0;
  std::int32_t ascent = 0;
  bool truncated = false;  // some text is not shown
  int widthPixels() const { return (width + kUnitsPerPixel - 1) / kUnitsPerPixel; }
  int heightPixels() const { return (height + kUnitsPerPixel - 1) / kUnitsPerPixel; }
};

// Where the glyph runs of a block lie across it, in whole pixels from its left edge, over all its
// lines (a right-aligned line starts well inside the block). An empty block gives {0, 0}.
struct PixelSpan {
  int left = 0;
  int right = 0;  // exclusive
  int width() const { return right - left; }
};
PixelSpan horizontalSpan(const TextBlock& block);

// Lays out UTF-8 text: Persian letters normalised, paragraphs split at '\n', bidi per UAX #9 (ICU),
// a font per character with fallback, shaping with HarfBuzz, and lines broken at ICU's line-break
// opportunities within maxWidth. Invalid UTF-8 is shown as U+FFFD. Pure: no caching, no drawing.
TextBlock layoutText(const FontSet& fonts, std::string_view utf8, const TextStyle& style,
                     const LayoutOptions& options);

}  // namespace mikhak::text
