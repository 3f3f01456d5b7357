#include "server_client.hpp"

#include <httplib.h>

#include <algorithm>
#include <regex>

#include "check_in_answer_json.hpp"
#include "no_sigpipe.hpp"

namespace mikhak::kiosk {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

struct HttpCall {
  const char* method;
  std::string path;
  std::string body;  // empty for GET
};

HttpCall callFor(const ServerRequest& request) {
  return std::visit(
      Overloaded{
          [](const CheckInRequest& r) {
            return HttpCall{"POST", "/api/v1/check-ins", checkInRequestBody(r.requestId, r.code)};
          },
          [](const PrintResultRequest& r) {
            return HttpCall{"POST",
                            "/api/v1/tickets/" + std::to_string(r.ticketId) + "/print-result",
                            printResultRequestBody(r.printed)};
          },
          [](const ServicesRequest&) {
            return HttpCall{"GET", "/api/v1/services", {}};
          },
          [](const ManifestRequest&) {
            return HttpCall{"GET", "/api/v1/manifest", {}};
          },
          [](const SyncRequest& r) {
            return HttpCall{"POST", "/api/v1/sync", syncRequestBody(r.checkIns)};
          },
          [](const HeartbeatRequest& r) {
            return HttpCall{"POST", "/api/v1/heartbeat", heartbeatRequestBody(r.health)};
          },
      },
      request);
}

std::unique_ptr<httplib::Client> makeClient(const ServerClientOptions& options) {
  if (!isServerUrl(options.baseUrl)) return nullptr;
  std::string url = options.baseUrl;
  if (url.ends_with('/')) url.pop_back();
  auto client = std::make_unique<httplib::Client>(url);
  client->set_keep_alive(true);
  client->set_follow_location(false);
  // httplib writes headers and body separately: without this the body waits for the server's
  // delayed ACK, about 40 ms a request on a kept-alive connection.
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(options.connectTimeout);
  client->set_read_timeout(options.readTimeout);
  client->set_write_timeout(options.readTimeout);
  client->set_bearer_token_auth(options.token);
  if (url.starts_with("https://")) {
    client->enable_server_certificate_verification(true);
    if (!options.caCertFile.empty()) client->set_ca_cert_path(options.caCertFile);
  }
  return client;
}

// Fills the payload of an HTTP answer (not 401) and says whether it could be read.
void readAnswer(ServerReply& reply, std::string_view body) {
  const bool success = reply.httpStatus >= 200 && reply.httpStatus <= 299;
  if (!success) {
    reply.errorCode = errorCode(body).value_or("");
    reply.problem = "HTTP " + std::to_string(reply.httpStatus) +
                    (reply.errorCode.empty() ? "" : " " + reply.errorCode);
  }
  if (std::holds_alternative<CheckInRequest>(reply.request)) {
    // A refusal is an answer too, and so is one the kiosk cannot read: the flow shows them.
    reply.payload = parseCheckInAnswer(reply.httpStatus, body);
    return;
  }
  if (!success) return;
  const auto take = [&](auto parsed) {
    if (parsed) {
      reply.payload = std::move(*parsed);
    } else {
      reply.status = ReplyStatus::Unreadable;
      reply.problem = parsed.error().message;
    }
  };
  std::visit(Overloaded{
                 [&](const ServicesRequest&) { take(parseServices(body)); },
                 [&](const ManifestRequest&) { take(parseManifest(body)); },
                 [&](const SyncRequest&) { take(parseSyncReply(body)); },
                 [](const auto&) {},  // print results and heartbeats carry nothing back
             },
             reply.request);
}

}  // namespace

bool isServerUrl(std::string_view url) {
  static const std::regex kUrl(
      R"(^https?://([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(:([0-9]{1,5}))?/?$)");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(url.begin(), url.end(), match, kUrl)) return false;
  if (!match[4].matched) return true;
  const int port = std::stoi(match[4].str());
  return port >= 1 && port <= 65535;
}

std::string_view replyStatusName(ReplyStatus status) {
  switch (status) {
    case ReplyStatus::Answered:
      return "answered";
    case ReplyStatus::TokenRefused:
      return "token refused";
    case ReplyStatus::Unreachable:
      return "server unreachable";
    case ReplyStatus::TimedOut:
      return "no answer in time";
    case ReplyStatus::TlsFailed:
      return "TLS failed";
    case ReplyStatus::Unreadable:
      return "unreadable answer";
  }
  return "unknown";
}

bool ServerReply::ok() const {
  return status == ReplyStatus::Answered && httpStatus >= 200 && httpStatus <= 299;
}

std::optional<FlowEvent> checkInEvent(const ServerReply& reply) {
  const auto* request = std::get_if<CheckInRequest>(&reply.request);
  if (request == nullptr) return std::nullopt;
  if (reply.status == ReplyStatus::TokenRefused) {
    return CheckInAnswered{request->requestId, CheckInRefusal{"unauthorized", {}, {}, {}}};
  }
  // 503 says: keep the check-in and try again (storage trouble); so does any other 5xx.
  if (reply.status == ReplyStatus::Answered && reply.httpStatus < 500) {
    if (const auto* answer = std::get_if<CheckInAnswer>(&reply.payload)) {
      return CheckInAnswered{request->requestId, *answer};
    }
  }
  return CheckInFailed{request->requestId, reply.problem.empty()
                                               ? std::string(replyStatusName(reply.status))
                                               : reply.problem};
}

ServerClient::ServerClient(ServerClientOptions options)
    : options_(std::move(options)),
      validUrl_(isServerUrl(options_.baseUrl)),
      http_(makeClient(options_)),
      thread_([this] { run(); }) {}

