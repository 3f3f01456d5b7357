#include "now_serving_stream.hpp"

#include <httplib.h>

#include <algorithm>
#include <iostream>
#include <utility>

#include "no_sigpipe.hpp"
#include "sse_parser.hpp"

namespace mikhak::kiosk {

NowServingStream::NowServingStream(NowServingStreamOptions options)
    : options_(std::move(options)), retry_(options_.firstRetry), thread_([this] { run(); }) {}

NowServingStream::~NowServingStream() {
  std::shared_ptr<httplib::Client> client;
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
    client = client_;
  }
  if (client) client->stop();  // ends a request that is waiting for the next event
  wake_.notify_all();
  thread_.join();
}

NowServingUpdate NowServingStream::poll() {
  const std::lock_guard lock(mutex_);
  return std::exchange(pending_, {});
}

void NowServingStream::publish(NowServingUpdate update) {
  if (update.empty()) return;
  const std::lock_guard lock(mutex_);
  if (update.recent) pending_.recent = std::move(update.recent);
  for (auto& call : update.fresh) pending_.fresh.push_back(std::move(call));
  // Nobody polling for a long while (a frozen UI): keep the newest, as the ledger keeps the list.
  if (pending_.fresh.size() > NowServingLedger::kKeep) {
    pending_.fresh.erase(pending_.fresh.begin(),
                         pending_.fresh.end() - static_cast<long>(NowServingLedger::kKeep));
  }
}

void NowServingStream::run() {
  blockSigpipeOnThisThread();
  NowServingLedger ledger;
  bool outageLogged = false;
  for (;;) {
    const bool delivered = follow(ledger);
    connected_ = false;
    std::unique_lock lock(mutex_);
    if (stop_) return;
    if (delivered) outageLogged = false;
    if (!outageLogged) {
      std::clog << "display: the now-serving stream from " << options_.serverUrl
                << " is down; reconnecting\n";
      outageLogged = true;
    }
    const auto wait = retry_;
    retry_ = std::min(retry_ * 2, options_.longestRetry);
    if (wake_.wait_for(lock, wait, [this] { return stop_; })) return;
  }
}

bool NowServingStream::follow(NowServingLedger& ledger) {
  auto client = std::make_shared<httplib::Client>(options_.serverUrl);
  client->set_connection_timeout(options_.connectTimeout);
  client->set_read_timeout(options_.readTimeout);
  {
    const std::lock_guard lock(mutex_);
    if (stop_) return false;
    client_ = client;
  }
  SseParser parser;
  bool delivered = false;
  const auto receive = [&](const char* data, std::size_t size) {
    for (SseEvent& event : parser.feed(std::string_view(data, size))) {
      if (event.type == "state") {
        if (auto calls = parseState(event.data)) {
          publish(ledger.applyState(std::move(*calls)));
          loaded_ = true;
          connected_ = true;
          delivered = true;
          const std::lock_guard lock(mutex_);
          // A connection that delivered its state starts the backoff again.
          retry_ = parser.retryMilliseconds()
                       ? std::chrono::milliseconds(*parser.retryMilliseconds())
                       : options_.firstRetry;
        }
      } else if (event.type == "call") {
        if (auto call = parseCall(event.data)) publish(ledger.applyCall(std::move(*call)));
      }
    }
    const std::lock_guard lock(mutex_);
    return !stop_;
  };
  client->Get(
      "/api/v1/now-serving/events", httplib::Headers{{"Accept", "text/event-stream"}},
      [](const httplib::Response& response) { return response.status == 200; }, receive);
  const std::lock_guard lock(mutex_);
  client_.reset();
  return delivered;
}

}  // namespace mikhak::kiosk
