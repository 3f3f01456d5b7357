#include "kiosk_wording.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace mikhak::kiosk {
namespace {

std::string shipped() {
  std::ifstream in(defaultKioskWordingFile());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path writeTemp(const std::string& name, const std::string& content) {
  const auto file = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(file) << content;
  return file;
}

std::string replaceOnce(std::string text, const std::string& what, const std::string& with) {
  const auto at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  if (at != std::string::npos) text.replace(at, what.size(), with);
  return text;
}

TEST(KioskWording, TheShippedFileHasEveryKeyInBothLanguages) {
  const auto wording = loadKioskWording(defaultKioskWordingFile());
  ASSERT_TRUE(wording) << wording.error().message;
  EXPECT_EQ(wording->fa.languageName, "فارسی");
  EXPECT_EQ(wording->en.languageName, "English");
  EXPECT_EQ(wording->of(text::Language::Persian).ok, "تأیید");
  EXPECT_EQ(wording->of(text::Language::English).ok, "OK");
}

TEST(KioskWording, AMissingKeyIsAClearError) {
  const std::string text = replaceOnce(shipped(), "reprint = \"Print again\"\n", "");
  const auto wording = loadKioskWording(writeTemp("missing.toml", text));
  ASSERT_FALSE(wording);
  EXPECT_NE(wording.error().message.find("[en] needs reprint"), std::string::npos)
      << wording.error().message;
}

TEST(KioskWording, AnEmptyLineCountsAsMissing) {
  const std::string text = replaceOnce(shipped(), "ok = \"تأیید\"", "ok = \"\"");
  const auto wording = loadKioskWording(writeTemp("empty.toml", text));
  ASSERT_FALSE(wording);
  EXPECT_NE(wording.error().message.find("[fa] needs ok"), std::string::npos);
}

TEST(KioskWording, AnUnknownKeyIsRefused) {
  const std::string text = replaceOnce(shipped(), "[en]\n", "[en]\nreprnt = \"Print again\"\n");
  const auto wording = loadKioskWording(writeTemp("unknown.toml", text));
  ASSERT_FALSE(wording);
  EXPECT_NE(wording.error().message.find("unknown key reprnt"), std::string::npos)
      << wording.error().message;
}

TEST(KioskWording, AnUnknownSectionIsRefused) {
  const auto wording =
      loadKioskWording(writeTemp("section.toml", shipped() + "\n[de]\nok = \"OK\"\n"));
  ASSERT_FALSE(wording);
  EXPECT_NE(wording.error().message.find("[de]"), std::string::npos);
}

TEST(KioskWording, BrokenTomlNamesTheLine) {
  const auto wording = loadKioskWording(writeTemp("broken.toml", "[fa]\nok = \"x\nok2 = 1\n"));
  ASSERT_FALSE(wording);
  EXPECT_NE(wording.error().message.find("line"), std::string::npos);
}

// Persian as typed on an Arabic layout (ي ك) or «می» without its non-joiner reads as a typo.
TEST(KioskWording, PersianUsesPersianLettersAndTheNonJoiner) {
  const auto wording = loadKioskWording(defaultKioskWordingFile());
  ASSERT_TRUE(wording);
  const std::string text = shipped();
  const auto fa = text.substr(0, text.find("[en]"));
  EXPECT_EQ(fa.find("ي"), std::string::npos);
  EXPECT_EQ(fa.find("ك"), std::string::npos);
  EXPECT_EQ(fa.find(" می "), std::string::npos);
  EXPECT_NE(wording->fa.typeCode.find("می\u200cکنم"), std::string::npos);
}

TEST(KioskWording, FillsEveryPlaceholder) {
  EXPECT_EQ(fillPlaceholder("{n} of {n}", "{n}", "۳"), "۳ of ۳");
  EXPECT_EQ(fillPlaceholder("none", "{n}", "3"), "none");
}

}  // namespace
}  // namespace mikhak::kiosk
