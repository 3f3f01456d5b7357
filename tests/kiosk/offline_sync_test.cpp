// The outbox against the real server: a demo day's manifest fetched with the demo kiosk's token,
// three applicants checked in offline, their check-ins sent to POST /api/v1/sync (twice), and the
// print results reported with the server's ticket ids.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "day_manifest.hpp"
#include "demo_server.hpp"
#include "offline_store.hpp"
#include "sqlite_rows.hpp"
#include "sync_json.hpp"

namespace mikhak::kiosk {
namespace {

using nlohmann::json;
using namespace std::chrono;

TEST(OfflineSync, ThreeOfflineCheckInsReachTheServerOnceAndTheirPrintResultsFollow) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mikhak-offline-sync-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    const mikhak::test::DemoServer server;
    httplib::Client http = server.client();
    const httplib::Headers kiosk{{"Authorization", "Bearer " + server.kioskToken()}};
    const auto post = [&](const std::string& path, const std::string& body) {
      return http.Post(path, kiosk, body, "application/json");
    };
    const std::filesystem::path serverDb = server.directory() / "server.db";
    const std::string consulate = json::parse(http.Get("/api/v1/health")->body)["consulate"];
    ASSERT_FALSE(consulate.empty());
    const auto fetched = http.Get("/api/v1/manifest", kiosk);
    ASSERT_TRUE(fetched);
    ASSERT_EQ(fetched->status, 200) << fetched->body;
    const json reply = json::parse(fetched->body);
    const std::string text = reply["manifest"];
    auto key = domain::VerifyKey::fromPem(server.publicKeyPem());
    ASSERT_TRUE(key);
    auto store = OfflineStore::open(dir / "kiosk.db", std::move(*key), consulate);
    ASSERT_TRUE(store);
    const auto now = time_point_cast<seconds>(system_clock::now());
    const auto saved = (*store)->saveManifest(text, reply["signature"], now);
    ASSERT_TRUE(saved) << saved.error().message;

    // Three booked applicants of the day: their codes are in the server's database only (the
    // manifest has salted hashes, which the kiosk's hash must match).
    const DayManifest manifest = std::move(parseDayManifest(text).value());
    std::vector<std::pair<std::string, sys_seconds>> chosen;
    for (const auto& row :
         mikhak::test::sqliteRows(serverDb,
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
    const auto sent = post("/api/v1/sync", body);
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
    const auto again = parseSyncReply(post("/api/v1/sync", body)->body);
    ASSERT_TRUE(again);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ((*again)[i].status, SyncOutcome::Status::Duplicate);
      EXPECT_EQ((*again)[i].ticketId, (*results)[i].ticketId);
    }
    ASSERT_TRUE((*store)->applySyncResults(*again));
    EXPECT_EQ(mikhak::test::sqliteRows(serverDb, "SELECT count(*) FROM ticket")[0][0], "3");

    // Now the print results have their tickets.
    const auto prints = *(*store)->pendingPrintResults(10);
    ASSERT_EQ(prints.size(), 3u);
    for (const auto& p : prints) {
      EXPECT_TRUE(ticketIds.count(p.ticketId));
      const auto r = post("/api/v1/tickets/" + std::to_string(p.ticketId) + "/print-result",
                          json{{"printed", p.printed}}.dump());
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 204) << r->body;
      ASSERT_TRUE((*store)->markPrintResultSent(p.id));
    }
    EXPECT_TRUE((*store)->pendingPrintResults(10)->empty());
    EXPECT_EQ(mikhak::test::sqliteRows(
                  serverDb,
                  "SELECT group_concat(printed, ',') FROM (SELECT printed FROM ticket "
                  "ORDER BY request_id)")[0][0],
              "1,0,1");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mikhak::kiosk
