#include "mikhak/printer/ticket_layout.hpp"

#include <algorithm>
#include <memory>
#include <string_view>

#include "mikhak/text/date_format.hpp"
#include "mikhak/text/digits.hpp"
#include "mikhak/text/isolate.hpp"

namespace mikhak::printer {
namespace {

using text::Align;
using text::Direction;
using text::FontWeight;
using text::Language;
using text::TextBlock;
using Block = std::shared_ptr<const TextBlock>;

// Type sizes in dots (8 dots a millimetre: 24 dots is a 3 mm body, large for a receipt, since
// many applicants are elderly). 58 mm paper steps each size down.
struct TypeScale {
  int consulate, consulateOther, heading, number, numberOther, service, body, list, footer;
  int qrModule;  // dots a QR module: 0.5-0.6 mm reads on any counter scanner
};
constexpr TypeScale kWide{28, 22, 26, 136, 44, 36, 26, 23, 21, 5};
constexpr TypeScale kNarrow{24, 19, 24, 104, 36, 30, 22, 20, 18, 4};

constexpr int kMargin = 8;  // 1 mm each side: inside the head on printers that print 576 exactly
constexpr int kMaxHeight = 6000;  // 75 cm: far longer than any ticket; cropped at the end
constexpr int kQrQuietModules = 4;

std::string replace(std::string text, std::string_view placeholder, std::string_view value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

// The ticket being drawn, and a record of what went where.
class Sheet {
 public:
  Sheet(text::TextEngine& engine, int width, Language language)
      : engine_(engine),
        bitmap_(width, kMaxHeight),
        left_(kMargin),
        width_(width - 2 * kMargin),
        direction_(text::directionOf(language)) {}

  int width() const { return width_; }
  int left() const { return left_; }

  Block layout(std::string_view utf8, int size, FontWeight weight, int width, Align align,
               Direction direction) {
    return engine_.layout(utf8, {size, weight},
                          {.direction = direction, .maxWidth = width, .align = align});
  }
  Block text(std::string_view utf8, int size, FontWeight weight, Align align = Align::Start) {
    return layout(utf8, size, weight, width_, align, direction_);
  }

  // Draws the block with its top-left at (x, y); returns its bottom.
  int draw(const TextBlock& block, int x, int y, std::string what) {
    engine_.draw(block, bitmap_, x, y);
    const text::PixelSpan span = text::horizontalSpan(block);
    const TicketBox box{x + span.left, y, x + span.right, y + block.heightPixels()};
    items_.push_back({std::move(what), box});
    return box.bottom;
  }
  int draw(const TextBlock& block, int y, std::string what) {
    return draw(block, left_, y, std::move(what));
  }

  // Draws a one-line block centred, placed by its ink rather than its line box, so that very
  // large type takes no more paper than it inks; returns the ink's bottom.
  int drawInkCentred(const TextBlock& block, int y, std::string what) {
    const text::GreyBitmap ink = engine_.rasterize(block);
    int top = ink.height;
    int bottom = 0;
    for (int row = 0; row < ink.height; ++row) {
      const auto* begin = &ink.pixels[static_cast<std::size_t>(row) * ink.width];
      if (std::any_of(begin, begin + ink.width, [](std::uint8_t c) { return c != 0; })) {
        top = std::min(top, row);
        bottom = row + 1;
      }
    }
    if (top >= bottom) return y;
    const int x = left_ + (width_ - ink.width) / 2;
    text::GreyBitmap trimmed(ink.width, bottom - top);
    std::copy_n(ink.pixels.begin() + static_cast<std::ptrdiff_t>(top) * ink.width,
                trimmed.pixels.size(), trimmed.pixels.begin());
    text::composite(bitmap_, trimmed, x, y);
    items_.push_back({std::move(what), {x, y, x + ink.width, y + trimmed.height}});
    return y + trimmed.height;
  }

  // A full-width rule between sections; not recorded as an item.
  int rule(int y, int thickness) {
    for (int row = y; row < y + thickness; ++row) {
      std::fill_n(&bitmap_.at(left_, row), width_, std::uint8_t{255});
    }
    return y + thickness;
  }

  // The QR code, each module a square of `module` dots, quiet zone included.
  int qr(const text::MonoBitmap& modules, int module, int x, int y) {
    const int quiet = kQrQuietModules * module;
    for (int my = 0; my < modules.height; ++my) {
      for (int mx = 0; mx < modules.width; ++mx) {
        if (!modules.at(mx, my)) continue;
        for (int dy = 0; dy < module; ++dy) {
          std::fill_n(&bitmap_.at(x + quiet + mx * module, y + quiet + my * module + dy), module,
                      std::uint8_t{255});
        }
      }
    }
    const int side = modules.width * module + 2 * quiet;
    items_.push_back({"qr", {x, y, x + side, y + side}});
    return y + side;
  }

  RenderedTicket finish(int bottom, Rasterization rasterization) {
    text::GreyBitmap cropped(bitmap_.width, bottom);
    std::copy_n(bitmap_.pixels.begin(), cropped.pixels.size(), cropped.pixels.begin());
    text::MonoBitmap mono = rasterization == Rasterization::Threshold ? text::threshold(cropped)
                                                                      : text::dither(cropped);
    return {std::move(cropped), std::move(mono), std::move(items_)};
  }

 private:
  text::TextEngine& engine_;
  text::GreyBitmap bitmap_;
  int left_;
  int width_;
  Direction direction_;
  std::vector<TicketItem> items_;
};

// The largest size from `size` down that keeps the text on one line.
Block fitOnOneLine(Sheet& sheet, std::string_view utf8, int size, FontWeight weight,
                   Direction direction) {
  for (;; size -= 4) {
    Block block = sheet.layout(utf8, size, weight, 0, Align::Center, direction);
    if (block->widthPixels() <= sheet.width() || size <= 24) return block;
  }
}

}  // namespace

Result<RenderedTicket> renderTicket(text::TextEngine& engine, const TicketContent& ticket,
                                    const TicketWording& wording,
                                    const TicketLayoutOptions& options) {
  if (options.widthDots < 300) {
    return Error{"ticket: " + std::to_string(options.widthDots) +
                 " dots is too narrow (300 at least)"};
  }
  const Language lang = options.language;
  const Language other = lang == Language::Persian ? Language::English : Language::Persian;
  const bool fa = lang == Language::Persian;
  // Both calendars on every ticket: the applicant's own first.
  auto jalali = text::DateFormatter::create(lang, text::Calendar::Jalali, ticket.timeZone);
  if (!jalali) return jalali.error();
  auto gregorian = text::DateFormatter::create(lang, text::Calendar::Gregorian, ticket.timeZone);
  if (!gregorian) return gregorian.error();

  const TypeScale& type = options.widthDots >= 512 ? kWide : kNarrow;
  Sheet sheet(engine, options.widthDots, lang);
  using W = FontWeight;
  const auto number = [lang](std::int64_t n) { return text::formatInteger(n, lang); };

  // The consulate, in both languages: the ticket's first, the other smaller.
  int y = 6;
  y = sheet.draw(*sheet.text(fa ? ticket.consulateFa : ticket.consulateEn, type.consulate, W::Bold,
                             Align::Center),
                 y, "consulate");
  y = sheet.draw(*sheet.layout(fa ? ticket.consulateEn : ticket.consulateFa, type.consulateOther,
                               W::Regular, sheet.width(), Align::Center, text::directionOf(other)),
                 y + 2, "consulate.other");
  y = sheet.rule(y + 10, 3) + 10;

  // The number: what the hall display and the counter call out, as large as the paper allows.
  y = sheet.draw(*sheet.text(wording.heading, type.heading, W::Regular, Align::Center), y,
                 "heading");
  y = sheet.drawInkCentred(*fitOnOneLine(sheet, ticketNumberText(ticket, lang), type.number,
                                         W::Bold, text::directionOf(lang)),
                           y + type.number / 8, "number");
  // The other script's form, so either matches the display (which shows both).
  y = sheet.drawInkCentred(*fitOnOneLine(sheet, ticketNumberText(ticket, other), type.numberOther,
                                         W::Bold, text::directionOf(other)),
                           y + type.numberOther / 3, "number.other");
  y = sheet.draw(
      *sheet.text(fa ? ticket.serviceFa : ticket.serviceEn, type.service, W::Bold, Align::Center),
      y + type.numberOther / 4, "service");
  y = sheet.rule(y + 10, 2) + 10;

  // When: the date in both calendars, then the time of check-in, in the consulate's zone.
  const text::DateFormatter& first = fa ? *jalali : *gregorian;
  const text::DateFormatter& second = fa ? *gregorian : *jalali;
  y = sheet.draw(*sheet.text(first.date(ticket.issuedAt), type.body, W::Bold, Align::Center), y,
                 "date");
  y = sheet.draw(*sheet.text(second.date(ticket.issuedAt), type.body, W::Regular, Align::Center), y,
                 "date.other");
  const std::string time = text::isolateLeftToRight(first.time(ticket.issuedAt));
  y = sheet.draw(*sheet.text(wording.checkedInAt + (fa ? ": " : " ") + time, type.body, W::Regular,
                             Align::Center),
                 y, "time");

  // The queue ahead; unknown (a ticket issued offline) says nothing rather than a guess.
  if (ticket.peopleAhead >= 0) {
    const std::string ahead = ticket.peopleAhead == 0 ? wording.youAreNext
                              : ticket.peopleAhead == 1
                                  ? wording.oneAhead
                                  : replace(wording.peopleAhead, "{n}", number(ticket.peopleAhead));
    y = sheet.draw(*sheet.text(ahead, type.body, W::Bold, Align::Center), y + 8, "ahead");
  }
  if (ticket.peopleAhead > 0 && ticket.estimatedWaitMinutes > 0) {
    y = sheet.draw(*sheet.text(replace(wording.estimatedWait, "{minutes}",
                                       number(ticket.estimatedWaitMinutes)),
                               type.body, W::Regular, Align::Center),
                   y, "wait");
  }

  // The originals: numbers hang outside the text, so wrapped lines stay clear of them.
  if (!ticket.originals.empty()) {
    y = sheet.rule(y + 10, 2) + 8;
    y = sheet.draw(*sheet.text(wording.originalsHeading, type.list, W::Bold), y,
                   "originals.heading");
    const auto label = [&](std::size_t i) {
      return number(static_cast<std::int64_t>(i + 1)) + ".";
    };
    int numberWidth = 0;
    for (std::size_t i = 0; i < ticket.originals.size(); ++i) {
      numberWidth = std::max(
          numberWidth, text::horizontalSpan(*sheet.text(label(i), type.list, W::Regular)).width());
    }
    numberWidth += type.list / 2;
    const int textWidth = sheet.width() - numberWidth;
    y += 2;
    for (std::size_t i = 0; i < ticket.originals.size(); ++i) {
      const auto& o = ticket.originals[i];
      const Block item = sheet.layout(fa ? o.fa : o.en, type.list, W::Regular, textWidth,
                                      Align::Start, text::directionOf(lang));
      const std::string n = std::to_string(i + 1);
      // Persian: the number at the right edge and the text to its left; English mirrored.
      const int textX = fa ? sheet.left() : sheet.left() + numberWidth;
      const int numberX = fa ? sheet.left() + textWidth : sheet.left();
      sheet.draw(*sheet.layout(label(i), type.list, W::Regular, numberWidth, Align::Start,
                               text::directionOf(lang)),
                 numberX, y, "original.number." + n);
      y = sheet.draw(*item, textX, y, "original." + n) + 4;
    }
  }

  // The QR code at the end side, the closing line beside it at the start side.
  y = sheet.rule(y + 8, 2) + 6;
  int bottom = y;
  const int qrSide = ticket.qrModules.width > 0
                         ? (ticket.qrModules.width + 2 * kQrQuietModules) * type.qrModule
                         : 0;
  const int footerWidth = sheet.width() - qrSide - (qrSide > 0 ? 8 : 0);
  const Block footer = sheet.layout(wording.footer, type.footer, W::Regular, footerWidth,
                                    Align::Start, text::directionOf(lang));
  const int footerTop = y + std::max(0, (qrSide - footer->heightPixels()) / 2);
  if (qrSide > 0) {
    const int qrX = fa ? sheet.left() : sheet.left() + sheet.width() - qrSide;
    bottom = std::max(bottom, sheet.qr(ticket.qrModules, type.qrModule, qrX, y));
  }
  const int footerX = fa ? sheet.left() + sheet.width() - footerWidth : sheet.left();
  bottom = std::max(bottom, sheet.draw(*footer, footerX, footerTop, "footer"));
  return sheet.finish(bottom + 8, options.rasterization);
}

}  // namespace mikhak::printer
