#include "screen_layout.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "mikhak/domain/tracking_code.hpp"
#include "mikhak/text/digits.hpp"
#include "mikhak/text/isolate.hpp"

namespace mikhak::kiosk {
namespace {

using text::Align;
using text::Direction;
using text::FontWeight;
using text::Language;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

constexpr int kCodeDigits = static_cast<int>(domain::TrackingCode::kDigits);

// Sizes in millimetres of the panel. Type sizes are the font's pixel size (about 1.4 times the
// cap height): 7 mm body type has a cap height near 5 mm.
struct Sizes {
  static constexpr double margin = 5;
  static constexpr double bottomMargin = 7;  // holds the offline mark
  static constexpr double gap = 4;
  static constexpr double button = 17;  // touch targets: at least 15 mm
  static constexpr double buttonPad = 6;
  static constexpr double label = 7;
  static constexpr double minLabel = 5;
  static constexpr double title = 10;
  static constexpr double body = 7;
  static constexpr double minBody = 4.2;
  static constexpr double offline = 3.4;
};

// Builds one screen: items and buttons in absolute pixels, with start/end sides resolved for
// the language (start is the right edge in Persian).
class Builder {
 public:
  Builder(const ScreenContext& context, Language language)
      : context_(context),
        language_(language),
        words_(context.wording.of(language)),
        rtl_(language == Language::Persian) {
    layout_.width = context.width;
    layout_.height = context.height;
    layout_.theme = context.theme;
  }

  const KioskText& words() const { return words_; }
  const KioskText& otherWords() const {
    return context_.wording.of(language_ == Language::Persian ? Language::English
                                                              : Language::Persian);
  }
  Language language() const { return language_; }
  Direction direction() const { return text::directionOf(language_); }
  int width() const { return context_.width; }
  int height() const { return context_.height; }
  int mm(double millimetres) const {
    return static_cast<int>(std::lround(millimetres * context_.pixelsPerMm));
  }

  // A rectangle given from the start edge (left in English, right in Persian) to the screen.
  Rect fromStart(int offset, int y, int w, int h) const {
    return {rtl_ ? width() - offset - w : offset, y, w, h};
  }

  void fill(Rect rect, ColourRole colour, int radius = 0, int outline = 0) {
    layout_.items.emplace_back(FillItem{rect, colour, radius, outline});
  }
  void add(DrawItem item) { layout_.items.push_back(std::move(item)); }

  // The largest size from `size` down to `minSize` at which the text fits the area without being
  // cut; the item is as tall as its text, at the top of the area.
  TextItem text(std::string utf8, Rect area, double sizeMm, double minSizeMm,
                FontWeight weight = FontWeight::Regular, Align align = Align::Start,
                ColourRole colour = ColourRole::Ink, std::optional<Direction> direction = {},
                double lineSpacing = 1.0) const {
    const Direction dir = direction.value_or(this->direction());
    const int minSize = std::max(8, mm(minSizeMm));
    for (int size = std::max(minSize, mm(sizeMm));;) {
      const auto block = context_.engine.layout(
          utf8, {size, weight},
          {.direction = dir, .maxWidth = area.w, .align = align, .lineSpacing = lineSpacing});
      const text::PixelSpan span = text::horizontalSpan(*block);
      const bool fits = !block->truncated && block->heightPixels() <= area.h && span.left >= 0 &&
                        span.right <= area.w;
      if (fits || size <= minSize) {
        return TextItem{std::move(utf8),
                        {size, weight},
                        {area.x, area.y, area.w, block->heightPixels()},
                        align,
                        dir,
                        colour,
                        lineSpacing};
      }
      size = std::max(minSize, std::min(size - 1, size * 15 / 16));
    }
  }
  // Whether the item's text fits its width unbroken by force and no taller than maxHeight.
  bool fits(const TextItem& item, int maxHeight) const {
    const auto block = context_.engine.layout(item.utf8, item.style, item.options());
    const text::PixelSpan span = text::horizontalSpan(*block);
    return !block->truncated && block->heightPixels() <= maxHeight && span.left >= 0 &&
           span.right <= item.box.w;
  }
  // Adds the text at the top of the area; returns its bottom.
  int put(TextItem item) {
    const int bottom = item.box.bottom();
    layout_.items.emplace_back(std::move(item));
    return bottom;
  }
  // Adds the text centred vertically in the area.
  void putCentred(TextItem item, const Rect& area) {
    item.box.y = area.y + (area.h - item.box.h) / 2;
    layout_.items.emplace_back(std::move(item));
  }

  // The width a button needs for its label on one line, at least a touch target's.
  int buttonWidth(const std::string& label, std::optional<Direction> direction = {}) const {
    const auto block = context_.engine.layout(label, {mm(Sizes::label), FontWeight::Bold},
                                              {.direction = direction.value_or(this->direction())});
    return std::max(mm(Sizes::button * 2), block->widthPixels() + 2 * mm(Sizes::buttonPad));
  }

  void button(Rect rect, std::string label, ButtonKind kind, UiAction action, std::string name,
              std::optional<Direction> direction = {}, double labelMm = Sizes::label) {
    const ColourRole face = kind == ButtonKind::Primary     ? ColourRole::Primary
                            : kind == ButtonKind::Secondary ? ColourRole::Secondary
                                                            : ColourRole::Disabled;
    const ColourRole ink = kind == ButtonKind::Primary     ? ColourRole::OnPrimary
                           : kind == ButtonKind::Secondary ? ColourRole::OnSecondary
                                                           : ColourRole::OnDisabled;
    const int radius = mm(2.5);
    fill(rect, face, radius);
    fill(rect, ColourRole::Outline, radius, std::max(2, mm(0.5)));
    const int pad = mm(2);
    const Rect inner{rect.x + pad, rect.y + pad, rect.w - 2 * pad, rect.h - 2 * pad};
    putCentred(text(label, inner, labelMm, Sizes::minLabel, FontWeight::Bold, Align::Center, ink,
                    direction),
               inner);
    layout_.buttons.push_back({rect, std::move(label), kind, std::move(action), std::move(name)});
  }

