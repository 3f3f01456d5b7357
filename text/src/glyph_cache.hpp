#pragma once

#include <cstdint>
#include <unordered_map>

#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/font_set.hpp"

namespace mikhak::text::detail {

// A glyph's coverage image and where it sits from the pen position.
struct GlyphImage {
  GreyBitmap coverage;
  int left = 0;  // pixels right of the pen
  int top = 0;   // pixels above the baseline
};

// Glyph images rendered by FreeType (unhinted, so positions stay as HarfBuzz gave them), one per
// face, glyph, pixel size and quarter-pixel horizontal phase; joined Persian letters then meet
// without hairline gaps.
class GlyphCache {
 public:
  static constexpr int kSubpixelSteps = 4;

  const GlyphImage& get(const FontFace& face, std::uint32_t faceKey, std::uint32_t glyph,
                        int pixelSize, int subpixel);
  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }
  std::size_t bytes() const { return bytes_; }
  void clear();
  // Starts again once the images outgrow the budget. A kiosk sees new sizes every day (text is
  // fitted to its box), so the cache must not grow for ever; most glyphs come back at once.
  // Call between draws only: it invalidates every image get() returned.
  void trimTo(std::size_t budgetBytes);

 private:
  std::unordered_map<std::uint64_t, GlyphImage> images_;
  std::size_t bytes_ = 0;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

}  // namespace mikhak::text::detail
