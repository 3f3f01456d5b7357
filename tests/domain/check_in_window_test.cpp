// The check-in rules the server and the kiosk's offline mode share.
#include "mikhak/domain/check_in_window.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mikhak::domain {
namespace {

using namespace std::chrono;

sys_seconds utc(int y, int m, int d, int hh, int mm) {
  return sys_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

const ZoneClock& london() {
  static const ZoneClock clock = std::move(ZoneClock::create("Europe/London").value());
  return clock;
}

WindowDecision decide(sys_seconds start, sys_seconds now, CheckInWindow window = {},
                      AppointmentStatus status = AppointmentStatus::Booked,
                      std::string_view consulate = "LON") {
  return decideCheckInWindow({consulate, start, status}, "LON", now, london(), window);
}

TEST(CheckInWindow, AdmitsInsideTheWindowOrderedByTheAppointment) {
  const auto start = utc(2026, 11, 24, 10, 30);
  for (const auto now : {start - minutes(60), start, start + minutes(15)}) {
    const auto d = decide(start, now);
    EXPECT_EQ(d.verdict, WindowVerdict::Admit);
    EXPECT_FALSE(d.late);
    EXPECT_EQ(d.queueTime, start);
  }
}

TEST(CheckInWindow, TooEarlySaysWhenItOpens) {
  const auto start = utc(2026, 11, 24, 10, 30);
  const auto d = decide(start, start - minutes(61));
  EXPECT_EQ(d.verdict, WindowVerdict::TooEarly);
  EXPECT_EQ(refusalCode(d.verdict), "too_early");
  EXPECT_EQ(d.opensAt, start - minutes(60));
}

TEST(CheckInWindow, LateIsRefusedOrAdmittedBehindThoseOnTime) {
  const auto start = utc(2026, 11, 24, 10, 30);
  const auto now = start + minutes(16);
  EXPECT_EQ(decide(start, now).verdict, WindowVerdict::TooLate);
  const auto admitted = decide(start, now, {.latePolicy = LatePolicy::AdmitLowPriority});
  EXPECT_EQ(admitted.verdict, WindowVerdict::Admit);
  EXPECT_TRUE(admitted.late);
  EXPECT_EQ(admitted.queueTime, now);
}

TEST(CheckInWindow, StatusBeforeConsulateBeforeTime) {
  const auto start = utc(2026, 11, 24, 10, 30);
  const auto later = start + hours(3);  // outside the window: the status decides first
  EXPECT_EQ(decide(start, later, {}, AppointmentStatus::Cancelled).verdict,
            WindowVerdict::Cancelled);
  EXPECT_EQ(decide(start, later, {}, AppointmentStatus::Served).verdict, WindowVerdict::Closed);
  EXPECT_EQ(decide(start, later, {}, AppointmentStatus::NoShow).verdict, WindowVerdict::Closed);
  EXPECT_EQ(decide(start, later, {}, AppointmentStatus::CheckedIn).verdict,
            WindowVerdict::AlreadyCheckedIn);
  EXPECT_EQ(decide(start, start, {}, AppointmentStatus::Booked, "DXB").verdict,
            WindowVerdict::OtherConsulate);
}

TEST(CheckInWindow, AnotherDayOnTheConsulatesClock) {
  const auto start = utc(2026, 11, 25, 0, 10);
  EXPECT_EQ(decide(start, utc(2026, 11, 24, 23, 30)).verdict, WindowVerdict::OtherDay);
  EXPECT_EQ(decide(start, utc(2026, 11, 25, 0, 0)).verdict, WindowVerdict::Admit);
  // 09:00 BST on the day London changes to summer time is 08:00 UTC.
  const auto dst = utc(2026, 3, 29, 8, 0);
  EXPECT_EQ(decide(dst, utc(2026, 3, 29, 7, 0)).verdict, WindowVerdict::Admit);
  EXPECT_EQ(decide(dst, utc(2026, 3, 29, 6, 59)).verdict, WindowVerdict::TooEarly);
}

TEST(CheckInWindow, StatusNamesRoundTripAndRefusalCodesAreTheServers) {
  for (const auto s :
       {AppointmentStatus::Booked, AppointmentStatus::Cancelled, AppointmentStatus::CheckedIn,
        AppointmentStatus::Served, AppointmentStatus::NoShow}) {
    EXPECT_EQ(parseAppointmentStatus(appointmentStatusName(s)), s);
  }
  EXPECT_FALSE(parseAppointmentStatus("checked-in"));
  std::set<std::string_view> codes;
  for (const auto v :
       {WindowVerdict::Cancelled, WindowVerdict::Closed, WindowVerdict::OtherConsulate,
        WindowVerdict::OtherDay, WindowVerdict::TooEarly, WindowVerdict::TooLate}) {
    EXPECT_TRUE(codes.insert(refusalCode(v)).second);
  }
  EXPECT_EQ(codes, (std::set<std::string_view>{"cancelled", "closed", "other_consulate",
                                               "other_day", "too_early", "too_late"}));
  EXPECT_EQ(refusalCode(WindowVerdict::Admit), "");
}

}  // namespace
}  // namespace mikhak::domain
