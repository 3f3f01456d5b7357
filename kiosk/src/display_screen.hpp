#pragma once

#include <SDL2/SDL.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "mikhak/text/date_format.hpp"
#include "now_serving_calls.hpp"
#include "text_textures.hpp"

namespace mikhak::kiosk {

// One call as the screen words it, the way the browser display (server/web/display.js) does.
struct CallView {
  std::string labelFa;    // «گ-۰۱۷»
  std::string labelEn;    // "P-017"
  std::string counterFa;  // «به باجه ۳» (the latest) or «باجه ۳» (the list)
  std::string counterEn;  // "to counter 3" or "Counter 3"
  std::string serviceFa;
  std::string serviceEn;
  bool recall = false;
  bool operator==(const CallView&) const = default;
};

// How the latest call stands out after it is called: flashing (on or off this frame), then
// outlined for a while, then plain.
enum class Emphasis { None, Outline, FlashOn, FlashOff };

struct DisplayContent {
  std::string consulateFa;
  std::string consulateEn;
  std::string clockFa;  // «۱۰:۳۰»
  std::string clockEn;
  std::string dateFa;  // «سه‌شنبه، ۳ آذر ۱۴۰۵»
  std::string dateEn;  // "Tuesday, 24 November 2026"
  std::optional<CallView> latest;
  std::vector<CallView> previous;  // the tickets called before the latest, each once
  Emphasis emphasis = Emphasis::None;
  bool connected = true;
};

// How long a new call stands out (display.js: three one-second flashes, outlined for twelve).
constexpr std::chrono::milliseconds kFlashTime{3000};
constexpr std::chrono::milliseconds kOutlineTime{12000};
Emphasis emphasisAfter(std::chrono::milliseconds sinceCalled);

// Where things go on a screen of any size (16:9 panels: 1920x1080 and 1280x720). Right to left:
// the title and the latest call on the right, the clock and the earlier calls on the left.
struct DisplayLayout {
  double scale = 1;  // of the 1920x1080 design
  SDL_Rect header{};
  SDL_Rect latest{};
  SDL_Rect previousTitle{};
  std::vector<SDL_Rect> previousRows;
  SDL_Rect streamMark{};
  int px(int designPixels) const;
};
DisplayLayout layoutDisplay(int width, int height);

// Draws the waiting-room "now serving" screen.
class DisplayScreen {
 public:
  static constexpr std::size_t kPrevious = 5;

  static Result<DisplayScreen> create(std::string consulateFa, std::string consulateEn,
                                      std::string_view timeZone);

  // Pure: what to show for these calls (newest first) at this instant.
  DisplayContent contentAt(const std::vector<Call>& recent, std::chrono::sys_seconds now,
                           Emphasis emphasis, bool connected) const;
  void draw(SDL_Renderer* renderer, TextTextures& textures, text::TextEngine& engine,
            const DisplayContent& content, int width, int height) const;

 private:
  DisplayScreen(std::string consulateFa, std::string consulateEn, text::DateFormatter persian,
                text::DateFormatter english);
  std::string consulateFa_;
  std::string consulateEn_;
  text::DateFormatter persian_;
  text::DateFormatter english_;
};

// The latest call's and the list's wording.
CallView latestView(const Call& call);
CallView previousView(const Call& call);

}  // namespace mikhak::kiosk
