#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/domain/catalogue.hpp"

namespace mikhak::server {

struct Consulate {
  std::string id;  // short id in notices, e.g. "LON"
  std::string nameFa;
  std::string nameEn;
  std::string timeZone;  // IANA, e.g. "Europe/London"
};

enum class AppointmentStatus { Booked, Cancelled, CheckedIn, Served, NoShow };
std::string_view toString(AppointmentStatus status);
std::optional<AppointmentStatus> parseAppointmentStatus(std::string_view text);

// Priority flags an appointment carries (set when it is booked, or by staff).
enum PriorityFlag : int { kPriorityNone = 0, kPriorityElderly = 1, kPriorityDisabled = 2 };

struct Applicant {
  std::string givenFa;
  std::string familyFa;
  std::string givenEn;
  std::string familyEn;
  std::string nationalId;  // stored for the counter; never sent to kiosks, never logged
};

struct Appointment {
  std::int64_t id = 0;
  std::string code;  // 14-digit tracking code
  std::string consulateId;
  std::string serviceId;
  Applicant applicant;
  std::int64_t startsAt = 0;  // UTC seconds
  AppointmentStatus status = AppointmentStatus::Booked;
  int priority = kPriorityNone;
  std::vector<domain::OriginalDocument> extraOriginals;
};

enum class TicketState { Waiting, Called, Serving, Done, NoShow };
std::string_view toString(TicketState state);

struct Ticket {
  std::int64_t id = 0;
  std::int64_t appointmentId = 0;
  std::string serviceId;
  std::string day;  // the consulate's local day, YYYY-MM-DD
  int number = 0;   // per service and day, from 1
  std::string kioskId;
  std::string requestId;
  std::int64_t checkedInAt = 0;  // UTC seconds
  std::int64_t queueTime = 0;    // what the queue orders by: appointment start, or arrival if late
  int priority = kPriorityNone;
  bool late = false;
  TicketState state = TicketState::Waiting;
  int reprints = 0;
};

struct KioskRecord {
  std::string id;
  std::string name;
  std::string tokenHash;  // hex SHA-256 of the bearer token
  bool revoked = false;
};

}  // namespace mikhak::server
