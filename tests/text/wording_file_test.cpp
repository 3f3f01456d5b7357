#include "mikhak/text/wording_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace mikhak::text {
namespace {

struct Sample {
  std::string hello;
  std::string bye;
};
constexpr std::array<WordingKey<Sample>, 2> kSampleKeys{{
    {"hello", &Sample::hello},
    {"bye", &Sample::bye},
}};

class WordingFile : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& toml) {
    std::ofstream(file_) << toml;
    return file_;
  }
  void TearDown() override { std::filesystem::remove(file_); }

  std::filesystem::path file_ = std::filesystem::temp_directory_path() /
                                ("mikhak-wording-" + std::to_string(getpid()) + ".toml");
};

TEST_F(WordingFile, FillsEachMemberFromTheLanguagesTable) {
  const auto file = write(
      "[fa]\nbye = \"خدانگهدار\"\nhello = \"سلام\"\n"
      "[en]\nhello = \"Hello\"\nbye = \"Goodbye\"\n");
  const auto fa = readWording(file, "sample wording", Language::Persian, kSampleKeys);
  ASSERT_TRUE(fa) << fa.error().message;
  EXPECT_EQ(fa->hello, "سلام");
  EXPECT_EQ(fa->bye, "خدانگهدار");
  const auto en = readWording(file, "sample wording", Language::English, kSampleKeys);
  ASSERT_TRUE(en) << en.error().message;
  EXPECT_EQ(en->hello, "Hello");
}

TEST_F(WordingFile, SaysWhatIsWrongAndWhere) {
  const auto refused = [&](const std::string& toml, Language language) {
    const auto read = readWording(write(toml), "sample wording", language, kSampleKeys);
    EXPECT_FALSE(read);
    return read ? std::string() : read.error().message;
  };
  const std::string good = "hello = \"a\"\nbye = \"b\"\n";
  EXPECT_NE(refused("[fa]\nhello = \"a\"\n[en]\n" + good, Language::Persian).find("[fa] needs bye"),
            std::string::npos);
  EXPECT_NE(refused("[en]\nhello = \"\"\nbye = \"b\"\n", Language::English)
                .find("[en] needs hello (text)"),
            std::string::npos);
  EXPECT_NE(refused("[en]\n" + good + "byee = \"c\"\n", Language::English)
                .find("[en] has an unknown key byee"),
            std::string::npos);
  EXPECT_NE(
      refused("[fa]\n" + good + "[de]\n" + good, Language::Persian).find("unknown section [de]"),
      std::string::npos);
  EXPECT_NE(refused("[en]\n" + good, Language::Persian).find("no [fa] section"), std::string::npos);
  const std::string broken = refused("[fa]\nhello = \"a\nbye = \"b\"\n", Language::Persian);
  EXPECT_NE(broken.find("sample wording: "), std::string::npos) << broken;
  EXPECT_NE(broken.find(": line 2: "), std::string::npos) << broken;
}

}  // namespace
}  // namespace mikhak::text
