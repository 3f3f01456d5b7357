#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mikhak/printer/escpos_parser.hpp"
#include "mikhak/printer/printer_status.hpp"
#include "mikhak/text/bitmap.hpp"

namespace mikhak::printer {

// A receipt printer in software: what `mikhakctl virtual-printer` runs behind its socket and the
// tests print to. It understands the ESC/POS the project sends, prints raster bands onto a
// paper roll and hands out each cut ticket as an image. Pure: bytes in, answers and tickets out.
class VirtualPrinter {
 public:
  struct Options {
    int widthDots = 576;
    // Paper runs out after this many cut tickets, plus tailRows rows of the next one (so that
    // ticket is left part printed, as happens at a real counter). Negative: never.
    int paperOutAfter = -1;
    int tailRows = 160;  // 20 mm at 8 dots/mm: shorter than any ticket
    bool offline = false;  // answers every status request as offline and prints nothing
    bool coverOpen = false;
  };
  explicit VirtualPrinter(Options options);

  // Bytes from the host; returns the bytes to send back (answers to DLE EOT).
  std::vector<std::uint8_t> receive(std::span<const std::uint8_t> bytes);

  // Tickets cut since the last call, oldest first; each is the printed rows, widthDots wide.
  std::vector<text::MonoBitmap> takeTickets();
  // The state it would report now.
  PrinterStatus status() const;
  // A new roll of paper (or the cover closed again): printing resumes.
  void refill();
  void setCoverOpen(bool open);
  void setOffline(bool offline);
  int ticketsCut() const { return cut_; }

 private:
  void apply(const EscPosCommand& command, std::vector<std::uint8_t>& answer);
  Options options_;
  EscPosParser parser_;
  text::MonoBitmap page_;  // rows printed since the last cut
  std::vector<text::MonoBitmap> done_;
  int cut_ = 0;
  int rowsLeft_ = -1;  // paper left in rows once the last roll is running out; -1 plenty
  bool paperOut_ = false;
};

}  // namespace mikhak::printer
