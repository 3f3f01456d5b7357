#include "mikhak/scanner/scanner_service.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "mikhak/scanner/barcode_writer.hpp"

namespace mikhak::scanner {
namespace {

using namespace std::chrono_literals;

// An input that plays a script of reads, then says it is finished.
class ScriptedInput : public ScanInput {
 public:
  explicit ScriptedInput(std::string name, std::deque<InputRead> script)
      : name_(std::move(name)), script_(std::move(script)) {}
  InputRead read(std::chrono::milliseconds) override {
    if (script_.empty()) {
      InputRead done;
      done.finished = true;
      return done;
    }
    InputRead next = std::move(script_.front());
    script_.pop_front();
    return next;
  }
  void close() override { ++closes; }
  std::string describe() const override { return name_; }
  int closes = 0;

 private:
  std::string name_;
  std::deque<InputRead> script_;
};

InputRead codes(std::vector<std::string> list) {
  InputRead read;
  read.codes = std::move(list);
  return read;
}

InputRead qrFrame(const std::string& text) {
  const auto qr = renderQr(text, {.modulePixels = 4, .quietZoneModules = 4}).value();
  GreyFrame frame{qr.width, qr.height, std::vector<std::uint8_t>(qr.ink.size())};
  for (std::size_t i = 0; i < qr.ink.size(); ++i) {
    frame.pixels[i] = static_cast<std::uint8_t>(255 - qr.ink[i]);  // ink dark on white
  }
  InputRead read;
  read.frame = std::move(frame);
  return read;
}

InputRead failure(drivers::IoFailure kind) {
  InputRead read;
  read.error = drivers::IoError{kind, "scanner gone"};
  return read;
}

ScannerService::Options options() {
  ScannerService::Options o;
  o.retryAfter = 1ms;
  o.readTimeout = 1ms;
  return o;
}

std::vector<std::unique_ptr<ScanInput>> inputs(std::unique_ptr<ScanInput> a,
                                               std::unique_ptr<ScanInput> b = nullptr) {
  std::vector<std::unique_ptr<ScanInput>> list;
  list.push_back(std::move(a));
  if (b) list.push_back(std::move(b));
  return list;
}

// Every event, until the scripts have all been played.
std::vector<ScanEvent> drain(ScannerService& service) {
  std::vector<ScanEvent> events;
  for (int i = 0; i < 1000; ++i) {
    if (auto event = service.waitEvent(20ms)) {
      events.push_back(std::move(*event));
    } else if (service.finished()) {
      break;
    }
  }
  return events;
}

TEST(ScannerService, ACodeHeldUnderTheCameraIsReportedOnce) {
  std::deque<InputRead> script;
  for (int i = 0; i < 5; ++i) script.push_back(qrFrame("MKH1.48210093175268.LON.1.sig"));
  ScannerService service(inputs(std::make_unique<ScriptedInput>("v4l2:/dev/video0", script)),
                         options());
  const auto events = drain(service);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, ScanEvent::Kind::Read);
  EXPECT_EQ(events[0].text, "MKH1.48210093175268.LON.1.sig");
  EXPECT_EQ(events[0].format, "QR Code");
  EXPECT_EQ(events[0].source, "v4l2:/dev/video0");
}

TEST(ScannerService, TheSameCodeFromTwoScannersIsOneRead) {
  ScannerService service(
      inputs(std::make_unique<ScriptedInput>("evdev:auto", std::deque{codes({"48210093175268"})}),
             std::make_unique<ScriptedInput>("serial:/dev/ttyACM0",
                                             std::deque{codes({"48210093175268"})})),
      options());
  EXPECT_EQ(drain(service).size(), 1u);
}

TEST(ScannerService, AfterTheRepeatWindowTheSameCodeCountsAgain) {
  auto o = options();
  o.repeatWindow = 0ms;  // every read is new
  ScannerService service(
      inputs(std::make_unique<ScriptedInput>(
          "evdev:auto", std::deque{codes({"48210093175268"}), codes({"48210093175268"})})),
      o);
  EXPECT_EQ(drain(service).size(), 2u);
}

TEST(ScannerService, ADeviceThatGoesAwayIsReportedDownOnceThenUpAgain) {
  std::deque<InputRead> script{failure(drivers::IoFailure::Disconnected),
                               failure(drivers::IoFailure::NotFound),
                               failure(drivers::IoFailure::Timeout), codes({"48210093175268"})};
  auto input = std::make_unique<ScriptedInput>("evdev:auto", script);
  ScriptedInput* seen = input.get();
  ScannerService service(inputs(std::move(input)), options());
  const auto events = drain(service);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, ScanEvent::Kind::SourceDown);
  EXPECT_EQ(events[0].problem, "scanner gone");
  EXPECT_EQ(events[1].kind, ScanEvent::Kind::SourceUp);
  EXPECT_EQ(events[2].kind, ScanEvent::Kind::Read);
  EXPECT_GE(seen->closes, 2);  // closed after each failure, so the next read opens it afresh
}

TEST(ScannerService, AFrameWithNothingInItGivesNothing) {
  InputRead blank;
  blank.frame = GreyFrame{320, 240, std::vector<std::uint8_t>(320 * 240, 255)};
  ScannerService service(inputs(std::make_unique<ScriptedInput>("images:x", std::deque{blank})),
                         options());
  EXPECT_TRUE(drain(service).empty());
}

// Nobody polling: the queue keeps the newest events and counts what it dropped.
TEST(ScannerService, TheQueueIsBounded) {
  auto o = options();
  o.queueLimit = 3;
  std::vector<std::string> many;
  for (int i = 0; i < 10; ++i) many.push_back("code-" + std::to_string(i));
  ScannerService service(
      inputs(std::make_unique<ScriptedInput>("evdev:auto", std::deque{codes(many)})), o);
  for (int i = 0; i < 500 && service.dropped() < 7; ++i) std::this_thread::sleep_for(2ms);
  EXPECT_EQ(service.dropped(), 7u);
  const auto events = service.poll();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].text, "code-7");
  EXPECT_EQ(events[2].text, "code-9");
}

TEST(ScannerService, OpeningASpecThatCannotBeReadSaysWhy) {
  auto missing = openInput(parseSourceSpec("images:/no/such/folder").value());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/no/such/folder"), std::string::npos);
  // Devices open lazily: a missing one is a SourceDown event, not a failure to start.
  EXPECT_TRUE(openInput(parseSourceSpec("serial:/dev/ttyACM9").value()));
}

}  // namespace
}  // namespace mikhak::scanner
