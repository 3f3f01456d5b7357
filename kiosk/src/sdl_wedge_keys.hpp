#pragma once

// A keyboard-wedge scanner that is not grabbed through evdev (a kiosk without permission on
// /dev/input, a development machine) types into the kiosk's window. Its keys reach the same
// WedgeDecoder as evdev's, by physical position: SDL scancodes are USB HID usages, turned here
// into Linux key codes, so the system's keyboard layout (Persian, French) changes nothing.

#include <SDL2/SDL.h>
#include <linux/input.h>

#include <optional>

namespace mikhak::kiosk {

// The Linux key code for an SDL scancode, for the keys a scanner types (digits, letters,
// punctuation of URLs and base64url, Enter, Tab, the modifiers); nullopt for the rest.
std::optional<unsigned short> linuxKeyCode(SDL_Scancode scancode);

// An SDL key press or release as the EV_KEY event evdev would give, stamped with SDL's
// millisecond timestamp; nullopt for keys a scanner never types.
std::optional<input_event> wedgeKeyEvent(const SDL_KeyboardEvent& key);

}  // namespace mikhak::kiosk
