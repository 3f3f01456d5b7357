#include "display_screen.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#include "mikhak/text/digits.hpp"

namespace mikhak::kiosk {
namespace {

using text::Direction;
using text::FontWeight;

// server/web/display.css
constexpr SDL_Color kGround{0x0a, 0x16, 0x24, 0xff};
constexpr SDL_Color kPanel{0x11, 0x24, 0x3a, 0xff};
constexpr SDL_Color kInk{0xff, 0xff, 0xff, 0xff};
constexpr SDL_Color kSoft{0xc9, 0xd6, 0xe3, 0xff};
constexpr SDL_Color kAccent{0xff, 0xc9, 0x4a, 0xff};
constexpr SDL_Color kFlash{0xff, 0xe0, 0x8a, 0xff};
constexpr SDL_Color kFlashPanel{0x5a, 0x47, 0x12, 0xff};
constexpr SDL_Color kRule{0x2c, 0x46, 0x60, 0xff};
constexpr SDL_Color kDark{0x11, 0x11, 0x11, 0xff};
constexpr SDL_Color kWarning{0xe0, 0xa1, 0x00, 0xff};

constexpr std::array<std::string_view, 7> kWeekdaysFa{
    "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"};
constexpr std::array<std::string_view, 7> kWeekdaysEn{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};

std::string paddedNumber(int number) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", number);
  return digits;
}

void setColour(SDL_Renderer* renderer, SDL_Color c) {
  SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
}

// A filled rectangle with rounded corners (SDL draws only square ones).
void fillRounded(SDL_Renderer* renderer, const SDL_Rect& r, int radius, SDL_Color colour) {
  setColour(renderer, colour);
  radius = std::min({radius, r.w / 2, r.h / 2});
  for (int dy = 0; dy < radius; ++dy) {
    // The corner's inset on this row, from the circle x² + y² = radius².
    const double y = radius - dy - 0.5;
    const int inset = radius - static_cast<int>(std::sqrt(double(radius) * radius - y * y) + 0.5);
    const SDL_Rect top{r.x + inset, r.y + dy, r.w - 2 * inset, 1};
    const SDL_Rect bottom{r.x + inset, r.y + r.h - 1 - dy, r.w - 2 * inset, 1};
    SDL_RenderFillRect(renderer, &top);
    SDL_RenderFillRect(renderer, &bottom);
  }
  const SDL_Rect middle{r.x, r.y + radius, r.w, r.h - 2 * radius};
  SDL_RenderFillRect(renderer, &middle);
}

// A rounded frame: the outer shape in the frame's colour, the inner in the fill's.
void frameRounded(SDL_Renderer* renderer, const SDL_Rect& r, int radius, int thickness,
                  SDL_Color frame, SDL_Color fill) {
  fillRounded(renderer, r, radius, frame);
  const SDL_Rect inner{r.x + thickness, r.y + thickness, r.w - 2 * thickness, r.h - 2 * thickness};
  fillRounded(renderer, inner, std::max(0, radius - thickness), fill);
}

// Text placed by an edge or its centre, on top or baseline, through TextTextures (which centres).
class Painter {
 public:
  Painter(TextTextures& textures, text::TextEngine& engine)
      : textures_(textures), engine_(engine) {}

  enum class Anchor { Left, Centre, Right };
  struct Placed {
    int left = 0;
    int width = 0;
    int height = 0;
    int ascent = 0;
  };

  Placed measure(const std::string& utf8, text::TextStyle style, Direction direction,
                 int maxWidth = 0, Anchor anchor = Anchor::Centre) const {
    const auto block = engine_.layout(utf8, style, options(direction, maxWidth, anchor));
    return {0, block->widthPixels(), block->heightPixels(), block->ascent / text::kUnitsPerPixel};
  }