ServerClient::~ServerClient() {
  std::unique_lock lock(mutex_);
  stop_ = true;
  wake_.notify_all();
  // A request in flight is cut short (its socket shut down) rather than waited for. Until the
  // worker has ended: a request that was only about to start when stop() came is cut short by
  // the next one, and a connect in progress runs at most its connect timeout.
  while (!workerDone_) {
    lock.unlock();
    if (http_) http_->stop();
    lock.lock();
    done_.wait_for(lock, std::chrono::milliseconds(20), [this] { return workerDone_; });
  }
  lock.unlock();
  thread_.join();
}

bool ServerClient::submit(ServerRequest request) {
  {
    const std::lock_guard lock(mutex_);
    if (requests_.size() >= options_.queueCapacity) return false;
    requests_.push_back(std::move(request));
  }
  wake_.notify_all();
  return true;
}

std::optional<ServerReply> ServerClient::poll() {
  const std::lock_guard lock(mutex_);
  if (replies_.empty()) return std::nullopt;
  ServerReply reply = std::move(replies_.front());
  replies_.pop_front();
  return reply;
}

std::optional<ServerReply> ServerClient::waitReply(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!replied_.wait_for(lock, timeout, [this] { return !replies_.empty(); })) return std::nullopt;
  ServerReply reply = std::move(replies_.front());
  replies_.pop_front();
  return reply;
}

bool ServerClient::reachable() const {
  const std::lock_guard lock(mutex_);
  return reachable_;
}

bool ServerClient::tokenRefused() const {
  const std::lock_guard lock(mutex_);
  return tokenRefused_;
}

std::optional<ServerClient::Clock::time_point> ServerClient::lastAnswerAt() const {
  const std::lock_guard lock(mutex_);
  return lastAnswerAt_;
}

void ServerClient::run() {
  blockSigpipeOnThisThread();
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || !requests_.empty(); });
    if (stop_) {
      workerDone_ = true;
      done_.notify_all();
      return;
    }
    ServerRequest request = std::move(requests_.front());
    requests_.pop_front();
    lock.unlock();
    publish(perform(request));
    lock.lock();
  }
}

bool ServerClient::stopping() const {
  const std::lock_guard lock(mutex_);
  return stop_;
}

void ServerClient::publish(ServerReply reply) {
  {
    const std::lock_guard lock(mutex_);
    const bool answered = reply.httpStatus != 0;
    reachable_ = answered;
    if (answered) {
      tokenRefused_ = reply.status == ReplyStatus::TokenRefused;
      lastAnswerAt_ = Clock::now();
    }
    replies_.push_back(std::move(reply));
  }
  replied_.notify_all();
}

ServerReply ServerClient::perform(const ServerRequest& request) {
  ServerReply reply;
  reply.request = request;
  if (!validUrl_) {
    reply.status = ReplyStatus::Unreachable;
    reply.problem = "the server address is not http(s)://host[:port]";
    return reply;
  }
  const HttpCall call = callFor(request);
  std::string body;
  bool tooLarge = false;
  httplib::Response response;
  httplib::Error error = httplib::Error::Success;
  bool timedOut = false;
  // The server closes idle connections after a few seconds; a request that finds its kept-alive
  // connection just closed is sent once more on a new one (every request is idempotent: check-ins
  // by request id).
  for (int attempt = 0; attempt < 2; ++attempt) {
    httplib::Request http;
    http.method = call.method;
    http.path = call.path;
    http.body = call.body;
    if (!call.body.empty()) http.set_header("Content-Type", "application/json");
    body.clear();
    http.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
      if (body.size() + size > kMaxAnswerBytes) {
        tooLarge = true;
        return false;
      }
      body.append(data, size);
      return true;
    };
    const bool reused = http_->is_socket_open() != 0;
    const auto started = Clock::now();
    response = {};
    error = httplib::Error::Success;
    if (http_->send(http, response, error)) break;
    timedOut = Clock::now() - started >= options_.readTimeout;
    const bool dropped =
        (error == httplib::Error::Read || error == httplib::Error::Write) && !timedOut;
    if (!(reused && dropped) || stopping()) break;
  }

  switch (error) {
    case httplib::Error::Success:
      break;
    case httplib::Error::Read:
    case httplib::Error::Write:
      if (timedOut) {
        reply.status = ReplyStatus::TimedOut;
        reply.problem = "no answer within the read timeout";
      } else {
        reply.status = ReplyStatus::Unreachable;
        reply.problem = "the server closed the connection (" + httplib::to_string(error) + ")";
      }
      return reply;
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification:
      reply.status = ReplyStatus::TlsFailed;
      reply.problem = "TLS: " + httplib::to_string(error);
      return reply;
    case httplib::Error::Canceled:
      if (tooLarge) {
        reply.status = ReplyStatus::Unreadable;
        reply.httpStatus = std::max(response.status, 0);
        reply.problem = "the answer is larger than " + std::to_string(kMaxAnswerBytes) + " bytes";
        return reply;
      }
      [[fallthrough]];
    default:
      reply.status = ReplyStatus::Unreachable;
      reply.problem = "cannot reach the server (" + httplib::to_string(error) + ")";
      return reply;
  }

  reply.httpStatus = response.status;
  if (response.status == 401) {
    reply.status = ReplyStatus::TokenRefused;
    reply.errorCode = errorCode(body).value_or("");
    reply.problem = "the server refused the kiosk's token";
    return reply;
  }
  reply.status = ReplyStatus::Answered;
  readAnswer(reply, body);
  return reply;
}

}  // namespace mikhak::kiosk
