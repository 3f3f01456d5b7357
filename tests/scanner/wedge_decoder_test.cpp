// The keyboard-wedge decoder, on recorded evdev event sequences: what a scanner types arrives as
// the code, whatever the kiosk's keyboard layout, and what a person types never does.
#include "mikhak/scanner/wedge_decoder.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace mikhak::scanner {
namespace {

using namespace std::chrono_literals;
using Kind = WedgeLine::Kind;

const std::string kTrackingCode = "48210093175268";
// A notice payload's shape: upper and lower case, digits, dots, `-`, `_` and `=`.
const std::string kPayload =
    "MKH1.48210093175268.LON.1795516200."
    "q0_9-ZzYxWvUtSrQpOnMlKjIhGfEdCbA0123456789abcdefghijklmnopqrstuvwxyz=";

struct UsKey {
  std::uint16_t code;
  bool shift;
};

// What a US keyboard presses for each character: written out here, independently of the
// decoder's own table.
UsKey usKeyFor(char c) {
  static const std::map<char, UsKey> table = [] {
    std::map<char, UsKey> keys;
    const std::string_view digits = "1234567890";
    const std::string_view shiftedDigits = "!@#$%^&*()";
    const std::array<std::uint16_t, 10> digitCodes = {KEY_1, KEY_2, KEY_3, KEY_4, KEY_5,
                                                      KEY_6, KEY_7, KEY_8, KEY_9, KEY_0};
    for (std::size_t i = 0; i < digits.size(); ++i) {
      keys[digits[i]] = {digitCodes[i], false};
      keys[shiftedDigits[i]] = {digitCodes[i], true};
    }
    const auto row = [&keys](std::string_view letters, std::uint16_t first) {
      for (std::size_t i = 0; i < letters.size(); ++i) {
        const auto code = static_cast<std::uint16_t>(first + i);
        keys[letters[i]] = {code, false};
        keys[static_cast<char>(letters[i] - 'a' + 'A')] = {code, true};
      }
    };
    row("qwertyuiop", KEY_Q);
    row("asdfghjkl", KEY_A);
    row("zxcvbnm", KEY_Z);
    const std::array<std::tuple<char, char, std::uint16_t>, 11> punctuation = {{
        {'-', '_', KEY_MINUS},
        {'=', '+', KEY_EQUAL},
        {'[', '{', KEY_LEFTBRACE},
        {']', '}', KEY_RIGHTBRACE},
        {';', ':', KEY_SEMICOLON},
        {'\'', '"', KEY_APOSTROPHE},
        {'`', '~', KEY_GRAVE},
        {'\\', '|', KEY_BACKSLASH},
        {',', '<', KEY_COMMA},
        {'.', '>', KEY_DOT},
        {'/', '?', KEY_SLASH},
    }};
    for (const auto& [plain, shifted, code] : punctuation) {
      keys[plain] = {code, false};
      keys[shifted] = {code, true};
    }
    return keys;
  }();
  return table.at(c);
}

// Builds an evdev event sequence with timestamps, as the kernel would report it.
class Recording {
 public:
  // Each event is followed by its SYN_REPORT, as every USB report is.
  Recording& key(std::uint16_t code, int value) {
    push(EV_KEY, code, value);
    push(EV_SYN, SYN_REPORT, 0);
    return *this;
  }
  Recording& wait(std::chrono::microseconds pause) {
    now_ += pause;
    return *this;
  }
  // One character the way scanners send it: shift (if needed) and the key in one report, the
  // release 2 ms later, the next character `gap` after the press.
  Recording& stroke(UsKey key, std::chrono::microseconds gap,
                    std::uint16_t shiftKey = KEY_LEFTSHIFT) {
    const auto start = now_;
    if (key.shift) push(EV_KEY, shiftKey, 1);
    push(EV_KEY, key.code, 1);
    push(EV_SYN, SYN_REPORT, 0);
    now_ += 2ms;
    push(EV_KEY, key.code, 0);
    if (key.shift) push(EV_KEY, shiftKey, 0);
    push(EV_SYN, SYN_REPORT, 0);
    now_ = start + gap;
    return *this;
  }
  // A scanner's burst: a character every 5 to 10 ms.
  Recording& burst(std::string_view text, std::uint16_t shiftKey = KEY_LEFTSHIFT) {
    constexpr std::array<std::chrono::microseconds, 4> kGaps = {5ms, 8ms, 10ms, 6ms};
    std::size_t i = 0;
    for (const char c : text) stroke(usKeyFor(c), kGaps[i++ % kGaps.size()], shiftKey);
    return *this;
  }
  // A burst and the suffix key the scanner is set to send.
  Recording& scan(std::string_view text, std::uint16_t suffix = KEY_ENTER,
                  std::uint16_t shiftKey = KEY_LEFTSHIFT) {
    return burst(text, shiftKey).stroke({suffix, false}, 10ms);
  }
  // A person: 100 to 300 ms between keys.
  Recording& typeByHand(std::string_view text, bool enter) {
    constexpr std::array<std::chrono::microseconds, 3> kGaps = {180ms, 100ms, 300ms};
    std::size_t i = 0;
    for (const char c : text) stroke(usKeyFor(c), kGaps[i++ % kGaps.size()]);
    if (enter) stroke({KEY_ENTER, false}, 250ms);
    return *this;
  }
  Recording& dropped() {
    push(EV_SYN, SYN_DROPPED, 0);
    return *this;
  }

