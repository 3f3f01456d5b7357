#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "check_in_rules.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/zone_clock.hpp"
#include "store.hpp"

namespace mikhak::server {

struct CheckInRequest {
  std::string kioskId;
  std::string requestId;  // the kiosk's id for this attempt: a retry never makes a second ticket
  std::string scanned;    // what the scanner read or the applicant typed
};

struct CheckedIn {
  Ticket ticket;
  Appointment appointment;
  domain::Service service;
  bool alreadyCheckedIn = false;  // a second visit to the kiosk: the same ticket, to reprint
  int peopleAhead = 0;
  std::chrono::minutes estimatedWait{0};
};

struct Refused {
  Refusal refusal;
  std::optional<Appointment> appointment;  // when one was found (for "other day" and the like)
  std::chrono::sys_seconds opensAt{};
};

using CheckInOutcome = std::variant<CheckedIn, Refused>;

// Check-in by code, in one call: read the code, find the appointment, apply the rules, issue or
// find the ticket, and work out the queue position and wait.
class CheckInService {
 public:
  using Clock = std::function<std::chrono::sys_seconds()>;
  CheckInService(Store& store, const domain::VerifyKey& key, Consulate consulate,
                 domain::ZoneClock clock, CheckInWindow window, Clock now);

  CheckInOutcome checkIn(const CheckInRequest& request);
  const Consulate& consulate() const { return consulate_; }
  const domain::ZoneClock& zoneClock() const { return clock_; }

 private:
  CheckedIn describe(Ticket ticket, Appointment appointment, bool again);
  Store& store_;
  domain::Catalogue catalogue_;  // as the store had it at start; a new catalogue needs a restart
  const domain::VerifyKey& key_;
  Consulate consulate_;
  domain::ZoneClock clock_;
  CheckInWindow window_;
  Clock now_;
};

}  // namespace mikhak::server
