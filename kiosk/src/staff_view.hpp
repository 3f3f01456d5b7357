#pragma once

// What the staff screens show and what their buttons do, as plain values: the shell fills a
// StaffView from the workers' last reports, layoutStaff() draws it and hitTest() turns a touch
// into a StaffAction for the shell (and the StaffPinGate) to carry out.

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mikhak::kiosk {

namespace staff {
struct EnterDigit {
  int digit = 0;  // 0-9
};
struct Backspace {};
struct Submit {};
struct Cancel {};  // leave the PIN entry, back to the applicant's screens
struct TestPrint {};
struct ScannerTest {};
struct ToggleOutOfService {};
struct Exit {};  // leave the panel, back to the applicant's screens
}  // namespace staff

using StaffAction =
    std::variant<staff::EnterDigit, staff::Backspace, staff::Submit, staff::Cancel,
                 staff::TestPrint, staff::ScannerTest, staff::ToggleOutOfService, staff::Exit>;

// The PIN entry. The PIN itself never reaches the screen: only how many digits were typed.
struct StaffPinEntry {
  int digitsEntered = 0;
  std::optional<int> lockedSeconds;  // the gate is blocked for this long (StaffPinGate)
  bool wrongPin = false;             // the last attempt was wrong
};

// The panel: each line as the shell words it from its worker's last report.
struct StaffPanel {
  std::string printer;                // "ready", "paper low", "no paper", "not connected", ...
  std::vector<std::string> scanners;  // one line a scanner
  bool serverReachable = false;
  bool tokenAccepted = false;
  std::optional<std::chrono::seconds> manifestAge;  // none: no day manifest
  int outboxDepth = 0;                              // results waiting to be sent
  std::string version;
  bool outOfService = false;
  std::string lastScannerRead;  // the last scanner-test read; digit runs are masked when shown
  std::string lastTestPrint;    // "printed", "failed: no paper", ...
};

using StaffView = std::variant<StaffPinEntry, StaffPanel>;

}  // namespace mikhak::kiosk
