#include "now_serving_stream.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "free_port.hpp"
#include "server_process.hpp"

namespace mikhak::kiosk {
namespace {

using namespace std::chrono_literals;

Call makeCall(std::uint64_t sequence, std::string label, int counter, std::int64_t at,
              bool recall = false) {
  Call c;
  c.sequence = sequence;
  c.label = std::move(label);
  c.letter = c.label.substr(0, 1);
  c.number = 17;
  c.counter = counter;
  c.at = at;
  c.recall = recall;
  return c;
}

std::vector<std::string> labels(const std::vector<FreshCall>& fresh) {
  std::vector<std::string> out;
  for (const auto& f : fresh) out.push_back(f.call.label);
  return out;
}

TEST(NowServingCalls, ParsesTheServersJson) {
  const auto call = parseCall(
      R"({"sequence":5,"label":"P-017","letter":"P","letter_fa":"گ","number":17,"counter":3,)"
      R"("counter_fa":"باجه ۳","counter_en":"Counter 3","service_fa":"گذرنامه",)"
      R"("service_en":"Passport","at":1795514400,"recall":true})");
  ASSERT_TRUE(call);
  EXPECT_EQ(call->label, "P-017");
  EXPECT_EQ(call->letterFa, "گ");
  EXPECT_EQ(call->counter, 3);
  EXPECT_EQ(call->serviceEn, "Passport");
  EXPECT_EQ(call->at, 1795514400);
  EXPECT_TRUE(call->recall);
  EXPECT_FALSE(parseCall(R"({"label":"P-017"})"));
  EXPECT_FALSE(parseCall("not json"));
  EXPECT_FALSE(parseState(R"({"calls":[{"label":1}]})"));
  EXPECT_EQ(parseState(R"({"calls":[]})")->size(), 0u);
}

TEST(NowServingLedger, TheFirstStateIsShownNotAnnounced) {
  NowServingLedger ledger;
  const auto update =
      ledger.applyState({makeCall(2, "P-002", 1, 200), makeCall(1, "P-001", 1, 100)});
  ASSERT_TRUE(update.recent);
  EXPECT_EQ(update.recent->size(), 2u);
  EXPECT_TRUE(update.fresh.empty());
}

TEST(NowServingLedger, ACallIsAnnouncedOnceAcrossReconnectionsAndRestarts) {
  NowServingLedger ledger;
  (void)ledger.applyState({makeCall(1, "P-001", 1, 100)});
  auto update = ledger.applyCall(makeCall(2, "P-002", 2, 200));
  EXPECT_EQ(labels(update.fresh), std::vector<std::string>{"P-002"});
  // The same stream again after a reconnection: nothing new.
  update = ledger.applyState({makeCall(2, "P-002", 2, 200), makeCall(1, "P-001", 1, 100)});
  EXPECT_TRUE(update.empty());
  // A restarted server numbers from 1 and stamps the restored call a second earlier.
  update = ledger.applyState({makeCall(2, "P-002", 2, 199), makeCall(1, "P-001", 1, 100)});
  EXPECT_TRUE(update.fresh.empty());
}

TEST(NowServingLedger, CallsMadeWhileDisconnectedAreAnnouncedOnceOldestFirst) {
  NowServingLedger ledger;
  (void)ledger.applyState({makeCall(1, "P-001", 1, 100)});
  const auto update = ledger.applyState(
      {makeCall(3, "V-004", 2, 300), makeCall(2, "P-002", 1, 200), makeCall(1, "P-001", 1, 100)});
  EXPECT_EQ(labels(update.fresh), (std::vector<std::string>{"P-002", "V-004"}));
  EXPECT_TRUE(update.fresh[0].caughtUp);
  ASSERT_TRUE(update.recent);
  EXPECT_EQ(update.recent->front().label, "V-004");
}

TEST(NowServingLedger, ARecallIsANewCall) {
  NowServingLedger ledger;
  (void)ledger.applyState({makeCall(1, "P-001", 1, 100)});
  const auto update = ledger.applyCall(makeCall(2, "P-001", 1, 160, true));
  ASSERT_EQ(update.fresh.size(), 1u);
  EXPECT_TRUE(update.fresh[0].call.recall);
  EXPECT_EQ(ledger.recent().size(), 2u);
}

// ---------------------------------------------------------------- against the real server

// mikhak-server --demo, its output kept so the test can read the kiosk token and the log-ins.
// mikhak-server on `port` over dir/server.db in `zone` (seeded by --demo when asked), its output in
// a log file of its own for each start.
class StreamServer {
 public:
  StreamServer(const std::filesystem::path& dir, int port, const std::string& zone, bool demo)
      : log_(dir / ("server-" + std::to_string(++starts_) + ".log")),
        process_(arguments(dir, port, zone, demo), log_,
                 [port] { return mikhak::test::ServerProcess::healthAnswers(port); }) {
    if (!process_.running()) ADD_FAILURE() << "the server did not start:\n" << output();
  }

