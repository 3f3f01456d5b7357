#pragma once

#include <string>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/printer/ticket.hpp"
#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/language.hpp"
#include "mikhak/text/text_engine.hpp"

namespace mikhak::printer {

// How grey text becomes the printer's black and white.
enum class Rasterization {
  Threshold,  // crisp edges: what thermal heads print best (the default)
  Dither,     // Floyd-Steinberg: smoother curves on screen, fuzzy letters on paper
};

struct TicketLayoutOptions {
  // Printable width in dots: 576 on 80 mm paper, 384 on 58 mm (some 80 mm models print 512 or
  // 640: it is configuration, not a constant).
  int widthDots = 576;
  text::Language language = text::Language::Persian;
  Rasterization rasterization = Rasterization::Threshold;
};

// A rectangle on the ticket, in dots; right and bottom exclusive.
struct TicketBox {
  int left = 0;
  int top = 0;
  int right = 0;
  int bottom = 0;
};

struct TicketItem {
  std::string what;  // "consulate", "number", "original.3", "qr", ...
  TicketBox box;
};

struct RenderedTicket {
  text::GreyBitmap grey;          // coverage as laid out, for the screen preview
  text::MonoBitmap mono;          // what the printer gets
  std::vector<TicketItem> items;  // everything drawn, so tests can check nothing spills
};

// Lays out the ticket, top to bottom: the consulate (both languages), the ticket number very
// large in the ticket's language and again in the other script, the service, the date in the
// Jalali and Gregorian calendars and the time in the consulate's zone, people ahead and the
// estimated wait, the originals to have in hand (compact, wrapped), and the QR code beside a
// closing line. Right to left in Persian. Errors: an unknown time zone, a width under 300 dots.
Result<RenderedTicket> renderTicket(text::TextEngine& engine, const TicketContent& ticket,
                                    const TicketWording& wording,
                                    const TicketLayoutOptions& options);

}  // namespace mikhak::printer
