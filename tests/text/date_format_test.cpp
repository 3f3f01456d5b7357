#include "mikhak/text/date_format.hpp"

#include <gtest/gtest.h>

#include <array>

#include "mikhak/text/digits.hpp"

namespace mikhak::text {
namespace {

// An independent reference: the Jalali calendar from the table of leap-cycle breaks
// (Borkowski's algorithm, as in jalaali-js), in Julian day numbers.
namespace reference {
int div(int a, int b) { return a / b; }
int mod(int a, int b) { return a - a / b * b; }

struct JalCal {
  int leap;
  int gy;
  int march;
};

JalCal jalCal(int jy) {
  static constexpr std::array kBreaks{-61,  9,    38,   199,  426,  686,  756,  818,  1111, 1181,
                                      1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178};
  const int gy = jy + 621;
  int leapJ = -14;
  int jp = kBreaks[0];
  int jump = 0;
  for (std::size_t i = 1; i < kBreaks.size(); ++i) {
    const int jm = kBreaks[i];
    jump = jm - jp;
    if (jy < jm) break;
    leapJ = leapJ + div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  int n = jy - jp;
  leapJ = leapJ + div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) == 4 && jump - n == 4) leapJ += 1;
  const int leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  const int march = 20 + leapJ - leapG;
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  int leap = mod(mod(n + 1, 33) - 1, 4);
  if (leap == -1) leap = 4;
  return {leap, gy, march};
}

int g2d(int gy, int gm, int gd) {
  int d = div((gy + div(gm - 8, 6) + 100100) * 1461, 4) + div(153 * mod(gm + 9, 12) + 2, 5) + gd -
          34840408;
  d = d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
  return d;
}

CivilDate d2g(int jdn) {
  int j = 4 * jdn + 139361631;
  j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
  const int i = div(mod(j, 1461), 4) * 5 + 308;
  const int gd = div(mod(i, 153), 5) + 1;
  const int gm = mod(div(i, 153), 12) + 1;
  const int gy = div(j, 1461) - 100100 + div(8 - gm, 6);
  return {gy, gm, gd};
}

int j2d(int jy, int jm, int jd) {
  const JalCal r = jalCal(jy);
  return g2d(r.gy, 3, r.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
}

bool isLeap(int jy) { return jalCal(jy).leap == 0; }
int monthLength(int jy, int jm) { return jm <= 6 ? 31 : jm <= 11 ? 30 : isLeap(jy) ? 30 : 29; }
}  // namespace reference

TEST(JalaliCalendar, EveryDayFrom1300To1500AgreesWithTheReference) {
  int days = 0;
  for (int year = 1300; year <= 1500; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= reference::monthLength(year, month); ++day) {
        const CivilDate jalali{year, month, day};
        const CivilDate gregorian = reference::d2g(reference::j2d(year, month, day));
        ASSERT_EQ(gregorianFromJalali(jalali), gregorian) << year << "/" << month << "/" << day;
        ASSERT_EQ(jalaliFromGregorian(gregorian), jalali) << year << "/" << month << "/" << day;
        ++days;
      }
    }
  }
  EXPECT_EQ(days, 73414);  // 201 years: 201 * 365 days and 49 leap days
}

TEST(JalaliCalendar, DaysPastTheMonthDoNotExist) {
  for (int year = 1300; year <= 1500; ++year) {
    EXPECT_THROW(gregorianFromJalali({year, 7, 31}), std::invalid_argument);
    if (reference::isLeap(year)) {
      EXPECT_NO_THROW(gregorianFromJalali({year, 12, 30})) << year;
    } else {
      EXPECT_THROW(gregorianFromJalali({year, 12, 30}), std::invalid_argument) << year;
    }
  }
  EXPECT_THROW(jalaliFromGregorian({2026, 2, 29}), std::invalid_argument);
}

TEST(JalaliCalendar, KnownDays) {
  EXPECT_EQ(jalaliFromGregorian({2026, 3, 21}), (CivilDate{1405, 1, 1}));  // Nowruz 1405
  EXPECT_EQ(jalaliFromGregorian({2026, 11, 24}), (CivilDate{1405, 9, 3}));
  EXPECT_EQ(jalaliFromGregorian({2019, 10, 23}), (CivilDate{1398, 8, 1}));  // Aban 1398
}

