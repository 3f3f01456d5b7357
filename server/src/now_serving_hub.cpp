#include "now_serving_hub.hpp"

namespace mikhak::server {

void NowServingHub::publish(CallEvent event) {
  {
    const std::lock_guard lock(mutex_);
    event.sequence = ++sequence_;
    recent_.push_front(std::move(event));
    if (recent_.size() > kRecent) recent_.pop_back();
  }
  changed_.notify_all();
}

std::pair<std::vector<CallEvent>, std::uint64_t> NowServingHub::snapshot() const {
  const std::lock_guard lock(mutex_);
  return {{recent_.begin(), recent_.end()}, sequence_};
}

std::vector<CallEvent> NowServingHub::waitAfter(std::uint64_t sequence,
                                                std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return stopped_ || sequence_ > sequence; });
  std::vector<CallEvent> events;
  for (auto it = recent_.rbegin(); it != recent_.rend(); ++it) {
    if (it->sequence > sequence) events.push_back(*it);
  }
  return events;
}

void NowServingHub::shutdown() {
  {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

bool NowServingHub::stopped() const {
  const std::lock_guard lock(mutex_);
  return stopped_;
}

}  // namespace mikhak::server
