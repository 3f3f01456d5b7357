#pragma once

#include <linux/input.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace mikhak::scanner {

struct WedgeOptions {
  // The longest pause between two key presses of one scan. A scanner types a character every few
  // ms (a press and a release report, each one USB polling interval of 1-10 ms); a person leaves
  // 50 ms or more between keys. A run of presses that never pauses longer than this, and ends in
  // Enter or Tab, is a scan.
  std::chrono::microseconds maxKeyGap = std::chrono::milliseconds(40);
  // Longer lines are garbage (a notice's QR payload is about 150 characters).
  std::size_t maxLength = 512;
  // Shorter bursts are a person's luck, not a code (ours have 14 characters or more).
  std::size_t minLength = 4;
};

// A line the decoder finished at Enter or Tab.
struct WedgeLine {
  enum class Kind {
    Scan,      // a burst from a scanner: `text` is the code
    Typed,     // keys pressed by a person: `text` is what they typed, for the log only
    Overlong,  // a burst longer than maxLength: discarded, `text` is empty
    Lost,      // the kernel dropped events (SYN_DROPPED) inside the burst: discarded
    Cut,       // a burst stopped for longer than maxKeyGap and went on: half a code, discarded
  };
  Kind kind = Kind::Scan;
  std::string text;
  char terminator = '\n';  // '\n' for Enter (main or keypad), '\t' for Tab
};

// Turns a keyboard-wedge scanner's evdev key events into the text it typed, with the project's
// own US key table: no system keyboard layout is involved, so a French or Persian layout on the
// kiosk changes nothing. Timing comes from the events' own timestamps (never the clock), so
// recorded sequences decode the same in tests as live.
//
// Typing by hand is never a scan: every pause longer than maxKeyGap ends the run of keys before
// it, and only the run that reaches Enter counts, so keys a person typed slowly are set aside (and
// reported as Typed when their line ends) and cannot become the start of a scan that follows.
// A run of minLength keys or more that a pause cut is a scanner's burst broken off, and what
// follows it up to Enter is the rest of that code, not a code: the line is reported as Cut.
// Not thread-safe; one decoder per device.
class WedgeDecoder {
 public:
  explicit WedgeDecoder(WedgeOptions options = {});

  // Takes one event (EV_KEY and EV_SYN matter; the rest are ignored) and returns the line it
  // finished, if any. Key releases only update shift, autorepeat is ignored.
  std::optional<WedgeLine> feed(const input_event& event);
  // Forgets pending keys and modifier state, e.g. after the device was opened again.
  void reset();

 private:
  struct Run {
    std::string text;
    bool overlong = false;
    bool lost = false;
  };

  void endRun();
  std::optional<WedgeLine> endLine(char terminator);

  WedgeOptions options_;
  Run run_;            // the keys since the last pause, the only candidate for a scan
  std::string typed_;  // keys before the last pause on this line: typed by hand
  bool cut_ = false;   // a burst on this line was broken off by a pause
  std::optional<std::chrono::microseconds> lastPress_;
  bool leftShift_ = false;
  bool rightShift_ = false;
  bool capsLock_ = false;
  int chordKeys_ = 0;      // ctrl, alt and meta keys held: a shortcut, not text
  bool dropping_ = false;  // after SYN_DROPPED, until the next SYN_REPORT
};

}  // namespace mikhak::scanner
