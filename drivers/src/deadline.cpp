#include "deadline.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace mikhak::drivers {

std::chrono::milliseconds Deadline::remaining() const {
  const auto left = end_ - Clock::now();
  if (left <= Clock::duration::zero()) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(left);
}

WaitResult waitFor(int fd, short events, const Deadline& deadline) {
  for (;;) {
    const auto left = deadline.remaining().count();
    pollfd entry{fd, events, 0};
    // One more poll with 0 ms when time is up: the descriptor may be ready already.
    const int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left, INT_MAX)));
    if (ready > 0) return WaitResult::Ready;
    if (ready == 0) {
      if (deadline.expired()) return WaitResult::TimedOut;
      continue;  // poll rounds down to its clock tick: wait out the rest
    }
    if (errno != EINTR) return WaitResult::Failed;
  }
}

}  // namespace mikhak::drivers
