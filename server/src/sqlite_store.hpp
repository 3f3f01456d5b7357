#pragma once

#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "reader_pool.hpp"
#include "sqlite_db.hpp"
#include "store.hpp"

namespace mikhak::server {

// The embedded default: one SQLite file, migrated on open. One writing connection behind a mutex
// (SQLite writes one transaction at a time anyway), and a pool of readers beside it.
class SqliteStore : public Store {
 public:
  static std::unique_ptr<SqliteStore> open(const std::filesystem::path& file);
  // For tools: the file as it is, never created, migrated or written (a write throws). Refuses a
  // file whose schema is not this program's.
  static std::unique_ptr<SqliteStore> openReadOnly(const std::filesystem::path& file);
  SqliteStore(std::unique_ptr<Database> writer, const std::filesystem::path& file, int readers);

  void saveConsulate(const Consulate& consulate) override;
  std::optional<Consulate> consulate(std::string_view id) override;
  void saveCatalogue(const domain::Catalogue& catalogue) override;
  domain::Catalogue catalogue() override;
  bool addAppointment(Appointment& appointment) override;
  std::optional<Appointment> appointmentByCode(std::string_view code) override;
  std::int64_t appointmentCount() override;
  void addKiosk(const KioskRecord& kiosk) override;
  std::optional<KioskRecord> kioskByTokenHash(std::string_view tokenHash) override;
  std::vector<KioskRecord> kiosks() override;
  bool revokeKiosk(std::string_view id, std::int64_t at, std::string_view by) override;
  void recordHeartbeat(std::string_view kioskId, std::int64_t at,
                       std::string_view statusJson) override;
  void addEnrolmentCode(std::string_view codeHash, std::string_view name, std::int64_t expiresAt,
                        std::string_view createdBy) override;
  std::optional<EnrolmentGrant> takeEnrolmentCode(std::string_view codeHash,
                                                  std::int64_t now) override;
  TicketBlock reserveBlock(std::string_view kioskId, std::string_view serviceId,
                           std::string_view day, int size) override;
  std::optional<TicketBlock> blockOf(std::string_view kioskId, std::string_view serviceId,
                                     std::string_view day) override;
  std::vector<Appointment> appointmentsBetween(std::string_view consulateId, std::int64_t from,
                                               std::int64_t to) override;
  Ticket issueTicket(const NewTicket& request) override;
  std::optional<Ticket> ticketByRequest(std::string_view kioskId,
                                        std::string_view requestId) override;
  std::optional<Ticket> ticketByAppointment(std::int64_t appointmentId) override;
  Ticket countReprint(std::int64_t ticketId) override;
  bool recordPrint(std::int64_t ticketId, bool printed, std::string_view kioskId,
                   std::int64_t at) override;
  std::optional<Ticket> nextWaiting(std::string_view day, int counter,
                                    const std::vector<std::string>& services) override;
  int countAhead(const Ticket& ticket) override;
  std::vector<std::int64_t> recentServiceSeconds(std::string_view serviceId, int limit) override;
  std::optional<Ticket> ticketById(std::int64_t id) override;
  std::vector<Ticket> ticketsOfDay(std::string_view day) override;
  std::vector<Ticket> ticketsOfDay(std::string_view day, TicketState state) override;
  bool applyTransition(const Transition& transition) override;
  std::vector<AuditEntry> auditOf(std::int64_t ticketId) override;
  void saveCounter(const Counter& counter) override;
  std::vector<Counter> counters() override;
  bool addStaff(StaffMember& member) override;
  std::optional<StaffMember> staffByLogin(std::string_view login) override;
  void addSession(std::string_view tokenHash, std::int64_t staffId,
                  std::int64_t expiresAt) override;
  std::optional<StaffMember> staffBySession(std::string_view tokenHash, std::int64_t now) override;
  void deleteSession(std::string_view tokenHash) override;

 private:
  struct PendingWrite {
    std::function<void()> work;  // on db_, inside the batch's transaction
    std::exception_ptr error;
    bool finished = false;
  };
  // Runs work in the next group commit; returns once it is on disk, or throws its error.
  void commitInGroup(std::function<void()> work);
  void writeBatch(const std::vector<PendingWrite*>& batch);
  Ticket insertTicket(const NewTicket& request);        // inside a group commit
  bool transitionTicket(const Transition& transition);  // inside a group commit
  std::optional<Ticket> firstTicket(Statement& query);
  // A connection for one read: a reader from the pool, or the writer's when there is none.
  class ReadConnection {
   public:
    explicit ReadConnection(ReaderPool::Lease lease) : lease_(std::move(lease)) {}
    explicit ReadConnection(std::mutex& writer, Database& db) : lock_(writer), db_(&db) {}
    Database& db() const { return lease_ ? lease_->db() : *db_; }

   private:
    std::optional<ReaderPool::Lease> lease_;
    std::unique_lock<std::mutex> lock_;
    Database* db_ = nullptr;
  };
  ReadConnection forReading();
  int nextNumber(std::string_view serviceId, std::string_view day);
  std::mutex mutex_;  // the connection
  std::unique_ptr<Database> db_;
  ReaderPool readers_;
  std::mutex countersMutex_;  // counters change rarely and are read on every check-in
  std::optional<std::vector<Counter>> counters_;
  std::mutex queueMutex_;  // writes waiting for the next group commit
  std::condition_variable written_;
  std::vector<PendingWrite*> pending_;
  bool writing_ = false;
};

}  // namespace mikhak::server
