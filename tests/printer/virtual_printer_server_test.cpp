#include "virtual_printer_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "mikhak/printer/escpos.hpp"
#include "mikhak/text/png.hpp"
#include "random_bitmap.hpp"

namespace mikhak::ctl {
namespace {

using Bytes = std::vector<std::uint8_t>;
namespace fs = std::filesystem;

constexpr int kFeedRows = 4 * printer::VirtualPrinter::kRowsPerLine;
// Only a guard against a hung test; nothing is asserted about how long anything takes.
constexpr int kHangGuardMs = 20000;

// A host on the other end of the socket.
class Client {
 public:
  explicit Client(int port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 &&
                 ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~Client() { close(); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }
  bool send(std::span<const std::uint8_t> bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes = bytes.subspan(static_cast<std::size_t>(sent));
    }
    return true;
  }
  std::optional<std::uint8_t> readByte() {
    pollfd wait{fd_, POLLIN, 0};
    if (::poll(&wait, 1, kHangGuardMs) != 1) return std::nullopt;
    std::uint8_t byte = 0;
    if (::recv(fd_, &byte, 1, 0) != 1) return std::nullopt;
    return byte;
  }
  // Asks for the printer's status and waits for the answer: everything sent before has then
  // been printed, and its tickets written.
  std::optional<std::uint8_t> ask(int n) {
    if (!send(printer::statusRequest(n))) return std::nullopt;
    return readByte();
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
  bool connected_ = false;
};

class VirtualPrinterServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("mikhak-vp-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    if (server_) server_->stop();
    fs::remove_all(dir_);
  }

  VirtualPrinterServer& start(printer::VirtualPrinter::Options printerOptions = {},
                              VirtualPrinterServer::Events events = {}) {
    VirtualPrinterServer::Options options;
    options.port = 0;
    options.outDir = dir_;
    options.printer = printerOptions;
    auto started = VirtualPrinterServer::start(options, std::move(events));
    if (!started) ADD_FAILURE() << started.error().message;
    server_ = std::move(started).value();
    EXPECT_GT(server_->port(), 0);
    return *server_;
  }

  // The PNG read back as ink, and compared with the image on 576-dot paper plus the feed.
  void expectTicket(const fs::path& file, const text::MonoBitmap& image) {
    const auto png = text::readPngCoverage(file);
    ASSERT_TRUE(png) << png.error().message;
    ASSERT_EQ(png->width, 576);
    ASSERT_EQ(png->height, image.height + kFeedRows);
    int wrong = 0;
    for (int y = 0; y < png->height; ++y) {
      for (int x = 0; x < png->width; ++x) {
        const bool ink = y < image.height && x < image.width && image.at(x, y);
        if ((png->at(x, y) >= 128) != ink) ++wrong;
      }
    }
    EXPECT_EQ(wrong, 0) << file;
  }

  fs::path dir_;
  std::unique_ptr<VirtualPrinterServer> server_;
};

TEST_F(VirtualPrinterServerTest, TicketSentOverTcpIsWrittenAsAPngOfTheImage) {
  VirtualPrinterServer& server = start();
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 240, 1, 0.3);
  Client host(server.port());
  ASSERT_TRUE(host.connected());
  ASSERT_TRUE(host.send(printer::encodeRaster(image, printer::EscPosOptions{})));
  ASSERT_EQ(host.ask(1), std::optional<std::uint8_t>(0x12));
  EXPECT_EQ(server.ticketsWritten(), 1);
  expectTicket(dir_ / "ticket-0001.png", image);
}

TEST_F(VirtualPrinterServerTest, StatusRequestGetsItsAnswerOverTheSocket) {
  printer::VirtualPrinter::Options options;
  options.paperOutAfter = 0;
  options.tailRows = 0;
  VirtualPrinterServer& server = start(options);
  Client host(server.port());
  ASSERT_TRUE(host.connected());
  EXPECT_EQ(host.ask(4), std::optional<std::uint8_t>(0x7E));
  EXPECT_EQ(host.ask(1), std::optional<std::uint8_t>(0x1A));
}

TEST_F(VirtualPrinterServerTest, HostThatLeavesMidTicketDoesNotSpoilTheNextHostsTicket) {
  VirtualPrinterServer& server = start();
  {
    Client leaver(server.port());
    ASSERT_TRUE(leaver.connected());
    const Bytes ticket = printer::encodeRaster(mikhak::test::randomBitmap(576, 300, 2, 0.3),
                                               printer::EscPosOptions{});
    ASSERT_TRUE(leaver.send(std::span(ticket).first(ticket.size() / 2)));  // mid-band
  }
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 100, 3, 0.3);
  Client host(server.port());
  ASSERT_TRUE(host.connected());
  ASSERT_TRUE(host.send(printer::encodeRaster(image, printer::EscPosOptions{})));
  ASSERT_EQ(host.ask(1), std::optional<std::uint8_t>(0x12));
  EXPECT_EQ(server.ticketsWritten(), 1);
  expectTicket(dir_ / "ticket-0001.png", image);
  EXPECT_FALSE(fs::exists(dir_ / "ticket-0002.png"));
}

