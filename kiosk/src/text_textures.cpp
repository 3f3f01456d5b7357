#include "text_textures.hpp"

#include <utility>

#include "mikhak/text/sdl_surface.hpp"

namespace mikhak::kiosk {

TextTextures::TextTextures(SDL_Renderer* renderer, text::TextEngine& engine)
    : renderer_(renderer), engine_(engine) {}

TextTextures::Entry& TextTextures::entry(const std::string& utf8, const text::TextStyle& style,
                                         const text::LayoutOptions& options, SDL_Color colour) {
  std::string key = utf8;
  for (const int field :
       {style.pixelSize, static_cast<int>(style.weight), options.maxWidth, options.maxLines,
        static_cast<int>(options.direction), static_cast<int>(options.align),
        static_cast<int>(options.lineSpacing * 1000), static_cast<int>(colour.r),
        static_cast<int>(colour.g), static_cast<int>(colour.b), static_cast<int>(colour.a)}) {
    key += '\x1f' + std::to_string(field);
  }
  Entry& found = entries_[key];
  if (!found.texture) {
    const auto block = engine_.layout(utf8, style, options);
    const text::SurfacePtr surface = text::toSurface(engine_.rasterize(*block), colour);
    if (surface) {
      found.texture.reset(SDL_CreateTextureFromSurface(renderer_, surface.get()));
      found.width = surface->w;
      found.height = surface->h;
      ++made_;
    }
  }
  found.used = true;
  return found;
}

TextTextures::Drawn TextTextures::drawAt(const std::string& utf8, const text::TextStyle& style,
                                         const text::LayoutOptions& options, SDL_Color colour,
                                         int x, int y) {
  const Entry& e = entry(utf8, style, options, colour);
  if (!e.texture) return {};
  const SDL_Rect target{x, y, e.width, e.height};
  SDL_RenderCopy(renderer_, e.texture.get(), nullptr, &target);
  return {e.width, e.height};
}

TextTextures::Drawn TextTextures::drawCentred(const std::string& utf8, const text::TextStyle& style,
                                              const text::LayoutOptions& options, SDL_Color colour,
                                              int centreX, int y) {
  const Entry& e = entry(utf8, style, options, colour);
  if (!e.texture) return {};
  const SDL_Rect target{centreX - e.width / 2, y, e.width, e.height};
  SDL_RenderCopy(renderer_, e.texture.get(), nullptr, &target);
  return {e.width, e.height};
}

void TextTextures::endFrame() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (std::exchange(it->second.used, false)) {
      ++it;
    } else {
      it = entries_.erase(it);
    }
  }
}

}  // namespace mikhak::kiosk
