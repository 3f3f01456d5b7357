// The serial port a scanner is read through, against a pseudo-terminal (the test plays the
// scanner on the master side), and its errors.
#include "serial_port.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pseudo_terminal.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;
using PseudoTerminal = mikhak::test::PseudoTerminal;

std::string text(const std::array<std::uint8_t, 256>& buffer, const IoOutcome& outcome) {
  return std::string(reinterpret_cast<const char*>(buffer.data()), outcome.bytes);
}

TEST(SerialPortTest, BytesArriveUnchangedInRawMode) {
  PseudoTerminal scanner(PseudoTerminal::Mode::AsIs);
  SerialPort port(scanner.path(), 115200);
  ASSERT_FALSE(port.open());

  // Raw: a CR stays a CR (a cooked tty would make it LF) and nothing waits for a line.
  scanner.send("4821\r\n\x03");
  std::array<std::uint8_t, 256> buffer{};
  const auto outcome = port.read(buffer, 1000ms);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(text(buffer, outcome), std::string("4821\r\n\x03"));
}

TEST(SerialPortTest, TheRawSettingsAndRateAreApplied) {
  PseudoTerminal scanner(PseudoTerminal::Mode::AsIs);
  SerialPort port(scanner.path(), 57600);
  ASSERT_FALSE(port.open());

  termios settings{};
  ASSERT_EQ(::tcgetattr(scanner.slave(), &settings), 0);
  EXPECT_EQ(settings.c_lflag & (ICANON | ECHO | ISIG), 0u);
  EXPECT_EQ(settings.c_iflag & (ICRNL | IXON), 0u);
  EXPECT_EQ(::cfgetispeed(&settings), static_cast<speed_t>(B57600));
}

TEST(SerialPortTest, NothingSentTimesOutAndTheDeviceStaysOpen) {
  PseudoTerminal scanner(PseudoTerminal::Mode::AsIs);
  SerialPort port(scanner.path(), 9600);
  std::array<std::uint8_t, 256> buffer{};

  const auto outcome = port.read(buffer, 30ms);

  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_TRUE(port.isOpen());
}

TEST(SerialPortTest, AClosedOtherEndIsADisconnection) {
  PseudoTerminal scanner(PseudoTerminal::Mode::AsIs);
  SerialPort port(scanner.path(), 9600);
  ASSERT_FALSE(port.open());
  std::array<std::uint8_t, 256> buffer{};

  scanner.closeMaster();
  const auto outcome = port.read(buffer, 1000ms);

  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->failure, IoFailure::Disconnected) << outcome.error->message;
  EXPECT_FALSE(port.isOpen());
}

TEST(SerialPortTest, ClosedItOpensAgainOnTheNextRead) {
  PseudoTerminal scanner(PseudoTerminal::Mode::AsIs);
  SerialPort port(scanner.path(), 9600);
  ASSERT_FALSE(port.open());
  port.close();

  scanner.send("again\n");
  std::array<std::uint8_t, 256> buffer{};
  const auto outcome = port.read(buffer, 1000ms);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(text(buffer, outcome), "again\n");
}

TEST(SerialPortTest, AMissingDeviceIsNotFound) {
  SerialPort port("/dev/ttyACM-nobody", 9600);

  const auto error = port.open();

  ASSERT_TRUE(error);
  EXPECT_EQ(error->failure, IoFailure::NotFound);
  EXPECT_NE(error->message.find("serial:/dev/ttyACM-nobody@9600: cannot open"), std::string::npos)
      << error->message;
}

TEST(SerialPortTest, ADeviceThatIsNoTtyIsRefusedClearly) {
  SerialPort port("/dev/null", 9600);

  const auto error = port.open();

  ASSERT_TRUE(error);
  EXPECT_EQ(error->failure, IoFailure::Io);
  EXPECT_NE(error->message.find("not a serial port"), std::string::npos) << error->message;
}

TEST(SerialPortTest, MakeSerialPortRefusesARateThatIsNotStandard) {
  const auto port = makeSerialPort("/dev/ttyACM0", 12345);

  ASSERT_FALSE(port);
  EXPECT_NE(port.error().message.find("12345 baud is not a standard rate"), std::string::npos);
}

TEST(SerialPortTest, MakeSerialPortRefusesARelativePath) {
  EXPECT_FALSE(makeSerialPort("ttyACM0", 9600));
}

TEST(SerialPortTest, TheStandardRatesRunFrom1200To230400) {
  EXPECT_EQ(supportedBauds().front(), 1200);
  EXPECT_EQ(supportedBauds().back(), 230400);
  EXPECT_TRUE(isSupportedBaud(9600));
  EXPECT_TRUE(isSupportedBaud(115200));
  EXPECT_FALSE(isSupportedBaud(0));
  EXPECT_FALSE(isSupportedBaud(14400));
}

}  // namespace
}  // namespace mikhak::drivers
