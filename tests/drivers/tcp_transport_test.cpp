#include "tcp_transport.hpp"

#include <gtest/gtest.h>

#include <array>
#include <thread>

#include "byte_pattern.hpp"
#include "loopback_listener.hpp"

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;
using test::LoopbackListener;

PrinterUri loopback(std::uint16_t port) {
  return parsePrinterUri("tcp://127.0.0.1:" + std::to_string(port)).value();
}

TEST(TcpTransportTest, BytesArriveIntact) {
  LoopbackListener listener;
  TcpTransport transport(loopback(listener.port()));
  const auto data = mikhak::test::patternBytes(1 << 20);  // more than the socket buffers hold
  std::vector<std::uint8_t> received;
  std::thread printer([&] {
    const auto connection = listener.accept();
    received = LoopbackListener::receive(connection.get(), data.size());
  });

  const auto outcome = transport.write(data, 5s);
  printer.join();

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(outcome.bytes, data.size());
  EXPECT_EQ(received, data);
}

TEST(TcpTransportTest, TheAnswerToAStatusRequestCanBeRead) {
  LoopbackListener listener;
  TcpTransport transport(loopback(listener.port()));
  const std::array<std::uint8_t, 3> request = {0x10, 0x04, 0x04};
  ASSERT_TRUE(transport.write(request, 300ms).ok());
  const auto connection = listener.accept();
  ASSERT_EQ(LoopbackListener::receive(connection.get(), 3).size(), 3u);
  const std::uint8_t status = 0x12;
  ASSERT_EQ(::send(connection.get(), &status, 1, 0), 1);
  std::array<std::uint8_t, 4> answer{};

  const auto outcome = transport.read(answer, 300ms);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(outcome.bytes, 1u);
  EXPECT_EQ(answer[0], 0x12);
}

TEST(TcpTransportTest, AReadWithNothingSentTimesOut) {
  LoopbackListener listener;
  TcpTransport transport(loopback(listener.port()));
  std::array<std::uint8_t, 1> answer{};

  const auto outcome = transport.read(answer, 50ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_EQ(outcome.bytes, 0u);
}

TEST(TcpTransportTest, AReadAfterThePeerClosedReportsDisconnected) {
  LoopbackListener listener;
  TcpTransport transport(loopback(listener.port()));
  ASSERT_TRUE(transport.write(mikhak::test::patternBytes(10), 300ms).ok());
  listener.accept().reset();
  std::array<std::uint8_t, 1> answer{};

  const auto outcome = transport.read(answer, 300ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Disconnected);
}

TEST(TcpTransportTest, AWriteAfterThePeerClosedReportsDisconnectedAndTheNextOneReconnects) {
  LoopbackListener listener;
  TcpTransport transport(loopback(listener.port()));
  ASSERT_TRUE(transport.write(mikhak::test::patternBytes(10), 300ms).ok());
  listener.accept().reset();

  // More than fits in the socket buffers: the dead peer's reset has to stop it.
  const auto lost = transport.write(mikhak::test::patternBytes(8 << 20), 2s);
  const auto next = transport.write(mikhak::test::patternBytes(100), 300ms);

  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error->failure, IoFailure::Disconnected);
  EXPECT_LT(lost.bytes, 8u << 20);
  ASSERT_TRUE(next.ok()) << next.error->message;
  const auto connection = listener.accept();
  EXPECT_EQ(LoopbackListener::receive(connection.get(), 100), mikhak::test::patternBytes(100));
}

TEST(TcpTransportTest, ARefusedConnectionReportsNotFound) {
  std::uint16_t port = 0;
  {
    LoopbackListener closedAgain;
    port = closedAgain.port();
  }
  TcpTransport transport(loopback(port));

  const auto outcome = transport.write(mikhak::test::patternBytes(10), 300ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::NotFound);
  EXPECT_EQ(outcome.bytes, 0u);
}

TEST(TcpTransportTest, APeerThatStopsReadingMakesTheWriteTimeOutWithWhatWasAccepted) {
  LoopbackListener listener({.receiveBuffer = 4096});
  TcpTransport transport(loopback(listener.port()));
  const auto data = mikhak::test::patternBytes(8 << 20);

  const auto outcome = transport.write(data, 200ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_GT(outcome.bytes, 0u);
  EXPECT_LT(outcome.bytes, data.size());
}

TEST(TcpTransportTest, AConnectionThatIsNeverAnsweredTimesOut) {
  LoopbackListener listener({.receiveBuffer = std::nullopt, .backlog = 0});
  TcpTransport first(loopback(listener.port()));
  TcpTransport second(loopback(listener.port()));
  ASSERT_TRUE(first.write(mikhak::test::patternBytes(1), 300ms).ok());  // fills the accept queue

  const auto outcome = second.write(mikhak::test::patternBytes(1), 100ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_EQ(outcome.bytes, 0u);
}

TEST(TcpTransportTest, DescribeGivesTheUri) {
  TcpTransport transport(loopback(9100));

  EXPECT_EQ(transport.describe(), "tcp://127.0.0.1:9100");
}

}  // namespace
}  // namespace mikhak::drivers
