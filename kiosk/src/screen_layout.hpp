#pragma once

// Every screen of the kiosk as a pure layout: a list of things to draw and the buttons to touch,
// worked out from the flow's state (or the staff view) without SDL, so that sizes, mirroring and
// fitting are tested without a display. screen_painter draws a ScreenLayout with SDL.
//
// Sizes come from the panel's pixel density: touch targets are at least 15 mm, body type about
// 7 mm, so the same code suits a 10" 1280x800 panel and a 15.6" 1920x1080 one. Persian screens
// are right to left: what English puts on the left, Persian puts on the right.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "check_in_flow.hpp"
#include "consulate_clock.hpp"
#include "kiosk_wording.hpp"
#include "mikhak/text/layout.hpp"
#include "mikhak/text/text_engine.hpp"
#include "staff_view.hpp"

namespace mikhak::kiosk {

struct Rect {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  int centreX() const { return x + w / 2; }
  int centreY() const { return y + h / 2; }
  bool contains(int px, int py) const { return px >= x && px < x + w && py >= y && py < y + h; }
  bool overlaps(const Rect& o) const {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }
  bool operator==(const Rect&) const = default;
};

enum class Theme { Standard, HighContrast };

// What a colour is for; colourOf() gives each role its colour in a theme.
enum class ColourRole {
  Page,         // the background
  Ink,          // body text on the page
  MutedInk,     // the other language, secondary lines
  Band,         // the consulate's band on the idle screen
  OnBand,       // text on the band
  Card,         // the ticket's card
  OnCard,       // text on the card
  Accent,       // the ticket number, list numbers, headings
  Notice,       // the background of a message that needs attention (typo, print failed)
  OnNotice,     // its text
  Primary,      // the main button
  OnPrimary,    // its label
  Secondary,    // other buttons
  OnSecondary,  // their label
  Disabled,     // a button that cannot be pressed yet
  OnDisabled,   // its label
  Outline,      // button and field borders, the pictogram's lines
  Field,        // the keypad's code field
  Quiet,        // the offline dot and its words: for staff, not to alarm anyone
};

struct Colour {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;
  bool operator==(const Colour&) const = default;
};
Colour colourOf(ColourRole role, Theme theme);
// WCAG 2 contrast ratio, 1 to 21.
double contrastRatio(Colour a, Colour b);

// A filled rectangle, rounded when radius > 0; outlined only, `outline` pixels wide, when > 0.
struct FillItem {
  Rect rect;
  ColourRole colour = ColourRole::Page;
  int radius = 0;
  int outline = 0;
  bool operator==(const FillItem&) const = default;
};

// Text laid out by the text engine with maxWidth = box.w and drawn with its top-left at the box's.
// The layout chose the style so that the block fits the box; the box is as tall as the block.
struct TextItem {
  std::string utf8;
  text::TextStyle style;
  Rect box;
  text::Align align = text::Align::Start;
  text::Direction direction = text::Direction::Auto;
  ColourRole colour = ColourRole::Ink;
  double lineSpacing = 1.0;
  text::LayoutOptions options() const {
    return {.direction = direction, .maxWidth = box.w, .align = align, .lineSpacing = lineSpacing};
  }
  bool operator==(const TextItem&) const = default;
};

// "Please wait": dots round a circle, the brightest at `phase` turns (0-1) from the top.
struct SpinnerItem {
  Rect box;
  double phase = 0.0;
  ColourRole colour = ColourRole::Accent;
  bool operator==(const SpinnerItem&) const = default;
};

enum class Pictogram {
  ScanNotice,  // a notice and a phone held under the scanner, the light beam on the QR code
  Info,        // a calm "i" in a circle, on refusals and out of service
};
struct PictogramItem {
  Pictogram kind = Pictogram::ScanNotice;
  Rect box;
  bool mirrored = false;  // right-to-left screens
  bool operator==(const PictogramItem&) const = default;
};

// The offline mark for staff: a small grey dot before the words.
struct DotItem {
  Rect box;
  ColourRole colour = ColourRole::Quiet;
  bool operator==(const DotItem&) const = default;
};

using DrawItem = std::variant<FillItem, TextItem, SpinnerItem, PictogramItem, DotItem>;

using UiAction = std::variant<FlowEvent, StaffAction>;

enum class ButtonKind { Primary, Secondary, Disabled };

// A touch target. Its look (a FillItem and a TextItem) is among the layout's items; the button is
// where a touch lands and what it does. Disabled buttons do nothing.
struct Button {
  Rect rect;
  std::string label;
  ButtonKind kind = ButtonKind::Secondary;
  UiAction action;
  std::string name;  // "language", "done", "digit.7", ...: for tests and the log
};

struct ScreenLayout {
  int width = 0;
  int height = 0;
  Theme theme = Theme::Standard;
  std::vector<DrawItem> items;  // in drawing order
  std::vector<Button> buttons;
  // The first button with this name, or null.
  const Button* button(std::string_view name) const;
};

// A 15.6" 1920x1080 panel.
constexpr double kDefaultPixelsPerMm = 5.57;
// Pixels a millimetre of a panel from its size in pixels and its diagonal in inches.
double pixelsPerMm(int width, int height, double diagonalInches);

struct ScreenContext {
  ScreenContext(text::TextEngine& textEngine, const KioskWording& words,
                const ConsulateClock& consulateClock)
      : engine(textEngine), wording(words), consulate(consulateClock) {}

  text::TextEngine& engine;  // measures text (its layout cache makes an unchanged frame cheap)
  const KioskWording& wording;
  const ConsulateClock& consulate;
  int width = 1920;
  int height = 1080;
  double pixelsPerMm = kDefaultPixelsPerMm;
  Theme theme = Theme::Standard;
  std::chrono::sys_seconds now{};  // the idle screen's clock; shown to the minute
  std::optional<std::chrono::sys_seconds> offlineSince;  // the staff's offline mark
  double spinnerPhase = 0.0;                             // turns, 0-1
};

// The applicant's screen for the flow's state.
ScreenLayout layoutScreen(const FlowState& state, const ScreenContext& context);
// The staff PIN entry or panel.
ScreenLayout layoutStaff(const StaffView& view, const ScreenContext& context);

// The action of the enabled button under the point, if any.
std::optional<UiAction> hitTest(const ScreenLayout& layout, int x, int y);

// "48210093175268" -> "4821 0093 1752 68", in the language's digits; digits not yet typed as
// "–" up to 14, so the field shows how many are left.
std::string groupedCodeForDisplay(std::string_view digits, text::Language language);

}  // namespace mikhak::kiosk
