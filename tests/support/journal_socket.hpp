#pragma once

#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::test {

// One journal entry as the native protocol carries it: field name to values.
using JournalFields = std::multimap<std::string, std::string>;

// systemd-journald's reading of a datagram: KEY=value lines, or KEY, a little-endian 64-bit
// length and the bytes, for values that hold a newline.
inline JournalFields parseJournalDatagram(std::string_view datagram) {
  JournalFields fields;
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
    if (datagram.size() < line.size() + 1 + sizeof length) break;
    std::memcpy(&length, datagram.data() + line.size() + 1, sizeof length);
    const std::size_t valueAt = line.size() + 1 + sizeof length;
    if (datagram.size() < valueAt + length) break;
    fields.emplace(line, datagram.substr(valueAt, length));
    datagram.remove_prefix(std::min(datagram.size(), valueAt + length + 1));
  }
  return fields;
}

inline std::string journalField(const JournalFields& fields, const std::string& name) {
  const auto found = fields.find(name);
  return found == fields.end() ? std::string() : found->second;
}

// What a program sent to the journal, caught without systemd: a child process takes a mount
// namespace of its own (root only), mounts a fresh /run, binds a datagram socket where
// libsystemd sends (/run/systemd/journal/socket), and runs `program` in a grandchild with
// standard error on a file that JOURNAL_STREAM names, as systemd does for a service. `program`
// must exec or _exit. `onEntry` runs in the child for each entry and may signal the program
// (its pid is given), e.g. to stop a server once it says it started.
struct JournalCapture {
  std::vector<JournalFields> entries;
  bool needsRoot = false;  // the namespace could not be made: not root
  std::string failure;     // anything else that went wrong
};

inline JournalCapture captureJournal(
    const std::function<void()>& program,
    const std::function<void(const JournalFields&, pid_t)>& onEntry = {}) {
  JournalCapture capture;
  int pipeFds[2];
  if (pipe(pipeFds) != 0) {
    capture.failure = "pipe";
    return capture;
  }
  const pid_t child = fork();
  if (child < 0) {
    capture.failure = "fork";
    return capture;
  }
  if (child == 0) {
    close(pipeFds[0]);
    const auto say = [&](char kind, std::string_view bytes) {
      const std::uint64_t size = bytes.size();
      (void)!::write(pipeFds[1], &kind, 1);
      (void)!::write(pipeFds[1], &size, sizeof size);
      (void)!::write(pipeFds[1], bytes.data(), bytes.size());
    };
    const auto fail = [&](std::string_view why) {
      say(errno == EPERM ? 'P' : 'F', why);
      _exit(1);
    };
    if (unshare(CLONE_NEWNS) != 0) fail("unshare");
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) fail("mount /");
    if (mount("tmpfs", "/run", "tmpfs", 0, "mode=0755") != 0) fail("mount /run");
    std::error_code ignored;
    std::filesystem::create_directories("/run/systemd/journal", ignored);
    const int listener = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, "/run/systemd/journal/socket");
    if (bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      fail("bind");
    }
    const std::string stderrFile = "/run/stderr.log";
    const pid_t grandchild = fork();
    if (grandchild == 0) {
      close(pipeFds[1]);
      close(listener);
      FILE* err = std::freopen(stderrFile.c_str(), "w", stderr);
      struct stat st {};
      if (err == nullptr || fstat(STDERR_FILENO, &st) != 0) _exit(125);
      const std::string stream = std::to_string(static_cast<unsigned long>(st.st_dev)) + ":" +
                                 std::to_string(static_cast<unsigned long>(st.st_ino));
      setenv("JOURNAL_STREAM", stream.c_str(), 1);
      program();
      _exit(126);
    }
    std::string datagram(1 << 16, '\0');
    for (;;) {
      timeval wait{0, 100'000};
      setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
      const ssize_t n = recv(listener, datagram.data(), datagram.size(), 0);
      if (n > 0) {
        const std::string_view bytes(datagram.data(), static_cast<std::size_t>(n));
        if (onEntry) onEntry(parseJournalDatagram(bytes), grandchild);
        say('E', bytes);
        continue;
      }
      int status = 0;
      if (waitpid(grandchild, &status, WNOHANG) == grandchild) break;
    }
    // Entries sent just before the program ended.
    while (true) {
      const ssize_t n = recv(listener, datagram.data(), datagram.size(), MSG_DONTWAIT);
      if (n <= 0) break;
      say('E', std::string_view(datagram.data(), static_cast<std::size_t>(n)));
    }
    _exit(0);
  }
  close(pipeFds[1]);
  std::string received;
  char buffer[4096];
  for (ssize_t n = 0; (n = read(pipeFds[0], buffer, sizeof buffer)) > 0;) {
    received.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipeFds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  std::string_view rest = received;
  while (rest.size() >= 1 + sizeof(std::uint64_t)) {
    const char kind = rest[0];
    std::uint64_t size = 0;
    std::memcpy(&size, rest.data() + 1, sizeof size);
    const std::string_view bytes = rest.substr(1 + sizeof size, size);
    rest.remove_prefix(std::min(rest.size(), 1 + sizeof size + size));
    if (kind == 'E') capture.entries.push_back(parseJournalDatagram(bytes));
    if (kind == 'P') capture.needsRoot = true;
    if (kind == 'F') capture.failure = std::string(bytes);
  }
  return capture;
}

}  // namespace mikhak::test
