#include "mikhak/domain/zone_clock.hpp"

#include <unicode/timezone.h>

#include <cstdio>

namespace mikhak::domain {

struct ZoneClock::Impl {
  std::unique_ptr<icu::TimeZone> zone;
};

ZoneClock::ZoneClock(std::string name, std::unique_ptr<Impl> impl)
    : name_(std::move(name)), impl_(std::move(impl)) {}
ZoneClock::ZoneClock(ZoneClock&&) noexcept = default;
ZoneClock& ZoneClock::operator=(ZoneClock&&) noexcept = default;
ZoneClock::~ZoneClock() = default;

Result<ZoneClock> ZoneClock::create(std::string_view timeZone) {
  auto impl = std::make_unique<Impl>();
  impl->zone.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
      icu::StringPiece(timeZone.data(), static_cast<int32_t>(timeZone.size())))));
  if (!impl->zone || *impl->zone == icu::TimeZone::getUnknown()) {
    return Error{"ZoneClock: unknown time zone '" + std::string(timeZone) + "'"};
  }
  return ZoneClock(std::string(timeZone), std::move(impl));
}

std::chrono::seconds ZoneClock::offset(std::chrono::sys_seconds instant) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->zone->getOffset(static_cast<UDate>(instant.time_since_epoch().count()) * 1000.0, false,
                         raw, dst, status);
  return std::chrono::seconds((raw + dst) / 1000);
}

std::chrono::sys_seconds ZoneClock::startOfDay(std::chrono::sys_seconds instant) const {
  const auto local = instant + offset(instant);
  return instant - (local - std::chrono::floor<std::chrono::days>(local));
}

std::string ZoneClock::day(std::chrono::sys_seconds instant) const {
  const auto local = instant + offset(instant);
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(local)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::string ZoneClock::hoursMinutes(std::chrono::sys_seconds instant) const {
  const auto local = instant + offset(instant);
  const auto sinceMidnight = local - std::chrono::floor<std::chrono::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(sinceMidnight).count();
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return text;
}

}  // namespace mikhak::domain
