#pragma once

// The kiosk's client for the consulate server. One worker thread owns one HTTP(S) connection,
// kept alive between requests and made again after a failure; requests are values, queued without
// waiting, and their replies are polled by the UI thread once a frame. Every network wait is
// bounded by the connect and read timeouts, and the destructor cuts a request in flight short;
// requests still queued then are dropped.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "check_in_flow.hpp"
#include "server_api_json.hpp"
#include "sync_json.hpp"

namespace httplib {
class Client;
}

namespace mikhak::kiosk {

struct ServerClientOptions {
  std::string baseUrl;  // "http://host[:port]" or "https://host[:port]", no path
  std::string token;    // the kiosk's bearer token
  std::chrono::milliseconds connectTimeout{2000};
  std::chrono::milliseconds readTimeout{5000};
  std::size_t queueCapacity = 16;  // requests waiting; more are refused at once
  // https: the PEM file of the CA that signed the server's certificate (a consulate's own CA);
  // empty: the system's trusted CAs. The certificate is always verified.
  std::string caCertFile;
};

// True for a base URL the client can use: http:// or https://, a host, an optional port, no path.
bool isServerUrl(std::string_view url);

// ---------------------------------------------------------------------------------------------
// Requests, as values. Each reply carries the request it answers.

struct CheckInRequest {  // POST /api/v1/check-ins
  std::string requestId;
  std::string code;
};
struct PrintResultRequest {  // POST /api/v1/tickets/{id}/print-result
  std::int64_t ticketId = 0;
  bool printed = false;
};
struct ServicesRequest {};  // GET /api/v1/services
struct ManifestRequest {};  // GET /api/v1/manifest
struct SyncRequest {        // POST /api/v1/sync
  std::vector<OutboxEntry> checkIns;
};
struct HeartbeatRequest {  // POST /api/v1/heartbeat
  KioskHealth health;
};
using ServerRequest = std::variant<CheckInRequest, PrintResultRequest, ServicesRequest,
                                   ManifestRequest, SyncRequest, HeartbeatRequest>;

// How a request ended. Staff mode tells "server unreachable" from "token refused".
enum class ReplyStatus {
  Answered,      // an HTTP answer (any status but 401), in httpStatus; see ServerReply::ok()
  TokenRefused,  // 401: the server does not know this kiosk's token, or it was revoked
  Unreachable,   // no connection: refused, no route, unknown host, connect timeout, bad URL
  TimedOut,      // connected, but no (complete) answer within the read timeout
  TlsFailed,     // the TLS handshake failed or the server's certificate was not trusted
  Unreadable,    // a 2xx answer whose body is not what the API promises, or any far too large
                 // (a check-in's unreadable answer is Answered, with the refusal server_problem)
};
std::string_view replyStatusName(ReplyStatus status);

// What a successful answer carries: a CheckInAnswer for every answered check-in (refusals
// included), ServicesInfo, SignedDayManifest or the sync results; nothing for print results and
// heartbeats (204).
using ReplyPayload = std::variant<std::monostate, CheckInAnswer, ServicesInfo, SignedDayManifest,
                                  std::vector<SyncOutcome>>;

struct ServerReply {
  ServerRequest request;
  ReplyStatus status = ReplyStatus::Unreachable;
  int httpStatus = 0;     // 0: no HTTP answer
  std::string errorCode;  // an error answer's error.code ("no_such_ticket", "bad_request", ...)
  std::string problem;    // for the log: what went wrong, without personal data
  ReplyPayload payload;
  // Answered with a 2xx status (a check-in refusal is not ok(), yet its payload is the answer).
  bool ok() const;
};

// The flow's event for a check-in's reply: CheckInAnswered for any answer the server gave (a
// ticket, a refusal, an unreadable answer as "server_problem", a refused token as
// "unauthorized"), CheckInFailed when there was none or the server was unavailable (503, other
// 5xx: the flow retries with the same request id). Nothing for other requests.
std::optional<FlowEvent> checkInEvent(const ServerReply& reply);

class ServerClient {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ServerClient(ServerClientOptions options);
  ~ServerClient();
  ServerClient(const ServerClient&) = delete;
  ServerClient& operator=(const ServerClient&) = delete;

  // Queues the request; false at once if the queue is full. Never blocks.
  bool submit(ServerRequest request);
  // The next reply, if one is ready; never blocks.
  std::optional<ServerReply> poll();
  // Waits for the next reply (tools and tests; the UI thread polls). Nothing within the
  // timeout: nullopt.
  std::optional<ServerReply> waitReply(std::chrono::milliseconds timeout);

  // Whether the last request got an HTTP answer (a 401 included): the offline banner. False
  // before the first answer.
  bool reachable() const;
  // Whether the last answer was 401: the staff panel's "token refused".
  bool tokenRefused() const;
  // When the server last answered anything; nothing before the first answer.
  std::optional<Clock::time_point> lastAnswerAt() const;

 private:
  void run();
  ServerReply perform(const ServerRequest& request);
  void publish(ServerReply reply);
  bool stopping() const;

  const ServerClientOptions options_;
  const bool validUrl_;
  std::unique_ptr<httplib::Client> http_;  // the worker's; the destructor only stops it
  mutable std::mutex mutex_;
  std::condition_variable wake_;     // requests or a stop, for the worker
  std::condition_variable replied_;  // replies, for waitReply()
  std::condition_variable done_;     // the worker has ended, for the destructor
  std::deque<ServerRequest> requests_;
  std::deque<ServerReply> replies_;
  bool reachable_ = false;
  bool tokenRefused_ = false;
  std::optional<Clock::time_point> lastAnswerAt_;
  bool stop_ = false;
  bool workerDone_ = false;
  std::thread thread_;  // last: starts after everything it uses
};

}  // namespace mikhak::kiosk
