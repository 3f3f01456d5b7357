#pragma once

#include <SDL2/SDL.h>

#include "mikhak/text/text_engine.hpp"
#include "screen_layout.hpp"
#include "text_textures.hpp"

namespace mikhak::kiosk {

// Draws a ScreenLayout with an SDL renderer. Text becomes textures once and is reused while it
// stays on screen, so an unchanged frame shapes and rasterises nothing; shapes are a few
// triangles each. The UI thread owns it.
class ScreenPainter {
 public:
  ScreenPainter(SDL_Renderer* renderer, text::TextEngine& engine);

  // Draws every item in order (the caller presents), then drops textures the frame did not use.
  void paint(const ScreenLayout& layout);
  // Drops every cached texture at once (ClearPersonalData: a name may be in one).
  void clear() { textures_.clear(); }
  // Text textures made so far: a repeated frame adds none.
  std::size_t texturesMade() const { return textures_.made(); }

 private:
  SDL_Renderer* renderer_;
  TextTextures textures_;
};

}  // namespace mikhak::kiosk
