#include "staff_pin_gate.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mikhak::kiosk {
namespace {

using std::chrono::milliseconds;
using Verdict = StaffPinGate::Verdict;

class StaffPinGateTest : public ::testing::Test {
 protected:
  FlowTime at(long ms) const { return t0_ + milliseconds(ms); }
  // Five wrong PINs, each after the retry gap; the last at 8 s.
  void failFiveTimes() {
    for (long i = 0; i < 5; ++i) ASSERT_EQ(gate_.attempt("0000", at(i * 2'000)), Verdict::Wrong);
  }

  StaffPinGate gate_{[](std::string_view pin) { return pin == "4711"; }};
  FlowTime t0_ = FlowTime{} + std::chrono::hours(100);
};

TEST_F(StaffPinGateTest, TheRightPinIsAccepted) {
  EXPECT_EQ(gate_.attempt("4711", at(0)), Verdict::Accepted);
}

TEST_F(StaffPinGateTest, AWrongPinIsRefusedAndTheNextTryWaits) {
  EXPECT_EQ(gate_.attempt("1234", at(0)), Verdict::Wrong);
  EXPECT_EQ(gate_.attempt("4711", at(1'999)), Verdict::TooSoon);
  EXPECT_EQ(gate_.blockedUntil(at(1'000)), at(2'000));
  EXPECT_EQ(gate_.attempt("4711", at(2'000)), Verdict::Accepted);
}

TEST_F(StaffPinGateTest, FiveWrongPinsInARowLockTheGateForFifteenMinutes) {
  failFiveTimes();
  EXPECT_TRUE(gate_.lockedOut(at(8'000)));
  EXPECT_EQ(gate_.attempt("4711", at(8'000 + 15 * 60'000 - 1)), Verdict::LockedOut);
  EXPECT_EQ(gate_.blockedUntil(at(10'000)), at(8'000 + 15 * 60'000));
  EXPECT_EQ(gate_.attempt("4711", at(8'000 + 15 * 60'000)), Verdict::Accepted);
}

TEST_F(StaffPinGateTest, ALockedGateDoesNotEvenCheckThePin) {
  int checks = 0;
  StaffPinGate gate([&](std::string_view) {
    ++checks;
    return false;
  });
  for (long i = 0; i < 5; ++i) gate.attempt("0000", at(i * 2'000));
  EXPECT_EQ(gate.attempt("0000", at(10'000)), Verdict::LockedOut);
  EXPECT_EQ(checks, 5);
}

TEST_F(StaffPinGateTest, TheRightPinResetsTheCountOfWrongOnes) {
  for (long i = 0; i < 4; ++i) gate_.attempt("0000", at(i * 2'000));
  EXPECT_EQ(gate_.attempt("4711", at(8'000)), Verdict::Accepted);
  EXPECT_EQ(gate_.failures(), 0);
  EXPECT_EQ(gate_.attempt("0000", at(10'000)), Verdict::Wrong);
  EXPECT_FALSE(gate_.lockedOut(at(10'000)));
}

TEST_F(StaffPinGateTest, WrongPinsAfterALockOutLockItAgain) {
  failFiveTimes();
  const long after = 8'000 + 15 * 60'000;
  for (long i = 0; i < 5; ++i) gate_.attempt("0000", at(after + i * 2'000));
  EXPECT_TRUE(gate_.lockedOut(at(after + 8'000)));
}

TEST(StaffPinGate, NeedsACheck) { EXPECT_THROW(StaffPinGate(nullptr), std::invalid_argument); }

}  // namespace
}  // namespace mikhak::kiosk
