#include "outbox_sync.hpp"

#include <algorithm>

namespace mikhak::kiosk {

OutboxSync::OutboxSync(OutboxSyncOptions options) : options_(options) {}

bool OutboxSync::due(SyncClock::time_point now) const { return !inFlight_ && now >= next_; }

void OutboxSync::sending() { inFlight_ = true; }

void OutboxSync::answered(SyncClock::time_point now, bool more) {
  inFlight_ = false;
  failures_ = 0;
  next_ = more ? now : now + options_.idlePoll;
}

void OutboxSync::failed(SyncClock::time_point now) {
  inFlight_ = false;
  // 2 s, 4 s, 8 s ... capped; the shift is bounded so it cannot overflow.
  const int doublings = std::min(failures_, 20);
  ++failures_;
  const auto wait = std::min<std::chrono::milliseconds>(options_.firstRetry * (1LL << doublings),
                                                        options_.maxRetry);
  next_ = now + wait;
}

void OutboxSync::idle(SyncClock::time_point now) {
  inFlight_ = false;
  next_ = now + options_.idlePoll;
}

void OutboxSync::serverReachable(SyncClock::time_point now) {
  failures_ = 0;
  next_ = std::min(next_, now);
}

void OutboxSync::nudge(SyncClock::time_point now) {
  if (failures_ == 0) next_ = std::min(next_, now);
}

}  // namespace mikhak::kiosk
