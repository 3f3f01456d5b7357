// The outbox against the real server: a demo day's manifest fetched with the demo kiosk's token,
// three applicants checked in offline, their check-ins sent to POST /api/v1/sync (twice), and the
// print results reported with the server's ticket ids.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "day_manifest.hpp"
#include "free_port.hpp"
#include "offline_store.hpp"
#include "sqlite_rows.hpp"
#include "sync_json.hpp"

namespace mikhak::kiosk {
namespace {

using nlohmann::json;
using namespace std::chrono;

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// mikhak-server --demo on a loopback port on the real clock (mikhak::test::DemoServer sets the
// consulate's hour), its output in a file (the demo kiosk's token is there).
class WallClockServer {
 public:
  explicit WallClockServer(const std::filesystem::path& dir)
      : db_(dir / "server.db"), log_(dir / "server.log"), port_(mikhak::test::freeLoopbackPort()) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const int out = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(out, STDOUT_FILENO);
      std::vector<std::string> args{MIKHAK_SERVER_BINARY,
                                    "--db",
                                    db_.string(),
                                    "--listen",
                                    "127.0.0.1:" + std::to_string(port_),
                                    "--demo"};
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(MIKHAK_SERVER_BINARY, argv.data());
      ::_exit(127);
    }
    for (int i = 0; i < 500; ++i) {
      httplib::Client client("127.0.0.1", port_);
      if (auto r = client.Get("/api/v1/health"); r && r->status == 200) {
        const std::string log = readFile(log_);
        const std::string marker = "demo: kiosk token: ";
        if (const auto at = log.find(marker); at != std::string::npos) {
          token_ = log.substr(at + marker.size(), log.find('\n', at) - at - marker.size());
          consulate_ = json::parse(r->body)["consulate"];
          return;
        }
      }
      std::this_thread::sleep_for(milliseconds(20));
    }
    ADD_FAILURE() << "the demo server did not start";
  }
  ~WallClockServer() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  WallClockServer(const WallClockServer&) = delete;
  WallClockServer& operator=(const WallClockServer&) = delete;

  httplib::Result get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path, {{"Authorization", "Bearer " + token_}});
  }
  httplib::Result post(const std::string& path, const std::string& body) const {
    httplib::Client client("127.0.0.1", port_);
    return client.Post(path, {{"Authorization", "Bearer " + token_}}, body, "application/json");
  }
  const std::filesystem::path& db() const { return db_; }
  const std::string& consulate() const { return consulate_; }
  // The consulate's public key, written beside the database on first start.
  std::string publicKeyPem() const { return readFile(db_.string() + ".key.pem.pub"); }

 private:
  std::filesystem::path db_;
  std::filesystem::path log_;
  int port_;
  pid_t pid_ = 0;
  std::string token_;
  std::string consulate_;
};

TEST(OfflineSync, ThreeOfflineCheckInsReachTheServerOnceAndTheirPrintResultsFollow) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mikhak-offline-sync-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    const WallClockServer server(dir);
    ASSERT_FALSE(server.consulate().empty());
    const auto fetched = server.get("/api/v1/manifest");
    ASSERT_TRUE(fetched);
    ASSERT_EQ(fetched->status, 200) << fetched->body;
    const json reply = json::parse(fetched->body);
    const std::string text = reply["manifest"];
    auto key = domain::VerifyKey::fromPem(server.publicKeyPem());
    ASSERT_TRUE(key);
    auto store = OfflineStore::open(dir / "kiosk.db", std::move(*key), server.consulate());
    ASSERT_TRUE(store);
    const auto now = time_point_cast<seconds>(system_clock::now());
    const auto saved = (*store)->saveManifest(text, reply["signature"], now);
    ASSERT_TRUE(saved) << saved.error().message;

    // Three booked applicants of the day: their codes are in the server's database only (the
    // manifest has salted hashes, which the kiosk's hash must match).
    const DayManifest manifest = std::move(parseDayManifest(text).value());
    std::vector<std::pair<std::string, sys_seconds>> chosen;
    for (const auto& row :
         mikhak::test::sqliteRows(server.db(),
                                  "SELECT code, starts_at FROM appointment WHERE status = "
                                  "'booked' ORDER BY starts_at")) {
      const ManifestAppointment* a = manifest.appointmentByCode(row[0]);
      if (a == nullptr || a->status != domain::AppointmentStatus::Booked) continue;
      chosen.emplace_back(row[0], a->startsAt);
      if (chosen.size() == 3) break;
    }
    ASSERT_EQ(chosen.size(), 3u);
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      // Checked in at their appointment time: inside the window, on the manifest's day.
      const auto answer = (*store)->checkInOffline(chosen[i].first, "offline-" + std::to_string(i),
                                                   chosen[i].second);
      ASSERT_TRUE(answer) << answer.error().message;
      const auto* accepted = std::get_if<CheckInAccepted>(&*answer);
      ASSERT_NE(accepted, nullptr) << std::get<CheckInRefusal>(*answer).code;
      labels.push_back(accepted->ticket.label);
      ASSERT_TRUE((*store)->recordOfflinePrintResult("offline-" + std::to_string(i), i != 1));
    }
    EXPECT_TRUE((*store)->pendingPrintResults(10)->empty());  // no server ticket ids yet

    const auto batch = *(*store)->pendingSync(kMaxSyncBatch);
    ASSERT_EQ(batch.size(), 3u);
    const std::string body = syncRequestBody(batch);
    const auto sent = server.post("/api/v1/sync", body);
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->status, 200) << sent->body;
    const auto results = parseSyncReply(sent->body);
    ASSERT_TRUE(results) << results.error().message;
    ASSERT_EQ(results->size(), 3u);
    std::set<std::int64_t> ticketIds;
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ((*results)[i].status, SyncOutcome::Status::Recorded) << (*results)[i].error;
      EXPECT_EQ((*results)[i].ticketLabel, labels[i]);  // the number the applicant holds
      ticketIds.insert((*results)[i].ticketId.value_or(0));
    }
    ASSERT_TRUE((*store)->applySyncResults(*results));
    EXPECT_EQ(*(*store)->outboxDepth(), 0u);

    // The answer was lost and the batch goes again: duplicates, nothing doubled.
    const auto again = parseSyncReply(server.post("/api/v1/sync", body)->body);
    ASSERT_TRUE(again);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ((*again)[i].status, SyncOutcome::Status::Duplicate);
      EXPECT_EQ((*again)[i].ticketId, (*results)[i].ticketId);
    }
    ASSERT_TRUE((*store)->applySyncResults(*again));
    EXPECT_EQ(mikhak::test::sqliteRows(server.db(), "SELECT count(*) FROM ticket")[0][0], "3");

    // Now the print results have their tickets.
    const auto prints = *(*store)->pendingPrintResults(10);
    ASSERT_EQ(prints.size(), 3u);
    for (const auto& p : prints) {
      EXPECT_TRUE(ticketIds.count(p.ticketId));
      const auto r = server.post("/api/v1/tickets/" + std::to_string(p.ticketId) + "/print-result",
                                 json{{"printed", p.printed}}.dump());
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 204) << r->body;
      ASSERT_TRUE((*store)->markPrintResultSent(p.id));
    }
    EXPECT_TRUE((*store)->pendingPrintResults(10)->empty());
    EXPECT_EQ(mikhak::test::sqliteRows(
                  server.db(),
                  "SELECT group_concat(printed, ',') FROM (SELECT printed FROM ticket "
                  "ORDER BY request_id)")[0][0],
              "1,0,1");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mikhak::kiosk
