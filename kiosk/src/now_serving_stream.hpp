#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "now_serving_calls.hpp"

namespace httplib {
class Client;
}

namespace mikhak::kiosk {

struct NowServingStreamOptions {
  std::string serverUrl;  // "http://127.0.0.1:8080" or https://...
  // Waits between attempts: from the first (or the server's `retry:` advice), doubling to the
  // longest while the server stays away.
  std::chrono::milliseconds firstRetry{2000};
  std::chrono::milliseconds longestRetry{30000};
  // The server sends a keep-alive every 10 seconds: three missed ones mean a dead connection.
  std::chrono::seconds readTimeout{35};
  std::chrono::seconds connectTimeout{5};
};

// Follows the server's "now serving" event stream (GET /api/v1/now-serving/events) on a worker
// thread: its first event on every connection is the whole recent state (the snapshot, taken
// together with the stream's position, so nothing falls between them), then one event per call.
// Reconnects by itself with backoff; NowServingLedger keeps a reconnection or a server restart from
// repeating a call. The UI thread polls without waiting.
class NowServingStream {
 public:
  explicit NowServingStream(NowServingStreamOptions options);
  ~NowServingStream();
  NowServingStream(const NowServingStream&) = delete;
  NowServingStream& operator=(const NowServingStream&) = delete;

  // What arrived since the last poll: the latest list to show (if it changed) and the new calls.
  NowServingUpdate poll();
  // The stream is open and has sent its state.
  bool connected() const { return connected_.load(); }
  // A state has arrived at least once: the screen shows real data.
  bool loaded() const { return loaded_.load(); }

 private:
  void run();
  // One connection, until it ends; true if it delivered the state.
  bool follow(NowServingLedger& ledger);
  void publish(NowServingUpdate update);

  NowServingStreamOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  NowServingUpdate pending_;
  std::shared_ptr<httplib::Client> client_;  // the one in use, so the destructor can cut it
  std::chrono::milliseconds retry_;
  std::atomic<bool> connected_{false};
  std::atomic<bool> loaded_{false};
  std::thread thread_;
};

}  // namespace mikhak::kiosk