  // The language button at the top end corner, labelled with the other language's own name;
  // returns its rectangle.
  Rect languageButton() {
    const auto& label = otherWords().languageName;
    const Direction dir =
        language_ == Language::Persian ? Direction::LeftToRight : Direction::RightToLeft;
    const int w = buttonWidth(label, dir);
    const Rect rect{rtl_ ? mm(Sizes::margin) : width() - mm(Sizes::margin) - w, mm(Sizes::margin),
                    w, mm(Sizes::button)};
    button(rect, label, ButtonKind::Secondary, FlowEvent{LanguageTapped{}}, "language", dir);
    return rect;
  }

  // The top row: the title at the start side, the language button at the end; returns the
  // bottom of the row.
  int topRow(const std::string& title) {
    const Rect language = languageButton();
    const int titleWidth = width() - 2 * mm(Sizes::margin) - language.w - mm(Sizes::gap);
    const Rect area = fromStart(mm(Sizes::margin), language.y, titleWidth, language.h);
    putCentred(text(title, area, Sizes::title, Sizes::body, FontWeight::Bold, Align::Start,
                    ColourRole::Ink),
               area);
    return language.bottom();
  }

  int footerTop() const { return height() - mm(Sizes::bottomMargin) - mm(Sizes::button); }

  struct FooterButton {
    std::string label;
    ButtonKind kind;
    FlowEvent event;
    std::string name;
  };
  // Footer buttons from the end corner towards the start (the first is at the end corner);
  // returns the start-side edge's distance from the start, what is left for other things.
  int footer(const std::vector<FooterButton>& buttons) {
    int end = width() - mm(Sizes::margin);  // measured from the start edge
    for (const auto& b : buttons) {
      const int w = buttonWidth(b.label);
      button(fromStart(end - w, footerTop(), w, mm(Sizes::button)), b.label, b.kind, b.event,
             b.name);
      end -= w + mm(Sizes::gap);
    }
    return end;
  }

  // The staff's offline mark in the bottom end corner, small and grey.
  void offlineMark() {
    if (!context_.offlineSince) return;
    const std::string words = fillPlaceholder(
        words_.offlineSince, "{time}", context_.consulate.time(*context_.offlineSince, language_));
    const int strip = mm(Sizes::bottomMargin);
    const int w = mm(60);
    const int dot = mm(2);
    const Rect area =
        fromStart(width() - mm(Sizes::margin) - w, height() - strip, w - 2 * dot, strip);
    TextItem item = text(words, area, Sizes::offline, Sizes::offline * 0.8, FontWeight::Regular,
                         Align::End, ColourRole::Quiet);
    item.box.y = height() - strip + (strip - item.box.h) / 2;
    const auto block = context_.engine.layout(item.utf8, item.style, item.options());
    const text::PixelSpan span = text::horizontalSpan(*block);
    // The dot sits just before the words, on the start side of their ink.
    const int inkStart = rtl_ ? area.x + span.right : area.x + span.left;
    const int dotX = rtl_ ? inkStart + dot / 2 : inkStart - dot - dot / 2;
    add(DotItem{{dotX, item.box.centreY() - dot / 2, dot, dot}, ColourRole::Quiet});
    add(std::move(item));
  }

  ScreenLayout finish() && { return std::move(layout_); }

