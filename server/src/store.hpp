#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/storage_error.hpp"
#include "mikhak/domain/catalogue.hpp"
#include "model.hpp"

namespace mikhak::server {

// A storage failure. Conflicts (a uniqueness rule) are the caller's to handle; anything else (disk
// full, database gone) is the server's, and the API answers 503.
using StoreError = base::StorageError;

// What the API and the queue rules need from storage, in domain terms, so that a second backend
// (PostgreSQL) can be added without touching either. Each call is atomic. Implementations are
// safe to call from several request threads.
class Store {
 public:
  virtual ~Store() = default;

  virtual void saveConsulate(const Consulate& consulate) = 0;
  virtual std::optional<Consulate> consulate(std::string_view id) = 0;
  // Replaces the services with the catalogue's (ids that appointments use must stay).
  virtual void saveCatalogue(const domain::Catalogue& catalogue) = 0;
  virtual domain::Catalogue catalogue() = 0;

  // Sets appointment.id. Fails (false) if the code is taken.
  virtual bool addAppointment(Appointment& appointment) = 0;
  virtual std::optional<Appointment> appointmentByCode(std::string_view code) = 0;
  virtual std::int64_t appointmentCount() = 0;

  virtual void addKiosk(const KioskRecord& kiosk) = 0;
  virtual std::optional<KioskRecord> kioskByTokenHash(std::string_view tokenHash) = 0;
  virtual std::vector<KioskRecord> kiosks() = 0;
  // False if there is no such kiosk. Revoking twice keeps the first revocation's record.
  virtual bool revokeKiosk(std::string_view id, std::int64_t at, std::string_view by) = 0;
  virtual void recordHeartbeat(std::string_view kioskId, std::int64_t at,
                               std::string_view statusJson) = 0;
  virtual void addEnrolmentCode(std::string_view codeHash, std::string_view name,
                                std::int64_t expiresAt, std::string_view createdBy) = 0;
  // Uses up a one-time enrolment code: what it was issued for, if it is valid at `now`.
  virtual std::optional<EnrolmentGrant> takeEnrolmentCode(std::string_view codeHash,
                                                          std::int64_t now) = 0;

  // The kiosk's block for the service and day, made (of `size` numbers) if it has none yet.
  virtual TicketBlock reserveBlock(std::string_view kioskId, std::string_view serviceId,
                                   std::string_view day, int size) = 0;
  virtual std::optional<TicketBlock> blockOf(std::string_view kioskId, std::string_view serviceId,
                                             std::string_view day) = 0;
  // A consulate's appointments starting in [from, to), in any status.
  virtual std::vector<Appointment> appointmentsBetween(std::string_view consulateId,
                                                       std::int64_t from, std::int64_t to) = 0;

  struct NewTicket {
    std::int64_t appointmentId = 0;
    std::string serviceId;
    std::string day;
    std::string kioskId;
    std::string requestId;
    std::int64_t checkedInAt = 0;
    std::int64_t queueTime = 0;
    int priority = 0;
    bool late = false;
    std::optional<int> number;  // a number from the kiosk's block (offline); else the next one
  };
  // In one transaction: the ticket with the service's next number for the day (after every number
  // issued or set aside in a block), and the appointment marked checked in. Nothing is written
  // unless all of it is.
  virtual Ticket issueTicket(const NewTicket& request) = 0;
  virtual std::optional<Ticket> ticketByRequest(std::string_view kioskId,
                                                std::string_view requestId) = 0;
  virtual std::optional<Ticket> ticketByAppointment(std::int64_t appointmentId) = 0;
  // Counts a reprint of an issued ticket and returns it.
  virtual Ticket countReprint(std::int64_t ticketId) = 0;
  // What the kiosk's printer made of the ticket (the last report wins: a reprint that worked
  // clears a failure), audited as the kiosk's. False if there is no such ticket.
  virtual bool recordPrint(std::int64_t ticketId, bool printed, std::string_view kioskId,
                           std::int64_t at) = 0;
  // The calling order of queue_order.hpp (callsBefore), done by the storage so that a long queue
  // is not read whole for each call; the queue tests hold the two to the same order.
  // The first waiting ticket of the day that the counter may call: pinned to it, or unpinned and
  // of one of its services.
  virtual std::optional<Ticket> nextWaiting(std::string_view day, int counter,
                                            const std::vector<std::string>& services) = 0;
  // How many waiting tickets of the ticket's service and day are called before it.
  virtual int countAhead(const Ticket& ticket) = 0;
  virtual std::optional<Ticket> ticketById(std::int64_t id) = 0;
  // Every ticket of the consulate's local day, in any state.
  virtual std::vector<Ticket> ticketsOfDay(std::string_view day) = 0;
  // The day's tickets in one state.
  virtual std::vector<Ticket> ticketsOfDay(std::string_view day, TicketState state) = 0;
  // Compare and set: applies the change only if the ticket is still in transition.from, together
  // with its audit entry, in one transaction. False if another counter got there first.
  virtual bool applyTransition(const Transition& transition) = 0;
  virtual std::vector<AuditEntry> auditOf(std::int64_t ticketId) = 0;

  virtual void saveCounter(const Counter& counter) = 0;
  virtual std::vector<Counter> counters() = 0;
  // Sets member.id. False if the login is taken.
  virtual bool addStaff(StaffMember& member) = 0;
  virtual std::optional<StaffMember> staffByLogin(std::string_view login) = 0;
  virtual void addSession(std::string_view tokenHash, std::int64_t staffId,
                          std::int64_t expiresAt) = 0;
  // The member whose session this is, if it has not expired by `now`.
  virtual std::optional<StaffMember> staffBySession(std::string_view tokenHash,
                                                    std::int64_t now) = 0;
  virtual void deleteSession(std::string_view tokenHash) = 0;

  // Seconds from call to done of the service's most recent finished tickets, newest first.
  virtual std::vector<std::int64_t> recentServiceSeconds(std::string_view serviceId, int limit) = 0;
};

}  // namespace mikhak::server