  void kill() { process_.stop(); }
  std::string output() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  static std::vector<std::string> arguments(const std::filesystem::path& dir, int port,
                                            const std::string& zone, bool demo) {
    std::vector<std::string> args{MIKHAK_SERVER_BINARY,
                                  "--db",
                                  (dir / "server.db").string(),
                                  "--listen",
                                  "127.0.0.1:" + std::to_string(port),
                                  "--time-zone",
                                  zone};
    if (demo) args.push_back("--demo");
    return args;
  }

  static inline int starts_ = 0;
  std::filesystem::path log_;
  mikhak::test::ServerProcess process_;
};

// A zone where it is late morning now, so the demo day has appointments open for check-in
// whatever the hour of the test run (Etc/GMT-N is N hours ahead of UTC).
std::string zoneAtLateMorning() {
  const auto now = std::chrono::system_clock::now();
  const auto hour = std::chrono::duration_cast<std::chrono::hours>(
                        now - std::chrono::floor<std::chrono::days>(now))
                        .count();
  const long ahead = 11 - hour;
  if (ahead == 0) return "Etc/GMT";
  return ahead > 0 ? "Etc/GMT-" + std::to_string(ahead) : "Etc/GMT+" + std::to_string(-ahead);
}

bool waitFor(const std::function<bool()>& done, std::chrono::seconds limit = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

class NowServingStreamServer : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mikhak-display-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    port_ = mikhak::test::freeLoopbackPort();
    zone_ = zoneAtLateMorning();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  int port_ = 0;
  std::string zone_;
};

TEST_F(NowServingStreamServer, DeliversACallOnceThroughAServerRestart) {
  auto server = std::make_unique<StreamServer>(dir_, port_, zone_, true);
  const std::string out = server->output();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(out, match, std::regex("kiosk token: (\\S+)"))) << out;
  const std::string token = match[1];
  ASSERT_TRUE(std::regex_search(out, match, std::regex("counter1 / (\\S+)"))) << out;
  const std::string password = match[1];
  ASSERT_TRUE(std::regex_search(out, match, std::regex(" (\\d{12,14}) +\\S+ +\\S+ \\(open now\\)")))
      << out;
  const std::string code = match[1];

  httplib::Client client("127.0.0.1", port_);
  const auto checkIn = client.Post(
      "/api/v1/check-ins", httplib::Headers{{"Authorization", "Bearer " + token}},
      nlohmann::json{{"request_id", "display-test-1"}, {"code", code}}.dump(), "application/json");
  ASSERT_TRUE(checkIn);
  ASSERT_EQ(checkIn->status, 201) << checkIn->body;

  NowServingStream stream({.serverUrl = "http://127.0.0.1:" + std::to_string(port_)});
  ASSERT_TRUE(waitFor([&] { return stream.connected(); }));
  std::vector<FreshCall> fresh;
  std::vector<Call> recent;
  const auto drain = [&] {
    NowServingUpdate update = stream.poll();
    if (update.recent) recent = *update.recent;
    for (auto& f : update.fresh) fresh.push_back(f);
  };
  drain();
  EXPECT_TRUE(fresh.empty());  // nothing was called before the display started

  const auto login = client.Post(
      "/api/v1/staff/login", nlohmann::json{{"login", "counter1"}, {"password", password}}.dump(),
      "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string setCookie = login->get_header_value("Set-Cookie");
  const std::string cookie = setCookie.substr(0, setCookie.find(';'));
  const auto called = client.Post("/api/v1/counters/5/call-next",
                                  httplib::Headers{{"Cookie", cookie}}, "{}", "application/json");
  ASSERT_TRUE(called);
  ASSERT_EQ(called->status, 200) << called->body;
  const std::string label = nlohmann::json::parse(called->body)["label"];

  ASSERT_TRUE(waitFor([&] {
    drain();
    return !fresh.empty();
  }));
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].call.label, label);
  EXPECT_EQ(fresh[0].call.counter, 5);
  EXPECT_FALSE(fresh[0].caughtUp);
  EXPECT_FALSE(fresh[0].call.letterFa.empty());
  ASSERT_FALSE(recent.empty());
  EXPECT_EQ(recent.front().label, label);

  // The server goes away and comes back (its sequence numbers start again).
  server->kill();
  ASSERT_TRUE(waitFor([&] { return !stream.connected(); }));
  server = std::make_unique<StreamServer>(dir_, port_, zone_, false);
  ASSERT_TRUE(waitFor([&] { return stream.connected(); }, 40s));
  drain();
  ASSERT_FALSE(recent.empty());
  EXPECT_EQ(recent.front().label, label);  // the restored state
  EXPECT_EQ(fresh.size(), 1u);             // and the call not delivered again
}

TEST_F(NowServingStreamServer, NoServerMeansNotConnectedAndAQuickShutdown) {
  NowServingStream stream({.serverUrl = "http://127.0.0.1:" + std::to_string(port_)});
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(stream.connected());
  EXPECT_FALSE(stream.loaded());
  EXPECT_TRUE(stream.poll().empty());
}

}  // namespace
}  // namespace mikhak::kiosk
