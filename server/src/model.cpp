#include "model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace mikhak::server {
namespace {

constexpr std::array kTicketStates{
    std::pair{TicketState::Waiting, std::string_view("waiting")},
    std::pair{TicketState::Called, std::string_view("called")},
    std::pair{TicketState::Serving, std::string_view("serving")},
    std::pair{TicketState::Done, std::string_view("done")},
    std::pair{TicketState::NoShow, std::string_view("no_show")},
};

constexpr std::array kRoles{
    std::pair{Role::Counter, std::string_view("counter")},
    std::pair{Role::Supervisor, std::string_view("supervisor")},
    std::pair{Role::Technician, std::string_view("technician")},
};

template <typename Table, typename Value>
std::string_view nameIn(const Table& table, Value value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename Value, typename Table>
std::optional<Value> valueIn(const Table& table, std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string displayName(const std::string& given, const std::string& family) {
  if (family.empty()) return given;
  const auto lead = static_cast<unsigned char>(family[0]);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return given + " " + family.substr(0, std::min(length, family.size())) + ".";
}

std::string_view toString(Role role) { return nameIn(kRoles, role); }
std::optional<Role> parseRole(std::string_view text) { return valueIn<Role>(kRoles, text); }

std::optional<TicketState> parseTicketState(std::string_view text) {
  return valueIn<TicketState>(kTicketStates, text);
}

std::string_view toString(AppointmentStatus status) {
  return domain::appointmentStatusName(status);
}

std::optional<AppointmentStatus> parseAppointmentStatus(std::string_view text) {
  return domain::parseAppointmentStatus(text);
}

std::string_view toString(TicketState state) { return nameIn(kTicketStates, state); }

}  // namespace mikhak::server
