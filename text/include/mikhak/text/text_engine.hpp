#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/font_set.hpp"
#include "mikhak/text/layout.hpp"

namespace mikhak::text {

struct TextCacheStats {
  std::size_t layoutHits = 0;
  std::size_t layoutMisses = 0;
  std::size_t glyphHits = 0;
  std::size_t glyphMisses = 0;
  std::size_t glyphBytes = 0;  // glyph images held: never much over kGlyphCacheBudgetBytes
};

// Glyph images kept at most (about 2,000 glyphs at kiosk sizes); beyond it the cache starts again.
inline constexpr std::size_t kGlyphCacheBudgetBytes = 8u << 20;

// Lays out and draws text with caches, so that drawing the same frame again costs little: laid-out
// blocks are kept (least recently used first out) and glyph images are kept per size and quarter
// pixel. One engine per thread; it is not safe for concurrent use.
class TextEngine {
 public:
  // Bold falls back to the regular set when not given.
  explicit TextEngine(FontSet regular, std::unique_ptr<FontSet> bold = nullptr,
                      std::size_t layoutCacheEntries = 1024);
  static Result<TextEngine> createDefault();
  TextEngine(TextEngine&&) noexcept;
  TextEngine& operator=(TextEngine&&) noexcept;
  ~TextEngine();

  std::shared_ptr<const TextBlock> layout(std::string_view utf8, const TextStyle& style,
                                          const LayoutOptions& options = {});
  // Draws the block with its top-left corner at (x, y) of the target; clipped.
  void draw(const TextBlock& block, GreyBitmap& target, int x, int y);
  // The block drawn onto a bitmap of its own size.
  GreyBitmap rasterize(const TextBlock& block);

  const FontSet& fonts(FontWeight weight) const;
  TextCacheStats stats() const;
  void clearCaches();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mikhak::text
