// When the kiosk sends its next /sync batch.
#include "outbox_sync.hpp"

#include <gtest/gtest.h>

namespace mikhak::kiosk {
namespace {

using namespace std::chrono;
const SyncClock::time_point t0{};

TEST(OutboxSync, SendsAtOnceAndNotTwiceInFlight) {
  OutboxSync sync;
  EXPECT_TRUE(sync.due(t0));
  sync.sending();
  EXPECT_FALSE(sync.due(t0 + hours(1)));  // still waiting for the answer
  sync.answered(t0 + seconds(1), true);   // more to send: at once
  EXPECT_TRUE(sync.due(t0 + seconds(1)));
  sync.sending();
  sync.answered(t0 + seconds(2), false);
  EXPECT_FALSE(sync.due(t0 + seconds(3)));
  EXPECT_TRUE(sync.due(t0 + seconds(32)));  // idle poll
}

TEST(OutboxSync, BacksOffDoublingUpToTheCapAndASuccessEndsIt) {
  OutboxSync sync({.batchSize = 20, .firstRetry = seconds(2), .maxRetry = seconds(60)});
  EXPECT_EQ(sync.batchSize(), 20u);
  auto now = t0;
  std::vector<milliseconds> waits;
  for (int i = 0; i < 7; ++i) {
    sync.sending();
    sync.failed(now);
    waits.push_back(duration_cast<milliseconds>(sync.nextAttempt() - now));
    EXPECT_FALSE(sync.due(now + waits.back() - milliseconds(1)));
    now = sync.nextAttempt();
    EXPECT_TRUE(sync.due(now));
  }
  EXPECT_EQ(waits, (std::vector<milliseconds>{seconds(2), seconds(4), seconds(8), seconds(16),
                                              seconds(32), seconds(60), seconds(60)}));
  sync.nudge(now - seconds(1));  // a new check-in does not break the backoff ...
  EXPECT_EQ(sync.nextAttempt(), now);
  sync.sending();
  sync.answered(now, false);
  EXPECT_EQ(sync.failures(), 0);
  sync.sending();
  sync.failed(now);
  EXPECT_EQ(sync.nextAttempt(), now + seconds(2));  // ... a success does
}

TEST(OutboxSync, ANudgeEndsAnIdleWaitAndTheServerBackEndsABackoff) {
  OutboxSync sync;
  sync.idle(t0);
  EXPECT_FALSE(sync.due(t0 + seconds(1)));
  sync.nudge(t0 + seconds(1));
  EXPECT_TRUE(sync.due(t0 + seconds(1)));
  sync.sending();
  sync.failed(t0 + seconds(2));
  sync.serverReachable(t0 + seconds(3));
  EXPECT_TRUE(sync.due(t0 + seconds(3)));
  EXPECT_EQ(sync.failures(), 0);
}

}  // namespace
}  // namespace mikhak::kiosk
