#pragma once

// `mikhakctl doctor`: checks a kiosk's parts one by one and says, one line each, what it found and
// what to do about it. Every path and endpoint comes from the environment (the configuration file
// names the rest), so a test can build a whole kiosk in a folder and break it part by part.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/drivers/evdev_discovery.hpp"

namespace mikhak::ctl {

struct DoctorEnvironment {
  // The kiosk's configuration; its server, token, key, state folder, printer and scanners are
  // what the other checks look at.
  std::filesystem::path configFile = "/etc/mikhak/kiosk.toml";
  // The user the kiosk runs as: it must own the token file.
  std::string kioskUser = "mikhak-kiosk";
  // DRM devices (card0, ...) for SDL's kmsdrm driver.
  std::filesystem::path driDir = "/dev/dri";
  // A desktop session's display ($WAYLAND_DISPLAY, $DISPLAY); empty: none.
  std::string waylandDisplay;
  std::string x11Display;
  // Touch screens are found in sysClassInput (capabilities) and opened from devInput; evdev:auto
  // scanners as the kiosk finds them.
  drivers::InputDeviceFolders input;
  // Where Vazirmatn is looked for; nullopt: the text engine's own lookup ($MIKHAK_FONT_DIR,
  // /usr/share/mikhak/fonts).
  std::optional<std::filesystem::path> fontDir;
  std::function<std::chrono::system_clock::time_point()> now = [] {
    return std::chrono::system_clock::now();
  };
  // Each printer status answer; the whole printer check is bounded by a few of these.
  std::chrono::milliseconds printerTimeout{500};
  std::uint64_t diskFailBytes = 50ull << 20;
  std::uint64_t diskWarnBytes = 500ull << 20;
};

enum class DoctorStatus { Ok, Warning, Fail, Skipped };
std::string_view doctorStatusWord(DoctorStatus status);  // "ok", "WARN", "FAIL", "skip"

struct DoctorLine {
  std::string check;  // "config", "display", "printer", ...
  DoctorStatus status = DoctorStatus::Ok;
  std::string found;  // one sentence: what was found
  std::string todo;   // one sentence: what to do; empty when all is well
};

// The checks, in this order: config, display, printer, scanners, permissions, server, clock,
// fonts, disk, manifest. A check that needs something an earlier one could not give (the
// configuration, an answer from the server) is Skipped, saying why. Bounded in time: the
// printer's status timeouts, the server's connect and read timeouts.
std::vector<DoctorLine> runDoctor(const DoctorEnvironment& environment);

// 0 when no line failed (warnings and skipped lines allowed), 1 otherwise.
int doctorExitStatus(const std::vector<DoctorLine>& lines);

// Aligned lines for a technician ("ok    printer      ...") and JSON for machines.
std::string formatDoctorText(const std::vector<DoctorLine>& lines);
std::string formatDoctorJson(const std::vector<DoctorLine>& lines);

}  // namespace mikhak::ctl
