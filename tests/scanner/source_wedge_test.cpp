// The keyboard-wedge source over a recorded device: events split across reads make whole codes,
// a device that goes away leaves no half code behind, and evdev:auto says when it finds nothing.
#include "mikhak/scanner/wedge_source.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <string>
#include <vector>

namespace mikhak::scanner {
namespace {

using namespace std::chrono_literals;

// Plays back recorded reads, then times out (or fails as told).
class RecordedDevice final : public drivers::InputDevice {
 public:
  struct Step {
    std::vector<input_event> events;
    std::optional<drivers::IoFailure> failure;  // instead of events
  };
  explicit RecordedDevice(std::deque<Step> steps) : steps_(std::move(steps)) {}

  drivers::EventsRead read(std::span<input_event> events, std::chrono::milliseconds) override {
    if (steps_.empty()) {
      return {0, drivers::IoError{drivers::IoFailure::Timeout, "recording: nothing more"}};
    }
    Step step = std::move(steps_.front());
    steps_.pop_front();
    if (step.failure) return {0, drivers::IoError{*step.failure, "recording: failed"}};
    EXPECT_LE(step.events.size(), events.size());
    std::copy(step.events.begin(), step.events.end(), events.begin());
    return {step.events.size(), std::nullopt};
  }
  void close() override {}
  std::string describe() const override { return "evdev:recording"; }

 private:
  std::deque<Step> steps_;
};

// Press, release and sync per character, 6 ms apart, from `start` on.
std::vector<input_event> typed(std::string_view digitsThenEnter, std::chrono::microseconds start,
                               std::chrono::microseconds gap = 6ms) {
  std::vector<input_event> events;
  auto now = start;
  const auto push = [&events, &now](std::uint16_t type, std::uint16_t code, int value) {
    input_event event{};
    event.input_event_sec = static_cast<decltype(event.input_event_sec)>(now.count() / 1000000);
    event.input_event_usec = static_cast<decltype(event.input_event_usec)>(now.count() % 1000000);
    event.type = type;
    event.code = code;
    event.value = value;
    events.push_back(event);
  };
  for (const char c : digitsThenEnter) {
    const std::uint16_t code = c == '\n'  ? KEY_ENTER
                               : c == '0' ? KEY_0
                                          : static_cast<std::uint16_t>(KEY_1 + (c - '1'));
    push(EV_KEY, code, 1);
    push(EV_SYN, SYN_REPORT, 0);
    push(EV_KEY, code, 0);
    push(EV_SYN, SYN_REPORT, 0);
    now += gap;
  }
  return events;
}

std::vector<input_event> slice(const std::vector<input_event>& events, std::size_t from,
                               std::size_t to) {
  return {events.begin() + static_cast<std::ptrdiff_t>(from),
          events.begin() + static_cast<std::ptrdiff_t>(std::min(to, events.size()))};
}

TEST(WedgeSource, EventsSplitAcrossReadsMakeOneCode) {
  const auto events = typed("48210093175268\n", 1000s);
  std::deque<RecordedDevice::Step> steps = {{slice(events, 0, 21), {}},
                                            {slice(events, 21, events.size()), {}}};
  WedgeSource source(std::make_unique<RecordedDevice>(std::move(steps)));

  const auto first = source.read(100ms);
  const auto second = source.read(100ms);

  EXPECT_TRUE(first.codes.empty());
  EXPECT_FALSE(first.error);
  EXPECT_EQ(second.codes, std::vector<std::string>{"48210093175268"});
}

TEST(WedgeSource, TypingByHandIsListedAsIgnored) {
  std::deque<RecordedDevice::Step> steps = {{typed("1234\n", 1000s, 200ms), {}}};
  WedgeSource source(std::make_unique<RecordedDevice>(std::move(steps)));

  const auto read = source.read(100ms);

  EXPECT_TRUE(read.codes.empty());
  ASSERT_EQ(read.ignored.size(), 1u);
  EXPECT_NE(read.ignored[0].find("typed by hand, not a scan: 4 keys"), std::string::npos)
      << read.ignored[0];
}

TEST(WedgeSource, AHalfCodeBeforeADisconnectionIsNotPrefixedToTheNextScan) {
  std::deque<RecordedDevice::Step> steps = {
      {typed("4821009", 1000s), {}},
      {{}, drivers::IoFailure::Disconnected},
      {typed("11112222333344\n", 1000s + 50ms), {}},
  };
  WedgeSource source(std::make_unique<RecordedDevice>(std::move(steps)));

  const auto half = source.read(100ms);
  const auto gone = source.read(100ms);
  const auto next = source.read(100ms);

  EXPECT_TRUE(half.codes.empty());
  ASSERT_TRUE(gone.error);
  EXPECT_EQ(gone.error->failure, drivers::IoFailure::Disconnected);
  EXPECT_EQ(next.codes, std::vector<std::string>{"11112222333344"});
}

TEST(WedgeSource, NothingTypedIsATimeout) {
  WedgeSource source(std::make_unique<RecordedDevice>(std::deque<RecordedDevice::Step>{}));

  const auto read = source.read(10ms);

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::Timeout);
}

TEST(WedgeSource, AutoWithNoScannerAroundIsNotFoundAndSaysWhatToConfigure) {
  std::string scratch =
      (std::filesystem::path(::testing::TempDir()) / "mikhak-wedge-XXXXXX").string();
  ASSERT_NE(::mkdtemp(scratch.data()), nullptr);
  auto source = WedgeSource::automatic({scratch + "/by-id", scratch + "/sys", scratch + "/dev"});

  const auto read = source.read(10ms);

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::NotFound);
  EXPECT_NE(read.error->message.find("no keyboard named like a barcode scanner"), std::string::npos)
      << read.error->message;
  EXPECT_NE(read.error->message.find("configure evdev:"), std::string::npos);
  std::filesystem::remove_all(scratch);
}

TEST(WedgeSource, AMissingDeviceIsNotFound) {
  auto source = WedgeSource::fromSpec(parseSourceSpec("evdev:/dev/input/no-such-event").value());
  ASSERT_TRUE(source) << source.error().message;

  const auto read = source->read(10ms);

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::NotFound) << read.error->message;
}

TEST(WedgeSource, OnlyAnEvdevSpecMakesOne) {
  const auto source = WedgeSource::fromSpec(parseSourceSpec("serial:/dev/ttyACM0").value());

  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("not an evdev: source"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::scanner
