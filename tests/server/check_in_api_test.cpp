// Check-in over real HTTP on loopback against a real SQLite file.
#include <nlohmann/json.hpp>

#include "server_fixture.hpp"

namespace mikhak::server::test {
namespace {

using nlohmann::json;

class CheckInApi : public ServerFixture {};

json body(const httplib::Result& result) { return json::parse(result->body); }

TEST_F(CheckInApi, OneRoundTripGivesTheTicketAndTheOriginals) {
  const auto start = now_ + 20 * kMinute;
  const auto code = book(start);
  const auto result = checkIn("req-1", code.digits());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 201) << result->body;
  const json j = body(result);
  EXPECT_EQ(j["status"], "checked_in");
  EXPECT_EQ(j["ticket"]["label"], "P-001");
  EXPECT_EQ(j["ticket"]["number"], 1);
  EXPECT_EQ(j["applicant"]["display_name_en"], "Maryam R.");
  EXPECT_EQ(j["applicant"]["display_name_fa"], "مریم ر.");
  EXPECT_EQ(j["service"]["id"], "passport");
  EXPECT_EQ(j["appointment"]["time"], "10:20");
  EXPECT_EQ(j["appointment"]["day"], "2026-11-24");
  EXPECT_EQ(j["people_ahead"], 0);
  EXPECT_EQ(j["estimated_wait_minutes"], 0);
  ASSERT_GE(j["originals"].size(), 2u);
  EXPECT_EQ(j["originals"].back()["en"], "Court order (original)");  // the appointment's extra
  // Privacy: the national ID and the full family name never reach a kiosk.
  EXPECT_EQ(result->body.find("0012345678"), std::string::npos);
  EXPECT_EQ(result->body.find("Rezaei"), std::string::npos);
}

TEST_F(CheckInApi, SignedQrPayloadAndPersianDigitsAreAccepted) {
  const auto start = now_ + 10 * kMinute;
  const auto qr = book(start);
  EXPECT_EQ(checkIn("a", payloadFor(qr, start) + "\r\n")->status, 201);
  const auto typed = book(start);
  std::string persian;
  for (const char c : typed.grouped()) {
    persian +=
        c == ' ' ? std::string(" ") : std::string("\xDB") + static_cast<char>('\xB0' + (c - '0'));
  }
  const auto result = checkIn("b", persian);
  EXPECT_EQ(result->status, 201) << persian << " " << result->body;
  EXPECT_EQ(body(result)["ticket"]["label"], "P-002");
}

TEST_F(CheckInApi, ARetryNeverMakesASecondTicket) {
  const auto code = book(now_);
  const auto first = checkIn("retry-me", code.digits());
  const auto again = checkIn("retry-me", code.digits());
  ASSERT_EQ(first->status, 201);
  ASSERT_EQ(again->status, 201);
  EXPECT_EQ(body(first)["ticket"], body(again)["ticket"]);
  EXPECT_EQ(body(again)["ticket"]["reprints"], 0);
  EXPECT_EQ(ticketCount(), 1);
}

TEST_F(CheckInApi, ComingBackGivesTheSameTicketAndCountsReprints) {
  const auto code = book(now_);
  ASSERT_EQ(checkIn("first", code.digits())->status, 201);
  const auto second = checkIn("second", code.digits());
  const auto third = checkIn("third", code.digits());
  ASSERT_EQ(second->status, 200);
  EXPECT_EQ(body(second)["status"], "already_checked_in");
  EXPECT_EQ(body(second)["ticket"]["label"], "P-001");
  EXPECT_EQ(body(second)["ticket"]["reprints"], 1);
  EXPECT_EQ(body(third)["ticket"]["reprints"], 2);
  EXPECT_EQ(ticketCount(), 1);
}

TEST_F(CheckInApi, NumbersRunPerServiceAndPeopleAheadFollowThePolicy) {
  const auto a = book(now_ + 30 * kMinute);
  const auto b = book(now_ + 10 * kMinute);
  const auto c = book(now_ + 10 * kMinute, "power_of_attorney");
  const auto ra = body(checkIn("a", a.digits()));
  const auto rb = body(checkIn("b", b.digits()));
  const auto rc = body(checkIn("c", c.digits()));
  EXPECT_EQ(ra["ticket"]["number"], 1);
  EXPECT_EQ(rb["ticket"]["number"], 2);
  EXPECT_EQ(rc["ticket"]["number"], 1);
  EXPECT_EQ(ra["people_ahead"], 0);
  EXPECT_EQ(rb["people_ahead"], 0);  // an earlier appointment goes first, whatever the arrival
  EXPECT_EQ(rc["people_ahead"], 0);
  // Asked again, the first arrival now has the earlier appointment ahead of it.
  EXPECT_EQ(body(checkIn("a2", a.digits()))["people_ahead"], 1);
}

struct Refused {
  std::string name;
  int status;
  std::string code;
};

TEST_F(CheckInApi, EveryRuleHasItsErrorCode) {
  const auto good = book(now_ + 30 * kMinute);
  std::string typo = good.digits();
  typo[3] = typo[3] == '9' ? '0' : static_cast<char>(typo[3] + 1);
  std::string forged = payloadFor(good, now_ + 30 * kMinute);
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  const auto cancelled = book(now_, "passport", AppointmentStatus::Cancelled);
  const auto tomorrow = book(now_ + 24 * 60 * kMinute);
  const auto elsewhere = book(now_, "passport", AppointmentStatus::Booked, "LON");
  // Booked at another consulate: the appointment row says so.
  store_->saveConsulate({"DXB", "دبی", "Dubai", "Asia/Dubai"});
  const auto dubai = book(now_, "passport", AppointmentStatus::Booked, "DXB");
  const auto early = book(now_ + 61 * kMinute);
  const auto late = book(now_ - 16 * kMinute);
  const auto unknown = domain::TrackingCode::generate();
  (void)elsewhere;

  const std::vector<std::pair<std::string, Refused>> cases{
      {typo, {"typo", 422, "bad_check_digit"}},
      {forged, {"forged", 422, "forged"}},
      {"hello", {"malformed", 400, "malformed_code"}},
      {"4006381333931", {"ean13", 400, "malformed_code"}},
      {unknown.digits(), {"unknown", 404, "unknown_code"}},
      {cancelled.digits(), {"cancelled", 409, "cancelled"}},
      {tomorrow.digits(), {"tomorrow", 409, "other_day"}},
      {dubai.digits(), {"dubai", 409, "other_consulate"}},
      {early.digits(), {"early", 409, "too_early"}},
      {late.digits(), {"late", 409, "too_late"}},
  };
  int n = 0;
  for (const auto& [code, expected] : cases) {
    const auto result = checkIn("r" + std::to_string(n++), code);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, expected.status) << expected.name << ": " << result->body;
    const json j = body(result);
    EXPECT_EQ(j["error"]["code"], expected.code) << expected.name;
    EXPECT_FALSE(j["error"]["message_fa"].get<std::string>().empty());
    EXPECT_FALSE(j["error"]["message_en"].get<std::string>().empty());
    if (expected.code == "too_early") {
      EXPECT_EQ(j["error"]["opens_at"], "10:01");
    }
    if (expected.code == "other_day") {
      EXPECT_EQ(j["error"]["appointment_day"], "2026-11-25");
    }
  }
  EXPECT_EQ(ticketCount(), 0);
}

