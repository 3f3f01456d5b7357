#include "mikhak/text/layout.hpp"

#include <hb.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "mikhak/text/normalize.hpp"
#include "utf8.hpp"

namespace mikhak::text {
namespace {

struct BidiDeleter {
  void operator()(UBiDi* p) const { ubidi_close(p); }
};
struct HbBufferDeleter {
  void operator()(hb_buffer_t* p) const { hb_buffer_destroy(p); }
};
using BidiPtr = std::unique_ptr<UBiDi, BidiDeleter>;
using HbBufferPtr = std::unique_ptr<hb_buffer_t, HbBufferDeleter>;

constexpr char32_t kEllipsis = U'\u2026';

bool isSurrogateLead(char16_t u) { return u >= 0xD800 && u <= 0xDBFF; }

char32_t codePointAt(std::u16string_view s, std::size_t i) {
  if (isSurrogateLead(s[i]) && i + 1 < s.size()) {
    return 0x10000 + ((static_cast<char32_t>(s[i]) - 0xD800) << 10) + (s[i + 1] - 0xDC00);
  }
  return s[i];
}

BidiPtr openBidi() {
  BidiPtr bidi(ubidi_open());
  if (!bidi) throw std::bad_alloc();
  return bidi;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("layoutText: ") + what + ": " + u_errorName(status));
}

// One paragraph (no '\n') of the source, analysed once: bidi levels, a script and a face per code
// unit, and each unit's advance for measuring candidate lines.
class Paragraph {
 public:
  Paragraph(const FontSet& fonts, const detail::Utf16Text& source, std::size_t begin,
            std::size_t end, const TextStyle& style, Direction direction, hb_buffer_t* buffer)
      : fonts_(fonts),
        source_(source),
        begin_(begin),
        text_(source.units.data() + begin, end - begin),
        style_(style),
        buffer_(buffer),
        bidi_(openBidi()) {
    UErrorCode status = U_ZERO_ERROR;
    const UBiDiLevel level = direction == Direction::RightToLeft   ? 1
                             : direction == Direction::LeftToRight ? 0
                                                                   : UBIDI_DEFAULT_LTR;
    ubidi_setPara(bidi_.get(), text_.data(), static_cast<int32_t>(text_.size()), level, nullptr,
                  &status);
    check(status, "ubidi_setPara");
    rightToLeft_ = (ubidi_getParaLevel(bidi_.get()) & 1) != 0;
    assignScriptsAndFaces();
    measure();
  }

  std::size_t size() const { return text_.size(); }
  bool rightToLeft() const { return rightToLeft_; }
  std::u16string_view text() const { return text_; }
  // Width of [a, b) with trailing white space left out, 26.6.
  std::int32_t width(std::size_t a, std::size_t b) const {
    return prefix_[trimEnd(a, b)] - prefix_[a];
  }
  std::size_t trimEnd(std::size_t a, std::size_t b) const {
    while (b > a && u_isUWhiteSpace(text_[b - 1])) --b;
    return b;
  }
  std::uint32_t byteOffset(std::size_t i) const {
    return source_.byteOffset[begin_ + std::min(i, text_.size())];
  }
  std::int32_t ellipsisWidth() const {
    return hb_font_get_glyph_h_advance(fonts_.face(ellipsisFace()).hbFont(style_.pixelSize),
                                       ellipsisGlyph());
  }

  // Shapes [a, b) as one line: bidi runs in visual order, each split where the face or script
  // changes, shaped with the whole paragraph as context.
  TextLine shapeLine(std::size_t a, std::size_t b, bool ellipsis) const {
    TextLine line;
    line.rightToLeft = rightToLeft_;
    line.begin = byteOffset(a);
    line.end = byteOffset(b);
    line.ellipsized = ellipsis;
    if (ellipsis && rightToLeft_) appendEllipsis(line, b);  // the logical end is on the left
    if (b > a) {
      BidiPtr lineBidi = openBidi();
      UErrorCode status = U_ZERO_ERROR;
      ubidi_setLine(bidi_.get(), static_cast<int32_t>(a), static_cast<int32_t>(b), lineBidi.get(),
                    &status);
      check(status, "ubidi_setLine");
      const int32_t runs = ubidi_countRuns(lineBidi.get(), &status);
      check(status, "ubidi_countRuns");
      for (int32_t r = 0; r < runs; ++r) {
        int32_t start = 0;
        int32_t length = 0;
        const UBiDiDirection dir = ubidi_getVisualRun(lineBidi.get(), r, &start, &length);
        shapeRun(line, a + static_cast<std::size_t>(start), static_cast<std::size_t>(length),
                 dir == UBIDI_RTL);
      }
    }
    if (ellipsis && !rightToLeft_) appendEllipsis(line, b);
    for (const auto& g : line.glyphs) line.width += g.xAdvance;
    return line;
  }

