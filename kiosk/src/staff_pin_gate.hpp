#pragma once

// The rule in front of the kiosk's staff mode (entered by a hidden gesture and a PIN), as pure
// logic: time is an argument, the PIN check is the caller's. A kiosk stands in a public hall, so
// guessing must be slow: after a wrong PIN the next try waits a little, and a run of wrong PINs
// locks the gate for a long while. Not thread-safe: the UI thread owns it.

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "check_in_flow.hpp"

namespace mikhak::kiosk {

// Outside the class: GCC cannot take `= {}` for a nested struct with member initializers.
struct StaffPinOptions {
  int maxFailures = 5;  // wrong PINs in a row before the lock-out
  std::chrono::milliseconds lockout{15 * 60'000};
  std::chrono::milliseconds retryGap{2'000};  // after a wrong PIN, before the next try
};

class StaffPinGate {
 public:
  enum class Verdict {
    Accepted,
    Wrong,
    TooSoon,    // not checked: wait until blockedUntil()
    LockedOut,  // not checked: the gate is locked until blockedUntil()
  };

  // `check` compares an entered PIN with the configured one (in constant time; a hash, ideally).
  explicit StaffPinGate(std::function<bool(std::string_view)> check, StaffPinOptions options = {});

  // The PIN is not even looked at while the gate is blocked.
  Verdict attempt(std::string_view pin, FlowTime now);
  // When the next attempt may be made; nullopt if it may be made now.
  std::optional<FlowTime> blockedUntil(FlowTime now) const;
  bool lockedOut(FlowTime now) const;
  int failures() const { return failures_; }

 private:
  std::function<bool(std::string_view)> check_;
  StaffPinOptions options_;
  int failures_ = 0;  // wrong PINs in a row since the last success or lock-out
  std::optional<FlowTime> lockedUntil_;
  std::optional<FlowTime> nextTry_;
};

}  // namespace mikhak::kiosk
