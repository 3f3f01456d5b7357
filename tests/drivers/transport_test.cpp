#include "mikhak/drivers/transport.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;

TEST(MakeTransportTest, EverySchemeGetsATransportThatDescribesItsUri) {
  for (const char* text : {"usb://04b8:0202", "usb://auto", "tcp://10.0.0.5:9100",
                           "dev:///dev/usb/lp0", "dir:///var/lib/mikhak/tickets"}) {
    const auto transport = makeTransport(parsePrinterUri(text).value());
    ASSERT_TRUE(transport.ok()) << text << ": " << transport.error().message;
    EXPECT_EQ((*transport)->describe(), text);
  }
}

TEST(MakeTransportTest, OpeningWaitsForTheFirstCall) {
  std::string scratch =
      (std::filesystem::path(::testing::TempDir()) / "mikhak-make-XXXXXX").string();
  ASSERT_NE(::mkdtemp(scratch.data()), nullptr);
  const auto folder = std::filesystem::path(scratch) / "tickets";

  const auto transport = makeTransport(parsePrinterUri("dir://" + folder.string()).value());

  ASSERT_TRUE(transport.ok());
  EXPECT_FALSE(std::filesystem::exists(folder));
  ASSERT_TRUE((*transport)->write(std::vector<std::uint8_t>{1, 2, 3}, 100ms).ok());
  const auto file = (*transport)->endJob();
  ASSERT_TRUE(file);
  EXPECT_EQ(std::filesystem::file_size(*file), 3u);
  std::filesystem::remove_all(scratch);
}

TEST(MakeTransportTest, OnlyADirectoryCannotAnswer) {
  for (const char* text : {"usb://auto", "tcp://10.0.0.5", "dev:///dev/usb/lp0"}) {
    EXPECT_TRUE(makeTransport(parsePrinterUri(text).value()).value()->canAnswer()) << text;
  }
  EXPECT_FALSE(makeTransport(parsePrinterUri("dir:///tmp/x").value()).value()->canAnswer());
}

TEST(MakeTransportTest, AHandMadeUriWithoutItsPartsIsRefused) {
  PrinterUri noHost;
  noHost.scheme = PrinterUri::Scheme::Tcp;
  PrinterUri relative;
  relative.scheme = PrinterUri::Scheme::Directory;
  relative.path = "tickets";

  EXPECT_FALSE(makeTransport(noHost).ok());
  EXPECT_FALSE(makeTransport(relative).ok());
}

}  // namespace
}  // namespace mikhak::drivers
