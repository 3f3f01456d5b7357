// mikhak-kiosk under systemd writes to the journal natively, as mikhak-kiosk or, in display mode,
// mikhak-display: a technician reads why it stopped with `journalctl -t mikhak-kiosk -p err`.
#include <gtest/gtest.h>

#include <string>

#include "journal_socket.hpp"

namespace mikhak::kiosk {
namespace {

// A configuration the kiosk refuses (the server's): it says why in the journal, then exits 2.
mikhak::test::JournalCapture refusedConfiguration(const char* mode) {
  return mikhak::test::captureJournal([mode] {
    execl(MIKHAK_KIOSK_BINARY, MIKHAK_KIOSK_BINARY, "--mode", mode, "--config",
          MIKHAK_SOURCE_ASSETS "/../server/server.example.toml", static_cast<char*>(nullptr));
  });
}

TEST(KioskJournal, ABadConfigurationIsAnErrorEntryOfTheKiosk) {
  const auto capture = refusedConfiguration("kiosk");
  if (capture.needsRoot) GTEST_SKIP() << "a mount namespace needs root; CI runs as root";
  ASSERT_EQ(capture.failure, "");
  ASSERT_EQ(capture.entries.size(), 1U);
  const auto& entry = capture.entries.front();
  EXPECT_EQ(mikhak::test::journalField(entry, "SYSLOG_IDENTIFIER"), "mikhak-kiosk");
  EXPECT_EQ(mikhak::test::journalField(entry, "PRIORITY"), "3");
  EXPECT_EQ(mikhak::test::journalField(entry, "MIKHAK_EVENT"), "config");
  EXPECT_NE(mikhak::test::journalField(entry, "MESSAGE").find("server.example.toml"),
            std::string::npos);
  EXPECT_TRUE(mikhak::test::journalField(entry, "CODE_FILE").ends_with("main.cpp"));
}

TEST(KioskJournal, TheDisplayWritesAsMikhakDisplay) {
  const auto capture = refusedConfiguration("display");
  if (capture.needsRoot) GTEST_SKIP() << "a mount namespace needs root; CI runs as root";
  ASSERT_EQ(capture.entries.size(), 1U);
  EXPECT_EQ(mikhak::test::journalField(capture.entries.front(), "SYSLOG_IDENTIFIER"),
            "mikhak-display");
}

}  // namespace
}  // namespace mikhak::kiosk
