#include "health_watchdog.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "free_port.hpp"
#include "notify_socket.hpp"
#include "server_process.hpp"
#include "silent_listener.hpp"

namespace mikhak::server {
namespace {

using namespace std::chrono_literals;

// Polls `done` until it holds or `limit` passes.
template <typename Done>
bool eventually(Done done, std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// systemd's environment for a Type=notify service with WatchdogSec=: the socket, and the
// interval (without WATCHDOG_PID, which systemd sets to the main process: any process here).
class HealthWatchdogTest : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv("WATCHDOG_USEC", "300000", 1); }
  void TearDown() override { ::unsetenv("WATCHDOG_USEC"); }
  mikhak::test::NotifySocket socket_;
};

TEST_F(HealthWatchdogTest, TheServerSaysReadyThenPingsWhileItAnswers) {
  const auto db = std::filesystem::temp_directory_path() /
                  ("mikhak-watchdog-" + std::to_string(::getpid()) + ".db");
  const int port = mikhak::test::freeLoopbackPort();
  mikhak::test::ServerProcess server(db, port);
  EXPECT_EQ(socket_.receive(10s), "READY=1\nSTATUS=serving on 127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(socket_.receive(10s), "WATCHDOG=1");
  EXPECT_EQ(socket_.receive(10s), "WATCHDOG=1");
  server.stop();
  for (const char* suffix : {"", "-wal", "-shm", ".key.pem", ".key.pem.pub"}) {
    std::filesystem::remove(db.string() + suffix);
  }
}

TEST_F(HealthWatchdogTest, NoPingWhileTheServerDoesNotAnswer) {
  const mikhak::test::SilentListener hung;
  const HealthWatchdog watchdog({.host = "127.0.0.1", .port = hung.port(), .tls = false});
  ASSERT_TRUE(watchdog.active());
  ASSERT_TRUE(eventually([&] { return watchdog.checks() >= 3; }));
  EXPECT_FALSE(socket_.receive());
}

TEST_F(HealthWatchdogTest, NoThreadWhenSystemdAskedForNoWatchdog) {
  ::unsetenv("WATCHDOG_USEC");
  const HealthWatchdog watchdog({.host = "0.0.0.0", .port = 1, .tls = false});
  EXPECT_FALSE(watchdog.active());
}

}  // namespace
}  // namespace mikhak::server
