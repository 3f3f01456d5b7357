#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::printer {

// An original document to have in hand, in both languages.
struct TicketOriginal {
  std::string fa;
  std::string en;
};

// What a queue ticket (برگه نوبت) says, as plain values. No national ID and no full name: a
// ticket is left on chairs and floors.
struct TicketContent {
  std::string consulateFa;
  std::string consulateEn;
  std::string timeZone;  // the consulate's, IANA: date and time are printed in it
  std::string letter;    // "P": the queue letter on Latin tickets and the hall display
  std::string letterFa;  // "گ"
  int number = 0;        // 17 prints as P-017 and گ-۰۱۷
  std::string serviceFa;
  std::string serviceEn;
  std::chrono::sys_seconds issuedAt{};  // the check-in
  int peopleAhead = 0;                  // -1: unknown (issued offline), and not printed
  int estimatedWaitMinutes = 0;
  std::vector<TicketOriginal> originals;
  // What the ticket's QR code carries, for the counter's scanner: the server's ticket reference.
  std::string ticketRef;
  // The QR code of ticketRef, one bit a module, no quiet zone. Drawn by the caller (the scanner
  // module owns the barcode writer; the printer module does not depend on it). Empty: no code.
  text::MonoBitmap qrModules;
};

// "P-017" / "گ-۰۱۷": three digits at least, so numbers line up on the display.
std::string ticketNumberText(const TicketContent& ticket, text::Language language);

// The ticket's fixed words in one language (assets/translations/ticket.toml), so that a
// consulate can reword them without a rebuild.
struct TicketWording {
  std::string heading;
  std::string peopleAhead;  // with {n}
  std::string oneAhead;
  std::string youAreNext;
  std::string estimatedWait;  // with {minutes}
  std::string checkedInAt;
  std::string originalsHeading;
  std::string footer;
};

// Reads the wording for a language from the TOML file; every key required, unknown keys refused.
Result<TicketWording> loadTicketWording(const std::filesystem::path& file, text::Language language);

// A ticket read from JSON (`mikhakctl render-ticket --json`); see sampleTicketJson() for the form.
// The QR modules are not in the JSON: the caller draws them from ticket_ref.
Result<TicketContent> ticketFromJson(std::string_view json);

// An example ticket: a passport applicant with a long list of originals, in the JSON form.
std::string sampleTicketJson();

}  // namespace mikhak::printer
