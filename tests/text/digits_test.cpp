#include "mikhak/text/digits.hpp"

#include <gtest/gtest.h>

namespace mikhak::text {
namespace {

TEST(Digits, PersianTextGetsPersianDigits) {
  EXPECT_EQ(localizeDigits("P-017, 3 نفر", Language::Persian), "P-۰۱۷, ۳ نفر");
  EXPECT_EQ(localizeDigits("٤٥٦", Language::Persian), "۴۵۶");  // Arabic-Indic too
}

TEST(Digits, EnglishTextGetsLatinDigits) {
  EXPECT_EQ(localizeDigits("۱۴۰۵/۰۹/۰۳", Language::English), "1405/09/03");
  EXPECT_EQ(localizeDigits("٠١٢٣٤٥٦٧٨٩", Language::English), "0123456789");
}

TEST(Digits, FormatInteger) {
  EXPECT_EQ(formatInteger(17, Language::Persian), "۱۷");
  EXPECT_EQ(formatInteger(-250, Language::Persian), "-۲۵۰");
  EXPECT_EQ(formatInteger(1234567890, Language::English), "1234567890");
}

TEST(Digits, ParseAcceptsEveryDigitSet) {
  EXPECT_EQ(parseInteger("482100"), 482100);
  EXPECT_EQ(parseInteger("۴۸۲۱۰۰"), 482100);
  EXPECT_EQ(parseInteger("٤٨٢١٠٠"), 482100);
  EXPECT_EQ(parseInteger("۴8٢1"), 4821);
  EXPECT_EQ(parseInteger("-۱۷"), -17);
  EXPECT_EQ(parseInteger("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parseInteger("-9223372036854775808"), INT64_MIN);
}

TEST(Digits, ParseRejectsAnythingElse) {
  EXPECT_EQ(parseInteger(""), std::nullopt);
  EXPECT_EQ(parseInteger("-"), std::nullopt);
  EXPECT_EQ(parseInteger("12a"), std::nullopt);
  EXPECT_EQ(parseInteger("۱ ۲"), std::nullopt);
  EXPECT_EQ(parseInteger("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parseInteger("99999999999999999999999999"), std::nullopt);
  EXPECT_EQ(parseInteger("\xFF\xFE"), std::nullopt);
}

TEST(Digits, LatinDigitsKeepsEverythingElse) {
  EXPECT_EQ(latinDigits("کد ۴۸۲۱-٠٠٩٣"), "کد 4821-0093");
  EXPECT_EQ(latinDigits("\xFF"
                        "1"),
            "\xFF"
            "1");
}

}  // namespace
}  // namespace mikhak::text
