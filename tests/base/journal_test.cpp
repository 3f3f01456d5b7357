#include "mikhak/base/journal.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "journal_socket.hpp"
#include "recording_journal.hpp"

namespace mikhak::base {
namespace {

TEST(RedactLongNumbers, HidesTrackingCodesAndNationalIds) {
  EXPECT_EQ(redactLongNumbers("code 48210093175268 refused"), "code [hidden] refused");
  EXPECT_EQ(redactLongNumbers("id 0012345678."), "id [hidden].");
  EXPECT_EQ(redactLongNumbers("کد ۴۸۲۱۰۰۹۳۱۷۵۲۶۸ پذیرفته نشد"), "کد [hidden] پذیرفته نشد");
  EXPECT_EQ(redactLongNumbers("٠٠١٢٣٤٥٦٧٨"), "[hidden]");
  EXPECT_EQ(redactLongNumbers("typed 4821 0093 1752 68 on the keypad"),
            "typed [hidden] on the keypad");
  EXPECT_EQ(redactLongNumbers("4821-0093-1752-68"), "[hidden]");
  EXPECT_EQ(redactLongNumbers("a12345678901b"), "a[hidden]b");
}

TEST(RedactLongNumbers, KeepsTicketsTimesDatesAndCounts) {
  for (const std::string_view text :
       {"ticket P-017 at counter 3", "opens at 10:50", "day 2026-11-29", "123456789 bytes",
        "۱۴۰۵/۰۹/۰۸", "kiosk-1f3a9c00", "took 12 ms, 4 in the outbox", "1 2 3", ""}) {
    EXPECT_EQ(redactLongNumbers(text), text);
  }
  // Two short numbers a double space apart are not one run.
  EXPECT_EQ(redactLongNumbers("12345  67890"), "12345  67890");
}

TEST(Journal, WritesTheEventItsFieldsAndWhereItCameFrom) {
  mikhak::test::RecordingJournal log;
  Journal& journal = log.journal();
  journal.warning("print", "ticket P-017 not printed: paper out",
                  {{"TICKET", "P-017"}, {"PRINTER", "paper_out"}});
  const int line = __LINE__ - 2;
  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 1U);
  const LogEntry& e = entries.front();
  EXPECT_EQ(e.priority, LogPriority::Warning);
  EXPECT_EQ(e.event, "print");
  EXPECT_EQ(e.message, "ticket P-017 not printed: paper out");
  ASSERT_EQ(e.fields.size(), 2U);
  EXPECT_EQ(e.fields[0].name, "TICKET");
  EXPECT_EQ(e.fields[1].value, "paper_out");
  EXPECT_TRUE(std::string_view(e.where.file_name()).ends_with("journal_test.cpp"));
  EXPECT_EQ(static_cast<int>(e.where.line()), line);
}

TEST(Journal, RedactsMessagesAndFieldsAndKeepsOneLine) {
  mikhak::test::RecordingJournal log;
  Journal& journal = log.journal();
  journal.error("check_in", "refused 48210093175268\nsecond line", {{"REASON", "id 0012345678"}});
  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].message, "refused [hidden] second line");
  EXPECT_EQ(entries[0].fields[0].value, "id [hidden]");
}

TEST(Journal, RefusesFieldNamesTheJournalWouldDrop) {
  mikhak::test::RecordingJournal log;
  Journal& journal = log.journal();
  EXPECT_THROW(journal.info("x", "y", {{"ticket", "P-1"}}), std::invalid_argument);
  EXPECT_THROW(journal.info("x", "y", {{"", "P-1"}}), std::invalid_argument);
  EXPECT_THROW(journal.info("x", "y", {{"A=B", "P-1"}}), std::invalid_argument);
  EXPECT_TRUE(log.entries().empty());
}