 private:
  const ScreenContext& context_;
  Language language_;
  const KioskText& words_;
  bool rtl_;
  ScreenLayout layout_;
};

std::string digits(std::int64_t value, Language language) {
  return text::formatInteger(value, language);
}

// --- Idle -------------------------------------------------------------------------------------

void idle(Builder& b, const ScreenContext& context) {
  const Language lang = b.language();
  const Language other = lang == Language::Persian ? Language::English : Language::Persian;
  const int margin = b.mm(Sizes::margin);
  const int gap = b.mm(Sizes::gap);
  const int band = 2 * margin + b.mm(Sizes::button);
  b.fill({0, 0, b.width(), band}, ColourRole::Band);
  const Rect language = b.languageButton();
  // The names centred between two widths of the language button, so they stay centred.
  const int side = margin + language.w + gap;
  // The screen's language on one line above, the other language smaller below.
  const Rect names{side, margin / 2, b.width() - 2 * side, band - margin};
  TextItem first = b.text(context.consulate.name(lang), {names.x, 0, names.w, names.h * 55 / 100},
                          7, 3.5, FontWeight::Bold, Align::Center, ColourRole::OnBand);
  TextItem second =
      b.text(context.consulate.name(other), {names.x, 0, names.w, names.h - first.box.h}, 5, 3,
             FontWeight::Regular, Align::Center, ColourRole::OnBand, text::directionOf(other));
  first.box.y = (band - first.box.h - second.box.h) / 2;
  second.box.y = first.box.bottom();
  b.put(std::move(first));
  b.put(std::move(second));

  // The words on the start side, down to the bottom; on the end side the picture, the clock
  // under it and the buttons at the bottom.
  const int bottom = b.height() - b.mm(Sizes::bottomMargin);
  const int buttonsStart =
      b.footer({{b.words().help, ButtonKind::Secondary, HelpTapped{}, "help"},
                {b.words().typeCode, ButtonKind::Secondary, TypeCodeTapped{}, "type_code"}});
  const int top = band + 2 * gap;
  const int usable = b.width() - 2 * margin - gap;
  const int wordsWidth = usable * 58 / 100;
  const int endWidth = usable - wordsWidth;
  const int endOffset = margin + wordsWidth + gap;

  // The clock: each line in its own language, centred under the picture.
  std::vector<TextItem> clock;
  const int clockBottom = b.footerTop() - gap;
  const auto clockLine = [&](const std::string& s, double size, FontWeight weight,
                             ColourRole colour, Language in) {
    clock.push_back(b.text(s, b.fromStart(endOffset, 0, endWidth, b.mm(size * 2)), size, size * 0.8,
                           weight, Align::Center, colour, text::directionOf(in)));
  };
  clockLine(context.consulate.time(context.now, lang), 9, FontWeight::Bold, ColourRole::Ink, lang);
  clockLine(context.consulate.date(context.now, lang), 5.5, FontWeight::Regular, ColourRole::Ink,
            lang);
  clockLine(context.consulate.date(context.now, other), 4.5, FontWeight::Regular,
            ColourRole::MutedInk, other);
  int clockHeight = 0;
  for (const auto& line : clock) clockHeight += line.box.h;
  int y = clockBottom - clockHeight;
  for (auto& line : clock) {
    line.box.y = y;
    y = b.put(std::move(line));
  }
  const int pictureBottom = clockBottom - clockHeight - gap;
  const int pictureSide = std::min(endWidth, pictureBottom - top);
  b.add(PictogramItem{
      Pictogram::ScanNotice,
      b.fromStart(endOffset + (endWidth - pictureSide) / 2, top, pictureSide, pictureSide),
      lang == Language::Persian});
  // The words go down to the bottom unless the buttons reach under them.
  const int middleBottom = buttonsStart < margin + wordsWidth ? b.footerTop() - gap : bottom;
  const Direction otherDir = text::directionOf(other);
  std::vector<TextItem> lines;
  const Rect column = b.fromStart(margin, top, wordsWidth, middleBottom - top);
  const auto stack = [&](double scale) {
    lines.clear();
    int at = column.y;
    const auto line = [&](const std::string& s, double size, FontWeight weight, ColourRole colour,
                          std::optional<Direction> dir, int after) {
      const Rect area{column.x, at, column.w, column.bottom() - at};
      // The other language's lines keep to the same side as the screen's own.
      lines.push_back(b.text(s, area, size * scale, size * scale, weight,
                             dir ? Align::End : Align::Start, colour, dir, 1.1));
      at = lines.back().box.bottom() + after;
    };
    line(b.words().welcome, 16, FontWeight::Bold, ColourRole::Accent, {}, 0);
    line(b.otherWords().welcome, 8, FontWeight::Regular, ColourRole::MutedInk, otherDir, gap * 2);
    line(b.words().scanInstruction, 8.5, FontWeight::Bold, ColourRole::Ink, {}, gap);
    line(b.otherWords().scanInstruction, 6, FontWeight::Regular, ColourRole::MutedInk, otherDir, 0);
    return at <= column.bottom();
  };
  for (double scale = 1.0; !stack(scale) && scale > 0.5; scale -= 0.05) {
  }
  for (auto& line : lines) b.put(std::move(line));
}

// --- Keypad -----------------------------------------------------------------------------------

// A 3x4 grid of keys: 1 2 3 / 4 5 6 / 7 8 9 / 0 (two wide) and the delete key, in the same
// places in both languages, as on every phone and card terminal.
struct GridKeys {
  std::function<UiAction(int)> digit;
  std::string deleteLabel;
  UiAction deleteAction;
};
void keyGrid(Builder& b, Rect area, const GridKeys& keys) {
  const int gap = b.mm(2.5);
  const int keyW = (area.w - 2 * gap) / 3;
  const int keyH = (area.h - 3 * gap) / 4;
  for (int i = 1; i <= 9; ++i) {
    const int col = (i - 1) % 3;
    const int row = (i - 1) / 3;
    b.button({area.x + col * (keyW + gap), area.y + row * (keyH + gap), keyW, keyH},
             digits(i, b.language()), ButtonKind::Secondary, keys.digit(i),
             "digit." + std::to_string(i), Direction::LeftToRight, 11);
  }
  const int lastRow = area.y + 3 * (keyH + gap);
  b.button({area.x, lastRow, 2 * keyW + gap, keyH}, digits(0, b.language()), ButtonKind::Secondary,
           keys.digit(0), "digit.0", Direction::LeftToRight, 11);
  b.button({area.x + 2 * (keyW + gap), lastRow, keyW, keyH}, keys.deleteLabel,
           ButtonKind::Secondary, keys.deleteAction, "delete");
}

void keypad(Builder& b, const Keypad& keypad) {
  const int margin = b.mm(Sizes::margin);
  const int gap = b.mm(Sizes::gap);
  const int top = b.topRow(b.words().keypadTitle) + gap;
  const int bottom = b.height() - b.mm(Sizes::bottomMargin);
  const int half = (b.width() - 2 * margin - 2 * gap) / 2;

  // The keys on the end side.
  keyGrid(b, b.fromStart(margin + half + 2 * gap, top, half, bottom - top),
          {[](int d) { return UiAction{FlowEvent{KeypadDigit{std::to_string(d)}}}; },
           b.words().deleteDigit, FlowEvent{KeypadBackspace{}}});

  // The code on the start side, read left to right in both languages, as on the notice.
  const Rect field = b.fromStart(margin, top, half, b.mm(22));
  b.fill(field, ColourRole::Field, b.mm(2));
  b.fill(field, ColourRole::Outline, b.mm(2), std::max(2, b.mm(0.6)));
  const Rect inside{field.x + b.mm(3), field.y, field.w - b.mm(6), field.h};
  b.putCentred(
      b.text(text::isolateLeftToRight(groupedCodeForDisplay(keypad.digits, b.language())), inside,
             12, 6, FontWeight::Bold, Align::Center, ColourRole::Ink, Direction::LeftToRight),
      inside);

  const int buttonsTop = bottom - b.mm(Sizes::button) - b.mm(4);
  if (keypad.typo) {
    const Rect notice =
        b.fromStart(margin, field.bottom() + gap, half, buttonsTop - gap - field.bottom() - gap);
    const int pad = b.mm(3);
    TextItem words =
        b.text(b.words().keypadTypo,
               {notice.x + pad, notice.y + pad, notice.w - 2 * pad, notice.h - 2 * pad},
               Sizes::body, Sizes::minBody, FontWeight::Bold, Align::Start, ColourRole::OnNotice);
    b.fill({notice.x, notice.y, notice.w, words.box.h + 2 * pad}, ColourRole::Notice, b.mm(2));
    b.put(std::move(words));
  }
  // Cancel on the start side, OK on the end side of the column.
  const int buttonW = (half - gap) / 2;
  const int buttonH = b.mm(Sizes::button) + b.mm(4);
  b.button(b.fromStart(margin, buttonsTop, buttonW, buttonH), b.words().cancel,
           ButtonKind::Secondary, FlowEvent{KeypadCancel{}}, "cancel");
  const bool ready = keypad.complete() && !keypad.typo;
  b.button(b.fromStart(margin + buttonW + gap, buttonsTop, half - buttonW - gap, buttonH),
           b.words().ok, ready ? ButtonKind::Primary : ButtonKind::Disabled,
           FlowEvent{KeypadSubmit{}}, "ok");
}

// --- Lists ------------------------------------------------------------------------------------

// A numbered list, numbers on the start side; returns the items, or nothing if they do not fit
// in the height at this size.
std::optional<std::vector<TextItem>> numberedList(const Builder& b,
                                                  const std::vector<std::string>& entries,
                                                  Rect area, double sizeMm, int spacing) {
  std::vector<TextItem> items;
  const int numberWidth = b.mm(sizeMm * 1.3);
  int y = area.y;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string number = digits(static_cast<std::int64_t>(i + 1), b.language()) + ".";
    const int offsetStart = b.language() == Language::Persian ? b.width() - area.right() : area.x;
    const Rect numberArea = b.fromStart(offsetStart, y, numberWidth, area.bottom() - y);
    const Rect entryArea =
        b.fromStart(offsetStart + numberWidth, y, area.w - numberWidth, area.bottom() - y);
    TextItem entry = b.text(entries[i], entryArea, sizeMm, sizeMm);
    TextItem num = b.text(number, numberArea, sizeMm, sizeMm, FontWeight::Bold, Align::Start,
                          ColourRole::Accent);
    if (entry.box.bottom() > area.bottom() || num.box.bottom() > area.bottom()) return {};
    y = entry.box.bottom() + spacing;
    items.push_back(std::move(num));
    items.push_back(std::move(entry));
  }
  return items;
}

// --- Help -------------------------------------------------------------------------------------

void help(Builder& b) {
  const int margin = b.mm(Sizes::margin);
  const int gap = b.mm(Sizes::gap);
  const int top = b.topRow(b.words().helpTitle) + 2 * gap;
  b.footer({{b.words().back, ButtonKind::Primary, BackTapped{}, "back"},
            {b.words().typeCode, ButtonKind::Secondary, TypeCodeTapped{}, "type_code"}});
  const Rect area{margin, top, b.width() - 2 * margin, b.footerTop() - gap - top};
  const std::vector<std::string> steps{b.words().helpStep1, b.words().helpStep2,
                                       b.words().helpStep3, b.words().helpStep4};
  for (double size = 8; size >= Sizes::minBody; size -= 0.4) {
    auto items = numberedList(b, steps, area, size, b.mm(size * 0.5));
    if (!items) continue;
    const int listBottom = items->back().box.bottom();
    TextItem desk = b.text(
        b.words().helpDesk, {area.x, listBottom + gap, area.w, area.bottom() - listBottom - gap},
        size * 0.85, size * 0.85, FontWeight::Regular, Align::Start, ColourRole::MutedInk);
    if (desk.box.bottom() > area.bottom()) continue;
    for (auto& item : *items) b.put(std::move(item));
    b.put(std::move(desk));
    return;
  }
}

// --- Checking ---------------------------------------------------------------------------------

void checking(Builder& b, const Checking& checking, const ScreenContext& context) {
  const int margin = b.mm(Sizes::margin);
  b.languageButton();
  const int w = b.width() - 2 * margin;
  int y = b.height() * 30 / 100;
  y = b.put(b.text(b.words().checking, {margin, y, w, b.mm(40)}, 12, Sizes::body, FontWeight::Bold,
                   Align::Center, ColourRole::Ink));
  y = b.put(b.text(b.words().checkingWait, {margin, y + b.mm(2), w, b.mm(30)}, Sizes::body,
                   Sizes::minBody, FontWeight::Regular, Align::Center, ColourRole::MutedInk));
  if (checking.spinner) {
    const int side = b.mm(24);
    b.add(SpinnerItem{{(b.width() - side) / 2, y + b.mm(8), side, side},
                      context.spinnerPhase,
                      ColourRole::Accent});
  }
}

// --- The ticket -------------------------------------------------------------------------------

std::string peopleAheadText(const KioskText& words, int n, Language language) {
  if (n <= 0) return words.youAreNext;
  if (n == 1) return words.oneAhead;
  return fillPlaceholder(words.peopleAhead, "{n}", digits(n, language));
}

void ticket(Builder& b, const TicketScreen& screen, bool already) {
  const Language lang = b.language();
  const bool persian = lang == Language::Persian;
  const TicketInfo& t = screen.ticket;
  const int margin = b.mm(Sizes::margin);
  const int gap = b.mm(Sizes::gap);
  const std::string name = text::isolateFirstStrong(persian ? t.displayNameFa : t.displayNameEn);
  const int top = b.topRow(already ? b.words().alreadyCheckedIn
                                   : fillPlaceholder(b.words().welcomeName, "{name}", name)) +
                  gap;

  // Footer: done at the end corner, the reprint beside it, the print status at the start.
  std::vector<Builder::FooterButton> buttons{
      {b.words().done, ButtonKind::Primary, BackTapped{}, "done"}};
  if (screen.reprintOffered()) {
    buttons.push_back({b.words().reprint, ButtonKind::Secondary, ReprintTapped{}, "reprint"});
  }
  const int buttonsStart = b.footer(buttons);
  const std::string* status = screen.print == PrintStatus::Printing  ? &b.words().printing
                              : screen.print == PrintStatus::Printed ? &b.words().printed
                              : screen.print == PrintStatus::Failed  ? &b.words().printFailed
                                                                     : nullptr;
  if (status != nullptr) {
    const bool failed = screen.print == PrintStatus::Failed;
    const int pad = failed ? b.mm(2.5) : 0;
    const Rect area =
        b.fromStart(margin, b.footerTop(), buttonsStart - gap - margin, b.mm(Sizes::button));
    const Rect inner{area.x + pad, area.y + pad, area.w - 2 * pad, area.h - 2 * pad};
    TextItem words = b.text(*status, inner, 6.5, 3.8, FontWeight::Bold, Align::Start,
                            failed ? ColourRole::OnNotice : ColourRole::Ink);
    if (failed) b.fill(area, ColourRole::Notice, b.mm(2));
    b.putCentred(std::move(words), inner);
  }

  // The card with the number on the start side.
  const int bottom = b.footerTop() - gap;
  const int usable = b.width() - 2 * margin - gap;
  const int cardWidth = usable * 42 / 100;
  const Rect card = b.fromStart(margin, top, cardWidth, bottom - top);
  b.fill(card, ColourRole::Card, b.mm(3));
  b.fill(card, ColourRole::Outline, b.mm(3), std::max(1, b.mm(0.3)));
  const int pad = b.mm(4);
  const Rect inside{card.x + pad, card.y + pad, card.w - 2 * pad, card.h - 2 * pad};
  const Direction latin = Direction::LeftToRight;
  const Direction own = b.direction();
  const std::string& mainLabel = persian ? t.labelFa : t.label;
  const std::string& otherLabel = persian ? t.label : t.labelFa;
  std::vector<TextItem> lines;
  const auto stack = [&](double scale, double numberScale) {
    lines.clear();
    int y = inside.y;
    bool fitted = true;
    // Lines are not squeezed into what is left (a stack that does not fit is tried smaller),
    // but each may shrink to fit the card's width.
    const auto line = [&](const std::string& s, double size, FontWeight weight, ColourRole colour,
                          Direction dir, int after) {
      const int room = inside.bottom() - y;
      lines.push_back(b.text(s, {inside.x, y, inside.w, inside.h}, size * scale, size * scale * 0.5,
                             weight, Align::Center, colour, dir));
      fitted = fitted && b.fits(lines.back(), room);
      y = lines.back().box.bottom() + after;
    };
    line(b.words().ticketHeading, 6, FontWeight::Regular, ColourRole::OnCard, own, 0);
    line(text::isolateFirstStrong(mainLabel), 34 * numberScale / scale, FontWeight::Bold,
         ColourRole::Accent, own, 0);
    // Digits and these letters leave the bottom of a large line box empty: close it up.
    y -= lines.back().box.h / 5;
    line(text::isolateFirstStrong(otherLabel), 7, FontWeight::Regular, ColourRole::OnCard,
         persian ? latin : Direction::RightToLeft, gap);
    std::string appointment =
        fillPlaceholder(b.words().appointment, "{service}", persian ? t.serviceFa : t.serviceEn);
    appointment =
        fillPlaceholder(std::move(appointment), "{time}",
                        text::isolateLeftToRight(text::localizeDigits(t.appointmentTime, lang)));
    line(appointment, 6, FontWeight::Bold, ColourRole::OnCard, own, gap / 2);
    // Offline the queue is on the server: unknown (-1), and not guessed.
    if (t.peopleAhead >= 0) {
      line(peopleAheadText(b.words(), t.peopleAhead, lang), 6, FontWeight::Regular,
           ColourRole::OnCard, own, 0);
    }
    if (t.peopleAhead > 0 && t.estimatedWaitMinutes > 0) {
      line(fillPlaceholder(b.words().estimatedWait, "{minutes}",
                           digits(t.estimatedWaitMinutes, lang)),
           5.5, FontWeight::Regular, ColourRole::OnCard, own, 0);
    }
    return fitted && y <= inside.bottom();
  };
  // The other lines give way a little first, then the number, then everything.
  bool fitted = false;
  for (double scale = 1.0; !fitted && scale > 0.79; scale -= 0.05) fitted = stack(scale, 1.0);
  for (double number = 1.0; !fitted && number > 0.45; number -= 0.05) {
    fitted = stack(0.8, number);
  }
  for (double scale = 0.8; !fitted && scale > 0.4; scale -= 0.05) fitted = stack(scale, 0.45);
  // The block centred in the card.
  const int used = lines.back().box.bottom() - inside.y;
  const int shift = std::max(0, (inside.h - used) / 2);
  for (auto& line : lines) {
    line.box.y += shift;
    b.put(std::move(line));
  }

  // The originals and the next step on the end side.
  const int listOffset = margin + cardWidth + gap + b.mm(2);
  const Rect column = b.fromStart(listOffset, top, b.width() - margin - listOffset, bottom - top);
  std::vector<std::string> entries;
  for (const auto& original : t.originals) entries.push_back(persian ? original.fa : original.en);
  for (double size = 7; size >= 3.6; size -= 0.3) {
    TextItem heading = b.text(b.words().originalsHeading, column, size, size, FontWeight::Bold,
                              Align::Start, ColourRole::Ink);
    TextItem next = b.text(b.words().nextStep, column, size * 0.9, size * 0.9, FontWeight::Regular,
                           Align::Start, ColourRole::MutedInk);
    next.box.y = column.bottom() - next.box.h;
    const int listTop = heading.box.bottom() + b.mm(size * 0.4);
    const Rect listArea{column.x, listTop, column.w, next.box.y - gap - listTop};
    if (listArea.h <= 0) continue;
    auto items = numberedList(b, entries, listArea, size, b.mm(size * 0.3));
    if (!items && size > 3.7) continue;
    b.put(std::move(heading));
    if (items) {
      for (auto& item : *items) b.put(std::move(item));
    }
    b.put(std::move(next));
    break;
  }
}

// --- Refusals ---------------------------------------------------------------------------------

struct RefusalWords {
  std::string what;
  std::string todo;
};

RefusalWords refusalWords(const Refused& refused, const KioskText& w, const ScreenContext& context,
                          Language lang) {
  const auto time = [&](const std::string& hhmm) {
    return text::isolateLeftToRight(text::localizeDigits(hhmm, lang));
  };
  switch (refused.reason) {
    case RefusalReason::CheckYourCode:
      return {w.checkYourCode, w.checkYourCodeTodo};
    case RefusalReason::Unreadable:
      return {w.unreadable, w.unreadableTodo};
    case RefusalReason::NotANotice:
      return {w.notANotice, w.notANoticeTodo};
    case RefusalReason::Forged:
      return {w.forged, w.seeDesk};
    case RefusalReason::UnknownCode:
      return {w.unknownCode, w.seeDesk};
    case RefusalReason::Cancelled:
      return {w.cancelled, w.seeDesk};
    case RefusalReason::OtherConsulate:
      return {w.otherConsulate, w.otherConsulateTodo};
    case RefusalReason::OtherDay: {
      std::string what = fillPlaceholder(
          w.otherDay, "{date}",
          text::isolateFirstStrong(context.consulate.day(refused.appointmentDay, lang)));
      return {fillPlaceholder(std::move(what), "{time}", time(refused.appointmentTime)),
              w.otherDayTodo};
    }
    case RefusalReason::TooEarly:
      return {fillPlaceholder(w.tooEarly, "{time}", time(refused.opensAt)), w.tooEarlyTodo};
    case RefusalReason::TooLate:
      return {w.tooLate, w.seeDesk};
    case RefusalReason::Closed:
      return {w.closed, w.seeDesk};
    case RefusalReason::ServerNotAnswering:
      return {w.serverNotAnswering, w.seeDesk};
    case RefusalReason::ServerProblem:
      return {w.serverProblem, w.seeDesk};
  }
  return {w.serverProblem, w.seeDesk};
}

// A calm message: the picture, what happened, what to do.
void message(Builder& b, const std::string& what, const std::string& todo) {
  const int margin = b.mm(Sizes::margin);
  const int gap = b.mm(Sizes::gap);
  const int top = b.languageButton().bottom() + gap;
  const int bottom = b.footerTop() - gap;
  const int w = std::min(b.width() - 2 * margin, b.mm(200));
  const int x = (b.width() - w) / 2;
  const int side = b.mm(22);
  for (double scale = 1.0; scale > 0.5; scale -= 0.1) {
    TextItem first = b.text(what, {x, 0, w, bottom - top}, 11 * scale, 11 * scale, FontWeight::Bold,
                            Align::Center, ColourRole::Ink);
    TextItem second = b.text(todo, {x, 0, w, bottom - top}, 8 * scale, 8 * scale,
                             FontWeight::Regular, Align::Center, ColourRole::Ink);
    const int total = side + 2 * gap + first.box.h + gap + second.box.h;
    if (total > bottom - top && scale > 0.55) continue;
    int y = top + std::max(0, (bottom - top - total) / 2);
    b.add(PictogramItem{Pictogram::Info, {(b.width() - side) / 2, y, side, side}, false});
    y += side + 2 * gap;
    first.box.y = y;
    y = b.put(std::move(first)) + gap;
    second.box.y = y;
    b.put(std::move(second));
    return;
  }
}

void refused(Builder& b, const Refused& refused, const ScreenContext& context) {
  const RefusalWords words = refusalWords(refused, b.words(), context, b.language());
  std::vector<Builder::FooterButton> buttons{
      {b.words().done, ButtonKind::Primary, BackTapped{}, "done"}};
  if (refused.reason == RefusalReason::CheckYourCode ||
      refused.reason == RefusalReason::Unreadable) {
    buttons.push_back({b.words().typeCode, ButtonKind::Secondary, TypeCodeTapped{}, "type_code"});
  }
  b.footer(buttons);
  message(b, words.what, words.todo);
}

// --- Staff ------------------------------------------------------------------------------------

// Runs of five digits or more (codes, phone numbers, national IDs) keep their last four.
std::string maskDigitRuns(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i) {
      out += s[i++];
      continue;
    }
    const std::size_t run = j - i;
    if (run >= 5) {
      out += std::string(run - 4, '*');
      out += s.substr(j - 4, 4);
    } else {
      out += s.substr(i, run);
    }
    i = j;
  }
  return out;
}

