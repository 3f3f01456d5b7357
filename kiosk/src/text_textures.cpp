#include "text_textures.hpp"

#include <utility>

#include "mikhak/text/sdl_surface.hpp"

namespace mikhak::kiosk {

TextTextures::TextTextures(SDL_Renderer* renderer, text::TextEngine& engine)
    : renderer_(renderer), engine_(engine) {}

TextTextures::Drawn TextTextures::drawCentred(const std::string& utf8, const text::TextStyle& style,
                                              const text::LayoutOptions& options, SDL_Color colour,
                                              int centreX, int y) {
  std::string key = utf8;
  for (const int field : {style.pixelSize, static_cast<int>(style.weight), options.maxWidth,
                          static_cast<int>(options.direction), static_cast<int>(options.align),
                          static_cast<int>(colour.r), static_cast<int>(colour.g),
                          static_cast<int>(colour.b), static_cast<int>(colour.a)}) {
    key += '\x1f' + std::to_string(field);
  }
  Entry& entry = entries_[key];
  if (!entry.texture) {
    const auto block = engine_.layout(utf8, style, options);
    const text::SurfacePtr surface = text::toSurface(engine_.rasterize(*block), colour);
    if (!surface) return {};
    entry.texture.reset(SDL_CreateTextureFromSurface(renderer_, surface.get()));
    entry.width = surface->w;
    entry.height = surface->h;
  }
  entry.used = true;
  const SDL_Rect target{centreX - entry.width / 2, y, entry.width, entry.height};
  SDL_RenderCopy(renderer_, entry.texture.get(), nullptr, &target);
  return {entry.width, entry.height};
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