 private:
  std::size_t ellipsisFace() const { return fonts_.faceFor(kEllipsis); }
  hb_codepoint_t ellipsisGlyph() const {
    hb_codepoint_t glyph = 0;
    hb_font_get_nominal_glyph(fonts_.face(ellipsisFace()).hbFont(style_.pixelSize), kEllipsis,
                              &glyph);
    return glyph;
  }

  void appendEllipsis(TextLine& line, std::size_t at) const {
    PlacedGlyph g;
    g.glyph = ellipsisGlyph();
    g.face = static_cast<std::uint16_t>(ellipsisFace());
    g.cluster = byteOffset(at);
    g.xAdvance = ellipsisWidth();
    line.glyphs.push_back(g);
  }

  void assignScriptsAndFaces() {
    const std::size_t n = text_.size();
    script_.assign(n, HB_SCRIPT_COMMON);
    face_.assign(n, 0);
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    hb_script_t current = HB_SCRIPT_INVALID;
    std::size_t previousFace = fonts_.size();  // none yet
    for (std::size_t i = 0; i < n;) {
      const char32_t cp = codePointAt(text_, i);
      const std::size_t units = cp > 0xFFFF ? 2 : 1;
      const hb_script_t script = hb_unicode_script(unicode, cp);
      const bool weak = script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED ||
                        script == HB_SCRIPT_UNKNOWN;
      if (!weak) current = script;
      // Joiners, isolates and other invisible controls, marks and punctuation stay in the face of
      // what they follow, so a word is shaped in one piece (ZWNJ must sit inside the run).
      const bool invisible =
          hb_unicode_general_category(unicode, cp) == HB_UNICODE_GENERAL_CATEGORY_FORMAT;
      const bool hasPrevious = previousFace < fonts_.size();
      std::size_t face = 0;
      if (invisible) {
        face = hasPrevious ? previousFace : 0;
      } else if (weak && hasPrevious &&
                 (script == HB_SCRIPT_INHERITED || fonts_.face(previousFace).hasGlyphFor(cp))) {
        face = previousFace;
      } else {
        face = fonts_.faceFor(cp);
      }
      for (std::size_t k = i; k < i + units; ++k) {
        script_[k] = weak ? current : script;
        face_[k] = static_cast<std::uint16_t>(face);
      }
      previousFace = face;
      i += units;
    }
    // Leading weak characters take the first real script after them.
    hb_script_t next = HB_SCRIPT_COMMON;
    for (std::size_t i = n; i-- > 0;) {
      if (script_[i] == HB_SCRIPT_INVALID) {
        script_[i] = next;
      } else {
        next = script_[i];
      }
    }
  }

  // Shapes the paragraph's logical items once to learn each unit's advance.
  void measure() {
    const std::size_t n = text_.size();
    advance_.assign(n, 0);
    UErrorCode status = U_ZERO_ERROR;
    const UBiDiLevel* levels = n ? ubidi_getLevels(bidi_.get(), &status) : nullptr;
    check(status, "ubidi_getLevels");
    for (std::size_t start = 0; start < n;) {
      std::size_t end = start + 1;
      while (end < n && levels[end] == levels[start] && sameItem(start, end)) ++end;
      for (const auto& g : shape(start, end - start, (levels[start] & 1) != 0)) {
        advance_[g.cluster] += g.xAdvance;
      }
      start = end;
    }
    prefix_.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) prefix_[i + 1] = prefix_[i] + advance_[i];
  }

  bool sameItem(std::size_t a, std::size_t b) const {
    return face_[a] == face_[b] && script_[a] == script_[b];
  }

  void shapeRun(TextLine& line, std::size_t start, std::size_t length, bool rtl) const {
    // Items in logical order, then placed in the run's visual order.
    std::vector<std::pair<std::size_t, std::size_t>> items;
    for (std::size_t s = start; s < start + length;) {
      std::size_t e = s + 1;
      while (e < start + length && sameItem(s, e)) ++e;
      items.emplace_back(s, e - s);
      s = e;
    }
    if (rtl) std::reverse(items.begin(), items.end());
    for (const auto& [s, len] : items) {
      for (auto g : shape(s, len, rtl)) {
        g.cluster = byteOffset(g.cluster);
        line.glyphs.push_back(g);
      }
    }
  }

