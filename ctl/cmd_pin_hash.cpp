#include <unistd.h>

#include <iostream>
#include <string>

#include "commands.hpp"
#include "mikhak/domain/password_hash.hpp"

namespace mikhak::ctl {

// The kiosk's staff PIN goes into kiosk.toml only as a hash; the PIN is read from standard input
// so it stays out of the shell's history and the process list.
Runner addPinHashCommand(CLI::App& app) {
  app.add_subcommand("pin-hash",
                     "Read a staff PIN (4 to 12 digits) on standard input and print the hash for "
                     "kiosk.toml's staff_pin_hash");
  return [] {
    if (isatty(STDIN_FILENO)) std::cerr << "staff PIN: ";
    std::string pin;
    std::getline(std::cin, pin);
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();
    const bool digits = pin.find_first_not_of("0123456789") == std::string::npos;
    if (pin.size() < 4 || pin.size() > 12 || !digits) {
      std::cerr << "mikhakctl pin-hash: a PIN is 4 to 12 digits (0-9)\n";
      return 2;
    }
    std::cout << domain::hashPassword(pin) << '\n';
    return 0;
  };
}

}  // namespace mikhak::ctl
