#include "consulate_clock.hpp"

#include <charconv>

#include "mikhak/text/digits.hpp"

namespace mikhak::kiosk {

using text::Language;

ConsulateClock::ConsulateClock(std::string nameFa, std::string nameEn, text::DateFormatter persian,
                               text::DateFormatter english)
    : nameFa_(std::move(nameFa)),
      nameEn_(std::move(nameEn)),
      persian_(std::move(persian)),
      english_(std::move(english)) {}

Result<ConsulateClock> ConsulateClock::create(std::string nameFa, std::string nameEn,
                                              std::string_view timeZone) {
  auto persian = text::DateFormatter::create(Language::Persian, text::Calendar::Jalali, timeZone);
  if (!persian) return persian.error();
  auto english =
      text::DateFormatter::create(Language::English, text::Calendar::Gregorian, timeZone);
  if (!english) return english.error();
  return ConsulateClock(std::move(nameFa), std::move(nameEn), std::move(*persian),
                        std::move(*english));
}

const std::string& ConsulateClock::name(Language language) const {
  return language == Language::Persian ? nameFa_ : nameEn_;
}

const text::DateFormatter& ConsulateClock::formatter(Language language) const {
  return language == Language::Persian ? persian_ : english_;
}

std::string ConsulateClock::date(std::chrono::sys_seconds instant, Language language) const {
  return formatter(language).date(instant);
}

std::string ConsulateClock::time(std::chrono::sys_seconds instant, Language language) const {
  return formatter(language).time(instant);
}

std::string ConsulateClock::day(std::string_view isoDay, Language language) const {
  const auto number = [&](std::size_t at, std::size_t length, int& out) {
    if (isoDay.size() < at + length) return false;
    const char* begin = isoDay.data() + at;
    const auto [end, error] = std::from_chars(begin, begin + length, out);
    return error == std::errc{} && end == begin + length;
  };
  text::CivilDate civil;
  if (isoDay.size() == 10 && isoDay[4] == '-' && isoDay[7] == '-' && number(0, 4, civil.year) &&
      number(5, 2, civil.month) && number(8, 2, civil.day) && civil.month >= 1 &&
      civil.month <= 12 && civil.day >= 1 && civil.day <= 31) {
    try {
      return formatter(language).date(civil);
    } catch (const std::invalid_argument&) {
      // A day that does not exist (2026-02-30): shown as given below.
    }
  }
  return text::localizeDigits(isoDay, language);
}

}  // namespace mikhak::kiosk
