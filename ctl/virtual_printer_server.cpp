#include "virtual_printer_server.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
#include <utility>

#include "mikhak/text/png.hpp"

namespace mikhak::ctl {

namespace {

// Owns a file descriptor, closed when it goes.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

std::string systemError(const std::string& what) {
  return "VirtualPrinterServer: " + what + ": " + std::strerror(errno);
}

bool transient(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

// New tickets are numbered after the highest `ticket-NNNN.png` already in the folder, so that a
// second run never overwrites the first one's tickets.
int lastTicketNumber(const std::filesystem::path& dir) {
  int last = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("ticket-") || !name.ends_with(".png")) continue;
    const std::string digits = name.substr(7, name.size() - 11);
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    last = std::max(last, std::stoi(digits));
  }
  return last;
}

std::filesystem::path ticketPath(const std::filesystem::path& dir, int number) {
  std::array<char, 32> name{};
  std::snprintf(name.data(), name.size(), "ticket-%04d.png", number);
  return dir / name.data();
}

int boundPort(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  }
  return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
}

}  // namespace

struct VirtualPrinterServer::Impl {
  Impl(Options o, Events e)
      : options(std::move(o)),
        events(std::move(e)),
        printer(options.printer),
        lastStatus(printer.status()) {}
  ~Impl() { stop(); }

  Result<Ok> listen();
  void run();
  void serve(UniqueFd client);
  void handle(std::span<const std::uint8_t> bytes, std::vector<std::uint8_t>& outgoing);
  void reportStatusLocked();
  void reportError(const std::string& message);
  void stop();

  Options options;
  Events events;
  UniqueFd listenFd;
  UniqueFd wakeFd;  // an eventfd: readable once stop() is called, waking every poll
  int port = 0;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::mutex stopMutex;  // one stop() at a time

  mutable std::mutex mutex;  // the printer, the numbering and the events
  printer::VirtualPrinter printer;
  printer::PrinterStatus lastStatus;
  int lastTicket = 0;
  int ticketCount = 0;
};

Result<Ok> VirtualPrinterServer::Impl::listen() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  const std::string service = std::to_string(options.port);
  const std::string where = options.host + ":" + service;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(options.host.empty() ? nullptr : options.host.c_str(),
                               service.c_str(), &hints, &found);
  if (rc != 0) return Error{"VirtualPrinterServer: " + where + ": " + ::gai_strerror(rc)};
  const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  std::string failure = "VirtualPrinterServer: " + where + ": no address";
  for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
    UniqueFd fd(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (!fd) {
      failure = systemError(where + ": socket");
      continue;
    }
    // A restarted printer can listen again at once, while old connections sit in TIME_WAIT.
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd.get(), a->ai_addr, a->ai_addrlen) != 0) {
      failure = systemError(where + ": bind");
      continue;
    }
    if (::listen(fd.get(), 16) != 0) {
      failure = systemError(where + ": listen");
      continue;
    }
    port = boundPort(fd.get());
    listenFd = std::move(fd);
    return Ok{};
  }
  return Error{failure};
}

