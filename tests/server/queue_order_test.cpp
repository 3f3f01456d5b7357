#include "queue_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace mikhak::server {
namespace {

Ticket ticket(std::int64_t id, std::int64_t queueTime, int priority, std::int64_t arrival) {
  Ticket t;
  t.id = id;
  t.queueTime = queueTime;
  t.priority = priority;
  t.checkedInAt = arrival;
  return t;
}

TEST(QueueOrder, AppointmentTimeThenPriorityThenArrival) {
  const Ticket early = ticket(1, 1000, kPriorityNone, 900);
  const Ticket elderlySameSlot = ticket(2, 1000, kPriorityElderly, 950);
  const Ticket disabledSameSlot = ticket(3, 1000, kPriorityDisabled, 990);
  const Ticket later = ticket(4, 1300, kPriorityDisabled, 800);
  EXPECT_TRUE(callsBefore(disabledSameSlot, elderlySameSlot));
  EXPECT_TRUE(callsBefore(elderlySameSlot, early));
  EXPECT_TRUE(callsBefore(early, later));  // priority never jumps the appointment order
  const Ticket sameButLaterArrival = ticket(5, 1000, kPriorityNone, 960);
  EXPECT_TRUE(callsBefore(early, sameButLaterArrival));
}

// Fairness: whatever priority tickets arrive, an ordinary ticket is called before every ticket
// of a later slot, so it waits at most for the people of its own and earlier slots.
TEST(QueueOrder, AnOrdinaryTicketIsNeverStarved) {
  std::mt19937 random(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<Ticket> waiting;
    const Ticket ordinary = ticket(1, 600, kPriorityNone, 550);
    waiting.push_back(ordinary);
    for (std::int64_t id = 2; id < 60; ++id) {
      const std::int64_t slot = static_cast<std::int64_t>(random() % 20) * 60;
      waiting.push_back(ticket(id, slot, static_cast<int>(random() % 3), slot - 30));
    }
    std::sort(waiting.begin(), waiting.end(), callsBefore);
    const auto position =
        std::find_if(waiting.begin(), waiting.end(), [](const Ticket& t) { return t.id == 1; });
    const auto bound = std::count_if(waiting.begin(), waiting.end(), [](const Ticket& t) {
      return t.queueTime <= 600 && t.id != 1;
    });
    EXPECT_LE(position - waiting.begin(), bound);
  }
}

TEST(QueueOrder, WaitEstimate) {
  using std::chrono::minutes;
  EXPECT_EQ(estimateWait(0, {}, minutes(5), 1), minutes(0));
  EXPECT_EQ(estimateWait(3, {}, minutes(5), 1), minutes(15));  // typical time without history
  EXPECT_EQ(estimateWait(3, {}, minutes(5), 2), minutes(8));   // two counters, rounded up
  EXPECT_EQ(estimateWait(4, {240, 360, 300, 9000}, minutes(5), 1), minutes(24));  // median 360 s
  EXPECT_EQ(estimateWait(4, {60, 60}, minutes(5), 1), minutes(20));  // too little history
}

}  // namespace
}  // namespace mikhak::server