std::chrono::sys_seconds at(int y, int m, int d, int hh, int mm) {
  using namespace std::chrono;
  return sys_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

TEST(DateFormatter, PersianJalali) {
  auto f = DateFormatter::create(Language::Persian, Calendar::Jalali, "Europe/London");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->date(CivilDate{2026, 11, 24}), "۳ آذر ۱۴۰۵");
  EXPECT_EQ(f->date(at(2026, 11, 24, 10, 30)), "۳ آذر ۱۴۰۵");
  EXPECT_EQ(f->time(at(2026, 11, 24, 10, 30)), "۱۰:۳۰");
}

TEST(DateFormatter, EnglishGregorian) {
  auto f = DateFormatter::create(Language::English, Calendar::Gregorian, "Europe/London");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->date(CivilDate{2026, 11, 24}), "24 November 2026");
  EXPECT_EQ(f->time(at(2026, 11, 24, 9, 5)), "09:05");
}

TEST(DateFormatter, OtherCombinations) {
  auto persianGregorian = DateFormatter::create(Language::Persian, Calendar::Gregorian, "UTC");
  EXPECT_EQ(persianGregorian->date(CivilDate{2026, 11, 24}), "۲۴ نوامبر ۲۰۲۶");
  auto englishJalali = DateFormatter::create(Language::English, Calendar::Jalali, "UTC");
  EXPECT_EQ(englishJalali->date(CivilDate{2026, 11, 24}), "3 Azar 1405");
}

TEST(DateFormatter, TheDayIsTheConsulatesDay) {
  // 21:30 UTC on 23 November is already 24 November (01:00) in Tehran, still the 23rd in London.
  const auto instant = at(2026, 11, 23, 21, 30);
  auto tehran = DateFormatter::create(Language::Persian, Calendar::Jalali, "Asia/Tehran");
  auto london = DateFormatter::create(Language::Persian, Calendar::Jalali, "Europe/London");
  EXPECT_EQ(tehran->date(instant), "۳ آذر ۱۴۰۵");
  EXPECT_EQ(tehran->time(instant), "۰۱:۰۰");
  EXPECT_EQ(london->date(instant), "۲ آذر ۱۴۰۵");
  EXPECT_EQ(tehran->civilDate(instant), (CivilDate{1405, 9, 3}));
  EXPECT_EQ(london->civilDate(instant), (CivilDate{1405, 9, 2}));
}

TEST(DateFormatter, SummerTime) {
  // Clocks in London go forward at 01:00 UTC on 29 March 2026.
  auto f = DateFormatter::create(Language::English, Calendar::Gregorian, "Europe/London");
  EXPECT_EQ(f->time(at(2026, 3, 29, 0, 30)), "00:30");
  EXPECT_EQ(f->time(at(2026, 3, 29, 1, 30)), "02:30");
}

TEST(DateFormatter, EveryMonthIsNamedInPersian) {
  static constexpr std::array<const char*, 12> kMonths{"فروردین", "اردیبهشت", "خرداد", "تیر",
                                                       "مرداد",   "شهریور",   "مهر",   "آبان",
                                                       "آذر",     "دی",       "بهمن",  "اسفند"};
  auto f = DateFormatter::create(Language::Persian, Calendar::Jalali, "UTC");
  for (int year = 1300; year <= 1500; year += 7) {
    for (int month = 1; month <= 12; ++month) {
      const std::string expected =
          localizeDigits(std::to_string(month == 12 ? 29 : 1), Language::Persian) + " " +
          kMonths[month - 1] + " " + localizeDigits(std::to_string(year), Language::Persian);
      const CivilDate day{year, month, month == 12 ? 29 : 1};
      EXPECT_EQ(f->date(gregorianFromJalali(day)), expected);
    }
  }
}

TEST(DateFormatter, UnknownTimeZoneIsAnError) {
  auto f = DateFormatter::create(Language::Persian, Calendar::Jalali, "Mars/Olympus");
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("Mars/Olympus"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::text
