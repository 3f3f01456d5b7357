#include "check_in_rules.hpp"

#include <gtest/gtest.h>

namespace mikhak::server {
namespace {

using namespace std::chrono;

sys_seconds utc(int y, int m, int d, int hh, int mm) {
  return sys_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

const domain::ZoneClock& london() {
  static const domain::ZoneClock clock =
      std::move(domain::ZoneClock::create("Europe/London").value());
  return clock;
}

Appointment bookedAt(sys_seconds start) {
  Appointment a;
  a.id = 7;
  a.consulateId = "LON";
  a.serviceId = "passport";
  a.startsAt = start.time_since_epoch().count();
  return a;
}

CheckInDecision decide(const Appointment& a, sys_seconds now, CheckInWindow window = {}) {
  return decideCheckIn(a, "LON", now, london(), window);
}

TEST(CheckInRules, AdmitsInsideTheWindowOrderedByTheAppointment) {
  const auto start = utc(2026, 11, 24, 10, 30);
  for (const auto now : {start - minutes(60), start - minutes(5), start, start + minutes(15)}) {
    const auto d = decide(bookedAt(start), now);
    EXPECT_EQ(d.kind, CheckInDecision::Kind::Admit);
    EXPECT_FALSE(d.late);
    EXPECT_EQ(d.queueTime, start);
  }
}

TEST(CheckInRules, TooEarlySaysWhenCheckInOpens) {
  const auto start = utc(2026, 11, 24, 10, 30);
  const auto d = decide(bookedAt(start), start - minutes(61));
  EXPECT_EQ(d.kind, CheckInDecision::Kind::Refuse);
  EXPECT_EQ(d.refusal, Refusal::TooEarly);
  EXPECT_EQ(london().hoursMinutes(d.opensAt), "09:30");
  const auto wider = decide(bookedAt(start), start - minutes(61), {.early = minutes(90)});
  EXPECT_EQ(wider.kind, CheckInDecision::Kind::Admit);
}

TEST(CheckInRules, LateIsRefusedOrAdmittedBehindThoseOnTime) {
  const auto start = utc(2026, 11, 24, 10, 30);
  const auto now = start + minutes(16);
  EXPECT_EQ(decide(bookedAt(start), now).refusal, Refusal::TooLate);
  const auto admitted = decide(bookedAt(start), now, {.latePolicy = LatePolicy::AdmitLowPriority});
  EXPECT_EQ(admitted.kind, CheckInDecision::Kind::Admit);
  EXPECT_TRUE(admitted.late);
  EXPECT_EQ(admitted.queueTime, now);
}

TEST(CheckInRules, StatusAndConsulate) {
  const auto start = utc(2026, 11, 24, 10, 30);
  Appointment a = bookedAt(start);
  a.status = AppointmentStatus::Cancelled;
  EXPECT_EQ(decide(a, start).refusal, Refusal::Cancelled);
  a.status = AppointmentStatus::Served;
  EXPECT_EQ(decide(a, start).refusal, Refusal::Closed);
  a.status = AppointmentStatus::NoShow;
  EXPECT_EQ(decide(a, start).refusal, Refusal::Closed);
  a.status = AppointmentStatus::CheckedIn;
  EXPECT_EQ(decide(a, start + hours(3)).kind, CheckInDecision::Kind::AlreadyCheckedIn);
  a.status = AppointmentStatus::Booked;
  a.consulateId = "DXB";
  EXPECT_EQ(decide(a, start).refusal, Refusal::OtherConsulate);
}

TEST(CheckInRules, AnotherDayOnTheConsulatesClock) {
  // 00:10 local on the 25th: at 23:30 on the 24th the window is open by minutes, but it is
  // another day at the consulate.
  const auto start = utc(2026, 11, 25, 0, 10);
  EXPECT_EQ(decide(bookedAt(start), utc(2026, 11, 24, 23, 30)).refusal, Refusal::OtherDay);
  EXPECT_EQ(decide(bookedAt(start), utc(2026, 11, 25, 0, 0)).kind, CheckInDecision::Kind::Admit);
  EXPECT_EQ(decide(bookedAt(utc(2026, 11, 23, 10, 0)), utc(2026, 11, 24, 10, 0)).refusal,
            Refusal::OtherDay);
}

TEST(CheckInRules, DaylightSavingChangeMovesNothing) {
  // London goes to BST at 01:00 UTC on 29 March 2026: a 09:00 BST appointment is 08:00 UTC.
  const auto start = utc(2026, 3, 29, 8, 0);
  EXPECT_EQ(london().hoursMinutes(start), "09:00");
  EXPECT_EQ(decide(bookedAt(start), utc(2026, 3, 29, 7, 0)).kind, CheckInDecision::Kind::Admit);
  EXPECT_EQ(decide(bookedAt(start), utc(2026, 3, 29, 6, 59)).refusal, Refusal::TooEarly);
  // Tehran at midnight UTC+3:30: 21:00 UTC on the 24th is already the 25th there.
  const auto tehran = std::move(domain::ZoneClock::create("Asia/Tehran").value());
  EXPECT_EQ(tehran.day(utc(2026, 11, 24, 21, 0)), "2026-11-25");
}

TEST(CheckInRules, EveryRefusalHasItsOwnCodeAndBothLanguages) {
  std::set<std::string_view> codes;
  for (int r = 0; r <= static_cast<int>(Refusal::RequestReused); ++r) {
    const RefusalText& text = refusalText(static_cast<Refusal>(r));
    EXPECT_TRUE(codes.insert(text.code).second) << text.code;
    EXPECT_FALSE(text.fa.empty());
    EXPECT_FALSE(text.en.empty());
    EXPECT_GE(text.httpStatus, 400);
    EXPECT_LT(text.httpStatus, 500);
  }
}

}  // namespace
}  // namespace mikhak::server
