#include "mikhak/drivers/usb_transport.hpp"

#include <gtest/gtest.h>

#include <array>
#include <numeric>

#include "fake_usb_printer.hpp"
#include "mikhak/drivers/libusb_backend.hpp"

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;
using test::FakeUsbBus;
using test::FakeUsbPrinter;

constexpr auto kTimeout = 200ms;

std::vector<std::uint8_t> ticketBytes(std::size_t size) {
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(i * 7 + i / 251);
  return bytes;
}

PrinterUri uri(const char* text) { return parsePrinterUri(text).value(); }

class UsbTransportTest : public ::testing::Test {
 protected:
  std::shared_ptr<FakeUsbBus> bus = std::make_shared<FakeUsbBus>();
};

TEST_F(UsbTransportTest, AutoPicksThePrinterInterfaceNotTheKeyboardOrTheStick) {
  const auto printer = bus->addPrinter();
  UsbTransport transport(uri("usb://auto"), bus);
  const auto data = ticketBytes(1000);

  const auto outcome = transport.write(data, kTimeout);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(outcome.bytes, data.size());
  EXPECT_EQ(printer->received(), data);
  EXPECT_EQ(bus->otherDevicesOpened(), 0);
  EXPECT_EQ(printer->claimedInterfaces(), std::set<int>{0});
}

TEST_F(UsbTransportTest, AutoReportsNotFoundWhenOnlyAKeyboardAndAStickArePlugged) {
  UsbTransport transport(uri("usb://auto"), bus);

  const auto outcome = transport.write(ticketBytes(10), kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::NotFound);
  EXPECT_EQ(outcome.bytes, 0u);
  EXPECT_EQ(bus->otherDevicesOpened(), 0);
}

TEST_F(UsbTransportTest, DetachesTheKernelDriverBeforeClaimingAndGivesItBackOnClose) {
  const auto printer = bus->addPrinter();
  UsbTransport transport(uri("usb://auto"), bus);

  ASSERT_TRUE(transport.write(ticketBytes(10), kTimeout).ok());
  EXPECT_TRUE(printer->autoDetachEnabled());
  EXPECT_FALSE(printer->kernelDriverAttached());

  transport.close();
  EXPECT_TRUE(printer->claimedInterfaces().empty());
  EXPECT_TRUE(printer->kernelDriverAttached());
  EXPECT_EQ(printer->openHandles(), 0);
}

TEST_F(UsbTransportTest, VendorAndProductPickTheConfiguredPrinterAmongTwo) {
  const auto other = bus->addPrinter({.vendorId = 0x0519, .productId = 0x0001, .address = 5});
  const auto wanted = bus->addPrinter({.vendorId = 0x04b8, .productId = 0x0202, .address = 6});
  UsbTransport transport(uri("usb://04b8:0202"), bus);
  const auto data = ticketBytes(100);

  ASSERT_TRUE(transport.write(data, kTimeout).ok());

  EXPECT_EQ(wanted->received(), data);
  EXPECT_TRUE(other->received().empty());
}

TEST_F(UsbTransportTest, VendorAndProductReportNotFoundWhenThatPrinterIsAbsent) {
  bus->addPrinter({.vendorId = 0x0519, .productId = 0x0001});
  UsbTransport transport(uri("usb://04b8:0202"), bus);

  const auto outcome = transport.write(ticketBytes(10), kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::NotFound);
  EXPECT_NE(outcome.error->message.find("04b8:0202"), std::string::npos);
}

TEST_F(UsbTransportTest, AStallIsClearedAndTheWriteCompletes) {
  const auto printer = bus->addPrinter();
  printer->stallNextWrites(1);
  UsbTransport transport(uri("usb://auto"), bus);
  const auto data = ticketBytes(5000);

  const auto outcome = transport.write(data, kTimeout);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(printer->clearHalts(), 1);
  EXPECT_EQ(printer->received(), data);
}

