#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "mikhak/domain/zone_clock.hpp"

namespace mikhak::domain {

// The check-in rules the server and a kiosk working from its day manifest both apply, so an
// applicant gets the same answer whether or not the network is up.

enum class AppointmentStatus { Booked, Cancelled, CheckedIn, Served, NoShow };
// "booked", "cancelled", "checked_in", "served", "no_show": the database's and the manifest's
// words.
std::string_view appointmentStatusName(AppointmentStatus status);
std::optional<AppointmentStatus> parseAppointmentStatus(std::string_view text);

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

// What the rules make of an appointment at a given moment.
enum class WindowVerdict {
  Admit,
  AlreadyCheckedIn,
  Cancelled,
  Closed,          // already served, or marked as not shown
  OtherConsulate,  // booked at another consulate
  OtherDay,        // booked for another day (the consulate's local day)
  TooEarly,
  TooLate,
};
// The API's error code for a refusing verdict ("too_early", ...); "" for Admit and
// AlreadyCheckedIn.
std::string_view refusalCode(WindowVerdict verdict);

// The facts about one appointment the rules need.
struct AppointmentFacts {
  std::string_view consulateId;
  std::chrono::sys_seconds startsAt{};
  AppointmentStatus status = AppointmentStatus::Booked;
};

struct WindowDecision {
  WindowVerdict verdict = WindowVerdict::Cancelled;
  bool late = false;                     // admitted after the window (AdmitLowPriority)
  std::chrono::sys_seconds queueTime{};  // what the queue orders the ticket by
  std::chrono::sys_seconds opensAt{};    // for TooEarly: when check-in opens
};

// Without I/O: the appointment, the consulate asking and the time decide. Days are compared on
// the consulate's wall clock, so an appointment at 00:10 cannot be checked in at 23:30 the evening
// before, and a daylight-saving change moves nothing.
WindowDecision decideCheckInWindow(const AppointmentFacts& appointment,
                                   std::string_view askingConsulate, std::chrono::sys_seconds now,
                                   const ZoneClock& clock, const CheckInWindow& window);

}  // namespace mikhak::domain
