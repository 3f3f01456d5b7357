#include "check_in_service.hpp"

#include <algorithm>

#include "mikhak/domain/notice_payload.hpp"
#include "queue_order.hpp"

namespace mikhak::server {

CheckInService::CheckInService(Store& store, const domain::VerifyKey& key, Consulate consulate,
                               domain::ZoneClock clock, CheckInWindow window, Clock now)
    : store_(store),
      catalogue_(store.catalogue()),
      key_(key),
      consulate_(std::move(consulate)),
      clock_(std::move(clock)),
      window_(window),
      now_(std::move(now)) {}

CheckInOutcome CheckInService::checkIn(const CheckInRequest& request) {
  const domain::PayloadReading reading = domain::readPayload(request.scanned, key_);
  switch (reading.verdict) {
    case domain::PayloadVerdict::Valid:
      break;
    case domain::PayloadVerdict::Typo:
      return Refused{Refusal::BadCheckDigit, std::nullopt, {}};
    case domain::PayloadVerdict::Forged:
      return Refused{Refusal::Forged, std::nullopt, {}};
    case domain::PayloadVerdict::Malformed:
    case domain::PayloadVerdict::NotOurs:
      return Refused{Refusal::Malformed, std::nullopt, {}};
  }
  auto appointment = store_.appointmentByCode(reading.code->digits());
  if (!appointment) return Refused{Refusal::UnknownCode, std::nullopt, {}};
  if (reading.claims && (reading.claims->consulate != appointment->consulateId ||
                         reading.claims->appointmentUtc != appointment->startsAt)) {
    // Signed by us, yet it disagrees with the booking: an old notice for a moved appointment.
    return Refused{Refusal::Forged, appointment, {}};
  }
  // A retried request gets the answer it had, without a second ticket or a counted reprint.
  if (auto ticket = store_.ticketByRequest(request.kioskId, request.requestId)) {
    if (ticket->appointmentId != appointment->id) return Refused{Refusal::RequestReused, {}, {}};
    return describe(*ticket, *appointment, false);
  }
  const auto now = now_();
  const CheckInDecision decision = decideCheckIn(*appointment, consulate_.id, now, clock_, window_);
  switch (decision.kind) {
    case CheckInDecision::Kind::Refuse:
      return Refused{decision.refusal, appointment, decision.opensAt};
    case CheckInDecision::Kind::AlreadyCheckedIn: {
      const auto existing = store_.ticketByAppointment(appointment->id);
      if (!existing) return Refused{Refusal::Closed, appointment, {}};
      return describe(store_.countReprint(existing->id), *appointment, true);
    }
    case CheckInDecision::Kind::Admit:
      break;
  }
  Store::NewTicket newTicket;
  newTicket.appointmentId = appointment->id;
  newTicket.serviceId = appointment->serviceId;
  newTicket.day = clock_.day(now);
  newTicket.kioskId = request.kioskId;
  newTicket.requestId = request.requestId;
  newTicket.checkedInAt = now.time_since_epoch().count();
  newTicket.queueTime = decision.queueTime.time_since_epoch().count();
  newTicket.priority = appointment->priority;
  newTicket.late = decision.late;
  Ticket ticket = store_.issueTicket(newTicket);
  appointment->status = AppointmentStatus::CheckedIn;
  return describe(std::move(ticket), std::move(*appointment), false);
}

CheckedIn CheckInService::describe(Ticket ticket, Appointment appointment, bool again) {
  CheckedIn result;
  if (const domain::Service* service = catalogue_.find(ticket.serviceId)) result.service = *service;
  result.peopleAhead = store_.countAhead(ticket);
  // Shared by the counters that serve the service (one, until counters are set up).
  int counters = 0;
  for (const Counter& c : store_.counters()) {
    counters += std::count(c.services.begin(), c.services.end(), ticket.serviceId) > 0 ? 1 : 0;
  }
  result.estimatedWait =
      estimateWait(result.peopleAhead, store_.recentServiceSeconds(ticket.serviceId, 20),
                   result.service.typicalDuration, std::max(counters, 1));
  result.ticket = std::move(ticket);
  result.appointment = std::move(appointment);
  result.alreadyCheckedIn = again;
  return result;
}

}  // namespace mikhak::server
