// The staff's side over real HTTP: log-in, calling by the policy, recall, no-show, transfer,
// complete, the audit trail, the dashboard, and the "now serving" event stream.
#include <nlohmann/json.hpp>

#include <mutex>

#include "server_fixture.hpp"
#include "staff_auth.hpp"

namespace mikhak::server::test {
namespace {

using nlohmann::json;

class QueueApi : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    store_->saveCounter({1, "باجه ۱", "Counter 1", {"passport", "power_of_attorney"}});
    store_->saveCounter({2, "باجه ۲", "Counter 2", {"passport"}});
    store_->saveCounter({3, "باجه ۳", "Counter 3", {"personal_status"}});
    for (const auto& [login, role] :
         {std::pair{"clerk", Role::Counter}, std::pair{"boss", Role::Supervisor},
          std::pair{"tech", Role::Technician}}) {
      StaffMember member{0, login, login, role, hashPassword("secret-" + std::string(login))};
      ASSERT_TRUE(store_->addStaff(member));
    }
  }

  // Logs in and returns the session cookie ("mikhak_session=...").
  std::string login(const std::string& who) {
    httplib::Client client("127.0.0.1", port_);
    const auto r =
        client.Post("/api/v1/staff/login",
                    json{{"login", who}, {"password", "secret-" + who}}.dump(), "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    const std::string cookie = r->get_header_value("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    return cookie.substr(0, cookie.find(';'));
  }

  httplib::Result staffPost(const std::string& cookie, const std::string& path,
                            const std::string& body = "{}") {
    httplib::Client client("127.0.0.1", port_);
    return client.Post(path, {{"Cookie", cookie}}, body, "application/json");
  }

  httplib::Result staffGet(const std::string& cookie, const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path, {{"Cookie", cookie}});
  }

  std::string checkedIn(std::int64_t start, const std::string& service = "passport",
                        int priority = kPriorityNone) {
    const auto code = book(start, service, AppointmentStatus::Booked, "LON", priority);
    const auto r = checkIn("req-" + code.digits(), code.digits());
    EXPECT_EQ(r->status, 201) << r->body;
    return json::parse(r->body)["ticket"]["label"];
  }
};

TEST_F(QueueApi, LogInRules) {
  httplib::Client client("127.0.0.1", port_);
  const auto wrong = client.Post("/api/v1/staff/login", R"({"login":"clerk","password":"nope"})",
                                 "application/json");
  ASSERT_EQ(wrong->status, 401);
  EXPECT_EQ(json::parse(wrong->body)["error"]["message_fa"], "نام کاربری یا گذرواژه نادرست است.");
  EXPECT_EQ(
      client.Post("/api/v1/staff/login", R"({"login":"ghost","password":"x"})", "application/json")
          ->status,
      401);
  for (int i = 0; i < 4; ++i) {
    client.Post("/api/v1/staff/login", R"({"login":"clerk","password":"nope"})",
                "application/json");
  }
  EXPECT_EQ(client
                .Post("/api/v1/staff/login", R"({"login":"clerk","password":"secret-clerk"})",
                      "application/json")
                ->status,
            429);  // locked, even with the right password
  const std::string boss = login("boss");
  EXPECT_EQ(json::parse(staffGet(boss, "/api/v1/staff/me")->body)["role"], "supervisor");
  EXPECT_EQ(staffGet("mikhak_session=forged", "/api/v1/staff/me")->status, 401);
  EXPECT_EQ(staffPost(boss, "/api/v1/staff/logout")->status, 204);
  EXPECT_EQ(staffGet(boss, "/api/v1/staff/me")->status, 401);
}

