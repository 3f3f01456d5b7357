#include "offline_service.hpp"

#include <openssl/rand.h>

#include <array>
#include <nlohmann/json.hpp>

#include "catalogue_json.hpp"
#include "token.hpp"

namespace mikhak::server {
namespace {

using nlohmann::json;

std::string randomSalt() {
  std::array<std::uint8_t, 16> bytes{};
  RAND_bytes(bytes.data(), static_cast<int>(bytes.size()));
  return domain::base64UrlEncode(bytes);
}

}  // namespace

std::string_view toString(SyncResult::Status status) {
  switch (status) {
    case SyncResult::Status::Recorded:
      return "recorded";
    case SyncResult::Status::Duplicate:
      return "duplicate";
    case SyncResult::Status::Conflict:
      return "conflict";
    case SyncResult::Status::Refused:
      return "refused";
  }
  return "refused";
}

OfflineService::OfflineService(Store& store, const domain::SigningKey& key, Consulate consulate,
                               const domain::ZoneClock& clock, CheckInWindow window, Clock now)
    : store_(store),
      key_(key),
      consulate_(std::move(consulate)),
      clock_(clock),
      window_(window),
      now_(std::move(now)) {}

SignedManifest OfflineService::manifest(const KioskRecord& kiosk) {
  using namespace std::chrono;
  const sys_seconds now = now_();
  const std::string day = clock_.day(now);
  const sys_seconds midnight = clock_.startOfDay(now);
  const std::string salt = randomSalt();

  json services = json::array();
  json blocks = json::array();
  for (const auto& s : store_.catalogue().services) {
    services.push_back(serviceJson(s));
    const TicketBlock block = store_.reserveBlock(kiosk.id, s.id, day, kBlockSize);
    blocks.push_back({{"service", s.id}, {"first", block.first}, {"last", block.last}});
  }
  json appointments = json::array();
  const auto end = midnight + hours(26);  // a day, and a DST change's spare hour
  for (const auto& a : store_.appointmentsBetween(
           consulate_.id, midnight.time_since_epoch().count(), end.time_since_epoch().count())) {
    if (clock_.day(sys_seconds(seconds(a.startsAt))) != day) continue;
    appointments.push_back(
        {{"code_sha256", tokenHash(salt + a.code)},
         {"service", a.serviceId},
         {"starts_at", a.startsAt},
         {"status", toString(a.status)},
         {"priority", a.priority},
         {"display_name_fa", displayName(a.applicant.givenFa, a.applicant.familyFa)},
         {"display_name_en", displayName(a.applicant.givenEn, a.applicant.familyEn)},
         {"extra_originals", originalsJson(a.extraOriginals)}});
  }
  const json manifest = {{"version", 1},
                         {"consulate", consulate_.id},
                         {"kiosk", kiosk.id},
                         {"day", day},
                         {"time_zone", consulate_.timeZone},
                         {"generated_at", now.time_since_epoch().count()},
                         {"window",
                          {{"early_minutes", window_.early.count()},
                           {"late_minutes", window_.late.count()},
                           {"admit_late", window_.latePolicy == LatePolicy::AdmitLowPriority}}},
                         {"code_salt", salt},
                         {"services", services},
                         {"blocks", blocks},
                         {"appointments", appointments}};
  SignedManifest signed_;
  signed_.text = manifest.dump();
  signed_.signature = domain::base64UrlEncode(key_.sign(signed_.text));
  return signed_;
}

std::vector<SyncResult> OfflineService::sync(const KioskRecord& kiosk,
                                             const std::vector<OfflineCheckIn>& batch) {
  std::vector<SyncResult> results;
  results.reserve(batch.size());
  for (const auto& entry : batch) results.push_back(syncOne(kiosk, entry));
  return results;
}

SyncResult OfflineService::syncOne(const KioskRecord& kiosk, const OfflineCheckIn& entry) {
  SyncResult result;
  result.requestId = entry.requestId;
  const auto refuse = [&](std::string code) {
    result.status = SyncResult::Status::Refused;
    result.error = std::move(code);
    return result;
  };
  if (auto ticket = store_.ticketByRequest(kiosk.id, entry.requestId)) {
    result.status = SyncResult::Status::Duplicate;
    result.ticket = std::move(ticket);
    return result;
  }
  const auto appointment = store_.appointmentByCode(entry.code);
  if (!appointment) return refuse("unknown_code");
  if (appointment->consulateId != consulate_.id) return refuse("other_consulate");
  if (appointment->serviceId != entry.serviceId) return refuse("other_service");
  if (auto existing = store_.ticketByAppointment(appointment->id)) {
    // Checked in twice, at two kiosks while the network was split: the first ticket stands.
    result.status = SyncResult::Status::Conflict;
    result.ticket = std::move(existing);
    return result;
  }
  if (appointment->status == AppointmentStatus::Cancelled) return refuse("cancelled");
  const std::chrono::sys_seconds at{std::chrono::seconds(entry.checkedInAt)};
  const std::string day = clock_.day(at);
  const auto block = store_.blockOf(kiosk.id, entry.serviceId, day);
  if (!block || entry.number < block->first || entry.number > block->last) {
    return refuse("outside_block");
  }
  // The rules as they stood when the kiosk checked the applicant in.
  const CheckInDecision decision = decideCheckIn(*appointment, consulate_.id, at, clock_, window_);
  if (decision.kind == CheckInDecision::Kind::Refuse) {
    return refuse(std::string(refusalText(decision.refusal).code));
  }
  Store::NewTicket ticket;
  ticket.appointmentId = appointment->id;
  ticket.serviceId = entry.serviceId;
  ticket.day = day;
  ticket.kioskId = kiosk.id;
  ticket.requestId = entry.requestId;
  ticket.checkedInAt = entry.checkedInAt;
  ticket.queueTime = decision.queueTime.time_since_epoch().count();
  ticket.priority = appointment->priority;
  ticket.late = decision.late;
  ticket.number = entry.number;
  try {
    result.ticket = store_.issueTicket(ticket);
  } catch (const StoreError& e) {
    if (!e.conflict()) throw;
    return refuse("number_taken");  // the kiosk used one number twice
  }
  result.status = SyncResult::Status::Recorded;
  return result;
}

}  // namespace mikhak::server
