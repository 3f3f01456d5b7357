#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/domain/catalogue.hpp"
#include "mikhak/domain/check_in_window.hpp"

namespace mikhak::server {

struct Consulate {
  std::string id;  // short id in notices, e.g. "LON"
  std::string nameFa;
  std::string nameEn;
  std::string timeZone;  // IANA, e.g. "Europe/London"
};

using domain::AppointmentStatus;  // the check-in rules are the domain's
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

// "Maryam R." / «مریم ر.»: the given name and the family name's initial, all a screen or a ticket
// may show of a name.
std::string displayName(const std::string& given, const std::string& family);

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
std::optional<TicketState> parseTicketState(std::string_view text);

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
  std::optional<int> counter;        // the counter that called it
  std::optional<int> pinnedCounter;  // transferred to one counter: only it calls the ticket
  int recalls = 0;
  std::int64_t calledAt = 0;
  // Whether the kiosk's printer put it on paper: unknown until the kiosk reports. A ticket that
  // failed to print exists all the same (the applicant saw its number on screen), and staff see
  // that it did not print.
  std::optional<bool> printed;
};

struct Counter {
  int number = 0;  // as shown in the hall: «باجه ۴»
  std::string nameFa;
  std::string nameEn;
  std::vector<std::string> services;  // service ids it serves
};

enum class Role { Counter, Supervisor, Technician };
std::string_view toString(Role role);
std::optional<Role> parseRole(std::string_view text);

struct StaffMember {
  std::int64_t id = 0;
  std::string login;
  std::string displayName;
  Role role = Role::Counter;
  std::string passwordHash;  // Argon2id, libsodium's encoded form
};

// One change of a ticket, as the audit trail keeps it: who, when, from, to.
struct Transition {
  std::int64_t ticketId = 0;
  std::string action;  // "call", "recall", "no_show", "transfer", "complete"
  TicketState from = TicketState::Waiting;
  TicketState to = TicketState::Waiting;
  std::string actor;  // staff login
  std::int64_t at = 0;
  std::optional<int> counter;        // set on the ticket (call)
  std::string toService;             // transfer: the new service, else empty
  std::optional<int> pinnedCounter;  // transfer to one counter
  bool countRecall = false;
};

struct AuditEntry {
  std::int64_t at = 0;
  std::string actor;
  std::string action;
  std::string fromState;
  std::string toState;
  std::string fromService;
  std::string toService;
  std::optional<int> counter;
};

struct KioskRecord {
  std::string id;
  std::string name;
  std::string tokenHash;  // hex SHA-256 of the bearer token
  bool revoked = false;
  std::int64_t lastSeen = 0;      // UTC seconds of the last heartbeat, 0 if none
  std::string statusJson = "{}";  // the last heartbeat's report
  // Who let it in and who shut it out, for the technicians' record (empty and 0 if nobody).
  std::string enrolledBy = {};  // the technician whose one-time code it used
  std::int64_t enrolledAt = 0;
  std::string revokedBy = {};
  std::int64_t revokedAt = 0;
};

// A one-time enrolment code as issued: the kiosk's name and the technician who asked for it.
struct EnrolmentGrant {
  std::string kioskName;
  std::string issuedBy;
};

// Ticket numbers set aside for one kiosk, service and day, so that tickets it issues while the
// server is unreachable can never collide with the server's.
struct TicketBlock {
  std::string kioskId;
  std::string serviceId;
  std::string day;
  int first = 0;
  int last = 0;
};

}  // namespace mikhak::server
