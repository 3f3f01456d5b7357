#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "mikhak/base/result.hpp"
#include "mikhak/text/date_format.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::kiosk {

// The consulate as the screens show it: its names, and dates and times on its wall clock, Jalali
// with Persian digits in Persian and Gregorian in English. Made once (ICU formatters are costly);
// not for concurrent use.
class ConsulateClock {
 public:
  // Errors: an unknown IANA time zone.
  static Result<ConsulateClock> create(std::string nameFa, std::string nameEn,
                                       std::string_view timeZone);

  const std::string& name(text::Language language) const;
  std::string date(std::chrono::sys_seconds instant, text::Language language) const;
  std::string time(std::chrono::sys_seconds instant, text::Language language) const;
  // A day as the server sends it ("2026-11-24"); anything else is shown as given, with the
  // language's digits.
  std::string day(std::string_view isoDay, text::Language language) const;

 private:
  ConsulateClock(std::string nameFa, std::string nameEn, text::DateFormatter persian,
                 text::DateFormatter english);
  const text::DateFormatter& formatter(text::Language language) const;

  std::string nameFa_;
  std::string nameEn_;
  text::DateFormatter persian_;
  text::DateFormatter english_;
};

}  // namespace mikhak::kiosk
