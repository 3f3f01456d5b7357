#include "mikhak/printer/ticket.hpp"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "mikhak/text/digits.hpp"
#include "mikhak/text/wording_file.hpp"

namespace mikhak::printer {

std::string ticketNumberText(const TicketContent& ticket, text::Language language) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", ticket.number);
  if (language == text::Language::Persian) {
    return ticket.letterFa + "-" + text::localizeDigits(digits, text::Language::Persian);
  }
  return ticket.letter + "-" + digits;
}

namespace {

constexpr std::array<text::WordingKey<TicketWording>, 8> kWordingKeys{{
    {"heading", &TicketWording::heading},
    {"people_ahead", &TicketWording::peopleAhead},
    {"one_ahead", &TicketWording::oneAhead},
    {"you_are_next", &TicketWording::youAreNext},
    {"estimated_wait", &TicketWording::estimatedWait},
    {"checked_in_at", &TicketWording::checkedInAt},
    {"originals_heading", &TicketWording::originalsHeading},
    {"footer", &TicketWording::footer},
}};

}  // namespace

Result<TicketWording> loadTicketWording(const std::filesystem::path& file,
                                        text::Language language) {
  return text::readWording(file, "ticket wording", language, kWordingKeys);
}

Result<TicketContent> ticketFromJson(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Error{"ticket: not a JSON object"};
  TicketContent t;
  try {
    t.consulateFa = json.at("consulate_fa").get<std::string>();
    t.consulateEn = json.at("consulate_en").get<std::string>();
    t.timeZone = json.at("time_zone").get<std::string>();
    t.letter = json.at("letter").get<std::string>();
    t.letterFa = json.at("letter_fa").get<std::string>();
    t.number = json.at("number").get<int>();
    t.serviceFa = json.at("service_fa").get<std::string>();
    t.serviceEn = json.at("service_en").get<std::string>();
    t.issuedAt = std::chrono::sys_seconds(std::chrono::seconds(json.at("issued_at").get<long>()));
    t.peopleAhead = json.at("people_ahead").get<int>();
    t.estimatedWaitMinutes = json.at("estimated_wait_minutes").get<int>();
    t.ticketRef = json.at("ticket_ref").get<std::string>();
    for (const auto& o : json.at("originals")) {
      t.originals.push_back({o.at("fa").get<std::string>(), o.at("en").get<std::string>()});
    }
  } catch (const nlohmann::json::exception& e) {
    return Error{"ticket: " + std::string(e.what())};
  }
  if (t.number < 1 || t.number > 9999) return Error{"ticket: number must be 1-9999"};
  if (t.peopleAhead < 0 || t.estimatedWaitMinutes < 0) {
    return Error{"ticket: people_ahead and estimated_wait_minutes cannot be negative"};
  }
  return t;
}

std::string sampleTicketJson() {
  // 29 November 2026, 10:32 in London.
  return R"json({
  "consulate_fa": "سرکنسولگری جمهوری اسلامی ایران در لندن",
  "consulate_en": "Consulate General of the Islamic Republic of Iran, London",
  "time_zone": "Europe/London",
  "letter": "P",
  "letter_fa": "گ",
  "number": 17,
  "service_fa": "گذرنامه",
  "service_en": "Passport",
  "issued_at": 1795948320,
  "people_ahead": 12,
  "estimated_wait_minutes": 25,
  "ticket_ref": "MKT1.LON.2026-11-29.P017",
  "originals": [
    {"fa": "گذرنامه قبلی (حتی اگر باطل یا منقضی شده باشد)",
     "en": "Previous passport (even if cancelled or expired)"},
    {"fa": "شناسنامه عکس‌دار", "en": "Birth certificate (shenasnameh) with photo"},
    {"fa": "کارت ملی هوشمند یا رسید درخواست آن",
     "en": "National ID card, or the receipt of its application"},
    {"fa": "مدرک اقامت معتبر در کشور محل سکونت",
     "en": "Valid residence permit of the host country"},
    {"fa": "برای متقاضیان زیر ۱۸ سال: اجازه‌نامه پدر یا قیم",
     "en": "Under 18: the father's or guardian's permission"}
  ]
})json";
}

}  // namespace mikhak::printer
