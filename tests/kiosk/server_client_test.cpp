// The kiosk's server client against the real mikhak-server (its demo day) over loopback, and
// against a server that is gone or never answers.
#include "server_client.hpp"

#include <gtest/gtest.h>

#include <future>
#include <nlohmann/json.hpp>
#include <regex>

#include "demo_server.hpp"
#include "mikhak/domain/tracking_code.hpp"
#include "mikhak/text/digits.hpp"
#include "silent_listener.hpp"

namespace mikhak::kiosk {
namespace {

using mikhak::test::DemoCode;
using mikhak::test::DemoServer;
using mikhak::test::SilentListener;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Generous: a deadline for answers that come in milliseconds, not a measurement.
constexpr milliseconds kAnswerDeadline{15'000};

ServerClientOptions optionsFor(const DemoServer& server) {
  ServerClientOptions options;
  options.baseUrl = server.baseUrl();
  options.token = server.kioskToken();
  return options;
}

ServerReply exchange(ServerClient& client, ServerRequest request) {
  EXPECT_TRUE(client.submit(std::move(request)));
  auto reply = client.waitReply(kAnswerDeadline);
  if (!reply) {
    ADD_FAILURE() << "no reply";
    return {};
  }
  return std::move(*reply);
}

const CheckInAccepted* acceptedIn(const ServerReply& reply) {
  const auto* answer = std::get_if<CheckInAnswer>(&reply.payload);
  return answer ? std::get_if<CheckInAccepted>(answer) : nullptr;
}

CheckInRefusal refusalIn(const ServerReply& reply) {
  const auto* answer = std::get_if<CheckInAnswer>(&reply.payload);
  const auto* refusal = answer ? std::get_if<CheckInRefusal>(answer) : nullptr;
  return refusal ? *refusal : CheckInRefusal{"(none)", {}, {}, {}};
}

// A national ID is ten digits; nothing a kiosk receives has a run of ten.
bool holdsTenDigits(std::string_view text) {
  static const std::regex kTen("[0-9]{10}");
  return std::regex_search(text.begin(), text.end(), kTen);
}

std::string minutesEarlier(const std::string& hoursMinutes, int minutes) {
  const int total =
      std::stoi(hoursMinutes.substr(0, 2)) * 60 + std::stoi(hoursMinutes.substr(3)) - minutes;
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", total / 60, total % 60);
  return text;
}

// One demo server for the tests that only read or use codes of their own.
class ServerClientDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new DemoServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static DemoServer& server() { return *server_; }
  static DemoCode code(std::string_view kind, std::size_t index) {
    const auto codes = server_->codes(kind);
    if (index >= codes.size()) {
      ADD_FAILURE() << "the demo printed no " << index + 1 << " '" << kind << "' codes:\n"
                    << server_->log();
      return {};
    }
    return codes[index];
  }

 private:
  static inline DemoServer* server_ = nullptr;  // NOLINT: shared by the suite, made once
};

TEST_F(ServerClientDemo, AnOpenCodeGetsATicketWithEveryFieldFilled) {
  const DemoCode open = code("open now", 0);
  ServerClient client(optionsFor(server()));
  const ServerReply reply = exchange(client, CheckInRequest{"t-open-1", open.code});
  ASSERT_EQ(reply.status, ReplyStatus::Answered) << reply.problem;
  EXPECT_EQ(reply.httpStatus, 201);
  EXPECT_TRUE(reply.ok());
  const CheckInAccepted* accepted = acceptedIn(reply);
  ASSERT_NE(accepted, nullptr) << refusalIn(reply).code;
  EXPECT_FALSE(accepted->alreadyCheckedIn);
  const TicketInfo& t = accepted->ticket;
  EXPECT_GT(t.ticketId, 0);
  EXPECT_TRUE(std::regex_match(t.label, std::regex("[A-Z]-[0-9]{3}"))) << t.label;
  // The Persian label ends in the same number in Persian digits: "پ-۰۰۱" for "P-001".
  EXPECT_TRUE(t.labelFa.ends_with(text::localizeDigits(t.label.substr(1), Language::Persian)))
      << t.labelFa;
  EXPECT_FALSE(t.displayNameFa.empty());
  EXPECT_FALSE(t.displayNameEn.empty());
  EXPECT_FALSE(t.serviceFa.empty());
  EXPECT_FALSE(t.serviceEn.empty());
  EXPECT_EQ(t.appointmentTime, open.time);
  EXPECT_TRUE(std::regex_match(t.appointmentDay, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
  EXPECT_FALSE(t.originals.empty());
  EXPECT_GE(t.peopleAhead, 0);
  EXPECT_GE(t.estimatedWaitMinutes, 0);
  for (const std::string* field : {&t.displayNameFa, &t.displayNameEn, &t.label, &t.labelFa}) {
    EXPECT_FALSE(holdsTenDigits(*field)) << *field;
  }

  const auto event = checkInEvent(reply);
  ASSERT_TRUE(event);
  ASSERT_TRUE(std::holds_alternative<CheckInAnswered>(*event));
  EXPECT_EQ(std::get<CheckInAnswered>(*event).requestId, "t-open-1");
  EXPECT_TRUE(client.reachable());
  EXPECT_FALSE(client.tokenRefused());
  EXPECT_TRUE(client.lastAnswerAt());
}

TEST_F(ServerClientDemo, ARetryGetsTheSameTicketAndAnotherRequestIsAlreadyCheckedIn) {
  const DemoCode open = code("open now", 1);
  ServerClient client(optionsFor(server()));
  const ServerReply first = exchange(client, CheckInRequest{"t-retry-1", open.code});
  ASSERT_NE(acceptedIn(first), nullptr) << first.problem << refusalIn(first).code;
  const std::int64_t ticket = acceptedIn(first)->ticket.ticketId;

  // The same request id (the flow's retry after a network failure): the same answer.
  const ServerReply retry = exchange(client, CheckInRequest{"t-retry-1", open.code});
  ASSERT_NE(acceptedIn(retry), nullptr);
  EXPECT_EQ(retry.httpStatus, 201);
  EXPECT_FALSE(acceptedIn(retry)->alreadyCheckedIn);
  EXPECT_EQ(acceptedIn(retry)->ticket, acceptedIn(first)->ticket);

  // The applicant scans again later: a new request, the same ticket, offered for a reprint.
  const ServerReply again = exchange(client, CheckInRequest{"t-retry-2", open.code});
  ASSERT_NE(acceptedIn(again), nullptr);
  EXPECT_EQ(again.httpStatus, 200);
  EXPECT_TRUE(acceptedIn(again)->alreadyCheckedIn);
  EXPECT_EQ(acceptedIn(again)->ticket.ticketId, ticket);
}

TEST_F(ServerClientDemo, TheCheckInAnswerHoldsNoNationalId) {
  // The raw body, as it crosses the network (the client keeps only the parsed fields).
  const DemoCode open = code("open now", 2);
  httplib::Client http = server().client();
  const auto answer =
      http.Post("/api/v1/check-ins", {{"Authorization", "Bearer " + server().kioskToken()}},
                json{{"request_id", "t-raw-1"}, {"code", open.code}}.dump(), "application/json");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 201) << answer->body;
  EXPECT_FALSE(holdsTenDigits(answer->body)) << answer->body;
  EXPECT_EQ(answer->body.find(open.code), std::string::npos);
}

TEST_F(ServerClientDemo, OtherDaySaysWhichDay) {
  const DemoCode tomorrow = code("tomorrow", 0);
  ServerClient client(optionsFor(server()));
  const ServerReply reply = exchange(client, CheckInRequest{"t-tomorrow-1", tomorrow.code});
  EXPECT_EQ(reply.status, ReplyStatus::Answered);
  EXPECT_EQ(reply.httpStatus, 409);
  EXPECT_EQ(reply.errorCode, "other_day");
  const CheckInRefusal refusal = refusalIn(reply);
  EXPECT_EQ(refusal.code, "other_day");
  EXPECT_EQ(refusal.appointmentTime, tomorrow.time);
  EXPECT_TRUE(std::regex_match(refusal.appointmentDay, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
  const auto event = checkInEvent(reply);
  ASSERT_TRUE(event && std::holds_alternative<CheckInAnswered>(*event));
  EXPECT_EQ(reasonForCode(refusal.code), RefusalReason::OtherDay);
}

TEST_F(ServerClientDemo, CancelledUnknownAndMistypedCodesAreRefusedWithTheirCodes) {
  ServerClient client(optionsFor(server()));
  EXPECT_EQ(
      refusalIn(exchange(client, CheckInRequest{"t-cancel-1", code("cancelled", 0).code})).code,
      "cancelled");
  const ServerReply unknown =
      exchange(client, CheckInRequest{"t-unknown-1", domain::TrackingCode::generate().digits()});
  EXPECT_EQ(unknown.httpStatus, 404);
  EXPECT_EQ(refusalIn(unknown).code, "unknown_code");
  std::string typo = code("open now", 0).code;
  typo.back() = typo.back() == '9' ? '0' : static_cast<char>(typo.back() + 1);
  EXPECT_EQ(refusalIn(exchange(client, CheckInRequest{"t-typo-1", typo})).code, "bad_check_digit");
  EXPECT_EQ(refusalIn(exchange(client, CheckInRequest{"t-junk-1", "not a code"})).code,
            "malformed_code");
}

TEST(ServerClientTooEarly, TooEarlySaysWhenCheckInOpens) {
  // The demo's "open now" codes are due at 08:30-08:35; with a 20-minute window at 08:00 they are
  // too early, and check-in opens 20 minutes before each.
  DemoServer server({.localTime = "08:00", .earlyMinutes = 20});
  const auto codes = server.codes("open now");
  ASSERT_FALSE(codes.empty()) << server.log();
  ServerClient client(optionsFor(server));
  const ServerReply reply = exchange(client, CheckInRequest{"t-early-1", codes[0].code});
  EXPECT_EQ(reply.httpStatus, 409);
  const CheckInRefusal refusal = refusalIn(reply);
  EXPECT_EQ(refusal.code, "too_early");
  EXPECT_EQ(refusal.opensAt, minutesEarlier(codes[0].time, 20));
  EXPECT_EQ(refusal.appointmentTime, codes[0].time);
}

TEST_F(ServerClientDemo, AForgedTokenIsRefusedAndToldApartFromAnUnreachableServer) {
  ServerClientOptions options = optionsFor(server());
  options.token = "forged-token-0123456789";
  ServerClient client(options);
  const ServerReply reply =
      exchange(client, CheckInRequest{"t-forged-1", code("open now", 0).code});
  EXPECT_EQ(reply.status, ReplyStatus::TokenRefused);
  EXPECT_EQ(reply.httpStatus, 401);
  EXPECT_EQ(reply.errorCode, "unauthorized");
  EXPECT_TRUE(client.reachable());
  EXPECT_TRUE(client.tokenRefused());
  // The applicant is sent to the desk at once: retrying will not make the token good.
  const auto event = checkInEvent(reply);
  ASSERT_TRUE(event && std::holds_alternative<CheckInAnswered>(*event));
  const auto& answer = std::get<CheckInAnswered>(*event).answer;
  EXPECT_EQ(reasonForCode(std::get<CheckInRefusal>(answer).code), RefusalReason::ServerProblem);

  const ServerReply services = exchange(client, ServicesRequest{});
  EXPECT_EQ(services.status, ReplyStatus::TokenRefused);
}

TEST(ServerClientGone, AStoppedServerFailsTheCheckInAndComesBack) {
  DemoServer server;
  ServerClient client(optionsFor(server));
  ASSERT_TRUE(exchange(client, ServicesRequest{}).ok());  // a kept-alive connection now
  EXPECT_TRUE(client.reachable());
  const auto answeredAt = client.lastAnswerAt();

  server.stop();
  const ServerReply reply = exchange(client, CheckInRequest{"t-gone-1", "48210093175268"});
  EXPECT_EQ(reply.status, ReplyStatus::Unreachable) << reply.problem;
  EXPECT_EQ(reply.httpStatus, 0);
  EXPECT_FALSE(client.reachable());
  EXPECT_FALSE(client.tokenRefused());
  EXPECT_EQ(client.lastAnswerAt(), answeredAt);
  const auto event = checkInEvent(reply);
  ASSERT_TRUE(event && std::holds_alternative<CheckInFailed>(*event));
  EXPECT_EQ(std::get<CheckInFailed>(*event).requestId, "t-gone-1");

  // The same client reconnects by itself when the server is back.
  ASSERT_TRUE(server.restart());
  EXPECT_TRUE(exchange(client, ServicesRequest{}).ok());
  EXPECT_TRUE(client.reachable());
  EXPECT_GT(client.lastAnswerAt(), answeredAt);
}

TEST(ServerClientSilent, AServerThatNeverAnswersTimesOut) {
  SilentListener silent;
  ServerClientOptions options;
  options.baseUrl = silent.baseUrl();
  options.token = "any";
  options.readTimeout = milliseconds(300);
  ServerClient client(options);
  const ServerReply reply = exchange(client, CheckInRequest{"t-silent-1", "48210093175268"});
  EXPECT_EQ(reply.status, ReplyStatus::TimedOut) << reply.problem;
  EXPECT_FALSE(client.reachable());
  const auto event = checkInEvent(reply);
  ASSERT_TRUE(event && std::holds_alternative<CheckInFailed>(*event));
}

TEST(ServerClientSilent, TheDestructorCutsAHungRequestShort) {
  SilentListener silent;
  ServerClientOptions options;
  options.baseUrl = silent.baseUrl();
  options.token = "any";
  options.readTimeout = seconds(120);  // far longer than the deadline below
  auto client = std::make_unique<ServerClient>(options);
  ASSERT_TRUE(client->submit(CheckInRequest{"t-hung-1", "48210093175268"}));
  ASSERT_TRUE(silent.waitForConnection(kAnswerDeadline));
  EXPECT_FALSE(client->poll());  // never waits, and nothing has come back
  auto destroyed = std::async(std::launch::async, [&client] { client.reset(); });
  EXPECT_EQ(destroyed.wait_for(kAnswerDeadline), std::future_status::ready);
}

TEST(ServerClientSilent, AFullQueueRefusesAtOnce) {
  SilentListener silent;
  ServerClientOptions options;
  options.baseUrl = silent.baseUrl();
  options.readTimeout = seconds(120);
  options.queueCapacity = 2;
  ServerClient client(options);
  ASSERT_TRUE(client.submit(ServicesRequest{}));  // taken by the worker, hanging
  ASSERT_TRUE(silent.waitForConnection(kAnswerDeadline));
  EXPECT_TRUE(client.submit(HeartbeatRequest{}));
  EXPECT_TRUE(client.submit(ManifestRequest{}));
  EXPECT_FALSE(client.submit(CheckInRequest{"t-full-1", "48210093175268"}));
}

TEST_F(ServerClientDemo, APrintResultIsRecordedAndAudited) {
  const DemoCode open = code("open now", 0);
  ServerClient client(optionsFor(server()));
  // The ticket of the first test's code, or a new one if this test runs alone.
  const ServerReply checkIn = exchange(client, CheckInRequest{"t-print-1", open.code});
  ASSERT_NE(acceptedIn(checkIn), nullptr) << refusalIn(checkIn).code;
  const std::int64_t ticket = acceptedIn(checkIn)->ticket.ticketId;

  const ServerReply reply = exchange(client, PrintResultRequest{ticket, false});
  EXPECT_TRUE(reply.ok()) << reply.problem;
  EXPECT_EQ(reply.httpStatus, 204);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(reply.payload));
  EXPECT_FALSE(checkInEvent(reply));

  // A supervisor sees the failed print in the ticket's audit trail, as the kiosk's.
  const auto cookie = server().staffCookie("supervisor");
  ASSERT_TRUE(cookie) << server().log();
  httplib::Client http = server().client();
  const auto audit =
      http.Get("/api/v1/tickets/" + std::to_string(ticket) + "/audit", {{"Cookie", *cookie}});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->status, 200) << audit->body;
  const json trail = json::parse(audit->body)["audit"];
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail.back()["action"], "print_failed");
  EXPECT_TRUE(trail.back()["actor"].get<std::string>().starts_with("kiosk")) << trail.back();

  const ServerReply missing = exchange(client, PrintResultRequest{987654321, true});
  EXPECT_EQ(missing.status, ReplyStatus::Answered);
  EXPECT_EQ(missing.httpStatus, 404);
  EXPECT_EQ(missing.errorCode, "no_such_ticket");
  EXPECT_FALSE(missing.ok());
}

TEST_F(ServerClientDemo, ServicesGiveTheConsulateAndItsCatalogue) {
  ServerClient client(optionsFor(server()));
  const ServerReply reply = exchange(client, ServicesRequest{});
  ASSERT_TRUE(reply.ok()) << reply.problem;
  const auto* info = std::get_if<ServicesInfo>(&reply.payload);
  ASSERT_NE(info, nullptr);
  httplib::Client http = server().client();
  const auto health = http.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(info->consulate.id, json::parse(health->body)["consulate"]);
  EXPECT_EQ(info->consulate.timeZone, server().timeZone());
  EXPECT_FALSE(info->consulate.nameFa.empty());
  EXPECT_FALSE(info->consulate.nameEn.empty());
  ASSERT_FALSE(info->catalogue.services.empty());
  for (const auto& s : info->catalogue.services) {
    EXPECT_FALSE(s.originals.empty()) << s.id;
    EXPECT_FALSE(s.letterFa.empty()) << s.id;
  }
  EXPECT_NE(info->catalogue.find(code("open now", 0).service), nullptr);
}

TEST_F(ServerClientDemo, TheManifestVerifiesWithTheConsulatesPublicKey) {
  ServerClient client(optionsFor(server()));
  const ServerReply reply = exchange(client, ManifestRequest{});
  ASSERT_TRUE(reply.ok()) << reply.problem;
  const auto* manifest = std::get_if<SignedDayManifest>(&reply.payload);
  ASSERT_NE(manifest, nullptr);
  const auto key = domain::VerifyKey::fromPem(server().publicKeyPem());
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_TRUE(verifyManifest(*manifest, *key));
  const json parsed = json::parse(manifest->text);
  EXPECT_EQ(parsed["time_zone"], server().timeZone());
  EXPECT_FALSE(parsed["appointments"].empty());

  SignedDayManifest changed = *manifest;
  changed.text.back() = changed.text.back() == '}' ? ' ' : '}';
  EXPECT_FALSE(verifyManifest(changed, *key));
}

TEST_F(ServerClientDemo, SyncAnswersEachEntry) {
  ServerClient client(optionsFor(server()));
  const ServerReply empty = exchange(client, SyncRequest{});
  ASSERT_TRUE(empty.ok()) << empty.problem << " " << empty.errorCode;
  const auto* none = std::get_if<std::vector<SyncOutcome>>(&empty.payload);
  ASSERT_NE(none, nullptr);
  EXPECT_TRUE(none->empty());

  const ServerReply one =
      exchange(client, SyncRequest{{{"t-sync-1", domain::TrackingCode::generate().digits(),
                                     "passport", 1, 1795514400}}});
  ASSERT_TRUE(one.ok()) << one.problem << " " << one.errorCode;
  const auto& results = std::get<std::vector<SyncOutcome>>(one.payload);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].requestId, "t-sync-1");
  EXPECT_EQ(results[0].status, SyncOutcome::Status::Refused);
  EXPECT_EQ(results[0].error, "unknown_code");
}

