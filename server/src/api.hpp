#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "check_in_service.hpp"
#include "store.hpp"

namespace mikhak::server {

// One route as served, with the status codes it can answer: what server/openapi.yaml must list.
struct RouteSpec {
  std::string method;  // "get", "post"
  std::string path;    // OpenAPI form, e.g. "/api/v1/check-ins"
  std::vector<int> statuses;
};

// The HTTP/JSON API. Every answer is JSON; every error is {"error": {"code", "message_fa",
// "message_en"}} with a 4xx status, except a storage failure (503).
class Api {
 public:
  static constexpr std::size_t kMaxBodyBytes = 16 * 1024;

  Api(Store& store, CheckInService& checkIn);
  void mount(httplib::Server& server);
  static const std::vector<RouteSpec>& routes();

 private:
  std::optional<KioskRecord> authenticateKiosk(const httplib::Request& request);
  void health(const httplib::Request& request, httplib::Response& response);
  void services(const httplib::Request& request, httplib::Response& response);
  void checkIn(const httplib::Request& request, httplib::Response& response);

  Store& store_;
  CheckInService& checkIn_;
};

}  // namespace mikhak::server
