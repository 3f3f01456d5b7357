#include "mikhak/drivers/printer_uri.hpp"

#include <gtest/gtest.h>

namespace mikhak::drivers {
namespace {

using Scheme = PrinterUri::Scheme;

PrinterUri parsed(std::string_view text) {
  auto uri = parsePrinterUri(text);
  EXPECT_TRUE(uri.ok()) << text << ": " << (uri.ok() ? "" : uri.error().message);
  return uri.ok() ? *uri : PrinterUri{};
}

std::string errorFor(std::string_view text) {
  const auto uri = parsePrinterUri(text);
  EXPECT_FALSE(uri.ok()) << text << " parsed";
  return uri.ok() ? "" : uri.error().message;
}

TEST(PrinterUriTest, UsbByVendorAndProduct) {
  const auto uri = parsed("usb://04b8:0202");
  EXPECT_EQ(uri.scheme, Scheme::Usb);
  EXPECT_EQ(uri.vendorId, 0x04b8);
  EXPECT_EQ(uri.productId, 0x0202);
}

TEST(PrinterUriTest, UsbIdsAcceptUpperCaseAndDroppedZeros) {
  const auto uri = parsed("usb://4B8:202");
  EXPECT_EQ(uri.vendorId, 0x04b8);
  EXPECT_EQ(uri.productId, 0x0202);
  EXPECT_EQ(uri.text(), "usb://04b8:0202");
}

TEST(PrinterUriTest, UsbAutoHasNoIds) {
  const auto uri = parsed("usb://auto");
  EXPECT_EQ(uri.scheme, Scheme::Usb);
  EXPECT_FALSE(uri.vendorId);
  EXPECT_FALSE(uri.productId);
}

TEST(PrinterUriTest, TcpWithPort) {
  const auto uri = parsed("tcp://10.0.0.5:9101");
  EXPECT_EQ(uri.scheme, Scheme::Tcp);
  EXPECT_EQ(uri.host, "10.0.0.5");
  EXPECT_EQ(uri.port, 9101);
}

TEST(PrinterUriTest, TcpWithoutPortUses9100) {
  const auto uri = parsed("tcp://printer-1.consulate.lan");
  EXPECT_EQ(uri.host, "printer-1.consulate.lan");
  EXPECT_EQ(uri.port, 9100);
}

TEST(PrinterUriTest, TcpAcceptsATrailingSlash) {
  EXPECT_EQ(parsed("tcp://host:9100/").host, "host");
}

TEST(PrinterUriTest, TcpIpv6LiteralInBrackets) {
  const auto uri = parsed("tcp://[fe80::1%eth0]:9100");
  EXPECT_EQ(uri.host, "fe80::1%eth0");
  EXPECT_EQ(uri.port, 9100);
  EXPECT_EQ(parsed("tcp://[::1]").port, 9100);
}

TEST(PrinterUriTest, Device) {
  const auto uri = parsed("dev:///dev/usb/lp0");
  EXPECT_EQ(uri.scheme, Scheme::Device);
  EXPECT_EQ(uri.path, "/dev/usb/lp0");
}

TEST(PrinterUriTest, Directory) {
  const auto uri = parsed("dir:///var/lib/mikhak/tickets");
  EXPECT_EQ(uri.scheme, Scheme::Directory);
  EXPECT_EQ(uri.path, "/var/lib/mikhak/tickets");
}

TEST(PrinterUriTest, TheSchemeIgnoresCase) { EXPECT_EQ(parsed("USB://auto").scheme, Scheme::Usb); }

TEST(PrinterUriTest, EveryCanonicalFormSurvivesARoundTrip) {
  for (const char* text :
       {"usb://04b8:0202", "usb://auto", "tcp://10.0.0.5:9100", "tcp://printer.lan:4000",
        "tcp://[::1]:9100", "dev:///dev/usb/lp0", "dir:///var/lib/mikhak/tickets"}) {
    const auto uri = parsed(text);
    EXPECT_EQ(uri.text(), text);
    EXPECT_EQ(parsed(uri.text()), uri) << text;
  }
}

TEST(PrinterUriTest, TextShowsTheDefaultPort) {
  EXPECT_EQ(parsed("tcp://host").text(), "tcp://host:9100");
}

TEST(PrinterUriTest, AnEmptyUriIsAnError) {
  EXPECT_NE(errorFor("").find("empty"), std::string::npos);
}

TEST(PrinterUriTest, AMissingSchemeIsNamed) {
  EXPECT_NE(errorFor("/dev/usb/lp0").find("missing scheme"), std::string::npos);
}

TEST(PrinterUriTest, AnUnknownSchemeIsNamed) {
  const auto message = errorFor("lpd://host/queue");
  EXPECT_NE(message.find("unknown scheme \"lpd\""), std::string::npos) << message;
  EXPECT_NE(message.find("in lpd://host/queue"), std::string::npos) << message;
}

TEST(PrinterUriTest, UsbWithoutTheProductIsAnError) {
  EXPECT_NE(errorFor("usb://04b8").find("vendor:product"), std::string::npos);
}

TEST(PrinterUriTest, ABadVendorIdIsNamed) {
  EXPECT_NE(errorFor("usb://04zz:0202").find("vendor id"), std::string::npos);
  EXPECT_NE(errorFor("usb://:0202").find("vendor id"), std::string::npos);
}

TEST(PrinterUriTest, ABadProductIdIsNamed) {
  EXPECT_NE(errorFor("usb://04b8:12345").find("product id"), std::string::npos);
  EXPECT_NE(errorFor("usb://04b8:").find("product id"), std::string::npos);
}

TEST(PrinterUriTest, APortOutOfRangeIsNamed) {
  EXPECT_EQ(errorFor("tcp://host:99999"), "printer URI: port must be 1-65535 in tcp://host:99999");
  EXPECT_NE(errorFor("tcp://host:0").find("port"), std::string::npos);
  EXPECT_NE(errorFor("tcp://host:").find("port"), std::string::npos);
  EXPECT_NE(errorFor("tcp://host:91a").find("port"), std::string::npos);
}

TEST(PrinterUriTest, AMissingHostIsNamed) {
  EXPECT_NE(errorFor("tcp://").find("missing host"), std::string::npos);
  EXPECT_NE(errorFor("tcp://:9100").find("missing host"), std::string::npos);
}

TEST(PrinterUriTest, ABadCharacterInTheHostIsNamed) {
  EXPECT_NE(errorFor("tcp://my printer").find("' '"), std::string::npos);
}

TEST(PrinterUriTest, APathAfterTheTcpHostIsAnError) {
  EXPECT_NE(errorFor("tcp://host:9100/queue").find("port"), std::string::npos);
  EXPECT_NE(errorFor("tcp://host/queue").find("'/'"), std::string::npos);
}

TEST(PrinterUriTest, ABrokenIpv6LiteralIsNamed) {
  EXPECT_NE(errorFor("tcp://[::1:9100").find("']'"), std::string::npos);
  EXPECT_NE(errorFor("tcp://[printer]:9100").find("IPv6"), std::string::npos);
}

TEST(PrinterUriTest, ARelativeOrMissingPathIsAnError) {
  EXPECT_NE(errorFor("dev://dev/usb/lp0").find("absolute"), std::string::npos);
  EXPECT_NE(errorFor("dir://tickets").find("dir:///"), std::string::npos);
  EXPECT_NE(errorFor("dev://").find("missing path"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::drivers
