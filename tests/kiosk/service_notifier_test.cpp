#include "service_notifier.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "notify_socket.hpp"

namespace mikhak::kiosk {
namespace {

using namespace std::chrono_literals;
using test::NotifySocket;

// Each test is its own process under CTest; the environment is set as systemd sets it for the
// service's main process.
class ServiceNotifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
  }
  void TearDown() override { SetUp(); }
  static void askForWatchdog(const char* usec) {
    ::setenv("WATCHDOG_USEC", usec, 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  }
  NotifySocket socket_;
  const ServiceNotifier::Clock::time_point start_{};
};

TEST_F(ServiceNotifierTest, FirstHeartbeatSaysReadyWithItsStatus) {
  ServiceNotifier notifier("kiosk: showing screens");
  EXPECT_FALSE(socket_.receive());
  notifier.heartbeat(start_);
  EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=kiosk: showing screens");
  EXPECT_FALSE(socket_.receive());
}

TEST_F(ServiceNotifierTest, WatchdogPingsAtMostEveryThirdOfTheInterval) {
  askForWatchdog("3000000");
  ServiceNotifier notifier("up");
  EXPECT_EQ(notifier.watchdogInterval(), 3s);
  notifier.heartbeat(start_);
  EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=up");
  notifier.heartbeat(start_ + 500ms);
  EXPECT_FALSE(socket_.receive());
  notifier.heartbeat(start_ + 1s);
  EXPECT_EQ(socket_.receive(), "WATCHDOG=1");
  notifier.heartbeat(start_ + 1999ms);
  EXPECT_FALSE(socket_.receive());
  notifier.heartbeat(start_ + 2s);
  EXPECT_EQ(socket_.receive(), "WATCHDOG=1");
}

TEST_F(ServiceNotifierTest, NoWatchdogPingsWhenSystemdAskedForNone) {
  ServiceNotifier notifier("up");
  EXPECT_EQ(notifier.watchdogInterval(), 0us);
  notifier.heartbeat(start_);
  EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=up");
  notifier.heartbeat(start_ + 1h);
  EXPECT_FALSE(socket_.receive());
}

// systemd names the process whose watchdog it is; under a compositor that is the compositor,
// which is why mikhak-kiosk.service starts the kiosk with WATCHDOG_PID removed.
TEST_F(ServiceNotifierTest, AnotherProcesssWatchdogIsNotPinged) {
  ::setenv("WATCHDOG_USEC", "3000000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getppid()).c_str(), 1);
  ServiceNotifier notifier("up");
  EXPECT_EQ(notifier.watchdogInterval(), 0us);
}

TEST_F(ServiceNotifierTest, StatusLinesAndStoppingOnTheWayOut) {
  {
    ServiceNotifier notifier("up");
    notifier.heartbeat(start_);
    EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=up");
    notifier.status("printer: paper out");
    EXPECT_EQ(socket_.receive(), "STATUS=printer: paper out");
  }
  EXPECT_EQ(socket_.receive(), "STOPPING=1");
}

TEST_F(ServiceNotifierTest, NothingOnTheWayOutBeforeReady) {
  { ServiceNotifier notifier("up"); }
  EXPECT_FALSE(socket_.receive());
}

}  // namespace
}  // namespace mikhak::kiosk
