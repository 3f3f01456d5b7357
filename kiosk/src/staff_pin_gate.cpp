#include "staff_pin_gate.hpp"

#include <stdexcept>
#include <utility>

namespace mikhak::kiosk {

StaffPinGate::StaffPinGate(std::function<bool(std::string_view)> check, StaffPinOptions options)
    : check_(std::move(check)), options_(options) {
  if (!check_ || options_.maxFailures < 1) {
    throw std::invalid_argument("StaffPinGate: needs a check and maxFailures of at least 1");
  }
}

std::optional<FlowTime> StaffPinGate::blockedUntil(FlowTime now) const {
  if (lockedUntil_ && now < *lockedUntil_) return lockedUntil_;
  if (nextTry_ && now < *nextTry_) return nextTry_;
  return std::nullopt;
}

bool StaffPinGate::lockedOut(FlowTime now) const { return lockedUntil_ && now < *lockedUntil_; }

StaffPinGate::Verdict StaffPinGate::attempt(std::string_view pin, FlowTime now) {
  if (lockedOut(now)) return Verdict::LockedOut;
  if (nextTry_ && now < *nextTry_) return Verdict::TooSoon;
  if (check_(pin)) {
    failures_ = 0;
    lockedUntil_.reset();
    nextTry_.reset();
    return Verdict::Accepted;
  }
  nextTry_ = now + options_.retryGap;
  if (++failures_ >= options_.maxFailures) {
    // A fresh run of tries after the lock-out: each run of maxFailures costs `lockout`.
    failures_ = 0;
    lockedUntil_ = now + options_.lockout;
  }
  return Verdict::Wrong;
}

}  // namespace mikhak::kiosk