TEST_F(QueueApi, RolesAndTheJsonRule) {
  const std::string tech = login("tech");
  EXPECT_EQ(staffPost(tech, "/api/v1/counters/1/call-next")->status, 403);
  EXPECT_EQ(staffGet(tech, "/api/v1/dashboard")->status, 403);
  EXPECT_EQ(staffPost("", "/api/v1/counters/1/call-next")->status, 401);
  const std::string clerk = login("clerk");
  EXPECT_EQ(staffGet(clerk, "/api/v1/dashboard")->status, 403);
  httplib::Client client("127.0.0.1", port_);
  // A form post from another site cannot set a JSON content type.
  EXPECT_EQ(client
                .Post("/api/v1/counters/1/call-next", {{"Cookie", clerk}}, "a=b",
                      "application/x-www-form-urlencoded")
                ->status,
            400);
  EXPECT_EQ(staffPost(clerk, "/api/v1/counters/9/call-next")->status, 404);
}

TEST_F(QueueApi, CallsInPolicyOrderAndSaysWhenNobodyWaits) {
  const std::string clerk = login("clerk");
  EXPECT_EQ(staffPost(clerk, "/api/v1/counters/1/call-next")->status, 204);
  const auto late = checkedIn(now_ + 20 * kMinute);                                  // P-001, 10:20
  const auto early = checkedIn(now_ + 5 * kMinute);                                  // P-002, 10:05
  const auto elderly = checkedIn(now_ + 5 * kMinute, "passport", kPriorityElderly);  // P-003, 10:05
  const auto other = checkedIn(now_, "personal_status");  // not for counter 1
  const auto queue = json::parse(staffGet(clerk, "/api/v1/counters/1/queue")->body);
  ASSERT_EQ(queue["waiting"].size(), 3u);
  EXPECT_EQ(queue["waiting"][0]["label"], elderly);
  EXPECT_EQ(queue["waiting"][0]["elderly"], true);
  for (const auto& expected : {elderly, early, late}) {
    const auto r = staffPost(clerk, "/api/v1/counters/1/call-next");
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(json::parse(r->body)["label"], expected);
  }
  EXPECT_EQ(staffPost(clerk, "/api/v1/counters/1/call-next")->status, 204);
  EXPECT_EQ(json::parse(staffGet(clerk, "/api/v1/counters/3/queue")->body)["waiting"][0]["label"],
            other);
}

TEST_F(QueueApi, TheWaitIsSharedByTheCountersServingTheService) {
  for (int i = 0; i < 3; ++i) checkedIn(now_ + i * kMinute);
  const auto code = book(now_ + 10 * kMinute);
  const json r = json::parse(checkIn("fourth", code.digits())->body);
  EXPECT_EQ(r["people_ahead"], 3);
  EXPECT_EQ(r["estimated_wait_minutes"], 8);  // 3 x 5 minutes over counters 1 and 2, rounded up
}

// Six clerks at two counters pressing "next" at once: every ticket is called exactly once, and
// nobody is told the queue is empty while tickets wait.
TEST_F(QueueApi, CountersNeverShareATicketNorSeeAFalseEmptyQueue) {
  for (int i = 0; i < 30; ++i) checkedIn(now_ + (i % 10) * kMinute);
  const std::string clerk = login("clerk");
  std::mutex mutex;
  std::vector<std::string> called;
  std::vector<std::thread> clerks;
  for (int t = 0; t < 6; ++t) {
    clerks.emplace_back([&, counter = 1 + t % 2] {
      for (;;) {
        const auto r =
            staffPost(clerk, "/api/v1/counters/" + std::to_string(counter) + "/call-next");
        if (!r || r->status != 200) break;
        const std::lock_guard lock(mutex);
        called.push_back(json::parse(r->body)["label"]);
      }
    });
  }
  for (auto& t : clerks) t.join();
  std::sort(called.begin(), called.end());
  EXPECT_EQ(called.size(), 30u);
  EXPECT_EQ(std::adjacent_find(called.begin(), called.end()), called.end());
}

