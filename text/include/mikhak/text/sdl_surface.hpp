#pragma once

#include <SDL2/SDL_pixels.h>
#include <SDL2/SDL_surface.h>

#include <memory>

#include "mikhak/text/bitmap.hpp"

namespace mikhak::text {

struct SurfaceDeleter {
  void operator()(SDL_Surface* surface) const { SDL_FreeSurface(surface); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

// The coverage as an ARGB8888 surface of one colour, alpha = coverage * colour alpha (antialiased),
// ready to blit or to turn into a texture. Null only if SDL cannot allocate it.
SurfacePtr toSurface(const GreyBitmap& coverage, SDL_Color colour);

}  // namespace mikhak::text
