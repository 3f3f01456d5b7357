#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "check_in_service.hpp"
#include "mikhak/base/journal.hpp"
#include "now_serving_hub.hpp"
#include "offline_service.hpp"
#include "queue_service.hpp"
#include "staff_auth.hpp"
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
  static constexpr std::size_t kWorkers = 64;
  static constexpr int kMaxEventStreams = 32;  // leaves workers for kiosks and staff

  using Clock = std::function<std::chrono::sys_seconds()>;
  static constexpr std::string_view kSessionCookie = "mikhak_session";
  static constexpr std::chrono::hours kSessionLength{12};

  Api(Store& store, CheckInService& checkIn, QueueService& queue, OfflineService& offline,
      NowServingHub& hub, const domain::SigningKey& key, base::Journal& journal, Clock now);
  void mount(httplib::Server& server);
  static const std::vector<RouteSpec>& routes();
  // How often an idle event stream sends a comment; a display that left is noticed on the next
  // one or two, when its slot is freed (default 10 s).
  void setStreamKeepAlive(std::chrono::milliseconds interval) { streamKeepAlive_ = interval; }

 private:
  using Handler = void (Api::*)(const httplib::Request&, httplib::Response&);
  // Kiosks (api.cpp).
  std::optional<KioskRecord> authenticateKiosk(const httplib::Request& request);
  void health(const httplib::Request& request, httplib::Response& response);
  void services(const httplib::Request& request, httplib::Response& response);
  void checkIn(const httplib::Request& request, httplib::Response& response);
  void manifest(const httplib::Request& request, httplib::Response& response);
  void sync(const httplib::Request& request, httplib::Response& response);
  void heartbeat(const httplib::Request& request, httplib::Response& response);
  void printResult(const httplib::Request& request, httplib::Response& response);
  void enrol(const httplib::Request& request, httplib::Response& response);
  // Staff, queues and the display (staff_api.cpp).
  void mountStaff(httplib::Server& server);
  std::optional<StaffMember> staffMember(const httplib::Request& request);
  void login(const httplib::Request& request, httplib::Response& response);
  void logout(const httplib::Request& request, httplib::Response& response);
  void me(const httplib::Request& request, httplib::Response& response);
  void counters(const httplib::Request& request, httplib::Response& response);
  void counterQueue(const httplib::Request& request, httplib::Response& response);
  void callNext(const httplib::Request& request, httplib::Response& response);
  void ticketAction(const httplib::Request& request, httplib::Response& response);
  void audit(const httplib::Request& request, httplib::Response& response);
  void dashboard(const httplib::Request& request, httplib::Response& response);
  void nowServing(const httplib::Request& request, httplib::Response& response);
  void nowServingEvents(const httplib::Request& request, httplib::Response& response);
  void listKiosks(const httplib::Request& request, httplib::Response& response);
  void enrolmentCode(const httplib::Request& request, httplib::Response& response);
  void revokeKiosk(const httplib::Request& request, httplib::Response& response);

  Store& store_;
  CheckInService& checkIn_;
  QueueService& queue_;
  OfflineService& offline_;
  NowServingHub& hub_;
  const domain::SigningKey& key_;
  base::Journal& journal_;  // what happened, for the journal: ids, tickets and states only
  Clock now_;
  LoginThrottle throttle_;
  std::chrono::milliseconds streamKeepAlive_{10000};
  std::shared_ptr<std::atomic<int>> openStreams_ = std::make_shared<std::atomic<int>>(0);
};

}  // namespace mikhak::server
