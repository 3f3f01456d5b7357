#pragma once

// Slow work (the offline store's disk writes) off the render loop: a task runs on this thread and
// returns what the UI thread should then do, which runs at the UI thread's next runFinished().
// Tasks run one at a time, in order; the destructor finishes the running task, drops the rest and
// joins.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace mikhak::kiosk {

class TaskThread {
 public:
  using Continuation = std::function<void()>;
  using Task = std::function<Continuation()>;

  TaskThread();
  ~TaskThread();
  TaskThread(const TaskThread&) = delete;
  TaskThread& operator=(const TaskThread&) = delete;

  void post(Task task);
  // Runs the continuations of finished tasks, on the caller's thread; never waits. Returns how
  // many.
  std::size_t runFinished();
  // Tasks posted whose continuation has not run yet.
  std::size_t pending() const;
  // Waits until every task posted so far has finished (tests and shutdown), then runs their
  // continuations.
  void drain();

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  std::deque<Task> tasks_;
  std::deque<Continuation> done_;
  std::size_t pending_ = 0;
  bool stop_ = false;
  std::thread thread_;  // last: starts once the rest exists
};

}  // namespace mikhak::kiosk
