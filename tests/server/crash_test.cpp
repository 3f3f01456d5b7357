// The real mikhak-server process, killed with SIGKILL in the middle of a stream of check-ins:
// after a restart every acknowledged ticket is there, and retried requests make no duplicates.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "free_port.hpp"
#include "mikhak/domain/tracking_code.hpp"
#include "server_process.hpp"
#include "sqlite_store.hpp"
#include "token.hpp"

namespace mikhak::server {
namespace {

TEST(CrashSafety, NothingAcknowledgedIsLostAndRetriesMakeNoDuplicates) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("mikhak-crash-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto db = dir / "server.db";
  const std::string token = newToken();
  std::vector<std::string> codes;
  {
    auto store = SqliteStore::open(db);
    store->saveConsulate({"LON", "لندن", "London", "Europe/London"});
    store->saveCatalogue(domain::loadCatalogue(std::filesystem::path(MIKHAK_SOURCE_ASSETS) /
                                               "catalogue/services.toml")
                             .value());
    store->addKiosk({.id = "kiosk-1", .name = "hall", .tokenHash = tokenHash(token)});
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    for (int i = 0; i < 200; ++i) {
      Appointment a;
      a.code = domain::TrackingCode::generate().digits();
      a.consulateId = "LON";
      a.serviceId = "passport";
      a.applicant = {"علی", "کریمی", "Ali", "Karimi", "1234567890"};
      a.startsAt = now.time_since_epoch().count();  // always today, always inside the window
      ASSERT_TRUE(store->addAppointment(a));
      codes.push_back(a.code);
    }
  }

  const int port = mikhak::test::freeLoopbackPort();
  std::map<std::size_t, int> acknowledged;  // appointment index -> ticket number
  const auto send = [&](std::size_t i) -> std::optional<int> {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(1);
    const auto r = client.Post(
        "/api/v1/check-ins", {{"Authorization", "Bearer " + token}},
        nlohmann::json{{"request_id", "req-" + std::to_string(i)}, {"code", codes[i]}}.dump(),
        "application/json");
    if (!r || r->status != 201) return std::nullopt;
    return nlohmann::json::parse(r->body)["ticket"]["number"].get<int>();
  };
  {
    mikhak::test::ServerProcess server(db, port);
    // The kill lands while the loop below has a request in flight.
    std::atomic<bool> killed = false;
    std::atomic<int> done = 0;
    std::thread killer([&] {
      while (done < 50) std::this_thread::yield();
      server.stop();
      killed = true;
    });
    for (std::size_t i = 0; i < codes.size() && !killed; ++i) {
      if (auto number = send(i)) acknowledged[i] = *number;
      ++done;
    }
    killer.join();
  }
  ASSERT_GT(acknowledged.size(), 0u) << "no check-in finished before the kill";
  ASSERT_LT(acknowledged.size(), codes.size()) << "the kill came too late to test anything";

  // Restart and send every request again, with the same request ids.
  mikhak::test::ServerProcess server(db, port);
  std::set<int> numbers;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto number = send(i);
    ASSERT_TRUE(number) << "check-in " << i << " failed after the restart";
    if (acknowledged.count(i)) {
      EXPECT_EQ(*number, acknowledged[i]) << "ticket " << i << " changed";
    }
    EXPECT_TRUE(numbers.insert(*number).second) << "number " << *number << " given twice";
  }
  EXPECT_EQ(*numbers.begin(), 1);
  EXPECT_EQ(*numbers.rbegin(), static_cast<int>(codes.size()));
  server.stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mikhak::server
