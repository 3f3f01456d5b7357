#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "check_in_rules.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/zone_clock.hpp"
#include "store.hpp"

namespace mikhak::server {

// What a kiosk needs to keep checking people in while the server is unreachable: today's
// appointments (display names only, codes as salted hashes), the catalogue, the check-in window
// and a block of ticket numbers per service, signed with the consulate's key so the kiosk can trust
// its copy.
struct SignedManifest {
  std::string text;       // the manifest, JSON; the signature covers exactly these bytes
  std::string signature;  // base64url Ed25519
};

struct OfflineCheckIn {
  std::string requestId;
  std::string code;
  std::string serviceId;
  int number = 0;                // from the kiosk's block
  std::int64_t checkedInAt = 0;  // when the kiosk checked the applicant in (UTC seconds)
};

struct SyncResult {
  enum class Status { Recorded, Duplicate, Conflict, Refused } status = Status::Refused;
  std::string requestId;
  std::string error;  // for Refused: unknown_code, cancelled, other_consulate, outside_block, ...
  std::optional<Ticket> ticket;  // the ticket the server holds for the appointment
};
std::string_view toString(SyncResult::Status status);

class OfflineService {
 public:
  static constexpr int kBlockSize = 30;  // numbers per kiosk, service and day
  using Clock = std::function<std::chrono::sys_seconds()>;

  OfflineService(Store& store, const domain::SigningKey& key, Consulate consulate,
                 const domain::ZoneClock& clock, CheckInWindow window, Clock now);

  SignedManifest manifest(const KioskRecord& kiosk);
  // Idempotent: a check-in sent twice (same request id) is recorded once.
  std::vector<SyncResult> sync(const KioskRecord& kiosk, const std::vector<OfflineCheckIn>& batch);

 private:
  SyncResult syncOne(const KioskRecord& kiosk, const OfflineCheckIn& entry);
  Store& store_;
  const domain::SigningKey& key_;
  Consulate consulate_;
  const domain::ZoneClock& clock_;
  CheckInWindow window_;
  Clock now_;
};

}  // namespace mikhak::server
