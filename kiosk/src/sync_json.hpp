#pragma once

// The JSON of POST /api/v1/sync (server/src/api.cpp): the kiosk's offline check-ins out, one
// result per request id back. Pure: no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"

namespace mikhak::kiosk {

// One check-in made offline, as /sync takes it.
struct OutboxEntry {
  std::string requestId;
  std::string code;  // the 14 digits: the server finds the appointment by it
  std::string serviceId;
  int number = 0;                // from the kiosk's block
  std::int64_t checkedInAt = 0;  // UTC seconds
  bool operator==(const OutboxEntry&) const = default;
};

// The server's word on one of them.
struct SyncOutcome {
  enum class Status {
    Recorded,   // a new ticket, with the kiosk's number
    Duplicate,  // sent before: the same ticket
    Conflict,   // the applicant was checked in elsewhere first: that ticket stands
    Refused,    // error says why (unknown_code, cancelled, outside_block, ...)
  };
  std::string requestId;
  Status status = Status::Refused;
  std::string error;
  std::optional<std::int64_t> ticketId;  // the server's ticket for the appointment
  std::string ticketLabel;
  int ticketNumber = 0;
};

// {"check_ins": [{request_id, code, service, number, checked_in_at}, ...]}; the server takes at
// most kMaxSyncBatch per request.
inline constexpr std::size_t kMaxSyncBatch = 200;
std::string syncRequestBody(const std::vector<OutboxEntry>& entries);

// {"results": [{request_id, status, error?, ticket?: {id, label, number}}, ...]}
Result<std::vector<SyncOutcome>> parseSyncReply(std::string_view body);

}  // namespace mikhak::kiosk
