#include "glyph_cache.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <cstring>

namespace mikhak::text::detail {

const GlyphImage& GlyphCache::get(const FontFace& face, std::uint32_t faceKey, std::uint32_t glyph,
                                  int pixelSize, int subpixel) {
  const std::uint64_t key = static_cast<std::uint64_t>(glyph) |
                            (static_cast<std::uint64_t>(faceKey & 0xFFF) << 32) |
                            (static_cast<std::uint64_t>(subpixel & 3) << 44) |
                            (static_cast<std::uint64_t>(pixelSize & 0xFFFF) << 46);
  if (const auto found = images_.find(key); found != images_.end()) {
    ++hits_;
    return found->second;
  }
  ++misses_;
  GlyphImage& image = images_[key];
  FT_Face ft = face.ftFace(pixelSize);
  if (FT_Load_Glyph(ft, glyph, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) return image;
  FT_GlyphSlot slot = ft->glyph;
  if (slot->format == FT_GLYPH_FORMAT_OUTLINE) {
    FT_Outline_Translate(&slot->outline, static_cast<FT_Pos>(subpixel) * (64 / kSubpixelSteps), 0);
  }
  if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return image;
  const FT_Bitmap& bitmap = slot->bitmap;
  image.left = slot->bitmap_left;
  image.top = slot->bitmap_top;
  image.coverage = GreyBitmap(static_cast<int>(bitmap.width), static_cast<int>(bitmap.rows));
  for (unsigned row = 0; row < bitmap.rows; ++row) {
    std::memcpy(&image.coverage.pixels[static_cast<std::size_t>(row) * bitmap.width],
                bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch, bitmap.width);
  }
  bytes_ += image.coverage.pixels.size() + sizeof(GlyphImage);
  return image;
}

void GlyphCache::clear() {
  images_.clear();
  bytes_ = 0;
  hits_ = misses_ = 0;
}

void GlyphCache::trimTo(std::size_t budgetBytes) {
  if (bytes_ <= budgetBytes) return;
  images_.clear();
  bytes_ = 0;
}

}  // namespace mikhak::text::detail
