#include "queue_service.hpp"

#include <algorithm>
#include <array>

#include "queue_order.hpp"

namespace mikhak::server {

std::string_view toString(QueueError error) {
  static constexpr std::array<std::string_view, 6> kNames{"no_such_ticket",  "no_such_counter",
                                                          "no_such_service", "wrong_state",
                                                          "too_few_recalls", "other_counter"};
  return kNames.at(static_cast<std::size_t>(error));
}

QueueService::QueueService(Store& store, NowServingHub& hub, const domain::ZoneClock& clock,
                           Clock now, QueueRules rules)
    : store_(store),
      hub_(hub),
      clock_(clock),
      now_(std::move(now)),
      rules_(rules),
      catalogue_(store.catalogue()) {}

std::string QueueService::today() const { return clock_.day(now_()); }

std::optional<Counter> QueueService::counter(int number) {
  for (auto& c : store_.counters()) {
    if (c.number == number) return c;
  }
  return std::nullopt;
}

namespace {

bool callableAt(const Ticket& t, const Counter& c) {
  if (t.state != TicketState::Waiting) return false;
  if (t.pinnedCounter) return *t.pinnedCounter == c.number;
  return std::find(c.services.begin(), c.services.end(), t.serviceId) != c.services.end();
}

}  // namespace

std::variant<std::vector<Ticket>, QueueError> QueueService::waitingFor(int number) {
  const auto c = counter(number);
  if (!c) return QueueError::NoSuchCounter;
  std::vector<Ticket> waiting;
  for (auto& t : store_.ticketsOfDay(today(), TicketState::Waiting)) {
    if (callableAt(t, *c)) waiting.push_back(std::move(t));
  }
  std::sort(waiting.begin(), waiting.end(), callsBefore);
  return waiting;
}

std::variant<std::optional<Ticket>, QueueError> QueueService::callNext(int number,
                                                                       const std::string& actor) {
  const auto c = counter(number);
  if (!c) return QueueError::NoSuchCounter;
  const auto now = now_().time_since_epoch().count();
  for (const auto& t : store_.ticketsOfDay(today(), TicketState::Called)) {
    if (t.counter == number) {
      store_.applyTransition({t.id,
                              "complete",
                              TicketState::Called,
                              TicketState::Done,
                              actor,
                              now,
                              number,
                              {},
                              {},
                              false});
    }
  }
  // Another counter may claim the chosen ticket first; then choose again, until one is ours or
  // nobody is left waiting.
  for (;;) {
    const auto next = store_.nextWaiting(today(), number, c->services);
    if (!next) return std::optional<Ticket>();
    if (store_.applyTransition({next->id,
                                "call",
                                TicketState::Waiting,
                                TicketState::Called,
                                actor,
                                now,
                                number,
                                {},
                                {},
                                false})) {
      Ticket called = *store_.ticketById(next->id);
      announce(called, *c, false);
      return std::optional<Ticket>(std::move(called));
    }
  }
}

QueueOutcome QueueService::change(std::int64_t ticketId, int number, const std::string& actor,
                                  std::string action, TicketState to, bool countRecall,
                                  const std::string& toService, std::optional<int> pinned) {
  const auto c = counter(number);
  if (!c) return QueueError::NoSuchCounter;
  const auto ticket = store_.ticketById(ticketId);
  if (!ticket) return QueueError::NoSuchTicket;
  if (ticket->state != TicketState::Called) return QueueError::WrongState;
  if (ticket->counter != number) return QueueError::OtherCounter;
  Transition t{ticketId,
               std::move(action),
               TicketState::Called,
               to,
               actor,
               now_().time_since_epoch().count(),
               {},
               toService,
               pinned,
               countRecall};
  if (to == TicketState::Called) t.counter = number;
  if (!store_.applyTransition(t)) return QueueError::WrongState;
  return *store_.ticketById(ticketId);
}

QueueOutcome QueueService::recall(std::int64_t ticketId, int number, const std::string& actor) {
  QueueOutcome outcome = change(ticketId, number, actor, "recall", TicketState::Called, true);
  if (const auto* t = std::get_if<Ticket>(&outcome)) announce(*t, *counter(number), true);
  return outcome;
}

QueueOutcome QueueService::noShow(std::int64_t ticketId, int number, const std::string& actor) {
  const auto ticket = store_.ticketById(ticketId);
  if (ticket && ticket->state == TicketState::Called &&
      ticket->recalls < rules_.recallsBeforeNoShow) {
    return QueueError::TooFewRecalls;
  }
  return change(ticketId, number, actor, "no_show", TicketState::NoShow, false);
}

QueueOutcome QueueService::complete(std::int64_t ticketId, int number, const std::string& actor) {
  return change(ticketId, number, actor, "complete", TicketState::Done, false);
}

QueueOutcome QueueService::transfer(std::int64_t ticketId, int number, const std::string& actor,
                                    const std::string& toService, std::optional<int> toCounter) {
  if (!toService.empty() && !catalogue_.find(toService)) return QueueError::NoSuchService;
  if (toCounter && !counter(*toCounter)) return QueueError::NoSuchCounter;
  if (toService.empty() && !toCounter) return QueueError::NoSuchService;
  return change(ticketId, number, actor, "transfer", TicketState::Waiting, false, toService,
                toCounter);
}

void QueueService::restoreRecentCalls() {
  std::vector<Ticket> called;
  for (auto& t : store_.ticketsOfDay(today())) {
    if (t.calledAt > 0 && t.counter) called.push_back(std::move(t));
  }
  std::sort(called.begin(), called.end(),
            [](const Ticket& a, const Ticket& b) { return a.calledAt < b.calledAt; });
  const std::size_t skip =
      called.size() > NowServingHub::kRecent ? called.size() - NowServingHub::kRecent : 0;
  const auto counters = store_.counters();
  for (std::size_t i = skip; i < called.size(); ++i) {
    for (const Counter& c : counters) {
      if (c.number == *called[i].counter) announce(called[i], c, false, called[i].calledAt);
    }
  }
}

void QueueService::announce(const Ticket& ticket, const Counter& c, bool recall,
                            std::optional<std::int64_t> at) {
  CallEvent event;
  event.number = ticket.number;
  event.counter = c.number;
  event.counterFa = c.nameFa;
  event.counterEn = c.nameEn;
  event.at = at ? *at : now_().time_since_epoch().count();
  event.recall = recall;
  if (const domain::Service* s = catalogue_.find(ticket.serviceId)) {
    event.letter = s->letter;
    event.letterFa = s->letterFa;
    event.serviceFa = s->nameFa;
    event.serviceEn = s->nameEn;
  }
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", ticket.number);
  event.label = event.letter + "-" + digits;
  hub_.publish(std::move(event));
}

}  // namespace mikhak::server
