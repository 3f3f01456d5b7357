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
//
// The page (rows since the last cut) is widthDots wide. A raster band is printed at its left
// edge, clipped if wider; `ESC d n` and LF feed kRowsPerLine blank rows a line, `GS V 65/66 n`
// n rows before cutting. A cut makes a ticket of the page only if a raster band was printed
// since the last cut; paper only fed is thrown away, as a clerk would. `ESC @` tears off a page
// left unfinished (a host that went away mid-ticket), so the next job starts on clean paper.
class VirtualPrinter {
 public:
  // Rows a line feed moves: the usual default line spacing of 1/6 inch is 30 motion units of
  // 1/180 inch, taken here as 30 dots (about 3.75 mm at 8 dots/mm).
  static constexpr int kRowsPerLine = 30;

  struct Options {
    int widthDots = 576;
    // Paper runs out after this many cut tickets, plus tailRows rows of the next one (so that
    // ticket is left part printed, as happens at a real counter). Negative: never. Only the
    // first roll runs out: after refill() the paper lasts.
    int paperOutAfter = -1;
    int tailRows = 160;    // 20 mm at 8 dots/mm: shorter than any ticket
    bool offline = false;  // answers every status request as offline and prints nothing
    bool coverOpen = false;
    // A page never cut stops growing here (rows printed past it are lost): 2 m at 8 dots/mm.
    int maxPageRows = 16000;
  };
  // Throws std::invalid_argument for widthDots < 1.
  explicit VirtualPrinter(Options options);

  // Bytes from the host; returns the bytes to send back (answers to DLE EOT), answered as soon
  // as the request is read, even between the bands of a job.
  std::vector<std::uint8_t> receive(std::span<const std::uint8_t> bytes);
  // The host went away: a command it left half sent is forgotten. The page stays (see above).
  void endOfStream();

  // Tickets cut since the last call, oldest first; each is the printed rows, widthDots wide.
  std::vector<text::MonoBitmap> takeTickets();
  // The rows printed since the last cut: after paper ran out, the torn stub of the ticket that
  // was cut off (a cut without paper makes no ticket). Cleared by a cut, `ESC @` and refill().
  const text::MonoBitmap& partialTicket() const { return page_; }
  // The state it would report now.
  PrinterStatus status() const;
  // A new roll of paper (or the cover closed again): printing resumes. The stub of the old roll
  // goes with it.
  void refill();
  void setCoverOpen(bool open);
  void setOffline(bool offline);
  int ticketsCut() const { return cut_; }

 private:
  void apply(const EscPosCommand& command, std::vector<std::uint8_t>& answer);
  bool canPrint() const;
  bool advancePaper();  // one row of paper under the head; false when there is none
  void printBand(const escpos::Raster& raster);
  void feedRows(int rows);
  void cut();
  void clearPage();

  Options options_;
  EscPosParser parser_;
  text::MonoBitmap page_;  // rows printed since the last cut
  std::vector<text::MonoBitmap> done_;
  int cut_ = 0;
  int rowsLeft_ = -1;  // paper left in rows once the last roll is running out; -1 plenty
  bool paperOut_ = false;
  bool printedSinceCut_ = false;  // a raster band, not only feeds, is on the page
};

}  // namespace mikhak::printer
