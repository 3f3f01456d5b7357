#pragma once

// The applicant's ticket, from the check-in answer to the dots the printer gets. Laid out on the
// UI thread (about 1.5 ms a ticket, well inside a frame); the PrinterWorker does the I/O.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "check_in_flow.hpp"
#include "mikhak/base/result.hpp"
#include "mikhak/printer/ticket.hpp"
#include "mikhak/printer/ticket_layout.hpp"
#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/text_engine.hpp"

namespace mikhak::kiosk {

// The consulate as a ticket names it.
struct TicketIssuer {
  std::string consulateId;  // "LON"
  std::string nameFa;
  std::string nameEn;
  std::string timeZone;
};

// What the ticket's QR code carries for the counter's scanner: "MKT1.LON.2026-11-29.P017". Made
// of the label, not the server's ticket id, so a ticket issued offline carries one too.
std::string ticketReference(const std::string& consulateId, const TicketInfo& ticket);

printer::TicketContent ticketContent(const TicketInfo& ticket, const TicketIssuer& issuer,
                                     std::chrono::sys_seconds issuedAt);

// A ticket reference as QR modules, one bit a module, as the printer module takes them.
Result<text::MonoBitmap> qrModules(const std::string& text);

class TicketPrinter {
 public:
  struct Options {
    int widthDots = 576;
    printer::Rasterization rasterization = printer::Rasterization::Threshold;
    std::filesystem::path wordingFile;  // assets/translations/ticket.toml
  };
  // Reads the wording of both languages now, so a bad file is found at start, not at a ticket.
  static Result<TicketPrinter> create(text::TextEngine& engine, Options options);

  Result<printer::RenderedTicket> render(const TicketInfo& ticket, const TicketIssuer& issuer,
                                         text::Language language,
                                         std::chrono::sys_seconds issuedAt) const;

 private:
  TicketPrinter(text::TextEngine& engine, Options options,
                std::map<text::Language, printer::TicketWording> wording);
  text::TextEngine* engine_;
  Options options_;
  std::map<text::Language, printer::TicketWording> wording_;
};

}  // namespace mikhak::kiosk
