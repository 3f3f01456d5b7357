#include "mikhak/base/journal.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>

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
  test::RecordingJournal log;
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
  test::RecordingJournal log;
  Journal& journal = log.journal();
  journal.error("check_in", "refused 48210093175268\nsecond line", {{"REASON", "id 0012345678"}});
  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].message, "refused [hidden] second line");
  EXPECT_EQ(entries[0].fields[0].value, "id [hidden]");
}

TEST(Journal, RefusesFieldNamesTheJournalWouldDrop) {
  test::RecordingJournal log;
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

// The journal's native protocol as systemd-journald reads it: KEY=value lines, or KEY, a
// little-endian 64-bit length and the bytes, for values with a newline.
std::multimap<std::string, std::string> parseNative(std::string_view datagram) {
  std::multimap<std::string, std::string> fields;
  while (!datagram.empty()) {
    const std::size_t newline = datagram.find('\n');
    const std::string_view line = datagram.substr(0, newline);
    const std::size_t equals = line.find('=');
    if (equals != std::string_view::npos) {
      fields.emplace(line.substr(0, equals), line.substr(equals + 1));
      datagram.remove_prefix(newline == std::string_view::npos ? datagram.size() : newline + 1);
      continue;
    }
    std::uint64_t length = 0;
    std::memcpy(&length, datagram.data() + line.size() + 1, sizeof length);
    const std::size_t valueAt = line.size() + 1 + sizeof length;
    fields.emplace(line, datagram.substr(valueAt, length));
    datagram.remove_prefix(valueAt + length + 1);
  }
  return fields;
}

// libsystemd's sd_journal_sendv, for real, into a socket at /run/systemd/journal/socket: a child
// process gets a mount namespace of its own (root only) with a fresh /run, binds the socket
// there, writes one entry and hands the datagram it received to the test.
TEST(JournalSink, SendsTheNativeProtocolToTheJournalsSocket) {
  int pipeFds[2];
  ASSERT_EQ(pipe(pipeFds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipeFds[0]);
    const auto fail = [&](char why) {
      (void)::write(pipeFds[1], &why, 1);
      _exit(1);
    };
    if (unshare(CLONE_NEWNS) != 0) fail(errno == EPERM ? 'P' : 'U');
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) fail('M');
    if (mount("tmpfs", "/run", "tmpfs", 0, "mode=0755") != 0) fail('T');
    std::error_code ignored;
    std::filesystem::create_directories("/run/systemd/journal", ignored);
    const int listener = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, "/run/systemd/journal/socket");
    if (bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      fail('B');
    }
    {
      Journal journal(journalSink("mikhak-test"));
      journal.warning("print", "ticket P-017 not printed for 48210093175268",
                      {{"TICKET", "P-017"}, {"PRINTER", "paper_out"}});
    }
    std::string datagram(65536, '\0');
    const ssize_t n = recv(listener, datagram.data(), datagram.size(), MSG_DONTWAIT);
    if (n <= 0) fail('R');
    const char ok = '+';
    (void)::write(pipeFds[1], &ok, 1);
    (void)::write(pipeFds[1], datagram.data(), static_cast<std::size_t>(n));
    _exit(0);
  }
  close(pipeFds[1]);
  std::string received;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0) {
    received.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipeFds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_FALSE(received.empty());
  if (received[0] == 'P') GTEST_SKIP() << "a mount namespace needs root; CI runs as root";
  ASSERT_EQ(received[0], '+') << "the child stopped at step " << received[0];
  const auto fields = parseNative(std::string_view(received).substr(1));
  const auto one = [&](const std::string& key) {
    EXPECT_EQ(fields.count(key), 1U) << key;
    const auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
  };
  EXPECT_EQ(one("MESSAGE"), "ticket P-017 not printed for [hidden]");
  EXPECT_EQ(one("PRIORITY"), "4");
  EXPECT_EQ(one("SYSLOG_IDENTIFIER"), "mikhak-test");
  EXPECT_EQ(one("MIKHAK_EVENT"), "print");
  EXPECT_EQ(one("MIKHAK_TICKET"), "P-017");
  EXPECT_EQ(one("MIKHAK_PRINTER"), "paper_out");
  EXPECT_TRUE(one("CODE_FILE").ends_with("journal_test.cpp"));
  EXPECT_NE(one("CODE_LINE"), "");
  EXPECT_EQ(received.find("48210093175268"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::base