TEST_F(UsbTransportTest, AStallRightAfterClearingFailsTheWrite) {
  const auto printer = bus->addPrinter();
  printer->stallNextWrites(2);
  UsbTransport transport(uri("usb://auto"), bus);

  const auto outcome = transport.write(ticketBytes(100), kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Io);
  EXPECT_EQ(printer->clearHalts(), 1);
}

TEST_F(UsbTransportTest, ATimeoutReportsThePartOfTheTicketThatWasSent) {
  const auto printer = bus->addPrinter();
  printer->timeOutAfter(300);
  UsbTransport transport(uri("usb://auto"), bus);
  const auto data = ticketBytes(1000);

  const auto outcome = transport.write(data, kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_EQ(outcome.bytes, 300u);
  EXPECT_EQ(printer->received(), std::vector(data.begin(), data.begin() + 300));
}

TEST_F(UsbTransportTest, ATimeoutPastTheFirstChunkCountsEveryChunkSent) {
  const auto printer = bus->addPrinter();
  printer->timeOutAfter(40000);  // beyond two 16 KiB chunks
  UsbTransport transport(uri("usb://auto"), bus);

  const auto outcome = transport.write(ticketBytes(100000), kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_EQ(outcome.bytes, 40000u);
}

TEST_F(UsbTransportTest, ShortWritesAreContinuedUntilAllIsSent) {
  const auto printer = bus->addPrinter();
  printer->acceptAtMost(7);
  UsbTransport transport(uri("usb://auto"), bus);
  const auto data = ticketBytes(1000);

  const auto outcome = transport.write(data, kTimeout);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(outcome.bytes, data.size());
  EXPECT_EQ(printer->received(), data);
  EXPECT_GE(printer->bulkWrites(), 143);
}

TEST_F(UsbTransportTest, UnplugMidTicketReportsDisconnectedWithTheBytesSentSoFar) {
  const auto printer = bus->addPrinter();
  printer->unplugAfter(600);
  UsbTransport transport(uri("usb://auto"), bus);

  const auto outcome = transport.write(ticketBytes(1000), kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Disconnected);
  EXPECT_EQ(outcome.bytes, 600u);
  EXPECT_EQ(printer->openHandles(), 0);  // closed at once
}

TEST_F(UsbTransportTest, AfterAnUnplugTheFirstWriteIsDisconnectedAndTheNextNotFound) {
  const auto printer = bus->addPrinter();
  UsbTransport transport(uri("usb://auto"), bus);
  ASSERT_TRUE(transport.write(ticketBytes(10), kTimeout).ok());
  printer->unplug();

  const auto first = transport.write(ticketBytes(10), kTimeout);
  const auto second = transport.write(ticketBytes(10), kTimeout);

  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error->failure, IoFailure::Disconnected);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error->failure, IoFailure::NotFound);
}

TEST_F(UsbTransportTest, ThePluggedBackPrinterIsUsedAgainByTheSameTransport) {
  const auto printer = bus->addPrinter();
  printer->unplugAfter(600);
  UsbTransport transport(uri("usb://auto"), bus);
  ASSERT_FALSE(transport.write(ticketBytes(1000), kTimeout).ok());
  printer->plugBack(12);  // a new address, as the kernel gives
  const auto listingsBefore = bus->listings();
  const std::vector<std::uint8_t> rest = {0x1d, 0x56, 0x00};

  const auto outcome = transport.write(rest, kTimeout);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_GT(bus->listings(), listingsBefore);
  EXPECT_EQ(printer->received().size(), 603u);
  EXPECT_EQ(std::vector(printer->received().end() - 3, printer->received().end()), rest);
  EXPECT_EQ(printer->openHandles(), 1);
}

TEST_F(UsbTransportTest, AccessDeniedReportsDeniedWithTheUdevHint) {
  const auto printer = bus->addPrinter();
  printer->denyAccess(true);
  UsbTransport transport(uri("usb://04b8:0202"), bus);

  const auto outcome = transport.write(ticketBytes(10), kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Denied);
  EXPECT_NE(outcome.error->message.find("udev"), std::string::npos);
  EXPECT_NE(outcome.error->message.find("04b8"), std::string::npos);
}

