#include "mikhak/scanner/wedge_decoder.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "us_key_map.hpp"

namespace mikhak::scanner {
namespace {

std::chrono::microseconds timestampOf(const input_event& event) {
  return std::chrono::seconds(static_cast<std::int64_t>(event.input_event_sec)) +
         std::chrono::microseconds(static_cast<std::int64_t>(event.input_event_usec));
}

bool isChordKey(std::uint16_t code) {
  switch (code) {
    case KEY_LEFTCTRL:
    case KEY_RIGHTCTRL:
    case KEY_LEFTALT:
    case KEY_RIGHTALT:
    case KEY_LEFTMETA:
    case KEY_RIGHTMETA:
      return true;
    default:
      return false;
  }
}

// The suffix a scanner sends after the code; 0 for any other key.
char terminatorOf(std::uint16_t code) {
  switch (code) {
    case KEY_ENTER:
    case KEY_KPENTER:
      return '\n';
    case KEY_TAB:
      return '\t';
    default:
      return 0;
  }
}

}  // namespace

WedgeDecoder::WedgeDecoder(WedgeOptions options) : options_(options) {}

void WedgeDecoder::reset() { *this = WedgeDecoder(options_); }

std::optional<WedgeLine> WedgeDecoder::feed(const input_event& event) {
  if (event.type == EV_SYN) {
    if (event.code == SYN_DROPPED) {
      // The kernel's buffer overflowed: keys of this burst are missing, and which keys are held
      // is unknown. A scanner releases shift after every character, so "released" is right soon.
      dropping_ = true;
      run_.lost = true;
      leftShift_ = rightShift_ = false;
      chordKeys_ = 0;
    } else if (event.code == SYN_REPORT) {
      dropping_ = false;
    }
    return std::nullopt;
  }
  if (event.type != EV_KEY || dropping_) return std::nullopt;

  const bool down = event.value != 0;  // 1 press, 2 autorepeat, 0 release
  switch (event.code) {
    case KEY_LEFTSHIFT:
      leftShift_ = down;
      return std::nullopt;
    case KEY_RIGHTSHIFT:
      rightShift_ = down;
      return std::nullopt;
    case KEY_CAPSLOCK:
      if (event.value == 1) capsLock_ = !capsLock_;
      return std::nullopt;
    default:
      break;
  }
  if (isChordKey(event.code)) {
    if (event.value == 1) ++chordKeys_;
    if (event.value == 0 && chordKeys_ > 0) --chordKeys_;
    return std::nullopt;
  }
  // Only presses type; a held key's autorepeat is a person leaning on it, never a scanner.
  if (event.value != 1 || chordKeys_ > 0) return std::nullopt;

  const char terminator = terminatorOf(event.code);
  const char typed = terminator ? 0 : usKeyChar(event.code, leftShift_ || rightShift_, capsLock_);
  if (!terminator && !typed) return std::nullopt;  // arrows, F-keys, Esc: not part of a code

  // A pause (or a clock that went backwards) ends the run: what came before it was typed.
  const auto now = timestampOf(event);
  if (lastPress_ && (now - *lastPress_ > options_.maxKeyGap || now < *lastPress_)) endRun();
  lastPress_ = now;

  if (terminator) return endLine(terminator);
  if (run_.overlong) return std::nullopt;
  if (run_.text.size() >= options_.maxLength) {
    run_.overlong = true;
    run_.text = std::string();  // let go of the garbage now
    return std::nullopt;
  }
  run_.text.push_back(typed);
  return std::nullopt;
}

void WedgeDecoder::endRun() {
  Run ended = std::exchange(run_, Run{});
  if (ended.overlong || ended.text.size() >= options_.minLength) cut_ = true;
  // Kept for the log only, and bounded like a line.
  const auto room = options_.maxLength - std::min(options_.maxLength, typed_.size());
  typed_.append(ended.text, 0, room);
}

std::optional<WedgeLine> WedgeDecoder::endLine(char terminator) {
  if (run_.lost || run_.overlong || cut_) {
    const auto kind = run_.lost       ? WedgeLine::Kind::Lost
                      : run_.overlong ? WedgeLine::Kind::Overlong
                                      : WedgeLine::Kind::Cut;
    run_ = Run{};
    typed_.clear();
    cut_ = false;
    return WedgeLine{kind, std::string(), terminator};
  }
  if (run_.text.size() >= options_.minLength) {
    typed_.clear();
    return WedgeLine{WedgeLine::Kind::Scan, std::exchange(run_, Run{}).text, terminator};
  }
  endRun();
  if (typed_.empty()) return std::nullopt;  // Enter alone
  return WedgeLine{WedgeLine::Kind::Typed, std::exchange(typed_, std::string()), terminator};
}

}  // namespace mikhak::scanner