TEST(StreamSink, WritesOneLineWithTheProgramsName) {
  int pipeFds[2];
  ASSERT_EQ(pipe(pipeFds), 0);
  {
    Journal journal(streamSink("mikhak-kiosk", pipeFds[1]));
    journal.notice("start", "ready");
    journal.info("check_in", "P-017 checked in", {{"TICKET", "P-017"}});
  }
  close(pipeFds[1]);
  std::string text(256, '\0');
  const ssize_t n = read(pipeFds[0], text.data(), text.size());
  close(pipeFds[0]);
  ASSERT_GT(n, 0);
  text.resize(static_cast<std::size_t>(n));
  EXPECT_EQ(text, "mikhak-kiosk: ready\nmikhak-kiosk: P-017 checked in\n");
}

// Standard error is swapped for a file for the test's length, then put back.
class StderrOnFile {
 public:
  explicit StderrOnFile(const std::filesystem::path& file)
      : saved_(dup(STDERR_FILENO)), fd_(open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600)) {
    dup2(fd_, STDERR_FILENO);
  }
  ~StderrOnFile() {
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    close(fd_);
  }
  std::string devIno() const {
    struct stat st {};
    fstat(fd_, &st);
    return std::to_string(static_cast<unsigned long>(st.st_dev)) + ":" +
           std::to_string(static_cast<unsigned long>(st.st_ino));
  }

 private:
  int saved_;
  int fd_;
};

TEST(DefaultSink, UsesTheJournalOnlyWhenStderrIsTheJournalsStream) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("mikhak-journal-" + std::to_string(getpid()) + ".log");
  bool onJournal = false;
  bool elsewhere = true;
  bool unset = true;
  {
    const StderrOnFile redirected(file);
    setenv("JOURNAL_STREAM", redirected.devIno().c_str(), 1);
    onJournal = stderrIsJournal();
    setenv("JOURNAL_STREAM", "1:2", 1);
    elsewhere = stderrIsJournal();
    unsetenv("JOURNAL_STREAM");
    unset = stderrIsJournal();
  }
  std::filesystem::remove(file);
  EXPECT_TRUE(onJournal);
  EXPECT_FALSE(elsewhere);
  EXPECT_FALSE(unset);
}

// libsystemd's sd_journal_sendv, for real, into a socket where journald would be; JOURNAL_STREAM
// names the program's standard error, as systemd sets it for a service, so the default sink is
// the journal.
TEST(JournalSink, TheDefaultSinkOfAServiceSendsTheNativeProtocol) {
  const auto capture = mikhak::test::captureJournal([] {
    Journal journal(defaultSink("mikhak-test"));
    journal.warning("print", "ticket P-017 not printed for 48210093175268",
                    {{"TICKET", "P-017"}, {"PRINTER", "paper_out"}});
    _exit(0);
  });
  if (capture.needsRoot) GTEST_SKIP() << "a mount namespace needs root; CI runs as root";
  ASSERT_EQ(capture.failure, "");
  ASSERT_EQ(capture.entries.size(), 1U);
  const auto& fields = capture.entries.front();
  const auto one = [&](const std::string& key) {
    EXPECT_EQ(fields.count(key), 1U) << key;
    return mikhak::test::journalField(fields, key);
  };
  EXPECT_EQ(one("MESSAGE"), "ticket P-017 not printed for [hidden]");
  EXPECT_EQ(one("PRIORITY"), "4");
  EXPECT_EQ(one("SYSLOG_IDENTIFIER"), "mikhak-test");
  EXPECT_EQ(one("MIKHAK_EVENT"), "print");
  EXPECT_EQ(one("MIKHAK_TICKET"), "P-017");
  EXPECT_EQ(one("MIKHAK_PRINTER"), "paper_out");
  EXPECT_TRUE(one("CODE_FILE").ends_with("journal_test.cpp"));
  EXPECT_NE(one("CODE_LINE"), "");
  for (const auto& [name, value] : fields) {
    EXPECT_EQ(value.find("48210093175268"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace mikhak::base
