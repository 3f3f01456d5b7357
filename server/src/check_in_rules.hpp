#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "mikhak/domain/check_in_window.hpp"
#include "mikhak/domain/zone_clock.hpp"
#include "model.hpp"

namespace mikhak::server {

// The window and its policy are the domain's: the kiosk's offline check-in applies the same rules.
using domain::CheckInWindow;
using domain::LatePolicy;

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

// The check-in rules (domain::decideCheckInWindow), in the server's terms.
CheckInDecision decideCheckIn(const Appointment& appointment, std::string_view kioskConsulate,
                              std::chrono::sys_seconds now, const domain::ZoneClock& clock,
                              const CheckInWindow& window);

}  // namespace mikhak::server
