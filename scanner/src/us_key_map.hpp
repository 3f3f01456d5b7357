#pragma once

#include <cstdint>

namespace mikhak::scanner {

// The character a US-layout key gives, from its Linux key code (KEY_*), or 0 for a key that types
// nothing we read (modifiers, Enter, function keys). Our own table on purpose: a keyboard-wedge
// scanner sends the key codes a US keyboard would, and the system layout (French, Persian) would
// turn them into other characters. Caps lock changes letters only; keypad keys give their digit
// or sign whatever num lock says, since a scanner in "keypad mode" assumes num lock on.
char usKeyChar(std::uint16_t keyCode, bool shift, bool capsLock);

}  // namespace mikhak::scanner