  // Glyphs of [start, start + length) in visual order; clusters are paragraph unit indices.
  std::vector<PlacedGlyph> shape(std::size_t start, std::size_t length, bool rtl) const {
    hb_buffer_clear_contents(buffer_);
    hb_buffer_add_utf16(buffer_, reinterpret_cast<const uint16_t*>(text_.data()),
                        static_cast<int>(text_.size()), static_cast<unsigned>(start),
                        static_cast<int>(length));
    hb_buffer_set_direction(buffer_, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    const hb_script_t script = script_[start];
    hb_buffer_set_script(buffer_, script == HB_SCRIPT_COMMON ? HB_SCRIPT_LATIN : script);
    hb_buffer_set_language(buffer_, script == HB_SCRIPT_ARABIC ? hb_language_from_string("fa", 2)
                                                               : hb_language_from_string("en", 2));
    const std::size_t face = face_[start];
    hb_shape(fonts_.face(face).hbFont(style_.pixelSize), buffer_, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer_, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer_, &count);
    std::vector<PlacedGlyph> glyphs(count);
    for (unsigned i = 0; i < count; ++i) {
      glyphs[i] = PlacedGlyph{info[i].codepoint, info[i].cluster, pos[i].x_advance,
                              pos[i].x_offset,   pos[i].y_offset, static_cast<std::uint16_t>(face)};
    }
    return glyphs;
  }

  const FontSet& fonts_;
  const detail::Utf16Text& source_;
  std::size_t begin_;
  std::u16string_view text_;
  TextStyle style_;
  hb_buffer_t* buffer_;
  BidiPtr bidi_;
  bool rightToLeft_ = false;
  std::vector<hb_script_t> script_;
  std::vector<std::uint16_t> face_;
  std::vector<std::int32_t> advance_;
  std::vector<std::int32_t> prefix_;
};

struct LineRange {
  std::size_t begin;
  std::size_t end;
  bool ellipsis;
};

// Greedy filling at ICU's line-break opportunities. A word wider than the line is cut with "…"
// rather than split, since a split Persian word reads as two words.
std::vector<LineRange> breakLines(const Paragraph& p, std::int32_t maxWidth,
                                  const icu::Locale& locale) {
  std::vector<LineRange> lines;
  const std::size_t n = p.size();
  if (maxWidth <= 0 || n == 0) {
    lines.push_back({0, n, false});
    return lines;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaks(
      icu::BreakIterator::createLineInstance(locale, status));
  check(status, "createLineInstance");
  const icu::UnicodeString alias(false, p.text().data(), static_cast<int32_t>(n));
  breaks->setText(alias);
  std::size_t start = 0;
  std::size_t lastFit = 0;
  for (int32_t next = breaks->following(0); next != icu::BreakIterator::DONE;) {
    const auto pos = static_cast<std::size_t>(next);
    const bool hard = breaks->getRuleStatus() >= UBRK_LINE_HARD;
    if (p.width(start, pos) <= maxWidth) {
      lastFit = pos;
      if (hard || pos == n) {
        lines.push_back({start, pos, false});
        start = lastFit = pos;
      }
      next = breaks->next();
    } else if (lastFit > start) {
      lines.push_back({start, lastFit, false});
      start = lastFit;  // measure the same opportunity again from the new line's start
    } else {
      lines.push_back({start, pos, true});
      start = lastFit = pos;
      next = breaks->next();
    }
  }
  if (start < n) lines.push_back({start, n, false});
  return lines;
}

// Where to cut [a, b) so that it fits with "…" after it: after the last whole word that fits,
// or, when not even one word does, between two grapheme clusters.
std::size_t ellipsisCut(const Paragraph& p, std::size_t a, std::size_t b, std::int32_t maxWidth,
                        const icu::Locale& locale) {
  const std::int32_t room = maxWidth - p.ellipsisWidth();
  if (p.width(a, b) <= room) return b;
  const icu::UnicodeString alias(false, p.text().data(), static_cast<int32_t>(p.size()));
  const auto lastFit = [&](icu::BreakIterator& breaks) {
    breaks.setText(alias);
    std::size_t best = a;
    for (int32_t next = breaks.following(static_cast<int32_t>(a));
         next != icu::BreakIterator::DONE && static_cast<std::size_t>(next) <= b;
         next = breaks.next()) {
      if (p.width(a, static_cast<std::size_t>(next)) > room) break;
      best = static_cast<std::size_t>(next);
    }
    return best;
  };
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createLineInstance(locale, status));
  check(status, "createLineInstance");
  if (const std::size_t cut = lastFit(*words); cut > a) return cut;
  std::unique_ptr<icu::BreakIterator> chars(
      icu::BreakIterator::createCharacterInstance(locale, status));
  check(status, "createCharacterInstance");
  return lastFit(*chars);
}

}  // namespace

