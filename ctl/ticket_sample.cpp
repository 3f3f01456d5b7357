#include "ticket_sample.hpp"

#include "mikhak/scanner/barcode_writer.hpp"

namespace mikhak::ctl {

std::filesystem::path defaultTicketWordingFile() {
  const std::filesystem::path source =
      std::filesystem::path(MIKHAK_SOURCE_ASSETS) / "translations/ticket.toml";
  std::error_code ec;
  if (*MIKHAK_SOURCE_ASSETS && std::filesystem::exists(source, ec)) return source;
  return "/usr/share/mikhak/translations/ticket.toml";
}

Result<text::MonoBitmap> ticketQrModules(const std::string& ticketRef) {
  auto qr = scanner::renderQr(ticketRef, {.modulePixels = 1, .quietZoneModules = 0});
  if (!qr) return qr.error();
  text::MonoBitmap modules(qr->width, qr->height);
  for (int y = 0; y < qr->height; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (qr->at(x, y) >= 128) modules.set(x, y);
    }
  }
  return modules;
}

Result<printer::RenderedTicket> renderTicketFromJson(text::TextEngine& engine,
                                                     const std::string& json,
                                                     const printer::TicketLayoutOptions& options,
                                                     const std::filesystem::path& wordingFile) {
  auto ticket = printer::ticketFromJson(json.empty() ? printer::sampleTicketJson() : json);
  if (!ticket) return ticket.error();
  auto qr = ticketQrModules(ticket->ticketRef);
  if (!qr) return qr.error();
  ticket->qrModules = std::move(*qr);
  auto wording = printer::loadTicketWording(wordingFile, options.language);
  if (!wording) return wording.error();
  return printer::renderTicket(engine, *ticket, *wording, options);
}

}  // namespace mikhak::ctl