TEST_F(VirtualPrinterServerTest, HostsAreServedOneAtATimeInTheOrderTheyCame) {
  VirtualPrinterServer& server = start();
  const text::MonoBitmap first = mikhak::test::randomBitmap(576, 60, 4, 0.3);
  const text::MonoBitmap second = mikhak::test::randomBitmap(576, 70, 5, 0.3);
  Client a(server.port());
  ASSERT_TRUE(a.connected());
  ASSERT_EQ(a.ask(1), std::optional<std::uint8_t>(0x12));  // a is being served
  Client b(server.port());
  ASSERT_TRUE(b.connected());
  ASSERT_TRUE(b.send(printer::encodeRaster(second, printer::EscPosOptions{})));
  ASSERT_TRUE(b.send(printer::statusRequest(1)));
  // b waits in the queue: a's ticket, sent after b's, is still the first one cut.
  ASSERT_TRUE(a.send(printer::encodeRaster(first, printer::EscPosOptions{})));
  ASSERT_EQ(a.ask(1), std::optional<std::uint8_t>(0x12));
  a.close();
  ASSERT_EQ(b.readByte(), std::optional<std::uint8_t>(0x12));
  expectTicket(dir_ / "ticket-0001.png", first);
  expectTicket(dir_ / "ticket-0002.png", second);
}

TEST_F(VirtualPrinterServerTest, NumberingGoesOnAfterTicketsAlreadyInTheFolder) {
  fs::create_directories(dir_);
  ASSERT_TRUE(text::writePng(dir_ / "ticket-0041.png", text::MonoBitmap(8, 8)));
  VirtualPrinterServer& server = start();
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 30, 6, 0.3);
  Client host(server.port());
  ASSERT_TRUE(host.send(printer::encodeRaster(image, printer::EscPosOptions{})));
  ASSERT_EQ(host.ask(1), std::optional<std::uint8_t>(0x12));
  expectTicket(dir_ / "ticket-0042.png", image);
}

TEST_F(VirtualPrinterServerTest, RefillIsReportedAsAStatusChange) {
  printer::VirtualPrinter::Options options;
  options.paperOutAfter = 0;
  options.tailRows = 0;
  std::atomic<int> changes{0};
  std::atomic<bool> lastReady{false};
  VirtualPrinterServer::Events events;
  events.statusChanged = [&](const printer::PrinterStatus& status) {
    ++changes;
    lastReady = status.ready();
  };
  VirtualPrinterServer& server = start(options, std::move(events));
  EXPECT_TRUE(server.status().paperOut);
  server.refill();
  EXPECT_EQ(changes.load(), 1);
  EXPECT_TRUE(lastReady.load());
  Client host(server.port());
  EXPECT_EQ(host.ask(4), std::optional<std::uint8_t>(0x12));
}

TEST_F(VirtualPrinterServerTest, StopReturnsWhileAHostIsStillConnected) {
  VirtualPrinterServer& server = start();
  Client host(server.port());
  ASSERT_EQ(host.ask(1), std::optional<std::uint8_t>(0x12));
  server.stop();
  server.stop();  // again: nothing
  EXPECT_FALSE(host.readByte().has_value()) << "the connection was closed";
}

TEST_F(VirtualPrinterServerTest, AddressInUseIsAnError) {
  VirtualPrinterServer& server = start();
  VirtualPrinterServer::Options options;
  options.port = server.port();
  options.outDir = dir_;
  const auto second = VirtualPrinterServer::start(options);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("bind"), std::string::npos) << second.error().message;
}

}  // namespace
}  // namespace mikhak::ctl