TEST_F(UsbTransportTest, TheStatusByteIsReadBackAfterSendingDleEot) {
  bus->addPrinter({.statusAnswer = 0x1e});
  UsbTransport transport(uri("usb://auto"), bus);
  const std::array<std::uint8_t, 3> request = {0x10, 0x04, 0x04};
  ASSERT_TRUE(transport.write(request, kTimeout).ok());
  std::array<std::uint8_t, 1> answer{};

  const auto outcome = transport.read(answer, kTimeout);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(outcome.bytes, 1u);
  EXPECT_EQ(answer[0], 0x1e);
}

TEST_F(UsbTransportTest, TwoAnswersReadOneByteAtATimeAreBothDelivered) {
  bus->addPrinter({.statusAnswer = 0x12});
  UsbTransport transport(uri("usb://auto"), bus);
  const std::array<std::uint8_t, 6> requests = {0x10, 0x04, 0x01, 0x10, 0x04, 0x04};
  ASSERT_TRUE(transport.write(requests, kTimeout).ok());
  std::array<std::uint8_t, 1> answer{};

  const auto first = transport.read(answer, kTimeout);
  const auto second = transport.read(answer, kTimeout);
  const auto third = transport.read(answer, kTimeout);

  EXPECT_TRUE(first.ok());
  EXPECT_TRUE(second.ok());
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error->failure, IoFailure::Timeout);
}

TEST_F(UsbTransportTest, APrinterThatDoesNotAnswerMakesTheReadTimeOut) {
  const auto printer = bus->addPrinter();
  printer->hangOnRead(true);
  UsbTransport transport(uri("usb://auto"), bus);
  const std::array<std::uint8_t, 3> request = {0x10, 0x04, 0x04};
  ASSERT_TRUE(transport.write(request, kTimeout).ok());
  std::array<std::uint8_t, 1> answer{};

  const auto outcome = transport.read(answer, 50ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_EQ(outcome.bytes, 0u);
}

TEST_F(UsbTransportTest, APrinterWithoutBulkInTimesOutOnRead) {
  bus->addPrinter({.bulkIn = false});
  UsbTransport transport(uri("usb://auto"), bus);
  std::array<std::uint8_t, 1> answer{};

  const auto outcome = transport.read(answer, kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
}

TEST_F(UsbTransportTest, PortStatusComesFromTheControlRequest) {
  bus->addPrinter({.portStatus = kPortStatusNoError | kPortStatusSelected | kPortStatusPaperEmpty});
  UsbTransport transport(uri("usb://auto"), bus);
  std::uint8_t status = 0;

  const auto outcome = transport.portStatus(status, kTimeout);

  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(status, kPortStatusNoError | kPortStatusSelected | kPortStatusPaperEmpty);
}

TEST_F(UsbTransportTest, APrinterWithoutPortStatusReportsAnError) {
  bus->addPrinter({.portStatus = std::nullopt});
  UsbTransport transport(uri("usb://auto"), bus);
  std::uint8_t status = 0;

  const auto outcome = transport.portStatus(status, kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Io);
}

TEST_F(UsbTransportTest, BuildingTheTransportTouchesNoDevice) {
  bus->addPrinter();

  UsbTransport transport(uri("usb://auto"), bus);

  EXPECT_EQ(bus->listings(), 0);
  EXPECT_EQ(transport.describe(), "usb://auto");
}

// The real backend, on whatever bus this machine has (often none in a container): a printer
// that is not there is reported, not waited for.
TEST(LibusbBackendTest, AnAbsentPrinterIsReportedAsAFailure) {
  UsbTransport transport(uri("usb://ffff:fffe"), makeLibusbBackend());

  const auto outcome = transport.write(ticketBytes(10), kTimeout);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.bytes, 0u);
  EXPECT_NE(outcome.error->message.find("usb://ffff:fffe"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::drivers
