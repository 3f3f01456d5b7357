// Serial scanners: the line framer on its own, then the whole source against a pseudo-terminal
// standing in for /dev/ttyACM0 (the test plays the scanner on the master side).
#include "mikhak/scanner/serial_source.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pseudo_terminal.hpp"

#include "mikhak/scanner/line_framer.hpp"

namespace mikhak::scanner {
namespace {

using namespace std::chrono_literals;
using Lines = std::vector<std::string>;

TEST(LineFramer, CrLfAndCrLfEachEndALine) {
  LineFramer framer;
  EXPECT_EQ(framer.push("one\rtwo\nthree\r\nfour"), (Lines{"one", "two", "three"}));
  EXPECT_EQ(framer.push("\n"), (Lines{"four"}));
}

TEST(LineFramer, ALineSplitAcrossPushesComesOutWhole) {
  LineFramer framer;
  EXPECT_TRUE(framer.push("4821").empty());
  EXPECT_TRUE(framer.push("0093").empty());
  EXPECT_EQ(framer.push("175268\r"), (Lines{"48210093175268"}));
}

TEST(LineFramer, AnLfInTheNextPushAfterACrEndsNothing) {
  LineFramer framer;
  EXPECT_EQ(framer.push("48210093175268\r"), (Lines{"48210093175268"}));
  EXPECT_TRUE(framer.push("\n").empty());
  EXPECT_EQ(framer.push("MKH1.x\r\n"), (Lines{"MKH1.x"}));
}

TEST(LineFramer, EmptyLinesAreDropped) {
  LineFramer framer;
  EXPECT_EQ(framer.push("\n\n\r\r\nA1\n\n"), (Lines{"A1"}));
}

TEST(LineFramer, AnOverlongLineIsDiscardedUpToItsEnd) {
  LineFramer framer(16);
  EXPECT_TRUE(framer.push(std::string(40, '7')).empty());
  EXPECT_TRUE(framer.push(std::string(40, '7')).empty());
  EXPECT_EQ(framer.push("\r\n48210093175268\r\n"), (Lines{"48210093175268"}));
  EXPECT_EQ(framer.discarded(), 1u);
}

TEST(LineFramer, ALineOfExactlyTheLimitIsKept) {
  LineFramer framer(16);
  EXPECT_EQ(framer.push(std::string(16, 'a') + "\n"), (Lines{std::string(16, 'a')}));
  EXPECT_EQ(framer.discarded(), 0u);
}

TEST(LineFramer, ResetForgetsTheUnfinishedLine) {
  LineFramer framer;
  framer.push("half a co");
  framer.reset();
  EXPECT_EQ(framer.push("48210093175268\n"), (Lines{"48210093175268"}));
}

using mikhak::test::PseudoTerminal;

SourceSpec specOf(const PseudoTerminal& scanner) {
  return parseSourceSpec("serial:" + scanner.path() + "@115200").value();
}

// Reads until `count` codes came (or a few reads found nothing more).
TextRead readCodes(SerialSource& source, std::size_t count) {
  TextRead all;
  for (int attempt = 0; attempt < 20 && all.codes.size() < count; ++attempt) {
    auto read = source.read(500ms);
    all.codes.insert(all.codes.end(), read.codes.begin(), read.codes.end());
    all.ignored.insert(all.ignored.end(), read.ignored.begin(), read.ignored.end());
    if (read.error && read.error->failure != drivers::IoFailure::Timeout) {
      all.error = read.error;
      break;
    }
  }
  return all;
}

TEST(SerialSource, ACodeSplitAcrossWritesArrivesWhole) {
  PseudoTerminal scanner;
  auto source = SerialSource::fromSpec(specOf(scanner));
  ASSERT_TRUE(source) << source.error().message;

  scanner.send("4821009");
  const auto first = source->read(500ms);
  scanner.send("3175268\r\n");
  const auto rest = readCodes(*source, 1);

  EXPECT_TRUE(first.codes.empty());
  EXPECT_EQ(rest.codes, (Lines{"48210093175268"}));
}

TEST(SerialSource, CrLfAndCrLfEndingsAllGiveCodes) {
  PseudoTerminal scanner;
  auto source = SerialSource::fromSpec(specOf(scanner));
  ASSERT_TRUE(source) << source.error().message;
  ASSERT_TRUE(source->read(50ms).codes.empty());  // opened before the scanner speaks

  scanner.send("11111111111111\r22222222222222\n");
  scanner.send("MKH1.48210093175268.LON.1795516200.q0_9-Zz\r\n");

  const auto read = readCodes(*source, 3);

  EXPECT_EQ(read.codes, (Lines{"11111111111111", "22222222222222",
                               "MKH1.48210093175268.LON.1795516200.q0_9-Zz"}));
}

TEST(SerialSource, AnOverlongLineIsDiscardedAndReported) {
  PseudoTerminal scanner;
  auto source = SerialSource::fromSpec(specOf(scanner), 64);
  ASSERT_TRUE(source) << source.error().message;
  ASSERT_TRUE(source->read(50ms).codes.empty());

  scanner.send(std::string(200, 'x') + "\r\n48210093175268\r\n");
  const auto read = readCodes(*source, 1);

  EXPECT_EQ(read.codes, (Lines{"48210093175268"}));
  ASSERT_EQ(read.ignored.size(), 1u);
  EXPECT_NE(read.ignored[0].find("a line longer than 64 bytes, discarded"), std::string::npos)
      << read.ignored[0];
}

TEST(SerialSource, NothingSentIsATimeout) {
  PseudoTerminal scanner;
  auto source = SerialSource::fromSpec(specOf(scanner));
  ASSERT_TRUE(source) << source.error().message;

  const auto read = source->read(30ms);

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::Timeout);
  EXPECT_TRUE(read.codes.empty());
}

TEST(SerialSource, TheScannerGoingAwayIsADisconnection) {
  PseudoTerminal scanner;
  auto source = SerialSource::fromSpec(specOf(scanner));
  ASSERT_TRUE(source) << source.error().message;
  ASSERT_TRUE(source->read(50ms).codes.empty());

  scanner.closeMaster();
  const auto read = source->read(500ms);

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::Disconnected) << read.error->message;
}

TEST(SerialSource, AMissingDeviceIsNotFound) {
  auto source = SerialSource::fromSpec(parseSourceSpec("serial:/dev/ttyACM-none").value());
  ASSERT_TRUE(source) << source.error().message;

  const auto read = source->read(50ms);

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::NotFound);
  EXPECT_NE(read.error->message.find("serial:/dev/ttyACM-none"), std::string::npos);
}

TEST(SerialSource, OnlyASerialSpecMakesOne) {
  const auto source = SerialSource::fromSpec(parseSourceSpec("v4l2:/dev/video0").value());

  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("not a serial: source"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::scanner