TEST_F(QueueApi, RecallNoShowTransferCompleteAndTheAuditTrail) {
  const std::string clerk = login("clerk");
  checkedIn(now_);
  checkedIn(now_ + kMinute);
  auto r = json::parse(staffPost(clerk, "/api/v1/counters/1/call-next")->body);
  const std::string first = "/api/v1/counters/1/tickets/" + std::to_string(r["id"].get<int>());
  EXPECT_EQ(staffPost(clerk, first + "/no-show")->status, 409);  // not recalled yet
  EXPECT_EQ(json::parse(staffPost(clerk, first + "/no-show")->body)["error"]["code"],
            "too_few_recalls");
  EXPECT_EQ(staffPost(clerk, "/api/v1/counters/2/tickets/" + std::to_string(r["id"].get<int>()) +
                                 "/recall")
                ->status,
            409);
  EXPECT_EQ(json::parse(staffPost(clerk, first + "/recall")->body)["recalls"], 1);
  EXPECT_EQ(json::parse(staffPost(clerk, first + "/recall")->body)["recalls"], 2);
  EXPECT_EQ(json::parse(staffPost(clerk, first + "/no-show")->body)["state"], "no_show");
  EXPECT_EQ(staffPost(clerk, first + "/complete")->status, 409);  // no longer called

  r = json::parse(staffPost(clerk, "/api/v1/counters/1/call-next")->body);
  const std::int64_t second = r["id"];
  const std::string path = "/api/v1/counters/1/tickets/" + std::to_string(second);
  EXPECT_EQ(staffPost(clerk, path + "/transfer", R"({"service":"nonsense"})")->status, 400);
  EXPECT_EQ(staffPost(clerk, path + "/transfer", R"({"service":"personal_status"})")->status, 200);
  const auto atThree = json::parse(staffGet(clerk, "/api/v1/counters/3/queue")->body);
  ASSERT_EQ(atThree["waiting"].size(), 1u);
  EXPECT_EQ(atThree["waiting"][0]["id"], second);
  const auto called = json::parse(staffPost(clerk, "/api/v1/counters/3/call-next")->body);
  EXPECT_EQ(called["id"], second);
  const std::string at3 = "/api/v1/counters/3/tickets/" + std::to_string(second);
  EXPECT_EQ(staffPost(clerk, at3 + "/transfer", R"({"counter":"2"})")->status, 200);
  EXPECT_EQ(
      json::parse(
          staffGet(clerk, "/api/v1/counters/2/queue")->body)["waiting"][0]["transferred_here"],
      true);
  EXPECT_TRUE(json::parse(staffGet(clerk, "/api/v1/counters/1/queue")->body)["waiting"].empty());
  staffPost(clerk, "/api/v1/counters/2/call-next");
  EXPECT_EQ(json::parse(staffPost(clerk, "/api/v1/counters/2/tickets/" + std::to_string(second) +
                                             "/complete")
                            ->body)["state"],
            "done");

  const std::string boss = login("boss");
  const auto trail = json::parse(
      staffGet(boss, "/api/v1/tickets/" + std::to_string(second) + "/audit")->body)["audit"];
  std::vector<std::string> actions;
  for (const auto& e : trail) {
    actions.push_back(e["action"]);
    EXPECT_EQ(e["actor"], e["action"] == "check_in" ? "kiosk-1" : "clerk");
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"check_in", "call", "transfer", "call", "transfer",
                                               "call", "complete"}));
  EXPECT_EQ(trail[2]["from_service"], "passport");
  EXPECT_EQ(trail[2]["to_service"], "personal_status");
  // The journal has each call and action by counter and staff id; log-ins name no login.
  using mikhak::test::RecordingJournal;
  const auto calls = log_.entries("call");
  ASSERT_EQ(calls.size(), 4U);
  EXPECT_EQ(RecordingJournal::field(calls[2], "COUNTER"), "3");
  EXPECT_FALSE(RecordingJournal::field(calls[2], "STAFF_ID").empty());
  const auto actionsLogged = log_.entries("ticket");
  ASSERT_FALSE(actionsLogged.empty());
  EXPECT_EQ(RecordingJournal::field(actionsLogged.back(), "ACTION"), "complete");
  EXPECT_EQ(RecordingJournal::field(actionsLogged.back(), "STATE"), "done");
  ASSERT_EQ(log_.entries("staff_login").size(), 2U);
  EXPECT_EQ(log_.allText().find("clerk"), std::string::npos);
  const auto dashboard = json::parse(staffGet(boss, "/api/v1/dashboard")->body);
  EXPECT_EQ(dashboard["day"], "2026-11-24");
  for (const auto& s : dashboard["services"]) {
    if (s["id"] == "passport") {
      EXPECT_EQ(s["no_show"], 1);
    }
    if (s["id"] == "personal_status") {
      EXPECT_EQ(s["done"], 1);  // finished under the service it was transferred to
    }
  }
}

