#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"

namespace mikhak::scanner {

// Where codes come from, as configured:
//   evdev:/dev/input/by-id/usb-...-event-kbd   a keyboard-wedge scanner, read through evdev
//   evdev:auto                                  the first keyboard that looks like a scanner
//   serial:/dev/ttyACM0[@115200]                a serial scanner (9600 baud unless given)
//   v4l2:/dev/video0                            a camera
//   images:DIR or images:FILE                   PNG and JPEG files, for diagnostics and tests
// Device paths are absolute; an images path may be relative.
struct SourceSpec {
  enum class Kind { Evdev, Serial, V4l2, Images };
  static constexpr int kDefaultBaud = 9600;

  Kind kind = Kind::Evdev;
  std::filesystem::path path;  // empty for evdev:auto
  int baud = kDefaultBaud;     // serial only

  bool autoDetect() const { return kind == Kind::Evdev && path.empty(); }
  // The spec written out again; parseSourceSpec(text()) gives it back.
  std::string text() const;
  friend bool operator==(const SourceSpec&, const SourceSpec&) = default;
};

// One spec. The Error names the spec and what is wrong with it.
Result<SourceSpec> parseSourceSpec(std::string_view text);

// Several specs separated by commas ("evdev:auto, v4l2:/dev/video0"), blanks around each ignored.
// The Error names the entry (its number and text) and what is wrong; the same source twice is a
// mistake too.
Result<std::vector<SourceSpec>> parseSourceSpecs(std::string_view commaSeparated);
// The same from a list (a configuration file's array, repeated options): every item is one spec,
// taken whole, so a path may contain a comma here.
Result<std::vector<SourceSpec>> parseSourceSpecs(std::span<const std::string> items);

}  // namespace mikhak::scanner
