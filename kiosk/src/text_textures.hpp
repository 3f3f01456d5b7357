#pragma once

#include <SDL2/SDL.h>

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

#include "mikhak/text/text_engine.hpp"
#include "sdl_handles.hpp"

namespace mikhak::kiosk {

// Text drawn by the text engine, turned into textures once and reused from frame to frame; only
// what was used in the last frame is kept.
class TextTextures {
 public:
  TextTextures(SDL_Renderer* renderer, text::TextEngine& engine);

  struct Drawn {
    int width = 0;
    int height = 0;
  };
  // Draws the text with its top-left corner at (x, y).
  Drawn drawAt(const std::string& utf8, const text::TextStyle& style,
               const text::LayoutOptions& options, SDL_Color colour, int x, int y);
  // Draws the text with its top edge at y, horizontally centred on centreX.
  Drawn drawCentred(const std::string& utf8, const text::TextStyle& style,
                    const text::LayoutOptions& options, SDL_Color colour, int centreX, int y);
  // Drops textures not used since the previous call.
  void endFrame();
  // Drops every texture (they may show an applicant's name).
  void clear() { entries_.clear(); }
  std::size_t size() const { return entries_.size(); }
  // Textures made since construction: a repeated frame makes none.
  std::size_t made() const { return made_; }

 private:
  struct Entry {
    TexturePtr texture;
    int width = 0;
    int height = 0;
    bool used = false;
  };
  Entry& entry(const std::string& utf8, const text::TextStyle& style,
               const text::LayoutOptions& options, SDL_Color colour);

  SDL_Renderer* renderer_;
  text::TextEngine& engine_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t made_ = 0;
};

}  // namespace mikhak::kiosk