  // Top edge at `top`; x is the left edge, centre or right edge as anchored. Text wider than
  // maxWidth is cut with "…" rather than spilling over its neighbours.
  Placed draw(const std::string& utf8, text::TextStyle style, Direction direction, SDL_Color colour,
              Anchor anchor, int x, int top, int maxWidth = 0) {
    Placed p = measure(utf8, style, direction, maxWidth, anchor);
    const int left = anchor == Anchor::Left    ? x
                     : anchor == Anchor::Right ? x - p.width
                                               : x - p.width / 2;
    textures_.drawCentred(utf8, style, options(direction, maxWidth, anchor), colour,
                          left + p.width / 2, top);
    p.left = left;
    return p;
  }

  // As draw(), with the baseline at `baseline`.
  Placed drawOnBaseline(const std::string& utf8, text::TextStyle style, Direction direction,
                        SDL_Color colour, Anchor anchor, int x, int baseline, int maxWidth = 0) {
    const Placed p = measure(utf8, style, direction, maxWidth, anchor);
    return draw(utf8, style, direction, colour, anchor, x, baseline - p.ascent, maxWidth);
  }

 private:
  // A block with a maximum width is that wide: the line inside it is aligned to the anchor.
  static text::LayoutOptions options(Direction direction, int maxWidth, Anchor anchor) {
    const bool rtl = direction == Direction::RightToLeft;
    const text::Align align = anchor == Anchor::Centre           ? text::Align::Center
                              : (anchor == Anchor::Right) == rtl ? text::Align::Start
                                                                 : text::Align::End;
    // One line always: a long service name is cut rather than pushing the layout about.
    return {.direction = direction,
            .maxWidth = maxWidth,
            .maxLines = maxWidth ? 1 : 0,
            .align = maxWidth ? align : text::Align::Start};
  }
  TextTextures& textures_;
  text::TextEngine& engine_;
};

}  // namespace

Emphasis emphasisAfter(std::chrono::milliseconds sinceCalled) {
  if (sinceCalled < std::chrono::milliseconds(0) || sinceCalled >= kOutlineTime) {
    return Emphasis::None;
  }
  if (sinceCalled >= kFlashTime) return Emphasis::Outline;
  return (sinceCalled.count() / 500) % 2 == 0 ? Emphasis::FlashOn : Emphasis::FlashOff;
}

int DisplayLayout::px(int designPixels) const {
  return std::max(1, static_cast<int>(designPixels * scale + 0.5));
}

DisplayLayout layoutDisplay(int width, int height) {
  DisplayLayout l;
  l.scale = std::min(width / 1920.0, height / 1080.0);
  const int margin = l.px(56);
  l.header = {0, 0, width, l.px(150)};
  const int stageTop = l.header.h + l.px(32);
  const int stageBottom = height - l.px(56);
  const int gap = l.px(48);
  const int inner = width - 2 * margin - gap;
  const int latestWidth = inner * 62 / 100;
  l.latest = {width - margin - latestWidth, stageTop, latestWidth, stageBottom - stageTop};
  const int listWidth = inner - latestWidth;
  l.previousTitle = {margin, stageTop, listWidth, l.px(64)};
  const int rowHeight = l.px(128);
  const int rowGap = l.px(14);
  int y = l.previousTitle.y + l.previousTitle.h + l.px(18);
  for (std::size_t i = 0; i < DisplayScreen::kPrevious && y + rowHeight <= stageBottom; ++i) {
    l.previousRows.push_back({margin, y, listWidth, rowHeight});
    y += rowHeight + rowGap;
  }
  l.streamMark = {l.px(16), height - l.px(48), l.px(520), l.px(40)};
  return l;
}

CallView latestView(const Call& call) {
  const std::string letterFa = call.letterFa.empty() ? call.letter : call.letterFa;
  return {letterFa + "-" + text::localizeDigits(paddedNumber(call.number), text::Language::Persian),
          call.label,
          "به باجه " + text::formatInteger(call.counter, text::Language::Persian),
          "to counter " + std::to_string(call.counter),
          call.serviceFa,
          call.serviceEn,
          call.recall};
}

