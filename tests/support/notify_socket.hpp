#pragma once

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace mikhak::test {

// The socket systemd gives a Type=notify service: a unix datagram socket bound to a path, named
// to the service in NOTIFY_SOCKET. The constructor binds it in a fresh folder and sets
// NOTIFY_SOCKET (children started afterwards inherit it); the destructor unsets it.
class NotifySocket {
 public:
  NotifySocket()
      : folder_(std::filesystem::temp_directory_path() /
                ("mikhak-notify-" + std::to_string(::getpid()))),
        fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    std::filesystem::create_directories(folder_);
    const std::string path = (folder_ / "notify").string();
    std::filesystem::remove(path);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("NotifySocket: cannot bind " + path);
    }
    ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  }
  ~NotifySocket() {
    ::unsetenv("NOTIFY_SOCKET");
    ::close(fd_);
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // The next datagram, waiting at most `timeout` (zero: only one already queued; a datagram sent
  // by this process is queued before sendmsg returns).
  std::optional<std::string> receive(std::chrono::milliseconds timeout = {}) const {
    pollfd entry{fd_, POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(timeout.count())) != 1) return std::nullopt;
    char buffer[4096];
    const ssize_t size = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
    if (size < 0) return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(size));
  }

 private:
  std::filesystem::path folder_;
  int fd_;
};

}  // namespace mikhak::test