void staffPin(Builder& b, const StaffPinEntry& pin) {
  const KioskText& fa = b.words();
  const KioskText& en = b.otherWords();
  const int margin = b.mm(Sizes::margin);
  const int gap = b.mm(Sizes::gap);
  const int top = margin;
  const int bottom = b.height() - b.mm(Sizes::bottomMargin);
  const int half = (b.width() - 2 * margin - 2 * gap) / 2;
  keyGrid(b, {margin + half + 2 * gap, top, half, bottom - top},
          {[](int d) { return UiAction{StaffAction{staff::EnterDigit{d}}}; },
           fa.deleteDigit + "\n" + en.deleteDigit, StaffAction{staff::Backspace{}}});
  int y = b.put(b.text(fa.staffTitle + "\n" + en.staffTitle, {margin, top, half, b.mm(30)}, 8, 5,
                       FontWeight::Bold, Align::Start, ColourRole::Ink, Direction::Auto));
  y = b.put(b.text(fa.staffPin, {margin, y + gap, half, b.mm(15)}, 6, 4, FontWeight::Regular,
                   Align::Start, ColourRole::Ink, Direction::RightToLeft));
  y = b.put(b.text(en.staffPin, {margin, y, half, b.mm(15)}, 5, 4, FontWeight::Regular,
                   Align::Start, ColourRole::MutedInk, Direction::LeftToRight));
  const Rect field{margin, y + gap, half, b.mm(20)};
  b.fill(field, ColourRole::Field, b.mm(2));
  b.fill(field, ColourRole::Outline, b.mm(2), std::max(2, b.mm(0.6)));
  // One dot a digit typed, never the digits.
  const int dot = b.mm(4);
  const int pitch = b.mm(7);
  const int count = std::min(pin.digitsEntered, (field.w - dot) / pitch);
  const int dotsWidth = count > 0 ? (count - 1) * pitch + dot : 0;
  for (int i = 0; i < count; ++i) {
    b.add(
        DotItem{{field.centreX() - dotsWidth / 2 + i * pitch, field.centreY() - dot / 2, dot, dot},
                ColourRole::Ink});
  }
  y = field.bottom() + gap;
  const auto notice = [&](const std::string& s) {
    y = b.put(b.text(s, {margin, y, half, b.mm(20)}, 6, 4, FontWeight::Bold, Align::Start,
                     ColourRole::Ink, Direction::Auto));
  };
  if (pin.lockedSeconds) {
    const auto seconds = [&](const std::string& s, Language l) {
      return fillPlaceholder(s, "{seconds}", digits(*pin.lockedSeconds, l));
    };
    notice(seconds(fa.staffLocked, Language::Persian) + "\n" +
           seconds(en.staffLocked, Language::English));
  } else if (pin.wrongPin) {
    notice(fa.staffPinWrong + "\n" + en.staffPinWrong);
  }
  const int buttonsTop = bottom - b.mm(Sizes::button) - b.mm(4);
  const int buttonW = (half - gap) / 2;
  const int buttonH = b.mm(Sizes::button) + b.mm(4);
  b.button({margin, buttonsTop, buttonW, buttonH}, fa.cancel + "\n" + en.cancel,
           ButtonKind::Secondary, StaffAction{staff::Cancel{}}, "cancel", Direction::Auto, 5.5);
  const bool ready = pin.digitsEntered > 0 && !pin.lockedSeconds;
  b.button({margin + buttonW + gap, buttonsTop, half - buttonW - gap, buttonH},
           fa.ok + "\n" + en.ok, ready ? ButtonKind::Primary : ButtonKind::Disabled,
           StaffAction{staff::Submit{}}, "submit", Direction::Auto, 5.5);
}