TEST_F(ServerClientDemo, HeartbeatsAreTakenAndBadOnesRefused) {
  ServerClient client(optionsFor(server()));
  const ServerReply good =
      exchange(client, HeartbeatRequest{{"0.1.0", "paper_near_end", "ok", 30, 0}});
  EXPECT_TRUE(good.ok()) << good.problem;
  EXPECT_EQ(good.httpStatus, 204);
  const ServerReply bad = exchange(client, HeartbeatRequest{{"0.1.0", "on fire", "ok", 30, 0}});
  EXPECT_EQ(bad.status, ReplyStatus::Answered);
  EXPECT_EQ(bad.httpStatus, 400);
  EXPECT_EQ(bad.errorCode, "bad_request");
  EXPECT_FALSE(bad.ok());
}

TEST(ServerClientTls, HttpsWorksWithTheConsulatesCaAndFailsWithoutIt) {
  DemoServer server({.tls = true});
  ServerClientOptions options = optionsFor(server);
  options.caCertFile = server.caCertFile().string();
  ServerClient client(options);
  EXPECT_TRUE(exchange(client, ServicesRequest{}).ok());
  const DemoCode open = server.codes("open now").at(0);
  EXPECT_NE(acceptedIn(exchange(client, CheckInRequest{"t-tls-1", open.code})), nullptr);

  // The system's CAs do not know a consulate's self-signed certificate.
  ServerClient untrusting(optionsFor(server));
  const ServerReply refused = exchange(untrusting, ServicesRequest{});
  EXPECT_EQ(refused.status, ReplyStatus::TlsFailed) << refused.problem;
  EXPECT_FALSE(untrusting.reachable());
}

