#pragma once

#include <chrono>

namespace mikhak::drivers {

// The moment a call has to return by. Loops that wait several times (a write that goes out in
// pieces) share one deadline, so the call as a whole stays within its timeout.
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Deadline(std::chrono::milliseconds timeout) : end_(Clock::now() + timeout) {}

  // Whole milliseconds left, rounded up so a wait never ends just before the deadline; 0 once it
  // has passed.
  std::chrono::milliseconds remaining() const;
  bool expired() const { return Clock::now() >= end_; }

 private:
  Clock::time_point end_;
};

enum class WaitResult { Ready, TimedOut, Failed };

// poll() on one descriptor until one of `events` (POLLIN, POLLOUT) is signalled or the deadline
// passes, retrying after signals. Error and hang-up conditions count as ready: the next read or
// write reports them with its own errno. Failed leaves errno set by poll.
WaitResult waitFor(int fd, short events, const Deadline& deadline);

}  // namespace mikhak::drivers
