#include "sdl_wedge_keys.hpp"

#include <array>
#include <utility>

namespace mikhak::kiosk {

std::optional<unsigned short> linuxKeyCode(SDL_Scancode scancode) {
  static constexpr std::array<std::pair<SDL_Scancode, unsigned short>, 71> kKeys{{
      {SDL_SCANCODE_A, KEY_A},
      {SDL_SCANCODE_B, KEY_B},
      {SDL_SCANCODE_C, KEY_C},
      {SDL_SCANCODE_D, KEY_D},
      {SDL_SCANCODE_E, KEY_E},
      {SDL_SCANCODE_F, KEY_F},
      {SDL_SCANCODE_G, KEY_G},
      {SDL_SCANCODE_H, KEY_H},
      {SDL_SCANCODE_I, KEY_I},
      {SDL_SCANCODE_J, KEY_J},
      {SDL_SCANCODE_K, KEY_K},
      {SDL_SCANCODE_L, KEY_L},
      {SDL_SCANCODE_M, KEY_M},
      {SDL_SCANCODE_N, KEY_N},
      {SDL_SCANCODE_O, KEY_O},
      {SDL_SCANCODE_P, KEY_P},
      {SDL_SCANCODE_Q, KEY_Q},
      {SDL_SCANCODE_R, KEY_R},
      {SDL_SCANCODE_S, KEY_S},
      {SDL_SCANCODE_T, KEY_T},
      {SDL_SCANCODE_U, KEY_U},
      {SDL_SCANCODE_V, KEY_V},
      {SDL_SCANCODE_W, KEY_W},
      {SDL_SCANCODE_X, KEY_X},
      {SDL_SCANCODE_Y, KEY_Y},
      {SDL_SCANCODE_Z, KEY_Z},
      {SDL_SCANCODE_1, KEY_1},
      {SDL_SCANCODE_2, KEY_2},
      {SDL_SCANCODE_3, KEY_3},
      {SDL_SCANCODE_4, KEY_4},
      {SDL_SCANCODE_5, KEY_5},
      {SDL_SCANCODE_6, KEY_6},
      {SDL_SCANCODE_7, KEY_7},
      {SDL_SCANCODE_8, KEY_8},
      {SDL_SCANCODE_9, KEY_9},
      {SDL_SCANCODE_0, KEY_0},
      {SDL_SCANCODE_RETURN, KEY_ENTER},
      {SDL_SCANCODE_KP_ENTER, KEY_KPENTER},
      {SDL_SCANCODE_TAB, KEY_TAB},
      {SDL_SCANCODE_SPACE, KEY_SPACE},
      {SDL_SCANCODE_MINUS, KEY_MINUS},
      {SDL_SCANCODE_EQUALS, KEY_EQUAL},
      {SDL_SCANCODE_LEFTBRACKET, KEY_LEFTBRACE},
      {SDL_SCANCODE_RIGHTBRACKET, KEY_RIGHTBRACE},
      {SDL_SCANCODE_BACKSLASH, KEY_BACKSLASH},
      {SDL_SCANCODE_SEMICOLON, KEY_SEMICOLON},
      {SDL_SCANCODE_APOSTROPHE, KEY_APOSTROPHE},
      {SDL_SCANCODE_GRAVE, KEY_GRAVE},
      {SDL_SCANCODE_COMMA, KEY_COMMA},
      {SDL_SCANCODE_PERIOD, KEY_DOT},
      {SDL_SCANCODE_SLASH, KEY_SLASH},
      {SDL_SCANCODE_CAPSLOCK, KEY_CAPSLOCK},
      {SDL_SCANCODE_LSHIFT, KEY_LEFTSHIFT},
      {SDL_SCANCODE_RSHIFT, KEY_RIGHTSHIFT},
      {SDL_SCANCODE_LCTRL, KEY_LEFTCTRL},
      {SDL_SCANCODE_RCTRL, KEY_RIGHTCTRL},
      {SDL_SCANCODE_LALT, KEY_LEFTALT},
      {SDL_SCANCODE_RALT, KEY_RIGHTALT},
      {SDL_SCANCODE_LGUI, KEY_LEFTMETA},
      {SDL_SCANCODE_RGUI, KEY_RIGHTMETA},
      {SDL_SCANCODE_KP_0, KEY_KP0},
      {SDL_SCANCODE_KP_1, KEY_KP1},
      {SDL_SCANCODE_KP_2, KEY_KP2},
      {SDL_SCANCODE_KP_3, KEY_KP3},
      {SDL_SCANCODE_KP_4, KEY_KP4},
      {SDL_SCANCODE_KP_5, KEY_KP5},
      {SDL_SCANCODE_KP_6, KEY_KP6},
      {SDL_SCANCODE_KP_7, KEY_KP7},
      {SDL_SCANCODE_KP_8, KEY_KP8},
      {SDL_SCANCODE_KP_9, KEY_KP9},
      {SDL_SCANCODE_KP_PERIOD, KEY_KPDOT},
  }};
  for (const auto& [sdl, linux] : kKeys) {
    if (sdl == scancode) return linux;
  }
  return std::nullopt;
}

std::optional<input_event> wedgeKeyEvent(const SDL_KeyboardEvent& key) {
  const auto code = linuxKeyCode(key.keysym.scancode);
  if (!code) return std::nullopt;
  input_event event{};
  event.time.tv_sec = static_cast<time_t>(key.timestamp / 1000);
  event.time.tv_usec = static_cast<suseconds_t>((key.timestamp % 1000) * 1000);
  event.type = EV_KEY;
  event.code = *code;
  // evdev's values: 1 press, 2 autorepeat, 0 release.
  event.value = key.state == SDL_RELEASED ? 0 : key.repeat ? 2 : 1;
  return event;
}

}  // namespace mikhak::kiosk
