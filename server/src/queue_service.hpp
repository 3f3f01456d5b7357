#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mikhak/domain/zone_clock.hpp"
#include "now_serving_hub.hpp"
#include "store.hpp"

namespace mikhak::server {

struct QueueRules {
  int recallsBeforeNoShow = 2;  // a called applicant is recalled this often before "no-show"
};

enum class QueueError {
  NoSuchTicket,
  NoSuchCounter,
  NoSuchService,
  WrongState,     // e.g. completing a ticket that was never called
  TooFewRecalls,  // no-show before the applicant was recalled enough
  OtherCounter,   // the ticket is being served at another counter
};
std::string_view toString(QueueError error);

using QueueOutcome = std::variant<Ticket, QueueError>;

// The staff's side of the queue: calling, recalling, no-show, transfer, complete. Every change goes
// through the store's compare-and-set with its audit entry, so two counters never get one ticket.
// Calling the next ticket completes the counter's current one: "next" is what staff press when an
// applicant leaves.
class QueueService {
 public:
  using Clock = std::function<std::chrono::sys_seconds()>;
  QueueService(Store& store, NowServingHub& hub, const domain::ZoneClock& clock, Clock now,
               QueueRules rules = {});

  // The next ticket for the counter by the calling policy (queue_order.hpp), or nothing waiting.
  std::variant<std::optional<Ticket>, QueueError> callNext(int counter, const std::string& actor);
  QueueOutcome recall(std::int64_t ticketId, int counter, const std::string& actor);
  QueueOutcome noShow(std::int64_t ticketId, int counter, const std::string& actor);
  QueueOutcome complete(std::int64_t ticketId, int counter, const std::string& actor);
  // To another service (its queue, keeping the ticket's place in time) or to one counter.
  QueueOutcome transfer(std::int64_t ticketId, int counter, const std::string& actor,
                        const std::string& toService, std::optional<int> toCounter);

  // Waiting tickets this counter would call, in calling order.
  std::variant<std::vector<Ticket>, QueueError> waitingFor(int counter);
  const domain::Catalogue& catalogue() const { return catalogue_; }
  const QueueRules& rules() const { return rules_; }
  // Puts today's latest calls back on the hall display after a restart.
  void restoreRecentCalls();
  std::string today() const;

 private:
  std::optional<Counter> counter(int number);
  QueueOutcome change(std::int64_t ticketId, int counter, const std::string& actor,
                      std::string action, TicketState to, bool countRecall,
                      const std::string& toService = {}, std::optional<int> pinned = {});
  void announce(const Ticket& ticket, const Counter& counter, bool recall,
                std::optional<std::int64_t> at = {});

  Store& store_;
  NowServingHub& hub_;
  const domain::ZoneClock& clock_;
  Clock now_;
  QueueRules rules_;
  domain::Catalogue catalogue_;
};

}  // namespace mikhak::server