  const std::vector<input_event>& events() const { return events_; }

 private:
  void push(std::uint16_t type, std::uint16_t code, int value) {
    input_event event{};
    event.input_event_sec = static_cast<decltype(event.input_event_sec)>(now_.count() / 1000000);
    event.input_event_usec = static_cast<decltype(event.input_event_usec)>(now_.count() % 1000000);
    event.type = type;
    event.code = code;
    event.value = value;
    events_.push_back(event);
  }

  std::chrono::microseconds now_ = 1700000000s;  // an ordinary wall-clock time
  std::vector<input_event> events_;
};

std::vector<WedgeLine> decode(const Recording& recording, WedgeOptions options = {}) {
  WedgeDecoder decoder(options);
  std::vector<WedgeLine> lines;
  for (const auto& event : recording.events()) {
    if (auto line = decoder.feed(event)) lines.push_back(std::move(*line));
  }
  return lines;
}

// The codes alone.
std::vector<std::string> scans(const Recording& recording, WedgeOptions options = {}) {
  std::vector<std::string> codes;
  for (const auto& line : decode(recording, options)) {
    if (line.kind == Kind::Scan) codes.push_back(line.text);
  }
  return codes;
}

TEST(WedgeDecoder, FourteenDigitCodeEndedByEnterIsAScan) {
  const auto lines = decode(Recording().scan(kTrackingCode));

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Scan);
  EXPECT_EQ(lines[0].text, kTrackingCode);
  EXPECT_EQ(lines[0].terminator, '\n');
}

TEST(WedgeDecoder, QrPayloadKeepsCaseDotsAndSigns) {
  EXPECT_EQ(scans(Recording().scan(kPayload)), std::vector{kPayload});
}

TEST(WedgeDecoder, EveryShiftedPunctuationMarkDecodes) {
  const std::string marks = "!@#$%^&*()_+{}:\"~|<>?-=[];'`\\,./";
  EXPECT_EQ(scans(Recording().scan(marks)), std::vector{marks});
}

TEST(WedgeDecoder, RightShiftWorksLikeLeftShift) {
  EXPECT_EQ(scans(Recording().scan(kPayload, KEY_ENTER, KEY_RIGHTSHIFT)), std::vector{kPayload});
}

