#include "mikhak/text/sdl_surface.hpp"

#include <SDL2/SDL.h>

namespace mikhak::text {

SurfacePtr toSurface(const GreyBitmap& coverage, SDL_Color colour) {
  SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(
      0, std::max(coverage.width, 1), std::max(coverage.height, 1), 32, SDL_PIXELFORMAT_ARGB8888));
  if (!surface) return nullptr;
  SDL_SetSurfaceBlendMode(surface.get(), SDL_BLENDMODE_BLEND);
  const std::uint32_t rgb = (static_cast<std::uint32_t>(colour.r) << 16) |
                            (static_cast<std::uint32_t>(colour.g) << 8) | colour.b;
  auto* base = static_cast<std::uint8_t*>(surface->pixels);
  for (int y = 0; y < coverage.height; ++y) {
    auto* row =
        reinterpret_cast<std::uint32_t*>(base + static_cast<std::ptrdiff_t>(y) * surface->pitch);
    for (int x = 0; x < coverage.width; ++x) {
      const std::uint32_t alpha = (coverage.at(x, y) * colour.a + 127u) / 255u;
      row[x] = (alpha << 24) | rgb;
    }
  }
  return surface;
}

}  // namespace mikhak::text