std::string ageText(std::chrono::seconds age) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(age).count();
  if (minutes < 60) return std::to_string(minutes) + " min";
  return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

void staffPanel(Builder& b, const StaffPanel& panel) {
  const KioskText& fa = b.words();
  const KioskText& en = b.otherWords();
  const int margin = b.mm(Sizes::margin);
  const int gap = b.mm(Sizes::gap);
  // Staff read either language: English labels on the left, Persian on the right.
  const int fullWidth = b.width() - 2 * margin;
  int top = margin;
  {
    TextItem enTitle =
        b.text(en.staffTitle, {margin, top, fullWidth / 2, b.mm(14)}, 8, 5, FontWeight::Bold,
               Align::Start, ColourRole::Ink, Direction::LeftToRight);
    TextItem faTitle =
        b.text(fa.staffTitle, {margin + fullWidth / 2, top, fullWidth / 2, b.mm(14)}, 8, 5,
               FontWeight::Bold, Align::Start, ColourRole::Ink, Direction::RightToLeft);
    top = std::max(enTitle.box.bottom(), faTitle.box.bottom()) + gap;
    b.put(std::move(enTitle));
    b.put(std::move(faTitle));
  }
  // Buttons along the bottom, two lines each: Persian over English.
  const int buttonH = b.mm(Sizes::button) + b.mm(5);
  const int buttonsTop = b.height() - b.mm(Sizes::bottomMargin) - buttonH;
  struct Action {
    std::string fa, en;
    StaffAction action;
    const char* name;
    ButtonKind kind;
  };
  const std::vector<Action> actions{
      {fa.staffTestPrint, en.staffTestPrint, staff::TestPrint{}, "test_print",
       ButtonKind::Secondary},
      {fa.staffScannerTest, en.staffScannerTest, staff::ScannerTest{}, "scanner_test",
       ButtonKind::Secondary},
      {panel.outOfService ? fa.staffPutInService : fa.staffTakeOutOfService,
       panel.outOfService ? en.staffPutInService : en.staffTakeOutOfService,
       staff::ToggleOutOfService{}, "out_of_service", ButtonKind::Secondary},
      {fa.staffExit, en.staffExit, staff::Exit{}, "exit", ButtonKind::Primary},
  };
  const int n = static_cast<int>(actions.size());
  const int buttonW = (b.width() - 2 * margin - (n - 1) * gap) / n;
  for (int i = 0; i < n; ++i) {
    const Action& a = actions[static_cast<std::size_t>(i)];
    b.button({margin + i * (buttonW + gap), buttonsTop, buttonW, buttonH}, a.fa + "\n" + a.en,
             a.kind, a.action, a.name, Direction::Auto, 5.5);
  }

  // The report: a label column and a value column, in English beside the logs' words.
  std::string scanners;
  for (const auto& line : panel.scanners) scanners += (scanners.empty() ? "" : "\n") + line;
  const std::string server = std::string(panel.serverReachable ? "reachable" : "not reachable") +
                             ", token " + (panel.tokenAccepted ? "accepted" : "not accepted");
  struct Row {
    std::string fa, en, value;
  };
  const std::vector<Row> rows{
      {fa.staffPrinter, en.staffPrinter, panel.printer},
      {fa.staffScanner, en.staffScanner, scanners.empty() ? "none" : scanners},
      {fa.staffServer, en.staffServer, server},
      {fa.staffManifest, en.staffManifest,
       panel.manifestAge ? ageText(*panel.manifestAge) + " old" : "none"},
      {fa.staffOutbox, en.staffOutbox, std::to_string(panel.outboxDepth)},
      {fa.staffLastRead, en.staffLastRead,
       panel.lastScannerRead.empty() ? "-" : maskDigitRuns(panel.lastScannerRead)},
      {fa.staffLastPrint, en.staffLastPrint,
       panel.lastTestPrint.empty() ? "-" : panel.lastTestPrint},
      {fa.staffVersion, en.staffVersion, panel.version},
  };
  if (panel.outOfService) {
    const int pad = b.mm(2);
    const Rect area{margin, top, fullWidth, b.mm(14)};
    TextItem enWords =
        b.text(en.outOfService, {area.x + pad, top, area.w / 2 - 2 * pad, area.h}, 6, 4,
               FontWeight::Bold, Align::Start, ColourRole::OnNotice, Direction::LeftToRight);
    TextItem faWords =
        b.text(fa.outOfService, {area.x + area.w / 2 + pad, top, area.w / 2 - 2 * pad, area.h}, 6,
               4, FontWeight::Bold, Align::Start, ColourRole::OnNotice, Direction::RightToLeft);
    const int h = std::max(enWords.box.h, faWords.box.h);
    b.fill({area.x, area.y, area.w, h}, ColourRole::Notice, b.mm(1.5));
    b.put(std::move(enWords));
    top = b.put(std::move(faWords)) + gap;
  }
  const int labelW = fullWidth * 24 / 100;
  const int valueX = margin + labelW + gap;
  const int valueW = fullWidth - 2 * labelW - 2 * gap;
  const int faX = valueX + valueW + gap;
  const int bottom = buttonsTop - gap;
  for (double size = 5.5; size >= 3.4; size -= 0.3) {
    std::vector<TextItem> items;
    int y = top;
    for (const auto& [faLabel, enLabel, value] : rows) {
      TextItem l = b.text(enLabel, {margin, y, labelW, bottom - y}, size, size, FontWeight::Bold,
                          Align::Start, ColourRole::MutedInk, Direction::LeftToRight);
      TextItem v = b.text(value, {valueX, y, valueW, bottom - y}, size, size, FontWeight::Regular,
                          Align::Start, ColourRole::Ink, Direction::LeftToRight);
      TextItem r = b.text(faLabel, {faX, y, labelW, bottom - y}, size, size, FontWeight::Bold,
                          Align::Start, ColourRole::MutedInk, Direction::RightToLeft);
      y = std::max({l.box.bottom(), v.box.bottom(), r.box.bottom()}) + b.mm(size * 0.25);
      items.push_back(std::move(l));
      items.push_back(std::move(v));
      items.push_back(std::move(r));
    }
    if (y > bottom && size > 3.5) continue;
    for (auto& item : items) b.put(std::move(item));
    break;
  }
}

}  // namespace

