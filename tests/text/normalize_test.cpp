#include "mikhak/text/normalize.hpp"

#include <gtest/gtest.h>

namespace mikhak::text {
namespace {

TEST(Normalize, ArabicYehAndKafBecomePersian) {
  EXPECT_EQ(normalizePersianLetters("علي"), "علی");
  EXPECT_EQ(normalizePersianLetters("كرمانشاه"), "کرمانشاه");
  EXPECT_EQ(normalizePersianLetters("مصطفى"), "مصطفی");
}

TEST(Normalize, PersianAndLatinUntouched) {
  EXPECT_EQ(normalizePersianLetters("یک کد K-17 می‌خواهم"),
            "یک کد K-17 می‌خواهم");
}

TEST(Normalize, InvalidBytesPassThrough) {
  EXPECT_EQ(normalizePersianLetters("a\xFF"
                                    "ي"),
            "a\xFF"
            "ی");
  EXPECT_EQ(normalizePersianLetters("\xEF\xBF\xBD"), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace mikhak::text
