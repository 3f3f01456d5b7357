#include "announcement.hpp"

#include <gtest/gtest.h>

namespace mikhak::kiosk {
namespace {

Call call(std::string letter, std::string letterFa, int number, int counter, bool recall = false) {
  Call c;
  c.letter = std::move(letter);
  c.letterFa = std::move(letterFa);
  c.number = number;
  c.counter = counter;
  c.recall = recall;
  c.label = c.letter + "-" + std::to_string(number);
  return c;
}

TEST(Announcement, PersianAndEnglishForACall) {
  const Announcement a = announcementFor(call("P", "گ", 17, 3));
  EXPECT_EQ(a.persian, "شماره گاف هفده، به باجه سه.");
  EXPECT_EQ(a.english, "Number P 17, to counter 3.");
  EXPECT_EQ(a.persianClips,
            (std::vector<std::string>{"number", "letter-گ", "17", "to-counter", "3"}));
  EXPECT_EQ(a.englishClips,
            (std::vector<std::string>{"number", "letter-P", "17", "to-counter", "3"}));
}

TEST(Announcement, LettersAreSpokenByTheirNames) {
  // espeak-ng reads a lone «و» as "va" (and), a lone «پ» with a glottal stop, a bare "A" as "a".
  EXPECT_EQ(announcementFor(call("V", "و", 5, 1)).persian, "شماره واو پنج، به باجه یک.");
  EXPECT_EQ(announcementFor(call("H", "پ", 9, 4)).persian, "شماره پِ نُه، به باجه چهار.");
  EXPECT_EQ(announcementFor(call("A", "س", 120, 2)).english, "Number eh 120, to counter 2.");
}

TEST(Announcement, RecallIsWordedAsARepeatedCall) {
  const Announcement a = announcementFor(call("M", "ز", 123, 12, true));
  EXPECT_EQ(a.persian, "فراخوانی مجدد: شماره زِ صدُ بیستُ سه، به باجه دوازده.");
  EXPECT_EQ(a.english, "Called again: number M 123, to counter 12.");
  EXPECT_EQ(a.persianClips.front(), "recall");
  EXPECT_EQ(a.englishClips.front(), "recall");
}

TEST(Announcement, PersianNumbersAsSpokenWords) {
  EXPECT_EQ(persianNumberWords(0), "صفر");
  EXPECT_EQ(persianNumberWords(9), "نُه");
  EXPECT_EQ(persianNumberWords(18), "هجده");
  EXPECT_EQ(persianNumberWords(20), "بیست");
  EXPECT_EQ(persianNumberWords(29), "بیستُ نُه");
  EXPECT_EQ(persianNumberWords(100), "صد");
  EXPECT_EQ(persianNumberWords(105), "صدُ پنج");
  EXPECT_EQ(persianNumberWords(999), "نهصدُ نودُ نُه");
  EXPECT_EQ(persianNumberWords(1000), "هزار");
  EXPECT_EQ(persianNumberWords(2345), "دو هزارُ سیصدُ چهلُ پنج");
}

TEST(Announcement, UnknownLetterIsSaidAsItIs) {
  EXPECT_EQ(persianLetterName("Q"), "Q");
  EXPECT_EQ(persianLetterName("ط"), "طا");
}

}  // namespace
}  // namespace mikhak::kiosk