PixelSpan horizontalSpan(const TextBlock& block) {
  if (block.lines.empty()) return {};
  PixelSpan span{block.widthPixels(), 0};
  for (const TextLine& line : block.lines) {
    span.left = std::min(span.left, line.x >> 6);  // floor
    span.right = std::max(span.right, (line.x + line.width + kUnitsPerPixel - 1) / kUnitsPerPixel);
  }
  if (span.left > span.right) return {};
  return span;
}

TextBlock layoutText(const FontSet& fonts, std::string_view utf8, const TextStyle& style,
                     const LayoutOptions& options) {
  if (style.pixelSize <= 0 || style.pixelSize > 2048) {
    throw std::invalid_argument("layoutText: pixel size out of range");
  }
  detail::Utf16Text source = detail::toUtf16(utf8);
  for (auto& unit : source.units) unit = static_cast<char16_t>(normalizePersianLetter(unit));

  TextBlock block;
  block.style = style;
  hb_font_extents_t extents{};
  hb_font_get_h_extents(fonts.face(0).hbFont(style.pixelSize), &extents);
  block.ascent = extents.ascender;
  block.lineHeight = static_cast<std::int32_t>(
      std::lround((extents.ascender - extents.descender + extents.line_gap) * options.lineSpacing));
  const std::int32_t maxWidth = options.maxWidth * kUnitsPerPixel;
  const std::int32_t limit = maxWidth > 0 ? maxWidth : std::numeric_limits<std::int32_t>::max() / 2;
  const icu::Locale locale(options.direction == Direction::LeftToRight ? "en" : "fa");

  HbBufferPtr buffer(hb_buffer_create());
  const std::size_t total = source.units.size();
  for (std::size_t begin = 0; begin <= total && !block.truncated;) {
    std::size_t end = begin;
    while (end < total && source.units[end] != u'\n') ++end;
    const Paragraph paragraph(fonts, source, begin, end, style, options.direction, buffer.get());
    for (const LineRange& range : breakLines(paragraph, maxWidth, locale)) {
      const bool last = options.maxLines > 0 &&
                        block.lines.size() + 1 == static_cast<std::size_t>(options.maxLines);
      const bool more = last && (range.end < paragraph.size() || end < total);
      LineRange r = range;
      if (more) r = {range.begin, paragraph.size(), true};
      std::size_t stop = paragraph.trimEnd(r.begin, r.end);
      if (r.ellipsis) {
        stop = paragraph.trimEnd(r.begin, ellipsisCut(paragraph, r.begin, stop, limit, locale));
      }
      TextLine line = paragraph.shapeLine(r.begin, stop, r.ellipsis);
      if (maxWidth > 0 && line.width > maxWidth && !r.ellipsis) {
        // Shaping in the line's own context came out wider than measured: cut instead of spill.
        stop = paragraph.trimEnd(r.begin, ellipsisCut(paragraph, r.begin, stop, maxWidth, locale));
        line = paragraph.shapeLine(r.begin, stop, true);
      }
      if (line.ellipsized) block.truncated = true;
      block.lines.push_back(std::move(line));
      if (more || (options.maxLines > 0 &&
                   block.lines.size() >= static_cast<std::size_t>(options.maxLines))) {
        block.truncated = block.truncated || more;
        break;
      }
    }
    if (options.maxLines > 0 && block.lines.size() >= static_cast<std::size_t>(options.maxLines)) {
      block.truncated = block.truncated || end < total;
      break;
    }
    begin = end + 1;
  }

  std::int32_t widest = 0;
  for (const auto& line : block.lines) widest = std::max(widest, line.width);
  block.width = maxWidth > 0 ? maxWidth : widest;
  for (std::size_t i = 0; i < block.lines.size(); ++i) {
    TextLine& line = block.lines[i];
    const std::int32_t room = block.width - line.width;
    const bool right = (options.align == Align::Start) == line.rightToLeft;
    line.x = options.align == Align::Center ? room / 2 : right ? room : 0;
    line.baseline = static_cast<std::int32_t>(i) * block.lineHeight + block.ascent;
  }
  block.height = static_cast<std::int32_t>(block.lines.size()) * block.lineHeight;
  return block;
}

}  // namespace mikhak::text
