#include "ticket_printing.hpp"

#include <cstdio>

#include "mikhak/scanner/barcode_writer.hpp"

namespace mikhak::kiosk {

std::string ticketReference(const std::string& consulateId, const TicketInfo& ticket) {
  char number[16];
  std::snprintf(number, sizeof number, "%03d", ticket.number);
  return "MKT1." + consulateId + "." + ticket.appointmentDay + "." + ticket.letter + number;
}

printer::TicketContent ticketContent(const TicketInfo& ticket, const TicketIssuer& issuer,
                                     std::chrono::sys_seconds issuedAt) {
  printer::TicketContent content;
  content.consulateFa = issuer.nameFa;
  content.consulateEn = issuer.nameEn;
  content.timeZone = issuer.timeZone;
  content.letter = ticket.letter;
  content.letterFa = ticket.letterFa;
  content.number = ticket.number;
  content.serviceFa = ticket.serviceFa;
  content.serviceEn = ticket.serviceEn;
  content.issuedAt = issuedAt;
  // Offline, the kiosk cannot know the queue: the ticket then says nothing rather than a guess.
  content.peopleAhead = ticket.peopleAhead;
  content.estimatedWaitMinutes = ticket.estimatedWaitMinutes;
  for (const auto& original : ticket.originals) {
    content.originals.push_back({original.fa, original.en});
  }
  content.ticketRef = ticketReference(issuer.consulateId, ticket);
  return content;
}

Result<text::MonoBitmap> qrModules(const std::string& text) {
  auto qr = scanner::renderQr(text, {.modulePixels = 1, .quietZoneModules = 0});
  if (!qr) return qr.error();
  text::MonoBitmap modules(qr->width, qr->height);
  for (int y = 0; y < qr->height; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (qr->at(x, y) >= 128) modules.set(x, y);
    }
  }
  return modules;
}

TicketPrinter::TicketPrinter(text::TextEngine& engine, Options options,
                             std::map<text::Language, printer::TicketWording> wording)
    : engine_(&engine), options_(std::move(options)), wording_(std::move(wording)) {}

Result<TicketPrinter> TicketPrinter::create(text::TextEngine& engine, Options options) {
  std::map<text::Language, printer::TicketWording> wording;
  for (const auto language : {text::Language::Persian, text::Language::English}) {
    auto words = printer::loadTicketWording(options.wordingFile, language);
    if (!words) return words.error();
    wording.emplace(language, std::move(*words));
  }
  return TicketPrinter(engine, std::move(options), std::move(wording));
}

Result<printer::RenderedTicket> TicketPrinter::render(const TicketInfo& ticket,
                                                      const TicketIssuer& issuer,
                                                      text::Language language,
                                                      std::chrono::sys_seconds issuedAt) const {
  printer::TicketContent content = ticketContent(ticket, issuer, issuedAt);
  auto qr = qrModules(content.ticketRef);
  if (!qr) return qr.error();
  content.qrModules = std::move(*qr);
  printer::TicketLayoutOptions layout;
  layout.widthDots = options_.widthDots;
  layout.language = language;
  layout.rasterization = options_.rasterization;
  return printer::renderTicket(*engine_, content, wording_.at(language), layout);
}

}  // namespace mikhak::kiosk
