#include "mikhak/text/date_format.hpp"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <stdexcept>
#include <string>

namespace mikhak::text {
namespace {

icu::Locale localeFor(Language language, Calendar calendar) {
  std::string name = language == Language::Persian ? "fa_IR" : "en_GB";
  name += calendar == Calendar::Jalali ? "@calendar=persian" : "@calendar=gregorian";
  return icu::Locale(name.c_str());
}

std::unique_ptr<icu::Calendar> makeCalendar(Calendar calendar, const icu::TimeZone& zone) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(zone, localeFor(Language::English, calendar), status));
  if (U_FAILURE(status)) throw std::runtime_error("DateFormatter: cannot make an ICU calendar");
  cal->setLenient(false);
  return cal;
}

// Converts a civil day between calendars at noon GMT, far from any day boundary.
CivilDate convert(CivilDate from, Calendar source, Calendar target) {
  const std::unique_ptr<icu::TimeZone> gmt(icu::TimeZone::createTimeZone("GMT"));
  auto in = makeCalendar(source, *gmt);
  auto out = makeCalendar(target, *gmt);
  in->clear();
  in->set(from.year, from.month - 1, from.day, 12, 0, 0);
  UErrorCode status = U_ZERO_ERROR;
  const UDate instant = in->getTime(status);
  if (U_FAILURE(status)) throw std::invalid_argument("no such day");
  out->setTime(instant, status);
  CivilDate result{out->get(UCAL_EXTENDED_YEAR, status), out->get(UCAL_MONTH, status) + 1,
                   out->get(UCAL_DATE, status)};
  if (U_FAILURE(status)) throw std::invalid_argument("no such day");
  return result;
}

std::string toUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

Calendar defaultCalendar(Language language) {
  return language == Language::Persian ? Calendar::Jalali : Calendar::Gregorian;
}

CivilDate jalaliFromGregorian(CivilDate gregorian) {
  return convert(gregorian, Calendar::Gregorian, Calendar::Jalali);
}

CivilDate gregorianFromJalali(CivilDate jalali) {
  return convert(jalali, Calendar::Jalali, Calendar::Gregorian);
}

struct DateFormatter::Impl {
  std::unique_ptr<icu::TimeZone> zone;
  std::unique_ptr<icu::SimpleDateFormat> dateFormat;
  std::unique_ptr<icu::SimpleDateFormat> dayFormat;  // civil days: GMT noon
  std::unique_ptr<icu::SimpleDateFormat> timeFormat;
  std::unique_ptr<icu::Calendar> calendar;
  std::unique_ptr<icu::Calendar> gregorianGmt;
};

DateFormatter::DateFormatter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DateFormatter::DateFormatter(DateFormatter&&) noexcept = default;
DateFormatter& DateFormatter::operator=(DateFormatter&&) noexcept = default;
DateFormatter::~DateFormatter() = default;

Result<DateFormatter> DateFormatter::create(Language language, Calendar calendar,
                                            std::string_view timeZone) {
  auto impl = std::make_unique<Impl>();
  const icu::UnicodeString zoneId = icu::UnicodeString::fromUTF8(
      icu::StringPiece(timeZone.data(), static_cast<int32_t>(timeZone.size())));
  impl->zone.reset(icu::TimeZone::createTimeZone(zoneId));
  if (*impl->zone == icu::TimeZone::getUnknown()) {
    return Error{"DateFormatter: unknown time zone '" + std::string(timeZone) + "'"};
  }
  const icu::Locale locale = localeFor(language, calendar);
  UErrorCode status = U_ZERO_ERROR;
  // Day, month name, year: "۳ آذر ۱۴۰۵" and "24 November 2026" (day first reads the same
  // everywhere).
  impl->dateFormat = std::make_unique<icu::SimpleDateFormat>(u"d MMMM y", locale, status);
  impl->dayFormat = std::make_unique<icu::SimpleDateFormat>(u"d MMMM y", locale, status);
  impl->timeFormat = std::make_unique<icu::SimpleDateFormat>(u"HH:mm", locale, status);
  if (U_FAILURE(status)) {
    return Error{std::string("DateFormatter: ICU cannot format dates: ") + u_errorName(status)};
  }
  impl->dateFormat->setTimeZone(*impl->zone);
  impl->timeFormat->setTimeZone(*impl->zone);
  const std::unique_ptr<icu::TimeZone> gmt(icu::TimeZone::createTimeZone("GMT"));
  impl->dayFormat->setTimeZone(*gmt);
  impl->calendar = makeCalendar(calendar, *impl->zone);
  impl->gregorianGmt = makeCalendar(Calendar::Gregorian, *gmt);
  return DateFormatter(std::move(impl));
}

namespace {
UDate toUDate(std::chrono::sys_seconds instant) {
  return static_cast<UDate>(instant.time_since_epoch().count()) * 1000.0;
}
}  // namespace

std::string DateFormatter::date(std::chrono::sys_seconds instant) const {
  icu::UnicodeString out;
  impl_->dateFormat->format(toUDate(instant), out);
  return toUtf8(out);
}

std::string DateFormatter::date(CivilDate gregorianDay) const {
  UErrorCode status = U_ZERO_ERROR;
  impl_->gregorianGmt->clear();
  impl_->gregorianGmt->set(gregorianDay.year, gregorianDay.month - 1, gregorianDay.day, 12, 0, 0);
  const UDate instant = impl_->gregorianGmt->getTime(status);
  if (U_FAILURE(status)) throw std::invalid_argument("DateFormatter: no such day");
  icu::UnicodeString out;
  impl_->dayFormat->format(instant, out);
  return toUtf8(out);
}

std::string DateFormatter::time(std::chrono::sys_seconds instant) const {
  icu::UnicodeString out;
  impl_->timeFormat->format(toUDate(instant), out);
  return toUtf8(out);
}

CivilDate DateFormatter::civilDate(std::chrono::sys_seconds instant) const {
  UErrorCode status = U_ZERO_ERROR;
  impl_->calendar->setTime(toUDate(instant), status);
  CivilDate result{impl_->calendar->get(UCAL_EXTENDED_YEAR, status),
                   impl_->calendar->get(UCAL_MONTH, status) + 1,
                   impl_->calendar->get(UCAL_DATE, status)};
  if (U_FAILURE(status)) throw std::runtime_error("DateFormatter: ICU calendar failed");
  return result;
}

}  // namespace mikhak::text
