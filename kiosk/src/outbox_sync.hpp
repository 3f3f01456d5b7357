#pragma once

// When the kiosk sends its next /sync batch: pure scheduling, no I/O and no clock of its own, so
// the shell's sync worker drives it with its HTTP client and tests drive it with made-up times.
//
//   if (sync.due(now)) { batch = store.pendingSync(sync.batchSize()); if empty: sync.idle(now);
//                        else { sync.sending(); POST; ok ? sync.answered(now, more) :
//                        sync.failed(now); } }
//
// After a failure it waits, doubling from firstRetry up to maxRetry, so a server that is down is
// not hammered by every kiosk in the hall; a success (or nudge) sends what is left at once.

#include <chrono>
#include <cstddef>

namespace mikhak::kiosk {

using SyncClock = std::chrono::steady_clock;

struct OutboxSyncOptions {
  std::size_t batchSize = 50;  // at most kMaxSyncBatch (the server's limit)
  std::chrono::milliseconds firstRetry{2'000};
  std::chrono::milliseconds maxRetry{300'000};
  std::chrono::milliseconds idlePoll{30'000};  // an empty outbox is looked at again after this
};

// Not thread-safe: the sync worker owns it.
class OutboxSync {
 public:
  explicit OutboxSync(OutboxSyncOptions options = {});

  // True when a batch should go now: none in flight and its time has come.
  bool due(SyncClock::time_point now) const;
  std::size_t batchSize() const { return options_.batchSize; }
  SyncClock::time_point nextAttempt() const { return next_; }
  int failures() const { return failures_; }

  void sending();  // a batch is in flight: nothing more is due until it ends
  // The server answered; `more` if the outbox still holds entries: the next batch goes at once.
  void answered(SyncClock::time_point now, bool more);
  // No answer, or an error status: back off.
  void failed(SyncClock::time_point now);
  // The outbox was empty: look again after idlePoll.
  void idle(SyncClock::time_point now);
  // A new offline check-in, or the network is back: send now unless a batch is in flight. A
  // backoff is kept for failures (the server may still be down); a nudge only ends an idle wait.
  void nudge(SyncClock::time_point now);
  // The server answered another request (a heartbeat, a check-in): it is back, the backoff ends.
  void serverReachable(SyncClock::time_point now);

 private:
  OutboxSyncOptions options_;
  SyncClock::time_point next_{};
  bool inFlight_ = false;
  int failures_ = 0;
};

}  // namespace mikhak::kiosk
