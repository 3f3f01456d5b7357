// mikhak-server as a systemd service writes to the journal natively: its start and stop carry
// MIKHAK_* fields a technician can search for.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>

#include "free_port.hpp"
#include "journal_socket.hpp"

namespace mikhak::server {
namespace {

TEST(ServerJournal, StartAndStopAreStructuredEntries) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mikhak-server-journal-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "server.db").string();
  const std::string listen = "127.0.0.1:" + std::to_string(mikhak::test::freeLoopbackPort());
  const auto capture = mikhak::test::captureJournal(
      [&] {
        (void)!std::freopen("/dev/null", "w", stdout);
        execl(MIKHAK_SERVER_BINARY, MIKHAK_SERVER_BINARY, "--demo", "--db", db.c_str(), "--listen",
              listen.c_str(), static_cast<char*>(nullptr));
      },
      [](const mikhak::test::JournalFields& entry, pid_t server) {
        if (mikhak::test::journalField(entry, "MIKHAK_EVENT") == "start") kill(server, SIGTERM);
      });
  std::filesystem::remove_all(dir);
  if (capture.needsRoot) GTEST_SKIP() << "a mount namespace needs root; CI runs as root";
  ASSERT_EQ(capture.failure, "");
  ASSERT_EQ(capture.entries.size(), 2U);
  const auto& start = capture.entries[0];
  EXPECT_EQ(mikhak::test::journalField(start, "SYSLOG_IDENTIFIER"), "mikhak-server");
  EXPECT_EQ(mikhak::test::journalField(start, "MIKHAK_EVENT"), "start");
  EXPECT_EQ(mikhak::test::journalField(start, "PRIORITY"), "5");
  EXPECT_EQ(mikhak::test::journalField(start, "MIKHAK_LISTEN"), listen);
  EXPECT_FALSE(mikhak::test::journalField(start, "MIKHAK_CONSULATE").empty());
  EXPECT_EQ(mikhak::test::journalField(capture.entries[1], "MIKHAK_EVENT"), "stop");
}

}  // namespace
}  // namespace mikhak::server
