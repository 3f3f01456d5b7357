#include "directory_transport.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <array>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// A fresh folder per test, unique across processes (ctest -j, two builds at once), removed
// afterwards. The transport's folder inside it does not exist yet.
class DirectoryTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string base = (fs::path(::testing::TempDir()) / "mikhak-dir-XXXXXX").string();
    ASSERT_NE(::mkdtemp(base.data()), nullptr);
    scratch = base;
    folder = scratch / "tickets";
  }
  void TearDown() override { fs::remove_all(scratch); }

  PrinterUri uri() const { return parsePrinterUri("dir://" + folder.string()).value(); }

  std::vector<std::string> names() const {
    std::vector<std::string> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      found.push_back(entry.path().filename().string());
    }
    std::sort(found.begin(), found.end());
    return found;
  }

  static std::vector<std::uint8_t> contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path scratch;
  fs::path folder;
};

const std::vector<std::uint8_t> kTicket = {0x1b, 0x40, 'A', 'B', 0x1d, 0x56, 0x00};

TEST_F(DirectoryTransportTest, TheTicketFileAppearsOnlyAtEndJobWithItsBytes) {
  DirectoryTransport transport(uri());
  ASSERT_TRUE(transport.write(std::span(kTicket).first(3), 100ms).ok());
  ASSERT_TRUE(transport.write(std::span(kTicket).subspan(3), 100ms).ok());
  for (const auto& name : names()) EXPECT_FALSE(name.ends_with(".bin")) << name;

  const auto file = transport.endJob();

  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->filename(), "ticket-000001.bin");
  EXPECT_EQ(contents(*file), kTicket);
  EXPECT_EQ(names(), std::vector<std::string>{"ticket-000001.bin"});  // no leftovers
}

TEST_F(DirectoryTransportTest, EachJobGetsTheNextNumber) {
  DirectoryTransport transport(uri());
  ASSERT_TRUE(transport.write(kTicket, 100ms).ok());
  const auto first = transport.endJob();
  ASSERT_TRUE(transport.write(kTicket, 100ms).ok());
  const auto second = transport.endJob();

  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->filename(), "ticket-000001.bin");
  EXPECT_EQ(second->filename(), "ticket-000002.bin");
}

TEST_F(DirectoryTransportTest, NumberingContinuesInANewTransportOverTheSameFolder) {
  {
    DirectoryTransport before(uri());
    ASSERT_TRUE(before.write(kTicket, 100ms).ok());
    ASSERT_TRUE(before.endJob());
  }
  std::ofstream(folder / "ticket-000041.bin") << "x";  // an older run got further
  DirectoryTransport after(uri());

  ASSERT_TRUE(after.write(kTicket, 100ms).ok());
  const auto file = after.endJob();

  ASSERT_TRUE(file);
  EXPECT_EQ(file->filename(), "ticket-000042.bin");
}

TEST_F(DirectoryTransportTest, TheFolderIsMadeAtTheFirstWriteNotBefore) {
  DirectoryTransport transport(uri());
  EXPECT_FALSE(fs::exists(folder));

  ASSERT_TRUE(transport.write(kTicket, 100ms).ok());

  EXPECT_TRUE(fs::is_directory(folder));
}

TEST_F(DirectoryTransportTest, EndJobWithNothingWrittenGivesNoFile) {
  DirectoryTransport transport(uri());

  EXPECT_FALSE(transport.endJob().has_value());
  EXPECT_TRUE(names().empty());
}

TEST_F(DirectoryTransportTest, CloseThrowsAnUnfinishedTicketAway) {
  DirectoryTransport transport(uri());
  ASSERT_TRUE(transport.write(kTicket, 100ms).ok());

  transport.close();

  EXPECT_TRUE(names().empty());
  EXPECT_FALSE(transport.endJob().has_value());
}

TEST_F(DirectoryTransportTest, AFolderCannotAnswer) {
  DirectoryTransport transport(uri());

  EXPECT_FALSE(transport.canAnswer());
}

TEST_F(DirectoryTransportTest, AReadTimesOutAtOnce) {
  DirectoryTransport transport(uri());
  std::array<std::uint8_t, 1> answer{};

  const auto outcome = transport.read(answer, 10s);  // returns without waiting

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Timeout);
  EXPECT_EQ(outcome.bytes, 0u);
}

TEST_F(DirectoryTransportTest, AFileWhereTheFolderShouldBeIsAnError) {
  std::ofstream(folder) << "not a folder";
  DirectoryTransport transport(uri());

  const auto outcome = transport.write(kTicket, 100ms);

  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.bytes, 0u);
  EXPECT_NE(outcome.error->message.find(folder.string()), std::string::npos);
}

// A full disk cannot be made without mounting one; a file-size limit makes write() fail the
// same way part-way through, and takes the same path.
TEST_F(DirectoryTransportTest, AWriteTheDiskRefusesReportsIoAndDiscardsTheTicket) {
  DirectoryTransport transport(uri());
  ASSERT_TRUE(transport.write(kTicket, 100ms).ok());
  rlimit before{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &before), 0);
  const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);

  const auto outcome = transport.write(std::vector<std::uint8_t>(64 * 1024, 0x55), 100ms);

  ::setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, previousHandler);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->failure, IoFailure::Io);
  EXPECT_EQ(outcome.bytes, 0u);
  EXPECT_NE(outcome.error->message.find("discarded"), std::string::npos);
  EXPECT_TRUE(names().empty());
  EXPECT_FALSE(transport.endJob().has_value());
}

}  // namespace
}  // namespace mikhak::drivers
