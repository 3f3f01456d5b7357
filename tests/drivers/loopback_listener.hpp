#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "unique_fd.hpp"

namespace mikhak::drivers::test {

// A TCP listener on 127.0.0.1 at a free port, standing in for a network printer.
class LoopbackListener {
 public:
  struct Options {
    // A small SO_RCVBUF (set before listen, so accepted sockets inherit it) makes a peer that
    // never reads fill up quickly.
    std::optional<int> receiveBuffer;
    // With 0, one connection waits to be accepted and the kernel drops the SYNs of the next
    // ones: their connect hangs, like a printer that is switched off.
    int backlog = 8;
  };
  LoopbackListener() : LoopbackListener(Options{}) {}
  explicit LoopbackListener(Options options) {
    const auto receiveBuffer = options.receiveBuffer;
    fd_.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd_) throw std::runtime_error("LoopbackListener: socket");
    if (receiveBuffer) {
      ::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVBUF, &*receiveBuffer, sizeof *receiveBuffer);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_.get(), options.backlog) != 0) {
      throw std::runtime_error("LoopbackListener: bind/listen");
    }
    socklen_t length = sizeof address;
    ::getsockname(fd_.get(), reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }

  std::uint16_t port() const { return port_; }

  // The next connection, or an invalid fd when none comes within the timeout.
  UniqueFd accept(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    pollfd entry{fd_.get(), POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(timeout.count())) != 1) return UniqueFd();
    return UniqueFd(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
  }

  // Reads until `count` bytes have come, the peer closes, or nothing comes for `idle`.
  static std::vector<std::uint8_t> receive(
      int fd, std::size_t count, std::chrono::milliseconds idle = std::chrono::seconds(5)) {
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint8_t> buffer(64 * 1024);
    while (bytes.size() < count) {
      pollfd entry{fd, POLLIN, 0};
      if (::poll(&entry, 1, static_cast<int>(idle.count())) != 1) break;
      const auto n = ::recv(fd, buffer.data(), std::min(buffer.size(), count - bytes.size()), 0);
      if (n <= 0) break;
      bytes.insert(bytes.end(), buffer.begin(), buffer.begin() + n);
    }
    return bytes;
  }

 private:
  UniqueFd fd_;
  std::uint16_t port_ = 0;
};

}  // namespace mikhak::drivers::test
