#include "task_thread.hpp"

namespace mikhak::kiosk {

TaskThread::TaskThread() : thread_([this] { run(); }) {}

TaskThread::~TaskThread() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
    tasks_.clear();
  }
  wake_.notify_all();
  thread_.join();
}

void TaskThread::post(Task task) {
  {
    const std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
    ++pending_;
  }
  wake_.notify_one();
}

std::size_t TaskThread::runFinished() {
  std::deque<Continuation> ready;
  {
    const std::lock_guard lock(mutex_);
    ready.swap(done_);
    pending_ -= ready.size();
  }
  for (auto& continuation : ready) {
    if (continuation) continuation();
  }
  return ready.size();
}

std::size_t TaskThread::pending() const {
  const std::lock_guard lock(mutex_);
  return pending_;
}

void TaskThread::drain() {
  {
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [this] { return tasks_.empty() && done_.size() == pending_; });
  }
  runFinished();
}

void TaskThread::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
    if (stop_) return;
    Task task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    Continuation continuation = task();
    lock.lock();
    done_.push_back(std::move(continuation));
    finished_.notify_all();
  }
}

}  // namespace mikhak::kiosk