CallView previousView(const Call& call) {
  CallView view = latestView(call);
  view.counterFa = "باجه " + text::formatInteger(call.counter, text::Language::Persian);
  view.counterEn = "Counter " + std::to_string(call.counter);
  view.recall = false;
  return view;
}

DisplayScreen::DisplayScreen(std::string consulateFa, std::string consulateEn,
                             text::DateFormatter persian, text::DateFormatter english)
    : consulateFa_(std::move(consulateFa)),
      consulateEn_(std::move(consulateEn)),
      persian_(std::move(persian)),
      english_(std::move(english)) {}

Result<DisplayScreen> DisplayScreen::create(std::string consulateFa, std::string consulateEn,
                                            std::string_view timeZone) {
  auto persian =
      text::DateFormatter::create(text::Language::Persian, text::Calendar::Jalali, timeZone);
  if (!persian) return persian.error();
  auto english =
      text::DateFormatter::create(text::Language::English, text::Calendar::Gregorian, timeZone);
  if (!english) return english.error();
  return DisplayScreen(std::move(consulateFa), std::move(consulateEn), std::move(*persian),
                       std::move(*english));
}

DisplayContent DisplayScreen::contentAt(const std::vector<Call>& recent,
                                        std::chrono::sys_seconds now, Emphasis emphasis,
                                        bool connected) const {
  DisplayContent c;
  c.consulateFa = consulateFa_;
  c.consulateEn = consulateEn_;
  c.clockFa = persian_.time(now);
  c.clockEn = english_.time(now);
  const text::CivilDate day = english_.civilDate(now);
  const auto weekday = std::chrono::weekday(std::chrono::sys_days(
      std::chrono::year(day.year) / std::chrono::month(static_cast<unsigned>(day.month)) /
      std::chrono::day(static_cast<unsigned>(day.day))));
  c.dateFa = std::string(kWeekdaysFa[weekday.c_encoding()]) + "، " + persian_.date(now);
  c.dateEn = std::string(kWeekdaysEn[weekday.c_encoding()]) + ", " + english_.date(now);
  c.emphasis = emphasis;
  c.connected = connected;
  if (recent.empty()) return c;
  c.latest = latestView(recent.front());
  // The tickets called before the latest, each once: a recall repeats a ticket.
  std::set<std::string> seen{recent.front().label};
  for (auto it = recent.begin() + 1; it != recent.end() && c.previous.size() < kPrevious; ++it) {
    if (seen.insert(it->label).second) c.previous.push_back(previousView(*it));
  }
  return c;
}