Colour colourOf(ColourRole role, Theme theme) {
  using R = ColourRole;
  if (theme == Theme::HighContrast) {
    // Black, white and yellow only, as low-vision guidance asks.
    constexpr Colour black{0, 0, 0};
    constexpr Colour white{255, 255, 255};
    constexpr Colour yellow{255, 230, 0};
    switch (role) {
      case R::Page:
      case R::Band:
      case R::Card:
      case R::Secondary:
      case R::Field:
      case R::Disabled:
      case R::OnNotice:
      case R::OnPrimary:
        return black;
      case R::Ink:
      case R::OnCard:
      case R::OnSecondary:
      case R::Outline:
        return white;
      case R::MutedInk:
      case R::OnBand:
      case R::Accent:
      case R::Notice:
      case R::Primary:
        return yellow;
      case R::OnDisabled:
      case R::Quiet:
        return {170, 170, 170};
    }
    return white;
  }
  // Calm: warm paper, deep green (the consulate's colour), dark blue-grey ink.
  constexpr Colour green{11, 94, 66};
  switch (role) {
    case R::Page:
      return {247, 244, 238};
    case R::Ink:
    case R::OnCard:
      return {27, 38, 59};
    case R::OnSecondary:
      return green;
    case R::MutedInk:
      return {72, 82, 99};
    case R::Band:
    case R::Accent:
    case R::Primary:
    case R::Outline:
      return green;
    case R::OnBand:
    case R::OnPrimary:
    case R::Secondary:
    case R::Field:
      return {255, 255, 255};
    case R::Card:
      return {230, 241, 235};
    case R::Notice:
      return {252, 232, 196};
    case R::OnNotice:
      return {92, 52, 0};
    case R::Disabled:
      return {221, 224, 228};
    case R::OnDisabled:
      return {84, 92, 104};
    case R::Quiet:
      return {104, 110, 120};
  }
  return {0, 0, 0};
}

