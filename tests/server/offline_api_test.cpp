// The kiosk's offline support over real HTTP: the signed day manifest, ticket blocks, syncing
// check-ins made offline, heartbeats, and enrolling and revoking kiosks.
#include <nlohmann/json.hpp>

#include "server_fixture.hpp"
#include "staff_auth.hpp"

namespace mikhak::server::test {
namespace {

using nlohmann::json;

class OfflineApi : public ServerFixture {
 protected:
  json get(const std::string& path, std::string_view token = kToken) {
    httplib::Client client("127.0.0.1", port_);
    const auto r = client.Get(path, {{"Authorization", "Bearer " + std::string(token)}});
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    return json::parse(r->body);
  }
  json manifest() {
    const json reply = get("/api/v1/manifest");
    const auto signature = domain::base64UrlDecode(reply["signature"].get<std::string>());
    EXPECT_TRUE(signature);
    domain::Signature bytes{};
    std::copy(signature->begin(), signature->end(), bytes.begin());
    EXPECT_TRUE(verify_->verify(reply["manifest"].get<std::string>(), bytes));
    return json::parse(reply["manifest"].get<std::string>());
  }
  httplib::Result sync(const json& checkIns) {
    return post("/api/v1/sync", json{{"check_ins", checkIns}}.dump());
  }
  static json entry(const std::string& id, const std::string& code, int number, std::int64_t at,
                    const std::string& service = "passport") {
    return {{"request_id", id},
            {"code", code},
            {"service", service},
            {"number", number},
            {"checked_in_at", at}};
  }
};

TEST_F(OfflineApi, TheManifestIsSignedAndHoldsOnlyWhatAKioskMayKnow) {
  const auto today = book(now_ + 30 * kMinute);
  const auto tomorrow = book(now_ + 24 * 60 * kMinute);
  const json m = manifest();
  EXPECT_EQ(m["day"], "2026-11-24");
  EXPECT_EQ(m["consulate"], "LON");
  EXPECT_EQ(m["services"].size(), 9u);
  ASSERT_EQ(m["appointments"].size(), 1u);
  const json& a = m["appointments"][0];
  EXPECT_EQ(a["display_name_en"], "Maryam R.");
  EXPECT_EQ(a["code_sha256"], tokenHash(m["code_salt"].get<std::string>() + today.digits()));
  const std::string text = m.dump();
  EXPECT_EQ(text.find(today.digits()), std::string::npos);  // codes only as hashes
  EXPECT_EQ(text.find("0012345678"), std::string::npos);    // no national ID
  EXPECT_EQ(text.find("Rezaei"), std::string::npos);        // no family name
  EXPECT_EQ(text.find(tomorrow.digits()), std::string::npos);
  for (const auto& block : m["blocks"]) {
    EXPECT_EQ(block["last"].get<int>() - block["first"].get<int>() + 1, OfflineService::kBlockSize);
  }
  EXPECT_EQ(manifest()["blocks"], m["blocks"]);  // fetched again: the same blocks
}

TEST_F(OfflineApi, OfflineCheckInsSyncOnceAndNeverCollideWithOnlineNumbers) {
  const json m = manifest();
  int first = 0;
  for (const auto& block : m["blocks"]) {
    if (block["service"] == "passport") first = block["first"];
  }
  ASSERT_EQ(first, 1);
  const auto a = book(now_ + 5 * kMinute);
  const auto b = book(now_ + 10 * kMinute);
  const auto c = book(now_ + 15 * kMinute);
  const auto cancelled = book(now_, "passport", AppointmentStatus::Cancelled);
  const auto online = book(now_);
  // Online, while the kiosk's block is out: the server's number comes after the block.
  const auto onlineTicket = json::parse(checkIn("online", online.digits())->body);
  EXPECT_EQ(onlineTicket["ticket"]["number"], first + OfflineService::kBlockSize);

  const json batch =
      json::array({entry("off-1", a.digits(), first, now_ - 300),
                   entry("off-2", b.digits(), first + 1, now_ - 200),
                   entry("off-3", c.digits(), first + 2, now_ - 100),
                   entry("off-4", cancelled.digits(), first + 3, now_ - 50),
                   entry("off-5", domain::TrackingCode::generate().digits(), first + 4, now_),
                   entry("off-6", online.digits(), first + 5, now_),
                   entry("off-7", a.digits(), first + OfflineService::kBlockSize, now_)});
  const auto r = sync(batch);
  ASSERT_EQ(r->status, 200) << r->body;
  const json results = json::parse(r->body)["results"];
  ASSERT_EQ(results.size(), 7u);
  EXPECT_EQ(results[0]["status"], "recorded");
  EXPECT_EQ(results[0]["ticket"]["label"], "P-001");
  EXPECT_EQ(results[1]["status"], "recorded");
  EXPECT_EQ(results[2]["status"], "recorded");
  EXPECT_EQ(results[3]["error"], "cancelled");
  EXPECT_EQ(results[4]["error"], "unknown_code");
  EXPECT_EQ(results[5]["status"], "conflict");  // checked in online first: that ticket stands
  EXPECT_EQ(results[5]["ticket"]["number"], onlineTicket["ticket"]["number"]);
  EXPECT_EQ(results[6]["status"], "conflict");  // a's second check-in: the first ticket stands
  EXPECT_EQ(ticketCount(), 4);

  // The kiosk sends its outbox again after a lost answer: nothing new.
  const json again = json::parse(sync(batch)->body)["results"];
  EXPECT_EQ(again[0]["status"], "duplicate");
  EXPECT_EQ(again[0]["ticket"]["number"], first);
  EXPECT_EQ(ticketCount(), 4);
}

TEST_F(OfflineApi, NumbersOutsideTheBlockAndOtherDaysAreRefused) {
  manifest();
  const auto a = book(now_);
  const auto b = book(now_);
  const json results = json::parse(sync(json::array({entry("x1", a.digits(), 500, now_),
                                                     entry("x2", b.digits(), 1, now_ - 24 * 3600)}))
                                       ->body)["results"];
  EXPECT_EQ(results[0]["error"], "outside_block");
  EXPECT_EQ(results[1]["error"], "outside_block");  // yesterday: no block that day
  EXPECT_EQ(ticketCount(), 0);
}

TEST_F(OfflineApi, BadSyncBodies) {
  for (
      const std::string& body :
      {std::string("{}"), std::string(R"({"check_ins": {}})"),
       std::string(R"({"check_ins": [{"request_id": "a"}]})"),
       std::string(
           R"({"check_ins": [{"request_id":"a","code":"1","service":"p","number":"1","checked_in_at":1}]})"),
       std::string(R"({"check_ins": [], "extra": 1})")}) {
    EXPECT_EQ(post("/api/v1/sync", body)->status, 400) << body;
  }
  EXPECT_EQ(post("/api/v1/sync", "{\"check_ins\":[]}", "wrong-token")->status, 401);
}

TEST_F(OfflineApi, HeartbeatsShowOnTheSupervisorsDashboard) {
  const json good = {{"version", "0.1.0"},
                     {"printer", "paper_out"},
                     {"scanner", "ok"},
                     {"manifest_age_seconds", 30},
                     {"outbox_depth", 2}};
  EXPECT_EQ(post("/api/v1/heartbeat", good.dump())->status, 204);
  json bad = good;
  bad["printer"] = "on fire";
  EXPECT_EQ(post("/api/v1/heartbeat", bad.dump())->status, 400);
  bad = good;
  bad["outbox_depth"] = -1;
  EXPECT_EQ(post("/api/v1/heartbeat", bad.dump())->status, 400);

  StaffMember boss{0, "boss", "Boss", Role::Supervisor, hashPassword("pw-boss")};
  ASSERT_TRUE(store_->addStaff(boss));
  httplib::Client client("127.0.0.1", port_);
  const auto login = client.Post("/api/v1/staff/login", R"({"login":"boss","password":"pw-boss"})",
                                 "application/json");
  const std::string cookie = login->get_header_value("Set-Cookie")
                                 .substr(0, login->get_header_value("Set-Cookie").find(';'));
  const json dashboard = json::parse(client.Get("/api/v1/dashboard", {{"Cookie", cookie}})->body);
  bool seen = false;
  for (const auto& k : dashboard["kiosks"]) {
    if (k["id"] == "kiosk-1") {
      seen = true;
      EXPECT_EQ(k["status"]["printer"], "paper_out");
      EXPECT_EQ(k["alert"], true);
      EXPECT_EQ(k["alert_reasons"], json::array({"printer"}));
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(OfflineApi, EnrolAKioskWithAOneTimeCodeAndRevokeIt) {
  StaffMember tech{0, "tech", "Tech", Role::Technician, hashPassword("pw-tech")};
  ASSERT_TRUE(store_->addStaff(tech));
  httplib::Client client("127.0.0.1", port_);
  const auto login = client.Post("/api/v1/staff/login", R"({"login":"tech","password":"pw-tech"})",
                                 "application/json");
  const std::string setCookie = login->get_header_value("Set-Cookie");
  const httplib::Headers staff{{"Cookie", setCookie.substr(0, setCookie.find(';'))}};
  const auto made = client.Post("/api/v1/kiosks/enrolment-codes", staff, R"({"name":"Hall, left"})",
                                "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  std::string code = json::parse(made->body)["code"];
  ASSERT_EQ(code.size(), 9u);  // ABCD-EFGH
  std::string typed = code;
  std::erase(typed, '-');
  std::transform(typed.begin(), typed.end(), typed.begin(), ::tolower);  // typed carelessly
  const auto enrolled =
      client.Post("/api/v1/kiosks/enrol", json{{"code", typed}}.dump(), "application/json");
  ASSERT_EQ(enrolled->status, 201) << enrolled->body;
  const json kiosk = json::parse(enrolled->body);
  EXPECT_EQ(kiosk["name"], "Hall, left");
  EXPECT_NE(kiosk["public_key_pem"].get<std::string>().find("BEGIN PUBLIC KEY"), std::string::npos);
  const std::string token = kiosk["token"];
  EXPECT_EQ(client.Get("/api/v1/services", {{"Authorization", "Bearer " + token}})->status, 200);
  EXPECT_EQ(
      client.Post("/api/v1/kiosks/enrol", json{{"code", code}}.dump(), "application/json")->status,
      401);  // used up
  EXPECT_EQ(client
                .Post("/api/v1/kiosks/" + kiosk["kiosk_id"].get<std::string>() + "/revoke", staff,
                      "{}", "application/json")
                ->status,
            200);
  EXPECT_EQ(client.Get("/api/v1/services", {{"Authorization", "Bearer " + token}})->status, 401);
  EXPECT_EQ(client.Post("/api/v1/kiosks/nope/revoke", staff, "{}", "application/json")->status,
            404);
  // The technicians' record: who let the kiosk in, who shut it out, and when.
  const json list = json::parse(client.Get("/api/v1/kiosks", staff)->body);
  bool found = false;
  for (const auto& k : list["kiosks"]) {
    if (k["id"] != kiosk["kiosk_id"]) continue;
    found = true;
    EXPECT_EQ(k["revoked"], true);
    EXPECT_EQ(k["enrolled_by"], "tech");
    EXPECT_EQ(k["revoked_by"], "tech");
    EXPECT_GT(k["enrolled_at"].get<std::int64_t>(), 0);
    EXPECT_GE(k["revoked_at"].get<std::int64_t>(), k["enrolled_at"].get<std::int64_t>());
    EXPECT_EQ(k["alert"], false);  // a revoked kiosk is not a kiosk in trouble
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace mikhak::server::test
