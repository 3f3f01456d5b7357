#include "mikhak/domain/check_in_window.hpp"

#include <array>
#include <utility>

namespace mikhak::domain {
namespace {

constexpr std::array kStatusNames{
    std::pair{AppointmentStatus::Booked, std::string_view("booked")},
    std::pair{AppointmentStatus::Cancelled, std::string_view("cancelled")},
    std::pair{AppointmentStatus::CheckedIn, std::string_view("checked_in")},
    std::pair{AppointmentStatus::Served, std::string_view("served")},
    std::pair{AppointmentStatus::NoShow, std::string_view("no_show")},
};

WindowDecision refuse(WindowVerdict verdict) {
  WindowDecision d;
  d.verdict = verdict;
  return d;
}

}  // namespace

std::string_view appointmentStatusName(AppointmentStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "booked";
}

std::optional<AppointmentStatus> parseAppointmentStatus(std::string_view text) {
  for (const auto& [value, name] : kStatusNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view refusalCode(WindowVerdict verdict) {
  switch (verdict) {
    case WindowVerdict::Admit:
    case WindowVerdict::AlreadyCheckedIn:
      return "";
    case WindowVerdict::Cancelled:
      return "cancelled";
    case WindowVerdict::Closed:
      return "closed";
    case WindowVerdict::OtherConsulate:
      return "other_consulate";
    case WindowVerdict::OtherDay:
      return "other_day";
    case WindowVerdict::TooEarly:
      return "too_early";
    case WindowVerdict::TooLate:
      return "too_late";
  }
  return "";
}

WindowDecision decideCheckInWindow(const AppointmentFacts& appointment,
                                   std::string_view askingConsulate, std::chrono::sys_seconds now,
                                   const ZoneClock& clock, const CheckInWindow& window) {
  switch (appointment.status) {
    case AppointmentStatus::Cancelled:
      return refuse(WindowVerdict::Cancelled);
    case AppointmentStatus::Served:
    case AppointmentStatus::NoShow:
      return refuse(WindowVerdict::Closed);
    case AppointmentStatus::CheckedIn:
    case AppointmentStatus::Booked:
      break;
  }
  if (appointment.consulateId != askingConsulate) return refuse(WindowVerdict::OtherConsulate);
  if (appointment.status == AppointmentStatus::CheckedIn) {
    return refuse(WindowVerdict::AlreadyCheckedIn);
  }
  const std::chrono::sys_seconds start = appointment.startsAt;
  if (clock.day(start) != clock.day(now)) return refuse(WindowVerdict::OtherDay);
  if (now < start - window.early) {
    WindowDecision d = refuse(WindowVerdict::TooEarly);
    d.opensAt = start - window.early;
    return d;
  }
  WindowDecision d;
  d.verdict = WindowVerdict::Admit;
  d.queueTime = start;
  if (now > start + window.late) {
    if (window.latePolicy == LatePolicy::Refuse) return refuse(WindowVerdict::TooLate);
    d.late = true;
    d.queueTime = now;  // joins as if booked for now: behind everyone who came on time
  }
  return d;
}

}  // namespace mikhak::domain
