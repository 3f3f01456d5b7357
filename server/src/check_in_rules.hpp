#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "mikhak/domain/zone_clock.hpp"
#include "model.hpp"

namespace mikhak::server {

enum class LatePolicy {
  Refuse,            // past the window: see the information desk
  AdmitLowPriority,  // past the window: admitted, queued by arrival instead of appointment time
};

// A consulate's check-in window, in its configuration.
struct CheckInWindow {
  std::chrono::minutes early{60};  // check-in opens this long before the appointment
  std::chrono::minutes late{15};   // and closes this long after it starts
  LatePolicy latePolicy = LatePolicy::Refuse;
};

// Why a check-in is refused; each has its own error code and message in both languages.
enum class Refusal {
  Malformed,      // not a tracking code at all
  BadCheckDigit,  // a typo
  Forged,         // a QR payload whose signature fails
  UnknownCode,    // well formed, but no such appointment
  Cancelled,
  OtherConsulate,  // booked at another consulate
  OtherDay,        // booked for another day (the consulate's local day)
  TooEarly,
  TooLate,
  Closed,         // already served, or marked as not shown
  RequestReused,  // a kiosk sent one request id for two codes (a kiosk bug, not the applicant's)
};

struct RefusalText {
  std::string_view code;  // "too_early", ...
  int httpStatus;
  std::string_view fa;
  std::string_view en;
};
const RefusalText& refusalText(Refusal refusal);

struct CheckInDecision {
  enum class Kind { Admit, AlreadyCheckedIn, Refuse } kind = Kind::Refuse;
  Refusal refusal = Refusal::UnknownCode;
  bool late = false;                     // admitted after the window (AdmitLowPriority)
  std::chrono::sys_seconds queueTime{};  // what the queue orders the ticket by
  std::chrono::sys_seconds opensAt{};    // for TooEarly: when check-in opens
};

// The check-in rules, without I/O: the appointment, the kiosk's consulate and the time decide.
// Days are compared on the consulate's wall clock, so an appointment at 00:10 cannot be checked in
// at 23:30 the evening before, and a daylight-saving change moves nothing.
CheckInDecision decideCheckIn(const Appointment& appointment, std::string_view kioskConsulate,
                              std::chrono::sys_seconds now, const domain::ZoneClock& clock,
                              const CheckInWindow& window);

}  // namespace mikhak::server
