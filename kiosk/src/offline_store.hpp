#pragma once

// The kiosk's offline mode on disk: the server's signed day manifest, check-ins made from it
// while the server is unreachable (with ticket numbers from this kiosk's reserved block), the
// outbox that carries them to POST /api/v1/sync, and print results still to report.
//
// One SQLite file (WAL, synchronous=FULL): a check-in is committed, its number and its outbox row
// together, before checkInOffline returns, so a ticket is printed only once it is durable and a
// power cut at any moment loses no ticket and uses no number twice. Request ids are the outbox's
// key: sending a batch twice, or applying its results twice, counts nothing twice.
//
// Codes are kept in clear only in outbox rows the server has not answered for (it needs them to
// find the appointment); a hash finds a repeat check-in. Every call is thread-safe (one mutex) but
// does disk I/O: call from a worker thread, never from the render loop. Storage failures (disk
// full, read-only or corrupt file) come back as Error, never as an exception.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check_in_flow.hpp"
#include "mikhak/base/result.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "sync_json.hpp"

namespace mikhak::base {
class Database;
}  // namespace mikhak::base

namespace mikhak::kiosk {

struct DayManifest;

// TicketInfo::peopleAhead and ::estimatedWaitMinutes of an offline ticket: the queue is on the
// server, so the screens must say "unknown" (not "0 people ahead") for this value.
inline constexpr int kUnknownOffline = -1;

// Refusal codes of an offline check-in beyond the server's own (too_early, other_day, ...); the
// screens send the applicant to the information desk for each.
inline constexpr std::string_view kOfflineNoManifest = "offline_no_manifest";  // none for today
inline constexpr std::string_view kOfflineBlockUsedUp = "offline_block_used_up";
// Checked in online before the manifest was fetched: the ticket exists, its number is not here.
inline constexpr std::string_view kOfflineAlreadyCheckedIn = "offline_already_checked_in";

struct ManifestInfo {
  std::string day;  // the consulate's local day it is for
  std::chrono::sys_seconds generatedAt{};
  std::chrono::sys_seconds fetchedAt{};  // the staff panel shows its age
  int appointments = 0;
};

// A print result waiting to go to POST /api/v1/tickets/{ticketId}/print-result.
struct PendingPrintResult {
  std::int64_t id = 0;  // for markPrintResultSent
  std::int64_t ticketId = 0;
  bool printed = false;
};

// An offline ticket the server did not take as it was, for the staff panel. No names, no code.
struct OutboxAttention {
  std::string requestId;
  std::string label;  // the number the applicant holds, "P-003"
  std::string serviceId;
  std::int64_t checkedInAt = 0;
  SyncOutcome::Status status = SyncOutcome::Status::Refused;  // Conflict or Refused
  std::string error;                                          // Refused: the server's reason
  std::optional<std::int64_t> ticketId;                       // Conflict: the ticket that stands
};

struct OfflineStoreOptions {
  // The file never grows past this; a check-in that would need more is refused (SQLITE_FULL), so
  // the store cannot fill the disk the system needs.
  std::uint64_t maxBytes = 64ull << 20;
};

class OfflineStore {
 public:
  // Opens or creates the file and brings its schema up to date. `key` checks the manifest's
  // signature (and QR notices); `consulateId` is the consulate this kiosk serves.
  static Result<std::unique_ptr<OfflineStore>> open(const std::filesystem::path& file,
                                                    domain::VerifyKey key, std::string consulateId,
                                                    OfflineStoreOptions options = {});
  ~OfflineStore();
  OfflineStore(const OfflineStore&) = delete;
  OfflineStore& operator=(const OfflineStore&) = delete;

  // GET /api/v1/manifest's {manifest, signature}. Stored only if the signature verifies over
  // exactly `text`, and it is version 1, for this consulate, and parses; a manifest for a day no
  // newer than a stored one with a later generated_at is ignored. Saving a day drops older days'
  // manifests, number counters and synced check-ins. On an Error the stored manifest stays.
  Result<ManifestInfo> saveManifest(std::string text, std::string signature,
                                    std::chrono::sys_seconds fetchedAt);
  // The newest stored manifest (nullopt: none, or the file cannot be read).
  std::optional<ManifestInfo> manifestInfo();

  // Checks `code` (14 digits, or a notice's signed QR text) in against the manifest for the
  // consulate's day at `now`, with the server's rules. Admitted: the next number of this kiosk's
  // block for the service, and the check-in in the outbox, committed before this returns. The
  // same code again: AlreadyCheckedIn with the same ticket. Refusals carry the server's codes, or
  // kOffline*. An Error is storage trouble: nothing was recorded.
  Result<CheckInAnswer> checkInOffline(std::string_view code, const std::string& requestId,
                                       std::chrono::sys_seconds now);

  // Outbox: check-ins the server has not answered for, oldest first.
  Result<std::vector<OutboxEntry>> pendingSync(std::size_t max);
  // The server's answers: recorded and duplicate are done (the server's ticket id kept so print
  // results can go), unless the server's ticket has another number than the one printed (the
  // online request went through after all): that, conflict and refused are kept for staff
  // (outboxAttention). Either way the code is erased. Results for unknown or already answered
  // request ids change nothing.
  Result<Ok> applySyncResults(const std::vector<SyncOutcome>& results);
  Result<std::size_t> outboxDepth();
  Result<std::vector<OutboxAttention>> outboxAttention();

  // Print results, kept until sent: a ticket the server issued (online), or an offline one by its
  // request id, which becomes sendable once the sync has given its server ticket id.
  Result<Ok> recordPrintResult(std::int64_t ticketId, bool printed);
  Result<Ok> recordOfflinePrintResult(std::string_view requestId, bool printed);
  Result<std::vector<PendingPrintResult>> pendingPrintResults(std::size_t max);
  Result<Ok> markPrintResultSent(std::int64_t id);

 private:
  struct Loaded;
  OfflineStore(std::unique_ptr<base::Database> db, domain::VerifyKey key, std::string consulateId);
  // The manifest for the consulate's day at `now` (cached), or nullptr.
  const Loaded* manifestFor(std::chrono::sys_seconds now);
  Result<CheckInAnswer> checkInLocked(std::string_view code, const std::string& requestId,
                                      std::chrono::sys_seconds now);

  std::mutex mutex_;
  std::unique_ptr<base::Database> db_;
  domain::VerifyKey key_;
  std::string consulateId_;
  std::unique_ptr<Loaded> loaded_;  // the last manifest used, parsed, with its zone
};

}  // namespace mikhak::kiosk