double contrastRatio(Colour a, Colour b) {
  const auto luminance = [](Colour c) {
    const auto channel = [](std::uint8_t v) {
      const double s = v / 255.0;
      return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const Button* ScreenLayout::button(std::string_view name) const {
  for (const auto& b : buttons) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

double pixelsPerMm(int width, int height, double diagonalInches) {
  const double diagonalPixels = std::hypot(static_cast<double>(width), static_cast<double>(height));
  return diagonalPixels / (diagonalInches * 25.4);
}

std::string groupedCodeForDisplay(std::string_view digits, Language language) {
  std::string out;
  for (int i = 0; i < kCodeDigits; ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    if (static_cast<std::size_t>(i) < digits.size()) {
      out += digits[static_cast<std::size_t>(i)];
    } else {
      out += "–";
    }
  }
  return text::localizeDigits(out, language);
}

ScreenLayout layoutScreen(const FlowState& state, const ScreenContext& context) {
  Builder b(context, state.language);
  b.fill({0, 0, context.width, context.height}, ColourRole::Page);
  std::visit(
      Overloaded{
          [&](const Idle&) { idle(b, context); },
          [&](const Keypad& k) { keypad(b, k); },
          [&](const Help&) { help(b); },
          [&](const Checking& c) { checking(b, c, context); },
          [&](const CheckedIn& c) { ticket(b, c, false); },
          [&](const AlreadyCheckedIn& c) { ticket(b, c, true); },
          [&](const Refused& r) { refused(b, r, context); },
          [&](const OutOfService&) { message(b, b.words().outOfService, b.words().seeDesk); },
      },
      state.screen);
  b.offlineMark();
  return std::move(b).finish();
}

ScreenLayout layoutStaff(const StaffView& view, const ScreenContext& context) {
  Builder b(context, Language::Persian);
  b.fill({0, 0, context.width, context.height}, ColourRole::Page);
  std::visit(Overloaded{
                 [&](const StaffPinEntry& pin) { staffPin(b, pin); },
                 [&](const StaffPanel& panel) { staffPanel(b, panel); },
             },
             view);
  return std::move(b).finish();
}

std::optional<UiAction> hitTest(const ScreenLayout& layout, int x, int y) {
  for (auto it = layout.buttons.rbegin(); it != layout.buttons.rend(); ++it) {
    if (it->kind != ButtonKind::Disabled && it->rect.contains(x, y)) return it->action;
  }
  return std::nullopt;
}

}  // namespace mikhak::kiosk
