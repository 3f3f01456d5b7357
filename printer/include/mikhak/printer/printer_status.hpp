#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mikhak::printer {

// What the kiosk needs to know about its printer, from the four `DLE EOT n` answers.
struct PrinterStatus {
  bool online = false;              // answered at all, and not offline (n=1 bit 3)
  bool coverOpen = false;           // n=2 bit 2
  bool paperNearEnd = false;        // n=4 bits 2-3 (0x0C)
  bool paperOut = false;            // n=4 bits 5-6 (0x60), or n=2 bit 5 (stopped at paper end)
  bool cutterError = false;         // n=3 bit 3
  bool unrecoverableError = false;  // n=3 bit 5
  bool recoverableError = false;    // n=3 bit 6
  bool feedButton = false;          // n=2 bit 3: paper being fed by the button
  // Whether a ticket can be printed now.
  bool ready() const {
    return online && !coverOpen && !paperOut && !cutterError && !unrecoverableError;
  }
  bool operator==(const PrinterStatus&) const = default;
};

// One status byte, recognised by its fixed bits ((b & 0x93) == 0x12); anything else is a stray
// byte (a late answer, noise) and gives false.
bool isStatusByte(std::uint8_t b);

// Folds the answer to `DLE EOT n` into the status (each n sets only its own fields).
// False if the byte is not a status byte or n is not 1-4.
bool applyStatusByte(PrinterStatus& status, int n, std::uint8_t answer);

// The byte a printer in this state answers to `DLE EOT n` (for the virtual printer and tests).
std::uint8_t statusByte(const PrinterStatus& status, int n);

// The heartbeat's word for it (server/openapi.yaml): ok, paper_near_end, paper_out, cover_open,
// offline. The worst condition wins: offline > cover_open > paper_out > paper_near_end > ok. A
// cutter or unrecoverable error is offline (it needs a technician). But the offline bit alone
// does not hide its cause: printers go offline while the cover is open or the paper is out, and
// then cover_open or paper_out is what the clerk must see.
std::string_view heartbeatState(const PrinterStatus& status);

}  // namespace mikhak::printer
