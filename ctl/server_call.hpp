#pragma once

// The two exchanges the technician's tools have with the server that the kiosk's ServerClient
// does not make: POST /api/v1/kiosks/enrol (before there is a token) and GET /api/v1/health (the
// server's clock). One request, one connection, bounded by the same timeouts and the same TLS
// verification as the kiosk's client; failures are told apart with the kiosk's ReplyStatus.

#include <chrono>
#include <string>

#include "server_client.hpp"

namespace mikhak::ctl {

struct ServerCall {
  std::string baseUrl;  // "http(s)://host[:port]"
  std::chrono::milliseconds connectTimeout{2000};
  std::chrono::milliseconds readTimeout{5000};
};

struct ServerCallReply {
  kiosk::ReplyStatus status = kiosk::ReplyStatus::Unreachable;  // Answered for any HTTP answer
  int httpStatus = 0;
  std::string body;
  std::string problem;  // no HTTP answer: why
};

// GET when `jsonBody` is empty, else POST with it. A 401 is Answered here: the caller says what
// it means.
ServerCallReply callServer(const ServerCall& call, const std::string& path,
                           const std::string& jsonBody = {});

}  // namespace mikhak::ctl