TEST(WedgeDecoder, ShiftHeldOnBothSidesLastsUntilBothAreReleased) {
  Recording recording;
  recording.key(KEY_LEFTSHIFT, 1).wait(3ms).key(KEY_RIGHTSHIFT, 1).wait(3ms);
  recording.stroke({KEY_M, false}, 5ms).key(KEY_LEFTSHIFT, 0).wait(3ms);
  recording.stroke({KEY_K, false}, 5ms).key(KEY_RIGHTSHIFT, 0).wait(3ms);
  recording.stroke({KEY_H, false}, 5ms).stroke({KEY_1, false}, 5ms);
  recording.stroke({KEY_ENTER, false}, 5ms);

  EXPECT_EQ(scans(recording), std::vector<std::string>{"MKh1"});
}

TEST(WedgeDecoder, KeypadDigitsAndKeypadEnterDecode) {
  Recording recording;
  const std::array<std::uint16_t, 10> keypad = {KEY_KP0, KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4,
                                                KEY_KP5, KEY_KP6, KEY_KP7, KEY_KP8, KEY_KP9};
  for (const char c : kTrackingCode) recording.stroke({keypad[c - '0'], false}, 6ms);
  recording.stroke({KEY_KPENTER, false}, 6ms);

  EXPECT_EQ(scans(recording), std::vector{kTrackingCode});
}

TEST(WedgeDecoder, OutputIsTheSameUnderAFrenchOrPersianSystemLayoutBecauseOnlyKeyCodesAreUsed) {
  // On AZERTY, KEY_Q types `a` and KEY_1 types `&`; on the Persian layout KEY_1 types `۱` and
  // KEY_Q `ض`. The decoder reads neither the environment nor any keymap: the same key codes give
  // the same US text under each.
  const auto recording = Recording().scan("qa1" + kPayload);
  std::vector<std::vector<std::string>> results;
  for (const char* layout : {"fr", "ir"}) {
    ::setenv("XKB_DEFAULT_LAYOUT", layout, 1);
    results.push_back(scans(recording));
  }
  ::unsetenv("XKB_DEFAULT_LAYOUT");

  EXPECT_EQ(results[0], std::vector{"qa1" + kPayload});
  EXPECT_EQ(results[1], results[0]);
}

TEST(WedgeDecoder, TabSuffixEndsAScanToo) {
  const auto lines = decode(Recording().scan(kTrackingCode, KEY_TAB));

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Scan);
  EXPECT_EQ(lines[0].text, kTrackingCode);
  EXPECT_EQ(lines[0].terminator, '\t');
}

TEST(WedgeDecoder, APersonTypingSlowlyNeverProducesAScan) {
  const auto lines = decode(Recording().typeByHand(kTrackingCode, true));

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Typed);
  EXPECT_EQ(lines[0].text, kTrackingCode);  // for the log only
}

TEST(WedgeDecoder, KeysTypedByHandBeforeAScanDoNotBecomePartOfIt) {
  Recording recording;
  recording.typeByHand("999", false).wait(150ms).scan(kTrackingCode);

  const auto lines = decode(recording);

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Scan);
  EXPECT_EQ(lines[0].text, kTrackingCode);
}

TEST(WedgeDecoder, TypingBetweenTwoScansLeavesBothIntact) {
  Recording recording;
  recording.scan(kTrackingCode).wait(400ms).typeByHand("abc", true).wait(400ms).scan(kPayload);

  const auto lines = decode(recording);

  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].kind, Kind::Scan);
  EXPECT_EQ(lines[0].text, kTrackingCode);
  EXPECT_EQ(lines[1].kind, Kind::Typed);
  EXPECT_EQ(lines[2].kind, Kind::Scan);
  EXPECT_EQ(lines[2].text, kPayload);
}

TEST(WedgeDecoder, AFastShortBurstIsNotAScan) {
  const auto lines = decode(Recording().scan("12"));

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Typed);
}

TEST(WedgeDecoder, EnterAloneGivesNothing) {
  EXPECT_TRUE(decode(Recording().stroke({KEY_ENTER, false}, 10ms)).empty());
}

TEST(WedgeDecoder, AScannerAtTwentyMillisecondsAKeyIsStillAScan) {
  Recording recording;
  for (const char c : kTrackingCode) recording.stroke(usKeyFor(c), 20ms);
  recording.stroke({KEY_ENTER, false}, 20ms);

  EXPECT_EQ(scans(recording), std::vector{kTrackingCode});
}