void DisplayScreen::draw(SDL_Renderer* renderer, TextTextures& textures, text::TextEngine& engine,
                         const DisplayContent& content, int width, int height) const {
  const DisplayLayout l = layoutDisplay(width, height);
  const auto px = [&](int design) { return l.px(design); };
  Painter paint(textures, engine);
  using Anchor = Painter::Anchor;
  constexpr Direction rtl = Direction::RightToLeft;
  constexpr Direction ltr = Direction::LeftToRight;
  const auto style = [&](int size, FontWeight weight = FontWeight::Regular) {
    return text::TextStyle{px(size), weight};
  };

  setColour(renderer, kGround);
  SDL_RenderClear(renderer);

  // Header: the title on the right, the consulate in the middle, the clock on the left.
  const int margin = px(56);
  const int headerBaseline = px(84);
  const auto title = paint.drawOnBaseline("نوبت جاری", style(58, FontWeight::Bold), rtl, kInk,
                                          Anchor::Right, width - margin, headerBaseline);
  paint.drawOnBaseline("Now serving", style(38), ltr, kSoft, Anchor::Right, title.left - px(32),
                       headerBaseline);
  const auto time = paint.drawOnBaseline(content.clockFa, style(58, FontWeight::Bold), rtl, kInk,
                                         Anchor::Left, margin, headerBaseline);
  paint.drawOnBaseline(content.clockEn, style(38), ltr, kSoft, Anchor::Left,
                       time.left + time.width + px(28), headerBaseline);
  const auto dateFa =
      paint.drawOnBaseline(content.dateFa, style(27), rtl, kSoft, Anchor::Left, margin, px(130));
  paint.drawOnBaseline(content.dateEn, style(24), ltr, kSoft, Anchor::Left,
                       dateFa.left + dateFa.width + px(28), px(130));
  const int centreWidth = px(820);
  paint.drawOnBaseline(content.consulateFa, style(34, FontWeight::Bold), rtl, kInk, Anchor::Centre,
                       width / 2, px(72), centreWidth);
  paint.drawOnBaseline(content.consulateEn, style(26), ltr, kSoft, Anchor::Centre, width / 2,
                       px(118), centreWidth);
  setColour(renderer, kRule);
  const SDL_Rect rule{0, l.header.h - px(5), width, px(5)};
  SDL_RenderFillRect(renderer, &rule);

  // The latest call.
  const bool flashing = content.emphasis == Emphasis::FlashOn;
  const SDL_Color panelFill = flashing ? kFlashPanel : kPanel;
  const SDL_Color panelFrame = content.emphasis == Emphasis::None ? kRule : kAccent;
  frameRounded(renderer, l.latest, px(27), px(6), panelFrame, panelFill);
  const int centre = l.latest.x + l.latest.w / 2;
  const int panelText = l.latest.w - px(80);
  if (!content.latest) {
    const int middle = l.latest.y + l.latest.h / 2;
    paint.drawOnBaseline("لطفاً منتظر فراخوان شماره خود بمانید.", style(46), rtl, kSoft,
                         Anchor::Centre, centre, middle - px(20), panelText);
    paint.drawOnBaseline("Please wait for your number to be called.", style(40), ltr, kSoft,
                         Anchor::Centre, centre, middle + px(60), panelText);
  } else {
    const CallView& call = *content.latest;
    // Baselines down the panel, in design pixels from its top (the panel is 842 high at 1080p).
    int top = l.latest.y;
    if (call.recall) {
      const auto fa = paint.measure("فراخوانی مجدد", style(34, FontWeight::Bold), rtl);
      const auto en = paint.measure("Called again", style(34, FontWeight::Bold), ltr);
      const int boxWidth = fa.width + en.width + px(24 + 2 * 36);
      const SDL_Rect box{centre - boxWidth / 2, top + px(26), boxWidth, px(56)};
      fillRounded(renderer, box, px(11), kFlash);
      const int baseline = box.y + px(42);
      paint.drawOnBaseline("فراخوانی مجدد", style(34, FontWeight::Bold), rtl, kDark, Anchor::Right,
                           box.x + box.w - px(36), baseline);
      paint.drawOnBaseline("Called again", style(34, FontWeight::Bold), ltr, kDark, Anchor::Left,
                           box.x + px(36), baseline);
    }
    const auto caption = paint.measure("شماره", style(38), rtl);
    const auto captionEn = paint.measure("Number", style(34), ltr);
    const int captionWidth = caption.width + px(24) + captionEn.width;
    paint.drawOnBaseline("شماره", style(38), rtl, kSoft, Anchor::Right, centre + captionWidth / 2,
                         top + px(130));
    paint.drawOnBaseline("Number", style(34), ltr, kSoft, Anchor::Left, centre - captionWidth / 2,
                         top + px(130));
    paint.drawOnBaseline(call.labelFa, style(210, FontWeight::Bold), rtl, kInk, Anchor::Centre,
                         centre, top + px(350), panelText);
    paint.drawOnBaseline(call.labelEn, style(104, FontWeight::Bold), ltr, kSoft, Anchor::Centre,
                         centre, top + px(480), panelText);
    // The counter, on the accent band.
    const auto counterFa = paint.measure(call.counterFa, style(100, FontWeight::Bold), rtl);
    const auto counterEn = paint.measure(call.counterEn, style(62, FontWeight::Bold), ltr);
    const int bandWidth = std::min(panelText, counterFa.width + counterEn.width + px(56 + 2 * 56));
    const SDL_Rect band{centre - bandWidth / 2, top + px(530), bandWidth, px(150)};
    fillRounded(renderer, band, px(16), kAccent);
    const int bandBaseline = band.y + px(112);
    paint.drawOnBaseline(call.counterFa, style(100, FontWeight::Bold), rtl, kDark, Anchor::Right,
                         band.x + band.w - px(56), bandBaseline);
    paint.drawOnBaseline(call.counterEn, style(62, FontWeight::Bold), ltr, kDark, Anchor::Left,
                         band.x + px(56), bandBaseline);
    // The service, one line each way.
    paint.drawOnBaseline(call.serviceFa, style(40), rtl, kSoft, Anchor::Centre, centre,
                         top + px(745), panelText);
    paint.drawOnBaseline(call.serviceEn, style(34), ltr, kSoft, Anchor::Centre, centre,
                         top + px(800), panelText);
  }

  // The calls before it.
  const SDL_Rect& head = l.previousTitle;
  const auto listTitle =
      paint.drawOnBaseline("فراخوان‌های پیشین", style(38, FontWeight::Bold), rtl,
                           kInk, Anchor::Right, head.x + head.w, head.y + px(44));
  paint.drawOnBaseline("Previous calls", style(29), ltr, kSoft, Anchor::Right,
                       listTitle.left - px(28), head.y + px(44));
  setColour(renderer, kRule);
  const SDL_Rect underline{head.x, head.y + head.h - px(3), head.w, px(3)};
  SDL_RenderFillRect(renderer, &underline);
  for (std::size_t i = 0; i < content.previous.size() && i < l.previousRows.size(); ++i) {
    const CallView& call = content.previous[i];
    const SDL_Rect& row = l.previousRows[i];
    fillRounded(renderer, row, px(16), kPanel);
    const int baseline = row.y + px(84);
    const auto fa = paint.drawOnBaseline(call.labelFa, style(66, FontWeight::Bold), rtl, kInk,
                                         Anchor::Right, row.x + row.w - px(30), baseline);
    paint.drawOnBaseline(call.labelEn, style(40), ltr, kSoft, Anchor::Right, fa.left - px(28),
                         baseline);
    paint.drawOnBaseline(call.counterFa, style(48, FontWeight::Bold), rtl, kAccent, Anchor::Left,
                         row.x + px(30), row.y + px(64));
    paint.drawOnBaseline(call.counterEn, style(28), ltr, kSoft, Anchor::Left, row.x + px(30),
                         row.y + px(106));
  }

  // Only while the stream is down: a small mark in the corner.
  if (!content.connected) {
    // Laid out right to left, as the page is: the dot, the Persian, then the English.
    const auto fa = paint.measure("در حال اتصال دوباره…", style(21), rtl);
    const auto en = paint.measure("Reconnecting…", style(21), ltr);
    SDL_Rect mark = l.streamMark;
    mark.w = px(14 + 15 + 12 + 14 + 14) + fa.width + en.width;
    fillRounded(renderer, mark, px(10), SDL_Color{0x05, 0x0b, 0x12, 0xff});
    const int right = mark.x + mark.w - px(14);
    const SDL_Rect dot{right - px(15), mark.y + px(13), px(15), px(15)};
    fillRounded(renderer, dot, px(8), kWarning);
    const int baseline = mark.y + px(28);
    const auto placed = paint.drawOnBaseline("در حال اتصال دوباره…", style(21), rtl, kSoft,
                                             Anchor::Right, dot.x - px(12), baseline);
    paint.drawOnBaseline("Reconnecting…", style(21), ltr, kSoft, Anchor::Right,
                         placed.left - px(14), baseline);
  }
  textures.endFrame();
}

}  // namespace mikhak::kiosk
