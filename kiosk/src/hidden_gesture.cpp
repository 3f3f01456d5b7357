#include "hidden_gesture.hpp"

namespace mikhak::kiosk {

HiddenGesture::HiddenGesture(int screenWidth, HiddenGestureOptions options)
    : width_(screenWidth), options_(options) {}

bool HiddenGesture::inTopLeft(int x, int y) const {
  return x >= 0 && x < options_.cornerPixels && y >= 0 && y < options_.cornerPixels;
}

bool HiddenGesture::inTopRight(int x, int y) const {
  return x >= width_ - options_.cornerPixels && x < width_ && y >= 0 && y < options_.cornerPixels;
}

bool HiddenGesture::pointerDown(int x, int y, FlowTime now) {
  if (armedAt_ && now - *armedAt_ <= options_.tapWithin && inTopRight(x, y)) {
    armedAt_.reset();
    holdStarted_.reset();
    return true;
  }
  armedAt_.reset();
  holdStarted_.reset();
  if (inTopLeft(x, y)) holdStarted_ = now;
  return false;
}

void HiddenGesture::pointerUp(int x, int y, FlowTime now) {
  // The finger must still be in the corner when it lets go: a swipe from the corner is not a hold.
  if (holdStarted_ && now - *holdStarted_ >= options_.hold && inTopLeft(x, y)) armedAt_ = now;
  holdStarted_.reset();
}

}  // namespace mikhak::kiosk