// What a proxy or a broken server might send instead of the API's answers.
class MisbehavingServer {
 public:
  MisbehavingServer() {
    http_.Get("/api/v1/services", [](const httplib::Request&, httplib::Response& r) {
      r.set_content("<html>Bad gateway</html>", "text/html");
    });
    http_.Get("/api/v1/manifest", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(std::string(kMaxAnswerBytes + 1, ' '), "application/json");
    });
    http_.Post("/api/v1/check-ins", [](const httplib::Request&, httplib::Response& r) {
      r.status = 503;
      r.set_content(R"({"error": {"code": "unavailable"}})", "application/json");
    });
    http_.Post("/api/v1/sync", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(R"({"results": [{"request_id": 7}]})", "application/json");
    });
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::yield();
  }
  ~MisbehavingServer() {
    http_.stop();
    thread_.join();
  }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server http_;
  int port_ = 0;
  std::thread thread_;
};

TEST(ServerClientMisbehaving, OddAnswersAreUnreadableAndUnavailableIsRetried) {
  MisbehavingServer server;
  ServerClientOptions options;
  options.baseUrl = server.baseUrl();
  ServerClient client(options);

  const ServerReply html = exchange(client, ServicesRequest{});
  EXPECT_EQ(html.status, ReplyStatus::Unreadable);
  EXPECT_EQ(html.httpStatus, 200);
  EXPECT_FALSE(html.ok());
  EXPECT_TRUE(client.reachable());  // something answered

  const ServerReply huge = exchange(client, ManifestRequest{});
  EXPECT_EQ(huge.status, ReplyStatus::Unreadable) << huge.problem;
  EXPECT_TRUE(std::holds_alternative<std::monostate>(huge.payload));

  const ServerReply sync = exchange(client, SyncRequest{});
  EXPECT_EQ(sync.status, ReplyStatus::Unreadable);

  // 503: the server keeps nothing; the flow retries with the same request id.
  const ServerReply unavailable = exchange(client, CheckInRequest{"t-503-1", "48210093175268"});
  EXPECT_EQ(unavailable.status, ReplyStatus::Answered);
  EXPECT_EQ(unavailable.errorCode, "unavailable");
  const auto event = checkInEvent(unavailable);
  ASSERT_TRUE(event && std::holds_alternative<CheckInFailed>(*event));
  EXPECT_EQ(std::get<CheckInFailed>(*event).problem, "HTTP 503 unavailable");
}

TEST(ServerClientUrl, OnlyHttpAndHttpsBaseUrlsAreUsed) {
  for (const char* good : {"http://127.0.0.1:8080", "https://consulate.example", "http://[::1]:80/",
                           "https://mikhak-server.lon.local:8443"}) {
    EXPECT_TRUE(isServerUrl(good)) << good;
  }
  for (const char* bad :
       {"", "127.0.0.1:8080", "ftp://host", "http://", "http://host:0", "http://host:99999",
        "http://host/api", "http://user@host", "http://-host"}) {
    EXPECT_FALSE(isServerUrl(bad)) << bad;
  }
  ServerClientOptions options;
  options.baseUrl = "ftp://host";
  ServerClient client(options);
  const ServerReply reply = exchange(client, ServicesRequest{});
  EXPECT_EQ(reply.status, ReplyStatus::Unreachable);
  EXPECT_FALSE(reply.problem.empty());
}

}  // namespace
}  // namespace mikhak::kiosk