// The journal says what happened at which kiosk, with the ticket and the reason, and nothing that
// names the applicant: no code, no national ID, no name.
TEST_F(CheckInApi, TheJournalRecordsEachCheckInWithoutPersonalData) {
  const auto code = book(now_ + 10 * kMinute);
  ASSERT_EQ(checkIn("j-1", code.digits())->status, 201);
  ASSERT_EQ(checkIn("j-2", code.digits())->status, 200);
  const auto early = book(now_ + 3 * 60 * kMinute);
  ASSERT_EQ(checkIn("j-3", early.digits())->status, 409);
  ASSERT_EQ(post("/api/v1/check-ins", R"({"request_id":"j-4","code":"1"})", "forged")->status, 401);

  const auto checkIns = log_.entries("check_in");
  ASSERT_EQ(checkIns.size(), 3U);
  using mikhak::test::RecordingJournal;
  EXPECT_EQ(RecordingJournal::field(checkIns[0], "OUTCOME"), "checked_in");
  EXPECT_EQ(RecordingJournal::field(checkIns[0], "TICKET"), "P-001");
  EXPECT_EQ(RecordingJournal::field(checkIns[0], "SERVICE"), "passport");
  EXPECT_EQ(RecordingJournal::field(checkIns[0], "KIOSK"), "kiosk-1");
  EXPECT_EQ(checkIns[0].priority, base::LogPriority::Info);
  EXPECT_EQ(RecordingJournal::field(checkIns[1], "OUTCOME"), "already_checked_in");
  EXPECT_EQ(RecordingJournal::field(checkIns[2], "OUTCOME"), "refused");
  EXPECT_EQ(RecordingJournal::field(checkIns[2], "REASON"), "too_early");
  const auto refusedToken = log_.entries("kiosk_refused");
  ASSERT_EQ(refusedToken.size(), 1U);
  EXPECT_EQ(refusedToken[0].priority, base::LogPriority::Warning);

  const std::string text = log_.allText();
  for (const std::string& secret :
       {code.digits(), early.digits(), std::string("0012345678"), std::string("Rezaei"),
        std::string("رضایی"), std::string("Maryam"), std::string("forged")}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in\n" << text;
  }
}

