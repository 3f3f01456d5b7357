#pragma once

#include <chrono>
#include <compare>
#include <memory>
#include <string>
#include <string_view>

#include "mikhak/base/result.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::text {

enum class Calendar { Jalali, Gregorian };

// The calendar each language shows by default: Solar Hijri for Persian, Gregorian for English.
Calendar defaultCalendar(Language language);

// A day in some calendar; which one is up to the caller.
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  auto operator<=>(const CivilDate&) const = default;
};

// Converts between the Gregorian and Solar Hijri calendars with ICU's Persian calendar.
// Throws std::invalid_argument for a day that does not exist.
CivilDate jalaliFromGregorian(CivilDate gregorian);
CivilDate gregorianFromJalali(CivilDate jalali);

// Formats dates and times for one language, calendar and time zone (an IANA name such as
// "Europe/London"). Persian: "۳ آذر ۱۴۰۵", "۱۰:۳۰"; English: "24 November 2026", "10:30".
// Holds ICU formatters, which are costly to make: keep one. Not for concurrent use.
class DateFormatter {
 public:
  static Result<DateFormatter> create(Language language, Calendar calendar,
                                      std::string_view timeZone);
  DateFormatter(DateFormatter&&) noexcept;
  DateFormatter& operator=(DateFormatter&&) noexcept;
  ~DateFormatter();

  // The day that contains the instant, in the formatter's time zone.
  std::string date(std::chrono::sys_seconds instant) const;
  // A civil (Gregorian) day, shown in the formatter's calendar; the time zone plays no part.
  std::string date(CivilDate gregorianDay) const;
  // Hours and minutes, 24-hour clock.
  std::string time(std::chrono::sys_seconds instant) const;
  // The day of the instant in the formatter's calendar and time zone.
  CivilDate civilDate(std::chrono::sys_seconds instant) const;

 private:
  struct Impl;
  explicit DateFormatter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mikhak::text
