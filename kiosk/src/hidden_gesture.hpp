#pragma once

// The hidden way into staff mode on a touch screen: hold the top-left corner for three seconds,
// then, within three seconds of letting go, tap the top-right corner. An applicant resting a hand
// on the screen or a child tapping everywhere does not do that by chance; a member of staff
// learns it in a minute. Pure logic: positions and times come in, a yes comes out. Technicians with
// a keyboard use Ctrl+Alt+M instead (a keyboard-wedge scanner types only digits and Enter).

#include <chrono>
#include <optional>

#include "check_in_flow.hpp"

namespace mikhak::kiosk {

struct HiddenGestureOptions {
  int cornerPixels = 120;  // the corner zones' side (about 2 cm on a kiosk screen)
  std::chrono::milliseconds hold{3'000};
  std::chrono::milliseconds tapWithin{3'000};
};

class HiddenGesture {
 public:
  HiddenGesture(int screenWidth, HiddenGestureOptions options = {});

  void resize(int screenWidth) { width_ = screenWidth; }
  // A finger or the mouse goes down; true when this completes the gesture.
  bool pointerDown(int x, int y, FlowTime now);
  void pointerUp(int x, int y, FlowTime now);

 private:
  bool inTopLeft(int x, int y) const;
  bool inTopRight(int x, int y) const;

  int width_;
  HiddenGestureOptions options_;
  std::optional<FlowTime> holdStarted_;  // down in the top-left corner, not yet up
  std::optional<FlowTime> armedAt_;      // held long enough and let go: waiting for the tap
};

}  // namespace mikhak::kiosk