TEST(WedgeDecoder, AQuickTypistAtSixtyMillisecondsAKeyIsNot) {
  Recording recording;
  for (const char c : kTrackingCode) recording.stroke(usKeyFor(c), 60ms);
  recording.stroke({KEY_ENTER, false}, 60ms);

  const auto lines = decode(recording);

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Typed);
}

TEST(WedgeDecoder, ABurstBrokenOffByAPauseIsCutNotAShorterCode) {
  Recording recording;
  recording.burst(kTrackingCode.substr(0, 7)).wait(120ms);
  recording.scan(kTrackingCode.substr(7));

  const auto lines = decode(recording);

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Cut);
  EXPECT_TRUE(lines[0].text.empty());
}

TEST(WedgeDecoder, AutorepeatIsIgnored) {
  Recording recording;
  recording.key(KEY_4, 1).wait(2ms);
  for (int i = 0; i < 5; ++i) recording.key(KEY_4, 2).wait(2ms);
  recording.key(KEY_4, 0).wait(4ms).scan(kTrackingCode.substr(1));

  EXPECT_EQ(scans(recording), std::vector{kTrackingCode});
}

TEST(WedgeDecoder, AnOverlongBurstIsDiscardedAndTheNextScanStillReads) {
  Recording recording;
  recording.scan(std::string(600, '7')).wait(300ms).scan(kTrackingCode);

  const auto lines = decode(recording);

  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].kind, Kind::Overlong);
  EXPECT_TRUE(lines[0].text.empty());
  EXPECT_EQ(lines[1].kind, Kind::Scan);
  EXPECT_EQ(lines[1].text, kTrackingCode);
}

TEST(WedgeDecoder, ALineAtTheLengthLimitIsStillAScan) {
  const std::string longest(512, '5');
  EXPECT_EQ(scans(Recording().scan(longest)), std::vector{longest});
}

TEST(WedgeDecoder, KeysLostByTheKernelSpoilOnlyTheScanTheyWereIn) {
  Recording recording;
  recording.burst(kTrackingCode.substr(0, 5)).dropped();
  recording.scan(kTrackingCode.substr(9)).wait(300ms).scan(kTrackingCode);

  const auto lines = decode(recording);

  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].kind, Kind::Lost);
  EXPECT_EQ(lines[1].kind, Kind::Scan);
  EXPECT_EQ(lines[1].text, kTrackingCode);
}

TEST(WedgeDecoder, CapsLockTurnsLettersOnlyAndShiftTurnsThemBack) {
  Recording recording;
  recording.key(KEY_CAPSLOCK, 1).wait(2ms).key(KEY_CAPSLOCK, 0).wait(4ms);
  recording.scan("Mkh1.-");

  EXPECT_EQ(scans(recording), std::vector<std::string>{"mKH1.-"});
}

TEST(WedgeDecoder, KeysPressedWithControlOrAltAreNotText) {
  Recording recording;
  recording.key(KEY_LEFTCTRL, 1).wait(2ms).stroke({KEY_C, false}, 4ms);
  recording.key(KEY_LEFTCTRL, 0).wait(4ms).scan(kTrackingCode);

  EXPECT_EQ(scans(recording), std::vector{kTrackingCode});
}

TEST(WedgeDecoder, ResetForgetsHalfAScan) {
  Recording first;
  first.burst(kTrackingCode.substr(0, 6));
  Recording second;
  second.wait(5ms).scan(kTrackingCode.substr(6));
  WedgeDecoder decoder;
  for (const auto& event : first.events()) ASSERT_FALSE(decoder.feed(event));

  decoder.reset();
  std::vector<WedgeLine> lines;
  for (const auto& event : second.events()) {
    if (auto line = decoder.feed(event)) lines.push_back(*line);
  }

  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, Kind::Scan);
  EXPECT_EQ(lines[0].text, kTrackingCode.substr(6));
}

}  // namespace
}  // namespace mikhak::scanner
