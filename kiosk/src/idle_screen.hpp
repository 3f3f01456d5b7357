#pragma once

#include <chrono>
#include <string>

#include "mikhak/text/date_format.hpp"
#include "text_textures.hpp"

namespace mikhak::kiosk {

// What the idle screen shows, worked out without SDL so it can be tested on its own.
struct IdleScreenContent {
  std::string consulateFa;
  std::string consulateEn;
  std::string dateFa;  // Jalali, Persian digits
  std::string dateEn;  // Gregorian
  std::string clockFa;
  std::string clockEn;
};

struct Consulate {
  std::string nameFa;
  std::string nameEn;
  std::string timeZone;
};

class IdleScreen {
 public:
  static Result<IdleScreen> create(const Consulate& consulate);

  IdleScreenContent contentAt(std::chrono::sys_seconds now) const;
  void draw(SDL_Renderer* renderer, TextTextures& textures, const IdleScreenContent& content,
            int width, int height) const;

 private:
  IdleScreen(Consulate consulate, text::DateFormatter persian, text::DateFormatter english);
  Consulate consulate_;
  text::DateFormatter persian_;
  text::DateFormatter english_;
};

}  // namespace mikhak::kiosk
