#include "mikhak/text/text_engine.hpp"

#include <list>
#include <string>
#include <unordered_map>

#include "glyph_cache.hpp"

namespace mikhak::text {
namespace {

std::string cacheKey(std::string_view text, const TextStyle& style, const LayoutOptions& options) {
  std::string key;
  key.reserve(text.size() + 48);
  key.append(text);
  key += '\0';
  for (const long long field :
       {static_cast<long long>(style.pixelSize), static_cast<long long>(style.weight),
        static_cast<long long>(options.direction), static_cast<long long>(options.maxWidth),
        static_cast<long long>(options.maxLines), static_cast<long long>(options.align),
        static_cast<long long>(options.lineSpacing * 1000)}) {
    key += std::to_string(field);
    key += ',';
  }
  return key;
}

// Floor division of 26.6 by 64 that also holds for negative positions.
int floorPixels(std::int32_t units) { return units >> 6; }

}  // namespace

struct TextEngine::Impl {
  using Entry = std::pair<std::string, std::shared_ptr<const TextBlock>>;

  FontSet regular;
  std::unique_ptr<FontSet> bold;
  std::size_t capacity;
  std::list<Entry> recent;  // most recent first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index;
  detail::GlyphCache glyphs;
  std::size_t layoutHits = 0;
  std::size_t layoutMisses = 0;

  const FontSet& fonts(FontWeight weight) const {
    return weight == FontWeight::Bold && bold ? *bold : regular;
  }
};

TextEngine::TextEngine(FontSet regular, std::unique_ptr<FontSet> bold,
                       std::size_t layoutCacheEntries)
    : impl_(std::make_unique<Impl>(
          Impl{std::move(regular), std::move(bold), layoutCacheEntries, {}, {}, {}, 0, 0})) {}
TextEngine::TextEngine(TextEngine&&) noexcept = default;
TextEngine& TextEngine::operator=(TextEngine&&) noexcept = default;
TextEngine::~TextEngine() = default;

Result<TextEngine> TextEngine::createDefault() {
  auto regular = FontSet::loadDefault(FontWeight::Regular);
  if (!regular) return regular.error();
  auto bold = FontSet::loadDefault(FontWeight::Bold);
  if (!bold) return bold.error();
  return TextEngine(std::move(*regular), std::make_unique<FontSet>(std::move(*bold)));
}

std::shared_ptr<const TextBlock> TextEngine::layout(std::string_view utf8, const TextStyle& style,
                                                    const LayoutOptions& options) {
  Impl& d = *impl_;
  std::string key = cacheKey(utf8, style, options);
  if (const auto found = d.index.find(key); found != d.index.end()) {
    ++d.layoutHits;
    d.recent.splice(d.recent.begin(), d.recent, found->second);
    return found->second->second;
  }
  ++d.layoutMisses;
  auto block =
      std::make_shared<const TextBlock>(layoutText(d.fonts(style.weight), utf8, style, options));
  if (d.capacity == 0) return block;
  if (d.recent.size() >= d.capacity) {
    d.index.erase(d.recent.back().first);
    d.recent.pop_back();
  }
  d.recent.emplace_front(std::move(key), block);
  d.index.emplace(d.recent.front().first, d.recent.begin());
  return block;
}

void TextEngine::draw(const TextBlock& block, GreyBitmap& target, int x, int y) {
  Impl& d = *impl_;
  d.glyphs.trimTo(kGlyphCacheBudgetBytes);
  const FontSet& fonts = d.fonts(block.style.weight);
  const auto weightKey = static_cast<std::uint32_t>(block.style.weight) << 8;
  for (const TextLine& line : block.lines) {
    const int baseline = y + (line.baseline + kUnitsPerPixel / 2) / kUnitsPerPixel;
    std::int32_t pen = line.x;
    for (const PlacedGlyph& g : line.glyphs) {
      const std::int32_t gx = pen + g.xOffset;
      int pixel = floorPixels(gx);
      int phase = ((gx - pixel * kUnitsPerPixel) * detail::GlyphCache::kSubpixelSteps +
                   kUnitsPerPixel / 2) /
                  kUnitsPerPixel;
      if (phase == detail::GlyphCache::kSubpixelSteps) ++pixel, phase = 0;
      const int rise = floorPixels(g.yOffset + kUnitsPerPixel / 2);
      const detail::GlyphImage& image = d.glyphs.get(fonts.face(g.face), weightKey | g.face,
                                                     g.glyph, block.style.pixelSize, phase);
      if (!image.coverage.pixels.empty()) {
        composite(target, image.coverage, x + pixel + image.left, baseline - rise - image.top);
      }
      pen += g.xAdvance;
    }
  }
}

GreyBitmap TextEngine::rasterize(const TextBlock& block) {
  GreyBitmap bitmap(block.widthPixels(), block.heightPixels());
  draw(block, bitmap, 0, 0);
  return bitmap;
}

const FontSet& TextEngine::fonts(FontWeight weight) const { return impl_->fonts(weight); }

TextCacheStats TextEngine::stats() const {
  return {impl_->layoutHits, impl_->layoutMisses, impl_->glyphs.hits(), impl_->glyphs.misses(),
          impl_->glyphs.bytes()};
}

void TextEngine::clearCaches() {
  impl_->index.clear();
  impl_->recent.clear();
  impl_->glyphs.clear();
  impl_->layoutHits = impl_->layoutMisses = 0;
}

}  // namespace mikhak::text
