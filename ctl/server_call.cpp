#include "server_call.hpp"

#include <httplib.h>

namespace mikhak::ctl {

ServerCallReply callServer(const ServerCall& call, const std::string& path,
                           const std::string& jsonBody) {
  ServerCallReply reply;
  if (!kiosk::isServerUrl(call.baseUrl)) {
    reply.problem = "the server address is not http(s)://host[:port]: " + call.baseUrl;
    return reply;
  }
  std::string url = call.baseUrl;
  if (url.ends_with('/')) url.pop_back();
  httplib::Client http(url);
  http.set_follow_location(false);
  http.set_connection_timeout(call.connectTimeout);
  http.set_read_timeout(call.readTimeout);
  http.set_write_timeout(call.readTimeout);
  if (url.starts_with("https://")) http.enable_server_certificate_verification(true);
  const auto started = std::chrono::steady_clock::now();
  const httplib::Result result =
      jsonBody.empty() ? http.Get(path) : http.Post(path, jsonBody, "application/json");
  if (!result) {
    const httplib::Error error = result.error();
    switch (error) {
      case httplib::Error::SSLConnection:
      case httplib::Error::SSLLoadingCerts:
      case httplib::Error::SSLServerVerification:
        reply.status = kiosk::ReplyStatus::TlsFailed;
        break;
      case httplib::Error::Read:
        if (std::chrono::steady_clock::now() - started >= call.readTimeout) {
          reply.status = kiosk::ReplyStatus::TimedOut;
          break;
        }
        [[fallthrough]];
      default:
        reply.status = kiosk::ReplyStatus::Unreachable;
    }
    reply.problem = httplib::to_string(error);
    return reply;
  }
  reply.status = kiosk::ReplyStatus::Answered;
  reply.httpStatus = result->status;
  reply.body = result->body;
  return reply;
}

}  // namespace mikhak::ctl
