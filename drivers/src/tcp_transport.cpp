#include "tcp_transport.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>
#include <utility>

#include "deadline.hpp"
#include "io_outcome.hpp"

namespace mikhak::drivers {
namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* list) const { freeaddrinfo(list); }
};

IoFailure connectFailure(int error) {
  switch (error) {
    case ECONNREFUSED:
    case EHOSTUNREACH:
    case ENETUNREACH:
    case EHOSTDOWN:
      return IoFailure::NotFound;
    case ETIMEDOUT:
      return IoFailure::Timeout;
    case EACCES:
    case EPERM:  // a firewall rule
      return IoFailure::Denied;
    default:
      return IoFailure::Io;
  }
}

IoFailure transferFailure(int error) {
  switch (error) {
    case EPIPE:
    case ECONNRESET:
    case ENOTCONN:
    case ECONNABORTED:
    case ETIMEDOUT:  // keepalive or retransmissions gave up
    case EHOSTUNREACH:
    case ENETUNREACH:
      return IoFailure::Disconnected;
    default:
      return IoFailure::Io;
  }
}

}  // namespace

TcpTransport::TcpTransport(PrinterUri uri) : uri_(std::move(uri)) {}

std::string TcpTransport::describe() const { return uri_.text(); }

void TcpTransport::close() { socket_.reset(); }

IoOutcome TcpTransport::fail(std::size_t bytes, IoFailure failure, const std::string& message) {
  // Half a command may be in the stream, or a late answer on its way: start clean next time.
  close();
  return failed(bytes, failure, describe() + ": " + message);
}

std::optional<IoError> TcpTransport::connect(std::chrono::milliseconds timeout) {
  const Deadline deadline(timeout);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  // A name (not an address) is looked up here, which the timeout cannot bound: configure
  // printers by address.
  addrinfo* raw = nullptr;
  const auto port = std::to_string(uri_.port);
  if (const int result = getaddrinfo(uri_.host.c_str(), port.c_str(), &hints, &raw); result != 0) {
    const bool unknown = result == EAI_NONAME || result == EAI_NODATA || result == EAI_FAIL;
    return IoError{unknown ? IoFailure::NotFound : IoFailure::Io,
                   describe() + ": cannot resolve host: " + gai_strerror(result)};
  }
  const std::unique_ptr<addrinfo, AddrInfoDeleter> addresses(raw);

  int lastError = EHOSTUNREACH;
  for (const addrinfo* address = addresses.get(); address; address = address->ai_next) {
    UniqueFd fd(::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                         address->ai_protocol));
    if (!fd) {
      lastError = errno;
      continue;
    }
    // Tickets go out as a few large writes followed by small commands and a status request
    // that waits for its answer: Nagle would hold the small ones back.
    const int one = 1;
    (void)::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int error = 0;
    if (::connect(fd.get(), address->ai_addr, address->ai_addrlen) != 0) {
      error = errno;
      if (error == EINPROGRESS || error == EINTR) {
        const auto waited = waitFor(fd.get(), POLLOUT, deadline);
        if (waited == WaitResult::TimedOut) {
          return IoError{IoFailure::Timeout, describe() + ": no connection within " +
                                                 std::to_string(timeout.count()) + " ms"};
        }
        error = errno;
        if (waited == WaitResult::Ready) {
          socklen_t length = sizeof error;
          if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
        }
      }
    }
    if (error == 0) {
      socket_ = std::move(fd);
      return std::nullopt;
    }
    lastError = error;
    if (deadline.expired()) break;
  }
  std::string message = describe() + ": cannot connect: " + errnoText(lastError);
  if (lastError == ECONNREFUSED) message += " (is the printer on, and is its raw port open?)";
  return IoError{connectFailure(lastError), std::move(message)};
}

// A printer that closed the connection (idle timeout, power cycle) has sent a FIN; writing
// into that socket would "succeed" into the void, so find out before sending a ticket.
bool TcpTransport::peerHasClosed() const {
  pollfd entry{socket_.get(), POLLIN | POLLRDHUP, 0};
  if (::poll(&entry, 1, 0) <= 0) return false;
  return (entry.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

IoOutcome TcpTransport::write(std::span<const std::uint8_t> data,
                              std::chrono::milliseconds timeout) {
  if (data.empty()) return succeeded(0);
  if (!socket_) {
    if (auto error = connect(timeout)) return IoOutcome{0, std::move(error)};
  } else if (peerHasClosed()) {
    return fail(0, IoFailure::Disconnected, "the printer closed the connection");
  }
  const Deadline deadline(timeout);
  std::size_t sent = 0;
  while (sent < data.size()) {
    // MSG_NOSIGNAL: a dropped connection is an EPIPE here, not a SIGPIPE for the process.
    const auto n =
        ::send(socket_.get(), data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    const int error = n < 0 ? errno : EPIPE;
    if (error == EINTR) continue;
    if (error != EAGAIN && error != EWOULDBLOCK) {
      return fail(sent, transferFailure(error),
                  "write failed after " + std::to_string(sent) + " of " +
                      std::to_string(data.size()) + " bytes: " + errnoText(error));
    }
    const auto waited = waitFor(socket_.get(), POLLOUT, deadline);
    if (waited == WaitResult::TimedOut) {
      return fail(sent, IoFailure::Timeout,
                  "write timed out after " + std::to_string(timeout.count()) + " ms with " +
                      std::to_string(sent) + " of " + std::to_string(data.size()) +
                      " bytes sent (the printer stopped reading)");
    }
    if (waited == WaitResult::Failed) return fail(sent, IoFailure::Io, "poll: " + errnoText(errno));
  }
  return succeeded(sent);
}

IoOutcome TcpTransport::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) {
  if (buffer.empty()) return succeeded(0);
  if (!socket_) {
    if (auto error = connect(timeout)) return IoOutcome{0, std::move(error)};
  }
  const Deadline deadline(timeout);
  for (;;) {
    const auto n = ::recv(socket_.get(), buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n > 0) return succeeded(static_cast<std::size_t>(n));
    if (n == 0) return fail(0, IoFailure::Disconnected, "the printer closed the connection");
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EAGAIN && error != EWOULDBLOCK) {
      return fail(0, transferFailure(error), "read failed: " + errnoText(error));
    }
    const auto waited = waitFor(socket_.get(), POLLIN, deadline);
    if (waited == WaitResult::TimedOut) {
      return fail(0, IoFailure::Timeout,
                  "no answer within " + std::to_string(timeout.count()) + " ms");
    }
    if (waited == WaitResult::Failed) return fail(0, IoFailure::Io, "poll: " + errnoText(errno));
  }
}

}  // namespace mikhak::drivers
