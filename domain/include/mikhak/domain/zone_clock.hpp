#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "mikhak/base/result.hpp"

namespace mikhak::domain {

// Local days and times in a consulate's time zone (ICU's zone data, so daylight-saving changes are
// right). Rules like "today" and "opens at 10:30" are about the consulate's wall clock.
class ZoneClock {
 public:
  static Result<ZoneClock> create(std::string_view timeZone);
  ZoneClock(ZoneClock&&) noexcept;
  ZoneClock& operator=(ZoneClock&&) noexcept;
  ~ZoneClock();

  const std::string& timeZone() const { return name_; }
  // Offset from UTC at that instant.
  std::chrono::seconds offset(std::chrono::sys_seconds instant) const;
  // The instant the local day of `instant` began (local midnight).
  std::chrono::sys_seconds startOfDay(std::chrono::sys_seconds instant) const;
  // The local day, "YYYY-MM-DD".
  std::string day(std::chrono::sys_seconds instant) const;
  // The local wall-clock time, "HH:MM".
  std::string hoursMinutes(std::chrono::sys_seconds instant) const;

 private:
  struct Impl;
  ZoneClock(std::string name, std::unique_ptr<Impl> impl);
  std::string name_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mikhak::domain