// Reads a Server-Sent Events stream on a thread of its own, collecting events.
class EventReader {
 public:
  explicit EventReader(int port) : client_("127.0.0.1", port) {
    thread_ = std::thread([this] {
      client_.Get("/api/v1/now-serving/events", [this](const char* data, std::size_t size) {
        const std::lock_guard lock(mutex_);
        text_.append(data, size);
        return !stop_;
      });
    });
  }
  ~EventReader() {
    stop_ = true;
    client_.stop();  // closes the socket: no waiting for the next keep-alive
    thread_.join();
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;
  // Waits up to 5 s for the text to contain the needle.
  bool await(const std::string& needle) {
    for (int i = 0; i < 500; ++i) {
      {
        const std::lock_guard lock(mutex_);
        if (text_.find(needle) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

 private:
  std::mutex mutex_;
  std::string text_;
  std::atomic<bool> stop_ = false;
  httplib::Client client_;
  std::thread thread_;
};

TEST_F(QueueApi, TheDisplayStreamSendsStateThenCallsAndStateAgainOnReconnect) {
  const std::string clerk = login("clerk");
  const std::string label = checkedIn(now_);
  {
    EventReader display(port_);
    ASSERT_TRUE(display.await("event: state\ndata: {\"calls\":[]}"));
    staffPost(clerk, "/api/v1/counters/1/call-next");
    EXPECT_TRUE(display.await("event: call\ndata: "));
    EXPECT_TRUE(display.await("\"label\":\"" + label + "\""));
    EXPECT_TRUE(display.await("\"counter\":1"));
  }
  // A display that reconnects gets the current state, including the call it missed.
  EventReader again(port_);
  EXPECT_TRUE(again.await("event: state\ndata: {\"calls\":[{"));
  EXPECT_TRUE(again.await("\"label\":\"" + label + "\""));
  httplib::Client client("127.0.0.1", port_);
  EXPECT_EQ(json::parse(client.Get("/api/v1/now-serving")->body)["calls"][0]["label"], label);
}

}  // namespace
}  // namespace mikhak::server::test

namespace mikhak::server::test {
namespace {

TEST_F(QueueApi, DisplaysCannotStarveTheKiosks) {
  std::vector<std::unique_ptr<EventReader>> displays;
  for (int i = 0; i < Api::kMaxEventStreams; ++i) {
    displays.push_back(std::make_unique<EventReader>(port_));
  }
  for (auto& d : displays) ASSERT_TRUE(d->await("event: state"));
  // One display too many is turned away, and kiosks and staff are still served.
  httplib::Client client("127.0.0.1", port_);
  const auto refused = client.Get("/api/v1/now-serving/events");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  const auto code = book(now_);
  client.set_read_timeout(5);
  EXPECT_EQ(checkIn("while-busy", code.digits())->status, 201);
  const std::string clerk = login("clerk");
  EXPECT_EQ(staffPost(clerk, "/api/v1/counters/1/call-next")->status, 200);
  for (auto& d : displays) EXPECT_TRUE(d->await("event: call"));
  // Once the displays leave, their slots come back within a keep-alive or two.
  displays.clear();
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    httplib::Client probe("127.0.0.1", port_);
    probe.Get(
        "/api/v1/now-serving/events",
        [&](const httplib::Response& r) {
          status = r.status;
          return false;
        },
        [](const char*, std::size_t) { return true; });
  }
  EXPECT_EQ(status, 200);
}

TEST_F(QueueApi, ARestartedServerPutsTheLatestCallsBackOnTheDisplay) {
  const std::string clerk = login("clerk");
  const auto first = checkedIn(now_);
  const auto second = checkedIn(now_ + kMinute);
  staffPost(clerk, "/api/v1/counters/1/call-next");
  now_ += 30;
  staffPost(clerk, "/api/v1/counters/2/call-next");
  NowServingHub freshHub;
  QueueService restarted(*store_, freshHub, checkIn_->zoneClock(), [this] {
    return std::chrono::sys_seconds(std::chrono::seconds(now_.load()));
  });
  restarted.restoreRecentCalls();
  const auto calls = freshHub.snapshot().first;
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].label, second);  // newest first
  EXPECT_EQ(calls[0].counter, 2);
  EXPECT_EQ(calls[1].label, first);
}

TEST_F(QueueApi, StaffSeeTheServicesAndTheCurrentTicketInFull) {
  const std::string clerk = login("clerk");
  EXPECT_EQ(staffGet(clerk, "/api/v1/services")->status, 200);
  checkedIn(now_, "passport", kPriorityElderly);
  staffPost(clerk, "/api/v1/counters/1/call-next");
  const json current = json::parse(staffGet(clerk, "/api/v1/counters/1/queue")->body)["current"];
  EXPECT_EQ(current["service_id"], "passport");
  EXPECT_EQ(current["elderly"], true);
  EXPECT_EQ(current["number"], 1);
  EXPECT_EQ(current["recalls_before_no_show"], 2);
  EXPECT_FALSE(current["letter_fa"].get<std::string>().empty());
}

// The kiosk reports whether each ticket reached paper; staff see the ones that did not (the
// applicant saw the number on screen and may be waiting without a slip), and a reprint that
// worked clears it. Every report is in the ticket's audit trail as the kiosk's.
TEST_F(QueueApi, StaffSeeTicketsThatDidNotPrint) {
  const auto code = book(now_ + 10 * kMinute);
  const auto r = checkIn("req-print", code.digits());
  ASSERT_EQ(r->status, 201);
  const std::int64_t id = json::parse(r->body)["ticket"]["id"];
  const std::string path = "/api/v1/tickets/" + std::to_string(id) + "/print-result";
  const std::string clerk = login("clerk");
  const auto printedFlag = [&] {
    return json::parse(staffGet(clerk, "/api/v1/counters/1/queue")->body)["waiting"][0]["printed"];
  };
  EXPECT_TRUE(printedFlag().is_null());  // not reported yet
  EXPECT_EQ(post(path, R"({"printed":false})")->status, 204);
  EXPECT_EQ(printedFlag(), false);
  EXPECT_EQ(post(path, R"({"printed":true})")->status, 204);
  EXPECT_EQ(printedFlag(), true);
  const json audit = json::parse(
      staffGet(login("boss"), "/api/v1/tickets/" + std::to_string(id) + "/audit")->body);
  std::vector<std::string> actions;
  for (const auto& e : audit["audit"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"check_in", "print_failed", "printed"}));

  EXPECT_EQ(post(path, R"({"printed":"yes"})")->status, 400);
  EXPECT_EQ(post(path, R"({"printed":true,"extra":1})")->status, 400);
  EXPECT_EQ(post(path, "not json")->status, 400);
  EXPECT_EQ(post("/api/v1/tickets/999999/print-result", R"({"printed":true})")->status, 404);
  EXPECT_EQ(post(path, R"({"printed":true})", "forged-token")->status, 401);

  // A ticket that did not print is a warning in the journal; one that did is not.
  const auto results = log_.entries("print_result");
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[0].priority, base::LogPriority::Warning);
  EXPECT_EQ(mikhak::test::RecordingJournal::field(results[0], "PRINTED"), "0");
  EXPECT_EQ(mikhak::test::RecordingJournal::field(results[0], "TICKET_ID"), std::to_string(id));
  EXPECT_EQ(results[1].priority, base::LogPriority::Info);
}

}  // namespace
}  // namespace mikhak::server::test
