#include "task_thread.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace mikhak::kiosk {
namespace {

TEST(TaskThread, TasksRunAwayFromTheCallerAndContinueOnIt) {
  TaskThread tasks;
  const auto caller = std::this_thread::get_id();
  std::vector<int> order;
  std::thread::id worker;
  for (int i = 0; i < 3; ++i) {
    tasks.post([&, i] {
      worker = std::this_thread::get_id();
      return [&, i] {
        EXPECT_EQ(std::this_thread::get_id(), caller);
        order.push_back(i);
      };
    });
  }
  EXPECT_EQ(tasks.pending(), 3U);
  tasks.drain();
  EXPECT_NE(worker, caller);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(tasks.pending(), 0U);
  EXPECT_EQ(tasks.runFinished(), 0U);
}

TEST(TaskThread, NothingContinuesUntilTheCallerAsks) {
  TaskThread tasks;
  bool continued = false;
  tasks.post([&] { return [&] { continued = true; }; });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(continued);
  tasks.drain();
  EXPECT_TRUE(continued);
}

TEST(TaskThread, ADestructorWithWorkQueuedDoesNotHang) {
  std::atomic<int> ran{0};
  {
    TaskThread tasks;
    for (int i = 0; i < 100; ++i) {
      tasks.post([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ++ran;
        return TaskThread::Continuation{};
      });
    }
  }
  EXPECT_LT(ran.load(), 100);
}

}  // namespace
}  // namespace mikhak::kiosk
