#include "hidden_gesture.hpp"

#include <gtest/gtest.h>

namespace mikhak::kiosk {
namespace {

using namespace std::chrono_literals;

class HiddenGestureTest : public ::testing::Test {
 protected:
  FlowTime t0{std::chrono::seconds(1'000)};
  HiddenGesture gesture{1280};
};

TEST_F(HiddenGestureTest, HoldTopLeftThenTapTopRightOpensStaffMode) {
  EXPECT_FALSE(gesture.pointerDown(20, 20, t0));
  gesture.pointerUp(25, 30, t0 + 3100ms);
  EXPECT_TRUE(gesture.pointerDown(1260, 30, t0 + 4s));
}

TEST_F(HiddenGestureTest, AShortHoldIsAnOrdinaryTouch) {
  gesture.pointerDown(20, 20, t0);
  gesture.pointerUp(20, 20, t0 + 2900ms);
  EXPECT_FALSE(gesture.pointerDown(1260, 30, t0 + 3s));
}

TEST_F(HiddenGestureTest, TheTapMustComeSoon) {
  gesture.pointerDown(20, 20, t0);
  gesture.pointerUp(20, 20, t0 + 3s);
  EXPECT_FALSE(gesture.pointerDown(1260, 30, t0 + 6100ms));
}

TEST_F(HiddenGestureTest, AnyOtherTouchInBetweenStartsOver) {
  gesture.pointerDown(20, 20, t0);
  gesture.pointerUp(20, 20, t0 + 3s);
  EXPECT_FALSE(gesture.pointerDown(640, 400, t0 + 3500ms));
  gesture.pointerUp(640, 400, t0 + 3600ms);
  EXPECT_FALSE(gesture.pointerDown(1260, 30, t0 + 4s));
}

TEST_F(HiddenGestureTest, ASwipeOutOfTheCornerIsNotAHold) {
  gesture.pointerDown(20, 20, t0);
  gesture.pointerUp(400, 300, t0 + 4s);
  EXPECT_FALSE(gesture.pointerDown(1260, 30, t0 + 5s));
}

TEST_F(HiddenGestureTest, TheOtherCornersDoNothing) {
  gesture.pointerDown(1260, 20, t0);
  gesture.pointerUp(1260, 20, t0 + 4s);
  EXPECT_FALSE(gesture.pointerDown(20, 20, t0 + 5s));
  gesture.pointerDown(20, 780, t0 + 10s);
  gesture.pointerUp(20, 780, t0 + 14s);
  EXPECT_FALSE(gesture.pointerDown(1260, 30, t0 + 15s));
}

TEST_F(HiddenGestureTest, TheRightCornerFollowsTheScreenWidth) {
  gesture.resize(1920);
  gesture.pointerDown(20, 20, t0);
  gesture.pointerUp(20, 20, t0 + 3s);
  EXPECT_FALSE(gesture.pointerDown(1260, 30, t0 + 4s));
  gesture.pointerDown(20, 20, t0 + 10s);
  gesture.pointerUp(20, 20, t0 + 13s);
  EXPECT_TRUE(gesture.pointerDown(1900, 30, t0 + 14s));
}

}  // namespace
}  // namespace mikhak::kiosk
