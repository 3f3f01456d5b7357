#pragma once

// The check-in exchange with the consulate server as pure functions: the request body the kiosk
// sends, and the server's answer (POST /api/v1/check-ins) read into the flow's types. No I/O.

#include <cstddef>
#include <string>
#include <string_view>

#include "check_in_flow.hpp"

namespace mikhak::kiosk {

// The refusal code for an answer the kiosk cannot read (not JSON, fields missing or mistyped, too
// large, an unexpected status): the flow shows "please see the information desk".
inline constexpr std::string_view kServerProblem = "server_problem";

// A check-in answer is about 2 KB; anything much larger is not one, and is not parsed.
inline constexpr std::size_t kMaxCheckInAnswerBytes = 64 * 1024;

// {"request_id": ..., "code": ...}, as the API's CheckIn schema wants it.
std::string checkInRequestBody(std::string_view requestId, std::string_view code);

// 201 (checked in) or 200 (already checked in): CheckInAccepted with every TicketInfo field
// filled, labelFa built as the ticket prints it ("پ-۰۱۷"). Any other status: the refusal in the
// error body ({"error": {"code", "appointment_day", "appointment_time", "opens_at"}}).
// Anything malformed: CheckInRefusal{kServerProblem}. Never throws.
CheckInAnswer parseCheckInAnswer(int httpStatus, std::string_view body);

}  // namespace mikhak::kiosk
