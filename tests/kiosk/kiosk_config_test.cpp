#include "kiosk_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mikhak::kiosk {
namespace {

TEST(KioskConfig, TheExampleFileIsValidAndMeansWhatItSays) {
  const auto config =
      loadKioskConfig(std::string(MIKHAK_SOURCE_ASSETS) + "/../kiosk/kiosk.example.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->server.url, "https://consulate-server.local:8443");
  EXPECT_EQ(config->kiosk.name, "hall-1");
  EXPECT_EQ(config->kiosk.language, text::Language::Persian);
  EXPECT_EQ(config->printer.widthDots, 576);
  EXPECT_EQ(config->scannerSources, std::vector<std::string>{"evdev:auto"});
  EXPECT_EQ(config->timeouts.serverGiveUp, std::chrono::seconds(4));
  EXPECT_EQ(config->screen.theme, Theme::Standard);
}

TEST(KioskConfig, ValuesOverrideTheDefaultsAndTheRestStay) {
  const auto config = parseKioskConfig(R"(
[kiosk]
language = "en"
[screen]
theme = "high_contrast"
pixels_per_mm = 4.5
[scanner]
sources = ["evdev:auto", "v4l2:/dev/video0"]
[timeouts]
input_seconds = 90
)",
                                       "test.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->kiosk.language, text::Language::English);
  EXPECT_EQ(config->screen.theme, Theme::HighContrast);
  EXPECT_DOUBLE_EQ(config->screen.pixelsPerMm, 4.5);
  EXPECT_EQ(config->scannerSources.size(), 2u);
  EXPECT_EQ(config->timeouts.input, std::chrono::seconds(90));
  EXPECT_EQ(config->timeouts.result, std::chrono::seconds(30));
  EXPECT_EQ(config->printer.uri, "usb://auto");
}

void expectRefused(const std::string& toml, const std::string& words) {
  const auto config = parseKioskConfig(toml, "kiosk.toml");
  ASSERT_FALSE(config) << toml;
  EXPECT_NE(config.error().message.find(words), std::string::npos) << config.error().message;
  EXPECT_EQ(config.error().message.rfind("config: kiosk.toml: ", 0), 0u) << config.error().message;
}

TEST(KioskConfig, MistakesAreRefusedWithTheLineAndKey) {
  expectRefused("[printer]\nurl = \"usb://auto\"\n", "line 2: unknown key 'url' in [printer]");
  expectRefused("[scaner]\nsources = []\n", "unknown section [scaner]");
  expectRefused("[kiosk]\nlanguage = \"de\"\n", "kiosk.language must be \"fa\" or \"en\"");
  expectRefused("[timeouts]\ninput_seconds = 2\n",
                "timeouts.input_seconds must be a whole number from 10");
  expectRefused("[scanner]\nsources = \"evdev:auto\"\n",
                "scanner.sources must be a list of strings");
  expectRefused("[screen]\nfullscreen = \"yes\"\n", "screen.fullscreen must be true or false");
  expectRefused("[kiosk]\nname = \"hall 1\"\n", "kiosk.name must be 1 to 24");
  expectRefused("[server]\nurl = \"ftp://x\"\n", "server.url must start with http://");
  expectRefused("[server\n", "line 1");
}

TEST(KioskConfig, TheTokenIsOneLineWithoutBlanks) {
  const auto folder = std::filesystem::temp_directory_path() / "mikhak-kiosk-token-test";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "token") << "  abc.def-123 \n";
  const auto token = readToken(folder / "token");
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(*token, "abc.def-123");
  std::ofstream(folder / "empty") << "\n";
  EXPECT_FALSE(readToken(folder / "empty"));
  const auto missing = readToken(folder / "missing");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("mikhakctl enrol"), std::string::npos);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace mikhak::kiosk