void VirtualPrinterServer::Impl::run() {
  while (!stopping.load()) {
    std::array<pollfd, 2> fds{{{listenFd.get(), POLLIN, 0}, {wakeFd.get(), POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      reportError(systemError("poll"));
      return;
    }
    if (stopping.load()) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    UniqueFd client(::accept4(listenFd.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    // Nothing to serve if the host gave up before it was accepted.
    if (client) serve(std::move(client));
  }
}

// One host until it closes; the next waits in the listen queue meanwhile.
void VirtualPrinterServer::Impl::serve(UniqueFd client) {
  std::array<std::uint8_t, 16 * 1024> buffer{};
  std::vector<std::uint8_t> outgoing;  // answers to the last read, at most a third of it
  while (!stopping.load()) {
    // While answers wait, nothing more is read: a host that does not read its answers is slowed
    // down rather than buffered for.
    const short want = outgoing.empty() ? POLLIN : POLLOUT;
    std::array<pollfd, 2> fds{{{client.get(), want, 0}, {wakeFd.get(), POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      reportError(systemError("poll"));
      break;
    }
    if (stopping.load()) break;
    if (fds[0].revents == 0) continue;
    if (!outgoing.empty()) {
      const ssize_t sent = ::send(client.get(), outgoing.data(), outgoing.size(), MSG_NOSIGNAL);
      if (sent < 0) {
        if (transient(errno)) continue;
        break;  // the host went away before reading its answers
      }
      outgoing.erase(outgoing.begin(), outgoing.begin() + sent);
      continue;
    }
    const ssize_t received = ::recv(client.get(), buffer.data(), buffer.size(), 0);
    if (received == 0) break;
    if (received < 0) {
      if (transient(errno)) continue;
      break;  // reset by the host: the same as a close
    }
    handle(std::span(buffer.data(), static_cast<std::size_t>(received)), outgoing);
  }
  const std::lock_guard lock(mutex);
  printer.endOfStream();
}

void VirtualPrinterServer::Impl::handle(std::span<const std::uint8_t> bytes,
                                        std::vector<std::uint8_t>& outgoing) {
  const std::lock_guard lock(mutex);
  const std::vector<std::uint8_t> answer = printer.receive(bytes);
  // Tickets are written before the answers go out: a host that asks for status after its cut
  // finds the file there once the answer arrives.
  for (const text::MonoBitmap& ticket : printer.takeTickets()) {
    const std::filesystem::path file = ticketPath(options.outDir, ++lastTicket);
    if (const auto written = text::writePng(file, ticket); !written) {
      if (events.error) events.error(written.error().message);
      continue;
    }
    ++ticketCount;
    if (events.ticketWritten) events.ticketWritten(file, ticket);
  }
  reportStatusLocked();
  outgoing.insert(outgoing.end(), answer.begin(), answer.end());
}

void VirtualPrinterServer::Impl::reportStatusLocked() {
  const printer::PrinterStatus now = printer.status();
  if (now == lastStatus) return;
  lastStatus = now;
  if (events.statusChanged) events.statusChanged(now);
}

void VirtualPrinterServer::Impl::reportError(const std::string& message) {
  const std::lock_guard lock(mutex);
  if (events.error) events.error(message);
}

void VirtualPrinterServer::Impl::stop() {
  const std::lock_guard lock(stopMutex);
  stopping.store(true);
  if (wakeFd) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wakeFd.get(), &one, sizeof one);
  }
  if (thread.joinable()) thread.join();
  listenFd.reset();  // refuses new connections and frees the port
}

Result<std::unique_ptr<VirtualPrinterServer>> VirtualPrinterServer::start(Options options,
                                                                          Events events) {
  if (options.printer.widthDots < 1) {
    return Error{"VirtualPrinterServer: paper width must be at least 1 dot"};
  }
  std::error_code ec;
  std::filesystem::create_directories(options.outDir, ec);
  if (ec) return Error{"VirtualPrinterServer: " + options.outDir.string() + ": " + ec.message()};
  auto impl = std::make_unique<Impl>(std::move(options), std::move(events));
  impl->lastTicket = lastTicketNumber(impl->options.outDir);
  if (auto listening = impl->listen(); !listening) return listening.error();
  impl->wakeFd = UniqueFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!impl->wakeFd) return Error{systemError("eventfd")};
  impl->thread = std::thread([raw = impl.get()] { raw->run(); });
  return std::make_unique<VirtualPrinterServer>(Key{}, std::move(impl));
}

VirtualPrinterServer::VirtualPrinterServer(Key, std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

VirtualPrinterServer::~VirtualPrinterServer() = default;

void VirtualPrinterServer::stop() { impl_->stop(); }

int VirtualPrinterServer::port() const { return impl_->port; }

void VirtualPrinterServer::refill() {
  const std::lock_guard lock(impl_->mutex);
  impl_->printer.refill();
  impl_->reportStatusLocked();
}

printer::PrinterStatus VirtualPrinterServer::status() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->printer.status();
}

int VirtualPrinterServer::ticketsWritten() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->ticketCount;
}

}  // namespace mikhak::ctl
