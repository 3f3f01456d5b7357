#include "queue_order.hpp"

#include <algorithm>
#include <tuple>

namespace mikhak::server {

bool callsBefore(const Ticket& a, const Ticket& b) {
  return std::tuple(a.queueTime, -a.priority, a.checkedInAt, a.id) <
         std::tuple(b.queueTime, -b.priority, b.checkedInAt, b.id);
}

std::chrono::minutes estimateWait(int ahead, const std::vector<std::int64_t>& recentSeconds,
                                  std::chrono::minutes typical, int counters) {
  std::int64_t perPerson = typical.count() * 60;
  if (recentSeconds.size() >= 3) {
    std::vector<std::int64_t> sorted = recentSeconds;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2),
                     sorted.end());
    perPerson = sorted[sorted.size() / 2];
  }
  const std::int64_t total = perPerson * std::max(ahead, 0) / std::max(counters, 1);
  return std::chrono::minutes((total + 59) / 60);
}

}  // namespace mikhak::server
