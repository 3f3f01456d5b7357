#include "device_transport.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "byte_pattern.hpp"
#include "pseudo_terminal.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;
using mikhak::test::PseudoTerminal;

PrinterUri uriOf(const PseudoTerminal& printer) {
  return parsePrinterUri("dev://" + printer.path()).value();
}

TEST(DeviceTransportTest, BytesArriveUnchanged) {
  PseudoTerminal terminal;
  DeviceTransport transport(uriOf(terminal));
  const auto data = mikhak::test::patternBytes(2000);

  const auto outcome = transport.write(data, 300ms);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(outcome.bytes, data.size());
  EXPECT_EQ(terminal.receive(data.size()), data);
}

TEST(DeviceTransportTest, WhatTheDeviceSendsCanBeRead) {
  PseudoTerminal terminal;
  DeviceTransport transport(uriOf(terminal));
  ASSERT_TRUE(transport.write(std::vector<std::uint8_t>{0x10, 0x04, 0x01}, 300ms).ok());
  const std::uint8_t status = 0x16;
  ASSERT_EQ(::write(terminal.master(), &status, 1), 1);
  std::array<std::uint8_t, 8> answer{};

  const auto outcome = transport.read(answer, 300ms);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(outcome.bytes, 1u);
  EXPECT_EQ(answer[0], 0x16);
}

TEST(DeviceTransportTest, AReadWithNothingSentTimesOut) {
  PseudoTerminal terminal;
  DeviceTransport transport(uriOf(terminal));
  std::array<std::uint8_t, 1> answer{};

  const auto outcome = transport.read(answer, 50ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
}

TEST(DeviceTransportTest, AMissingDeviceReportsNotFound) {
  DeviceTransport transport(parsePrinterUri("dev:///dev/usb/no-such-lp9").value());

  const auto outcome = transport.write(mikhak::test::patternBytes(10), 300ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::NotFound);
  EXPECT_NE(outcome.error->message.find("dev:///dev/usb/no-such-lp9"), std::string::npos);
}

TEST(DeviceTransportTest, ADeviceThatWentAwayReportsDisconnected) {
  PseudoTerminal terminal;
  DeviceTransport transport(uriOf(terminal));
  ASSERT_TRUE(transport.write(mikhak::test::patternBytes(10), 300ms).ok());
  ASSERT_EQ(terminal.receive(10).size(), 10u);
  terminal.closeMaster();  // the other end is gone, as usblp's is after an unplug

  const auto outcome = transport.write(mikhak::test::patternBytes(10), 300ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Disconnected);
}

TEST(DeviceTransportTest, ADeviceWithoutPermissionReportsDeniedWithTheHint) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may open anything";
  std::string path = (std::filesystem::path(::testing::TempDir()) / "mikhak-lp-XXXXXX").string();
  UniqueFd(::mkstemp(path.data()));
  ::chmod(path.c_str(), 0000);
  DeviceTransport transport(parsePrinterUri("dev://" + path).value());

  const auto outcome = transport.write(mikhak::test::patternBytes(10), 300ms);
  std::filesystem::remove(path);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Denied);
  EXPECT_NE(outcome.error->message.find("lp"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::drivers
