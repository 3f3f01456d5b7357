#include "check_in_answer_json.hpp"

#include <cstdio>
#include <optional>

#include "json_fields.hpp"
#include "mikhak/text/digits.hpp"

namespace mikhak::kiosk {
namespace {

using namespace json_fields;

// Ticket numbers come from a per-day counter or a kiosk's offline block (at most 100000).
constexpr std::int64_t kMaxTicketNumber = 100'000;

CheckInRefusal serverProblem() { return CheckInRefusal{std::string(kServerProblem), {}, {}, {}}; }

// "پ-۰۱۷": the Persian letter and the number zero-padded to three digits, as the ticket prints it.
std::string persianLabel(const std::string& letterFa, std::int64_t number) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03lld", static_cast<long long>(number));
  return letterFa + "-" + text::localizeDigits(digits, text::Language::Persian);
}

std::optional<std::vector<OriginalDocument>> originals(const json& body) {
  const json* list = arrayField(body, "originals");
  if (list == nullptr) return std::nullopt;
  std::vector<OriginalDocument> result;
  result.reserve(list->size());
  for (const json& item : *list) {
    auto fa = stringField(item, "fa");
    auto en = stringField(item, "en");
    if (!fa || !en) return std::nullopt;
    result.push_back({std::move(*fa), std::move(*en)});
  }
  return result;
}

std::optional<CheckInAccepted> accepted(const json& body, bool alreadyCheckedIn) {
  const auto status = stringField(body, "status");
  if (!status || *status != (alreadyCheckedIn ? "already_checked_in" : "checked_in")) {
    return std::nullopt;
  }
  const json* ticket = objectField(body, "ticket");
  const json* applicant = objectField(body, "applicant");
  const json* service = objectField(body, "service");
  const json* appointment = objectField(body, "appointment");
  if (!ticket || !applicant || !service || !appointment) return std::nullopt;

  const auto id = integerField(*ticket, "id", 1);
  const auto label = stringField(*ticket, "label");
  const auto letter = stringField(*ticket, "letter");
  const auto letterFa = stringField(*ticket, "letter_fa");
  const auto number = integerField(*ticket, "number", 1, kMaxTicketNumber);
  const auto nameFa = stringField(*applicant, "display_name_fa");
  const auto nameEn = stringField(*applicant, "display_name_en");
  const auto serviceFa = stringField(*service, "name_fa");
  const auto serviceEn = stringField(*service, "name_en");
  const auto day = stringField(*appointment, "day");
  const auto time = stringField(*appointment, "time");
  auto documents = originals(body);
  const auto ahead = integerField(body, "people_ahead", 0, std::numeric_limits<int>::max());
  const auto wait =
      integerField(body, "estimated_wait_minutes", 0, std::numeric_limits<int>::max());
  if (!id || !label || label->empty() || !letter || letter->empty() || !letterFa ||
      letterFa->empty() || !number || !nameFa || !nameEn || !serviceFa || !serviceEn || !day ||
      !time || !documents || !ahead || !wait) {
    return std::nullopt;
  }
  CheckInAccepted result;
  result.alreadyCheckedIn = alreadyCheckedIn;
  result.source = AnswerSource::Server;
  TicketInfo& t = result.ticket;
  t.ticketId = *id;
  t.label = *label;
  t.labelFa = persianLabel(*letterFa, *number);
  t.letter = *letter;
  t.letterFa = *letterFa;
  t.number = static_cast<int>(*number);
  t.displayNameFa = *nameFa;
  t.displayNameEn = *nameEn;
  t.serviceFa = *serviceFa;
  t.serviceEn = *serviceEn;
  t.appointmentDay = *day;
  t.appointmentTime = *time;
  t.originals = std::move(*documents);
  t.peopleAhead = static_cast<int>(*ahead);
  t.estimatedWaitMinutes = static_cast<int>(*wait);
  return result;
}

std::optional<CheckInRefusal> refusal(const json& body) {
  const json* error = objectField(body, "error");
  if (error == nullptr) return std::nullopt;
  const auto code = stringField(*error, "code");
  if (!code || code->empty()) return std::nullopt;
  // The parameters are optional; one present with the wrong type makes the answer unreadable.
  const auto optionalText = [&](const char* key) -> std::optional<std::string> {
    if (field(*error, key) == nullptr) return std::string();
    return stringField(*error, key);
  };
  const auto day = optionalText("appointment_day");
  const auto time = optionalText("appointment_time");
  const auto opensAt = optionalText("opens_at");
  if (!day || !time || !opensAt) return std::nullopt;
  return CheckInRefusal{*code, *day, *time, *opensAt};
}

}  // namespace

std::string checkInRequestBody(std::string_view requestId, std::string_view code) {
  // Scanned text may hold bytes that are not UTF-8: replaced, so that dumping never throws (the
  // server then refuses the code as malformed).
  return json{{"request_id", std::string(requestId)}, {"code", std::string(code)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

CheckInAnswer parseCheckInAnswer(int httpStatus, std::string_view body) {
  if (body.size() > kMaxCheckInAnswerBytes) return serverProblem();
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return serverProblem();
  if (httpStatus == 200 || httpStatus == 201) {
    if (auto answer = accepted(parsed, httpStatus == 200)) return std::move(*answer);
    return serverProblem();
  }
  if (httpStatus >= 400 && httpStatus <= 599) {
    if (auto answer = refusal(parsed)) return std::move(*answer);
  }
  return serverProblem();
}

}  // namespace mikhak::kiosk
