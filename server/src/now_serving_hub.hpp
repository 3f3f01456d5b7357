#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mikhak::server {

// One call of a ticket to a counter, as the waiting-room display shows and announces it.
struct CallEvent {
  std::uint64_t sequence = 0;
  std::string label;     // "P-017"
  std::string letter;    // "P"
  std::string letterFa;  // "گ"
  int number = 0;
  int counter = 0;
  std::string counterFa;
  std::string counterEn;
  std::string serviceFa;
  std::string serviceEn;
  std::int64_t at = 0;  // UTC seconds
  bool recall = false;
};

// The "now serving" state and the stream of calls. Each display gets the whole recent state when it
// connects (or reconnects: the state is resent, so a display that missed events catches up) and
// then every call. Waiting has a timeout so streams can send keep-alives and notice shutdown.
class NowServingHub {
 public:
  static constexpr std::size_t kRecent = 8;

  void publish(CallEvent event);
  // The calls to show, newest first, and the sequence number of the newest: taken together, so a
  // stream that starts from them neither misses nor repeats a call.
  std::pair<std::vector<CallEvent>, std::uint64_t> snapshot() const;
  // Calls after `sequence`, waiting up to `timeout` for one; empty on timeout or shutdown.
  std::vector<CallEvent> waitAfter(std::uint64_t sequence, std::chrono::milliseconds timeout) const;
  void shutdown();
  bool stopped() const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<CallEvent> recent_;  // newest first
  std::uint64_t sequence_ = 0;
  bool stopped_ = false;
};

}  // namespace mikhak::server
