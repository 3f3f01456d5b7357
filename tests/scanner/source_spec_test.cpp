// Source specs as a technician writes them in the configuration: every form, and each mistake
// named in the error.
#include "mikhak/scanner/source_spec.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mikhak::scanner {
namespace {

using Kind = SourceSpec::Kind;

// The error's message, or a note that there was none.
template <typename T>
std::string errorOf(const Result<T>& result) {
  return result ? std::string("(no error)") : result.error().message;
}

TEST(SourceSpec, EvdevTakesADevicePath) {
  const auto spec = parseSourceSpec("evdev:/dev/input/by-id/usb-Honeywell_1900-event-kbd");

  ASSERT_TRUE(spec) << errorOf(spec);
  EXPECT_EQ(spec->kind, Kind::Evdev);
  EXPECT_EQ(spec->path, "/dev/input/by-id/usb-Honeywell_1900-event-kbd");
  EXPECT_FALSE(spec->autoDetect());
}

TEST(SourceSpec, EvdevAutoHasNoPath) {
  const auto spec = parseSourceSpec("evdev:auto");

  ASSERT_TRUE(spec) << errorOf(spec);
  EXPECT_TRUE(spec->autoDetect());
  EXPECT_TRUE(spec->path.empty());
}

TEST(SourceSpec, SerialRunsAt9600BaudUnlessToldOtherwise) {
  const auto plain = parseSourceSpec("serial:/dev/ttyACM0");
  const auto fast = parseSourceSpec("serial:/dev/ttyACM0@115200");

  ASSERT_TRUE(plain) << errorOf(plain);
  ASSERT_TRUE(fast) << errorOf(fast);
  EXPECT_EQ(plain->kind, Kind::Serial);
  EXPECT_EQ(plain->path, "/dev/ttyACM0");
  EXPECT_EQ(plain->baud, 9600);
  EXPECT_EQ(fast->baud, 115200);
}

TEST(SourceSpec, V4l2TakesAVideoDevice) {
  const auto spec = parseSourceSpec("v4l2:/dev/video0");

  ASSERT_TRUE(spec) << errorOf(spec);
  EXPECT_EQ(spec->kind, Kind::V4l2);
  EXPECT_EQ(spec->path, "/dev/video0");
}

TEST(SourceSpec, ImagesTakeAFolderOrAFileRelativeOrNot) {
  const auto folder = parseSourceSpec("images:tests/scanner/corpus");
  const auto file = parseSourceSpec("images:/tmp/notice.png");

  ASSERT_TRUE(folder) << errorOf(folder);
  ASSERT_TRUE(file) << errorOf(file);
  EXPECT_EQ(folder->kind, Kind::Images);
  EXPECT_EQ(folder->path, "tests/scanner/corpus");
  EXPECT_EQ(file->path, "/tmp/notice.png");
}

TEST(SourceSpec, BlanksAroundASpecAreIgnored) {
  const auto spec = parseSourceSpec("  v4l2:/dev/video2 \n");

  ASSERT_TRUE(spec) << errorOf(spec);
  EXPECT_EQ(spec->path, "/dev/video2");
}

TEST(SourceSpec, EveryFormWritesBackToItself) {
  for (const char* text : {"evdev:auto", "evdev:/dev/input/event3", "serial:/dev/ttyACM0",
                           "serial:/dev/ttyUSB0@57600", "v4l2:/dev/video0", "images:corpus"}) {
    const auto spec = parseSourceSpec(text);
    ASSERT_TRUE(spec) << text << ": " << errorOf(spec);
    EXPECT_EQ(spec->text(), text);
  }
}

TEST(SourceSpec, AnEmptySpecIsAnError) {
  EXPECT_NE(errorOf(parseSourceSpec("   ")).find("SourceSpec: empty"), std::string::npos);
}

TEST(SourceSpec, ASpecWithoutAKindIsAnError) {
  const auto message = errorOf(parseSourceSpec("/dev/ttyACM0"));
  EXPECT_NE(message.find("`/dev/ttyACM0`: no kind before a colon"), std::string::npos) << message;
}

TEST(SourceSpec, AnUnknownKindIsNamed) {
  const auto message = errorOf(parseSourceSpec("hidraw:/dev/hidraw0"));
  EXPECT_NE(message.find("unknown kind `hidraw`"), std::string::npos) << message;
}

TEST(SourceSpec, KindsAreLowerCase) {
  EXPECT_NE(errorOf(parseSourceSpec("EVDEV:auto")).find("unknown kind `EVDEV`"), std::string::npos);
}

TEST(SourceSpec, AKindWithoutAPathIsAnError) {
  for (const char* text : {"evdev:", "serial:", "v4l2:", "images:", "serial:@9600"}) {
    const auto message = errorOf(parseSourceSpec(text));
    EXPECT_NE(message.find("no path after"), std::string::npos) << text << ": " << message;
  }
}

TEST(SourceSpec, ARelativeDevicePathIsAnError) {
  const auto evdev = errorOf(parseSourceSpec("evdev:event3"));
  const auto serial = errorOf(parseSourceSpec("serial:ttyACM0"));
  const auto camera = errorOf(parseSourceSpec("v4l2:video0"));

  EXPECT_NE(evdev.find("must be absolute (/dev/input/...), or auto"), std::string::npos) << evdev;
  EXPECT_NE(serial.find("must be absolute (/dev/ttyACM0)"), std::string::npos) << serial;
  EXPECT_NE(camera.find("must be absolute (/dev/video0)"), std::string::npos) << camera;
}

TEST(SourceSpec, ABaudRateThatIsNoNumberIsAnError) {
  const auto message = errorOf(parseSourceSpec("serial:/dev/ttyACM0@fast"));
  EXPECT_NE(message.find("the baud rate `fast` is not a number"), std::string::npos) << message;
  EXPECT_NE(errorOf(parseSourceSpec("serial:/dev/ttyACM0@")).find("is not a number"),
            std::string::npos);
  EXPECT_NE(errorOf(parseSourceSpec("serial:/dev/ttyACM0@96 00")).find("is not a number"),
            std::string::npos);
}

TEST(SourceSpec, AnUnusualBaudRateIsAnErrorListingTheRates) {
  const auto message = errorOf(parseSourceSpec("serial:/dev/ttyACM0@12345"));
  EXPECT_NE(message.find("12345 baud is not one of 1200, 2400, 4800, 9600"), std::string::npos)
      << message;
}

TEST(SourceSpec, OnlySerialTakesAnAtSetting) {
  for (const char* text : {"evdev:/dev/input/event3@9600", "v4l2:/dev/video0@30", "evdev:auto@1"}) {
    const auto message = errorOf(parseSourceSpec(text));
    EXPECT_NE(message.find("only serial: takes an @ setting"), std::string::npos)
        << text << ": " << message;
  }
}

TEST(SourceSpecs, ACommaSeparatedListGivesEachSourceInOrder) {
  const auto specs = parseSourceSpecs("evdev:auto, serial:/dev/ttyACM0@115200 ,v4l2:/dev/video0");

  ASSERT_TRUE(specs) << errorOf(specs);
  ASSERT_EQ(specs->size(), 3u);
  EXPECT_EQ((*specs)[0].text(), "evdev:auto");
  EXPECT_EQ((*specs)[1].text(), "serial:/dev/ttyACM0@115200");
  EXPECT_EQ((*specs)[2].text(), "v4l2:/dev/video0");
}

TEST(SourceSpecs, AListTakesEachItemWholeSoAPathMayHaveACommaInIt) {
  const std::vector<std::string> items = {"evdev:/dev/input/by-id/usb-Acme,_Inc_Scanner-event-kbd",
                                          "images:corpus"};

  const auto specs = parseSourceSpecs(items);

  ASSERT_TRUE(specs) << errorOf(specs);
  ASSERT_EQ(specs->size(), 2u);
  EXPECT_EQ((*specs)[0].path, "/dev/input/by-id/usb-Acme,_Inc_Scanner-event-kbd");
}

TEST(SourceSpecs, TheBadEntryIsNamedByItsNumberAndText) {
  const auto message = errorOf(parseSourceSpecs("evdev:auto,usb:/dev/x,v4l2:/dev/video0"));
  EXPECT_NE(message.find("SourceSpec: entry 2 of `evdev:auto,usb:/dev/x,v4l2:/dev/video0`: "
                         "`usb:/dev/x`: unknown kind `usb`"),
            std::string::npos)
      << message;
}

TEST(SourceSpecs, AnEmptyEntryIsAnError) {
  const auto message = errorOf(parseSourceSpecs("evdev:auto,,v4l2:/dev/video0"));
  EXPECT_NE(message.find("entry 2 of"), std::string::npos) << message;
  EXPECT_NE(message.find("empty"), std::string::npos) << message;
}

TEST(SourceSpecs, NothingAtAllIsAnError) {
  EXPECT_NE(errorOf(parseSourceSpecs(" ")).find("no sources"), std::string::npos);
  EXPECT_NE(errorOf(parseSourceSpecs(std::vector<std::string>{})).find("no sources"),
            std::string::npos);
}

TEST(SourceSpecs, TheSameSourceTwiceIsAnError) {
  const auto message = errorOf(parseSourceSpecs("v4l2:/dev/video0, v4l2:/dev//video0"));
  EXPECT_NE(message.find("`v4l2:/dev/video0` is listed twice"), std::string::npos) << message;
}

}  // namespace
}  // namespace mikhak::scanner
