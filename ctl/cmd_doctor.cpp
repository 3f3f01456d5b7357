#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "doctor.hpp"

namespace mikhak::ctl {

Runner addDoctorCommand(CLI::App& app) {
  struct Options {
    DoctorEnvironment environment;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "doctor",
      "Check the kiosk's parts (display and touch, printer, scanners, permissions, server, clock, "
      "fonts, disk, manifest), one line each with what to do; exit 1 if anything failed. Run it "
      "as the kiosk's user (sudo -u mikhak-kiosk mikhakctl doctor) with the kiosk stopped");
  cmd->add_option("--config", options->environment.configFile, "The kiosk's configuration")
      ->capture_default_str();
  cmd->add_option("--kiosk-user", options->environment.kioskUser,
                  "The user the kiosk runs as (owns the token)")
      ->capture_default_str();
  cmd->add_flag("--json", options->json, "One JSON document, for machines");
  return [options] {
    DoctorEnvironment& environment = options->environment;
    if (const char* wayland = std::getenv("WAYLAND_DISPLAY")) environment.waylandDisplay = wayland;
    if (const char* x11 = std::getenv("DISPLAY")) environment.x11Display = x11;
    const auto lines = runDoctor(environment);
    std::cout << (options->json ? formatDoctorJson(lines) : formatDoctorText(lines));
    return doctorExitStatus(lines);
  };
}

}  // namespace mikhak::ctl
