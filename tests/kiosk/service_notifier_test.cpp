#include "service_notifier.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "notify_socket.hpp"

namespace mikhak::kiosk {
namespace {

using namespace std::chrono_literals;
using mikhak::test::NotifySocket;

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

// The real waiting-room display, as mikhak-display.service starts it (offscreen here, with no
// server to reach): READY=1 once its first frame is drawn, then the watchdog from its loop.
TEST_F(ServiceNotifierTest, TheDisplaySaysReadyAndPingsFromItsRenderLoop) {
  askForWatchdog("300000");
  ::unsetenv("WATCHDOG_PID");  // as the unit does: the watchdog is the display's, not cage's
  std::vector<std::string> args{MIKHAK_KIOSK_BINARY,  "--mode",     "display",
                                "--config",           "/dev/null",  "--server",
                                "http://127.0.0.1:1", "--windowed", "--no-speech"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t display = 0;
  ASSERT_EQ(::posix_spawn(&display, MIKHAK_KIOSK_BINARY, nullptr, nullptr, argv.data(), environ),
            0);
  const auto ready = socket_.receive(30s);
  const auto ping = socket_.receive(10s);
  ::kill(display, SIGKILL);
  int status = 0;
  ::waitpid(display, &status, 0);
  EXPECT_EQ(ready, "READY=1\nSTATUS=display: showing the calls");
  EXPECT_EQ(ping, "WATCHDOG=1");
}

}  // namespace
}  // namespace mikhak::kiosk
