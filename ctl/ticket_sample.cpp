#include "ticket_sample.hpp"

#include "asset_paths.hpp"
#include "ticket_printing.hpp"

namespace mikhak::ctl {

std::filesystem::path defaultTicketWordingFile() {
  return kiosk::assetPath("translations/ticket.toml");
}

Result<printer::RenderedTicket> renderTicketFromJson(text::TextEngine& engine,
                                                     const std::string& json,
                                                     const printer::TicketLayoutOptions& options,
                                                     const std::filesystem::path& wordingFile) {
  auto ticket = printer::ticketFromJson(json.empty() ? printer::sampleTicketJson() : json);
  if (!ticket) return ticket.error();
  auto qr = kiosk::qrModules(ticket->ticketRef);
  if (!qr) return qr.error();
  ticket->qrModules = std::move(*qr);
  auto wording = printer::loadTicketWording(wordingFile, options.language);
  if (!wording) return wording.error();
  return printer::renderTicket(engine, *ticket, *wording, options);
}

}  // namespace mikhak::ctl