TEST_F(CheckInApi, BadInputIsA4xxAndWritesNothing) {
  const auto code = book(now_);
  const std::string valid = json{{"request_id", "x"}, {"code", code.digits()}}.dump();
  struct Case {
    std::string name;
    std::string body;
    std::string token;
    int status;
  };
  const std::vector<Case> cases{
      {"not json", "{\"request_id\": ", std::string(kToken), 400},
      {"array", "[1,2]", std::string(kToken), 400},
      {"wrong type", R"({"request_id": 5, "code": "1"})", std::string(kToken), 400},
      {"missing", R"({"request_id": "a"})", std::string(kToken), 400},
      {"unknown field", R"({"request_id": "a", "code": "1", "admin": true})", std::string(kToken),
       400},
      {"empty id", R"({"request_id": "", "code": "1"})", std::string(kToken), 400},
      {"injection id", R"({"request_id": "x'); DROP TABLE ticket;--", "code": "1"})",
       std::string(kToken), 400},
      {"injection code", R"({"request_id": "q", "code": "1' OR '1'='1"})", std::string(kToken),
       400},
      {"huge code", json{{"request_id", "h"}, {"code", std::string(600, '1')}}.dump(),
       std::string(kToken), 400},
      {"oversized", std::string(Api::kMaxBodyBytes + 10, ' '), std::string(kToken), 413},
      {"no token", valid, "", 401},
      {"forged token", valid, "not-a-real-token", 401},
      {"revoked kiosk", valid, "revoked-token", 401},
      {"nul bytes", std::string("{\"request_id\":\"a\",\"code\":\"1\0\"}", 29), std::string(kToken),
       400},
  };
  for (const auto& c : cases) {
    const auto result = post("/api/v1/check-ins", c.body, c.token);
    ASSERT_TRUE(result) << c.name;
    EXPECT_EQ(result->status, c.status) << c.name << ": " << result->body;
    EXPECT_TRUE(json::accept(result->body)) << c.name;
  }
  EXPECT_EQ(ticketCount(), 0);
  EXPECT_EQ(checkIn("after", code.digits())->status, 201);  // and the server still works
}

TEST_F(CheckInApi, ConcurrentCheckInsGetDistinctNumbers) {
  std::vector<std::string> codes;
  for (int i = 0; i < 40; ++i) codes.push_back(book(now_ + i * kMinute / 4).digits());
  std::vector<std::thread> threads;
  std::vector<int> numbers(codes.size());
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < codes.size(); i += 4) {
        const auto result = checkIn("c" + std::to_string(i), codes[i]);
        numbers[i] =
            result && result->status == 201 ? body(result)["ticket"]["number"].get<int>() : -1;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(numbers.begin(), numbers.end());
  for (std::size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], static_cast<int>(i) + 1);
}

TEST_F(CheckInApi, HealthAndServices) {
  httplib::Client client("127.0.0.1", port_);
  const auto health = client.Get("/api/v1/health");
  ASSERT_EQ(health->status, 200);
  EXPECT_EQ(body(health)["consulate"], "LON");
  EXPECT_EQ(body(health)["now"], now_.load());  // the server's clock, for mikhakctl doctor
  EXPECT_EQ(client.Get("/api/v1/services")->status, 401);
  const auto services =
      client.Get("/api/v1/services", {{"Authorization", "Bearer " + std::string(kToken)}});
  ASSERT_EQ(services->status, 200);
  EXPECT_EQ(body(services)["services"].size(), 9u);
  EXPECT_EQ(body(services)["consulate"]["name_fa"], "سرکنسولگری لندن");
  EXPECT_EQ(body(services)["consulate"]["time_zone"], "Europe/London");
  EXPECT_EQ(client.Get("/nowhere")->status, 404);
  EXPECT_TRUE(json::accept(client.Get("/nowhere")->body));
}

class LateAdmission : public ServerFixture {
  CheckInWindow window() const override {
    return {std::chrono::minutes(60), std::chrono::minutes(15), LatePolicy::AdmitLowPriority};
  }
};

TEST_F(LateAdmission, ALateArrivalQueuesAsIfBookedForItsArrival) {
  const auto late = book(now_ - 40 * kMinute);   // 09:20, arrives 10:00
  const auto onTime = book(now_ - 5 * kMinute);  // 09:55
  const auto later = book(now_ + 5 * kMinute);   // 10:05
  EXPECT_EQ(body(checkIn("l", late.digits()))["ticket"]["late"], true);
  EXPECT_EQ(body(checkIn("o", onTime.digits()))["people_ahead"], 0);
  EXPECT_EQ(body(checkIn("n", later.digits()))["people_ahead"], 2);
  EXPECT_EQ(body(checkIn("l2", late.digits()))["people_ahead"], 1);  // behind 09:55 only
}

}  // namespace
}  // namespace mikhak::server::test
