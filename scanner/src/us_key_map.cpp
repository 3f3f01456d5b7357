#include "us_key_map.hpp"

#include <linux/input-event-codes.h>

#include <array>

namespace mikhak::scanner {
namespace {

struct KeyChars {
  char plain = 0;
  char shifted = 0;
};

constexpr std::size_t kTableSize = 128;  // every key code that types on a US keyboard is below

constexpr std::array<KeyChars, kTableSize> makeTable() {
  std::array<KeyChars, kTableSize> table{};
  const auto set = [&table](int code, char plain, char shifted) {
    table[static_cast<std::size_t>(code)] = {plain, shifted};
  };
  // The number row.
  set(KEY_1, '1', '!');
  set(KEY_2, '2', '@');
  set(KEY_3, '3', '#');
  set(KEY_4, '4', '$');
  set(KEY_5, '5', '%');
  set(KEY_6, '6', '^');
  set(KEY_7, '7', '&');
  set(KEY_8, '8', '*');
  set(KEY_9, '9', '(');
  set(KEY_0, '0', ')');
  set(KEY_MINUS, '-', '_');
  set(KEY_EQUAL, '=', '+');
  // Letters: the key codes follow the physical rows (QWERTY), not the alphabet.
  const auto letter = [&set](int code, char lower) {
    set(code, lower, static_cast<char>(lower - 'a' + 'A'));
  };
  letter(KEY_Q, 'q');
  letter(KEY_W, 'w');
  letter(KEY_E, 'e');
  letter(KEY_R, 'r');
  letter(KEY_T, 't');
  letter(KEY_Y, 'y');
  letter(KEY_U, 'u');
  letter(KEY_I, 'i');
  letter(KEY_O, 'o');
  letter(KEY_P, 'p');
  letter(KEY_A, 'a');
  letter(KEY_S, 's');
  letter(KEY_D, 'd');
  letter(KEY_F, 'f');
  letter(KEY_G, 'g');
  letter(KEY_H, 'h');
  letter(KEY_J, 'j');
  letter(KEY_K, 'k');
  letter(KEY_L, 'l');
  letter(KEY_Z, 'z');
  letter(KEY_X, 'x');
  letter(KEY_C, 'c');
  letter(KEY_V, 'v');
  letter(KEY_B, 'b');
  letter(KEY_N, 'n');
  letter(KEY_M, 'm');
  // Punctuation.
  set(KEY_LEFTBRACE, '[', '{');
  set(KEY_RIGHTBRACE, ']', '}');
  set(KEY_SEMICOLON, ';', ':');
  set(KEY_APOSTROPHE, '\'', '"');
  set(KEY_GRAVE, '`', '~');
  set(KEY_BACKSLASH, '\\', '|');
  set(KEY_COMMA, ',', '<');
  set(KEY_DOT, '.', '>');
  set(KEY_SLASH, '/', '?');
  set(KEY_SPACE, ' ', ' ');
  // The keypad: shift does not change it.
  const auto keypad = [&set](int code, char c) { set(code, c, c); };
  keypad(KEY_KP0, '0');
  keypad(KEY_KP1, '1');
  keypad(KEY_KP2, '2');
  keypad(KEY_KP3, '3');
  keypad(KEY_KP4, '4');
  keypad(KEY_KP5, '5');
  keypad(KEY_KP6, '6');
  keypad(KEY_KP7, '7');
  keypad(KEY_KP8, '8');
  keypad(KEY_KP9, '9');
  keypad(KEY_KPDOT, '.');
  keypad(KEY_KPMINUS, '-');
  keypad(KEY_KPPLUS, '+');
  keypad(KEY_KPASTERISK, '*');
  keypad(KEY_KPSLASH, '/');
  keypad(KEY_KPEQUAL, '=');
  keypad(KEY_KPCOMMA, ',');
  return table;
}

constexpr auto kTable = makeTable();

constexpr bool isLetter(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

char usKeyChar(std::uint16_t keyCode, bool shift, bool capsLock) {
  if (keyCode >= kTable.size()) return 0;
  const KeyChars& chars = kTable[keyCode];
  // Caps lock inverts shift for letters only, as on a US keyboard (shift + caps lock: lower case).
  const bool upper = isLetter(chars.plain) ? shift != capsLock : shift;
  return upper ? chars.shifted : chars.plain;
}

}  // namespace mikhak::scanner
