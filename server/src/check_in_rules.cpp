#include "check_in_rules.hpp"

#include <array>

namespace mikhak::server {
namespace {

// Plain words and what to do next; the kiosk shows its own screen per code, these are for
// anything else that calls the API (and for the logs, which carry the code only).
constexpr std::array<RefusalText, 11> kTexts{{
    {"malformed_code", 400, "این کد، کد رهگیری میخک نیست.", "This is not a Mikhak tracking code."},
    {"bad_check_digit", 422, "کد رهگیری درست خوانده یا وارد نشد. لطفاً دوباره امتحان کنید.",
     "The tracking code was not read or typed correctly. Please try again."},
    {"forged", 422, "این اطلاعیه معتبر نیست. لطفاً به میز اطلاعات مراجعه کنید.",
     "This notice is not valid. Please see the information desk."},
    {"unknown_code", 404, "نوبتی با این کد رهگیری پیدا نشد. لطفاً به میز اطلاعات مراجعه کنید.",
     "No appointment has this tracking code. Please see the information desk."},
    {"cancelled", 409, "این نوبت لغو شده است. لطفاً به میز اطلاعات مراجعه کنید.",
     "This appointment was cancelled. Please see the information desk."},
    {"other_consulate", 409, "این نوبت برای نمایندگی دیگری است.",
     "This appointment is at another consulate."},
    {"other_day", 409, "نوبت شما برای روز دیگری است.", "Your appointment is on another day."},
    {"too_early", 409, "پذیرش نوبت شما هنوز شروع نشده است.",
     "Check-in for your appointment has not opened yet."},
    {"too_late", 409, "زمان پذیرش نوبت شما گذشته است. لطفاً به میز اطلاعات مراجعه کنید.",
     "Check-in for your appointment has closed. Please see the information desk."},
    {"closed", 409,
     "این نوبت پیش‌تر انجام شده است. لطفاً به میز "
     "اطلاعات "
     "مراجعه "
     "کنید.",
     "This appointment has already been dealt with. Please see the information desk."},
    {"request_id_reused", 409, "خطای دستگاه. لطفاً دوباره امتحان کنید.",
     "The kiosk made an error. Please try again."},
}};

}  // namespace

const RefusalText& refusalText(Refusal refusal) {
  return kTexts.at(static_cast<std::size_t>(refusal));
}

CheckInDecision decideCheckIn(const Appointment& appointment, std::string_view kioskConsulate,
                              std::chrono::sys_seconds now, const domain::ZoneClock& clock,
                              const CheckInWindow& window) {
  const domain::WindowDecision rule = domain::decideCheckInWindow(
      {appointment.consulateId,
       std::chrono::sys_seconds{std::chrono::seconds(appointment.startsAt)}, appointment.status},
      kioskConsulate, now, clock, window);
  CheckInDecision d;
  d.late = rule.late;
  d.queueTime = rule.queueTime;
  d.opensAt = rule.opensAt;
  switch (rule.verdict) {
    case domain::WindowVerdict::Admit:
      d.kind = CheckInDecision::Kind::Admit;
      return d;
    case domain::WindowVerdict::AlreadyCheckedIn:
      d.kind = CheckInDecision::Kind::AlreadyCheckedIn;
      return d;
    case domain::WindowVerdict::Cancelled:
      d.refusal = Refusal::Cancelled;
      break;
    case domain::WindowVerdict::Closed:
      d.refusal = Refusal::Closed;
      break;
    case domain::WindowVerdict::OtherConsulate:
      d.refusal = Refusal::OtherConsulate;
      break;
    case domain::WindowVerdict::OtherDay:
      d.refusal = Refusal::OtherDay;
      break;
    case domain::WindowVerdict::TooEarly:
      d.refusal = Refusal::TooEarly;
      break;
    case domain::WindowVerdict::TooLate:
      d.refusal = Refusal::TooLate;
      break;
  }
  d.kind = CheckInDecision::Kind::Refuse;
  return d;
}

}  // namespace mikhak::server
