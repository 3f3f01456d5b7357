#include "model.hpp"

#include <array>
#include <utility>

namespace mikhak::server {
namespace {

constexpr std::array kAppointmentStatuses{
    std::pair{AppointmentStatus::Booked, std::string_view("booked")},
    std::pair{AppointmentStatus::Cancelled, std::string_view("cancelled")},
    std::pair{AppointmentStatus::CheckedIn, std::string_view("checked_in")},
    std::pair{AppointmentStatus::Served, std::string_view("served")},
    std::pair{AppointmentStatus::NoShow, std::string_view("no_show")},
};

constexpr std::array kTicketStates{
    std::pair{TicketState::Waiting, std::string_view("waiting")},
    std::pair{TicketState::Called, std::string_view("called")},
    std::pair{TicketState::Serving, std::string_view("serving")},
    std::pair{TicketState::Done, std::string_view("done")},
    std::pair{TicketState::NoShow, std::string_view("no_show")},
};

}  // namespace

std::string_view toString(AppointmentStatus status) {
  for (const auto& [value, name] : kAppointmentStatuses) {
    if (value == status) return name;
  }
  return "unknown";
}

std::optional<AppointmentStatus> parseAppointmentStatus(std::string_view text) {
  for (const auto& [value, name] : kAppointmentStatuses) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view toString(TicketState state) {
  for (const auto& [value, name] : kTicketStates) {
    if (value == state) return name;
  }
  return "unknown";
}

}  // namespace mikhak::server
