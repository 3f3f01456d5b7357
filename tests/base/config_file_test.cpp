#include "mikhak/base/config_file.hpp"

#include <gtest/gtest.h>

namespace mikhak::base {
namespace {

const ConfigSchema kSchema{{"printer", {"uri", "width_dots", "dither"}},
                           {"scanner", {"sources"}},
                           {"screen", {"theme", "pixels_per_mm"}}};

std::string refusal(std::string_view text) {
  const auto file = ConfigFile::parse(text, "kiosk.toml", kSchema);
  EXPECT_FALSE(file);
  return file ? std::string() : file.error().message;
}

TEST(ConfigFile, AMisspeltSectionOrKeyIsRefusedWithItsLine) {
  EXPECT_EQ(refusal("[printer]\nuri = \"usb://auto\"\n\n[scaner]\nsources = []\n"),
            "config: kiosk.toml: line 4: unknown section [scaner]");
  EXPECT_EQ(refusal("[printer]\nurl = \"usb://auto\"\n"),
            "config: kiosk.toml: line 2: unknown key 'url' in [printer]");
  EXPECT_EQ(refusal("uri = \"usb://auto\"\n"), "config: kiosk.toml: line 1: unknown section [uri]");
  EXPECT_NE(refusal("[printer\n").find("config: kiosk.toml: line 1: "), std::string::npos);
}

TEST(ConfigFile, ReadsTypedValuesAndLeavesAbsentOnesAlone) {
  auto file = ConfigFile::parse(
      "[printer]\nuri = \"tcp://10.0.0.7\"\nwidth_dots = 512\n[scanner]\nsources = "
      "[\"evdev:auto\", "
      "\"images:/tmp\"]\n[screen]\ntheme = \"high_contrast\"\n",
      "kiosk.toml", kSchema);
  ASSERT_TRUE(file) << file.error().message;
  std::string uri;
  int width = 576;
  bool dither = true;
  std::vector<std::string> sources;
  double pixelsPerMm = 4.5;
  file->text("printer", "uri", uri);
  file->whole("printer", "width_dots", width, 300, 2048);
  file->flag("printer", "dither", dither);
  file->strings("scanner", "sources", sources);
  file->number("screen", "pixels_per_mm", pixelsPerMm, 0, 100);
  EXPECT_EQ(file->choice("screen", "theme", {"standard", "high_contrast"}), "high_contrast");
  EXPECT_FALSE(file->problem());
  EXPECT_EQ(uri, "tcp://10.0.0.7");
  EXPECT_EQ(width, 512);
  EXPECT_TRUE(dither);  // absent: as it was
  EXPECT_EQ(sources, (std::vector<std::string>{"evdev:auto", "images:/tmp"}));
  EXPECT_EQ(pixelsPerMm, 4.5);
}

TEST(ConfigFile, KeepsTheFirstWrongValueAndLeavesItsField) {
  auto file = ConfigFile::parse(
      "[printer]\nwidth_dots = 99999\ndither = \"yes\"\n[screen]\ntheme = \"dark\"\n", "kiosk.toml",
      kSchema);
  ASSERT_TRUE(file);
  int width = 576;
  bool dither = false;
  file->whole("printer", "width_dots", width, 300, 2048);
  file->flag("printer", "dither", dither);
  EXPECT_EQ(file->choice("screen", "theme", {"standard", "high_contrast"}), std::nullopt);
  EXPECT_EQ(width, 576);
  EXPECT_FALSE(dither);
  ASSERT_TRUE(file->problem());
  EXPECT_EQ(file->problem()->message,
            "config: kiosk.toml: line 2: printer.width_dots must be a whole number from 300 to "
            "2048");
}

TEST(ConfigFile, AFileThatCannotBeReadSaysWhich) {
  const auto file = ConfigFile::load("/nonexistent/kiosk.toml", kSchema);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().message, "config: cannot read /nonexistent/kiosk.toml");
}

}  // namespace
}  // namespace mikhak::base
