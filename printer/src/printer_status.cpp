#include "mikhak/printer/printer_status.hpp"

#include <stdexcept>

namespace mikhak::printer {

namespace {

// Bits of the four answers (Epson ESC/POS, DLE EOT n).
constexpr std::uint8_t kFixedMask = 0x93;        // bits 0, 1, 4, 7: fixed in every answer
constexpr std::uint8_t kFixedValue = 0x12;       // bits 1 and 4 set, 0 and 7 clear
constexpr std::uint8_t kOffline = 0x08;          // n=1 bit 3
constexpr std::uint8_t kCoverOpen = 0x04;        // n=2 bit 2
constexpr std::uint8_t kFeedButton = 0x08;       // n=2 bit 3
constexpr std::uint8_t kStoppedPaperEnd = 0x20;  // n=2 bit 5
constexpr std::uint8_t kErrorOccurred = 0x40;    // n=2 bit 6
constexpr std::uint8_t kCutterError = 0x08;      // n=3 bit 3
constexpr std::uint8_t kUnrecoverable = 0x20;    // n=3 bit 5
constexpr std::uint8_t kAutoRecoverable = 0x40;  // n=3 bit 6
constexpr std::uint8_t kPaperNearEnd = 0x0C;     // n=4 bits 2-3
constexpr std::uint8_t kPaperEnd = 0x60;         // n=4 bits 5-6

std::uint8_t bitIf(bool condition, std::uint8_t bits) { return condition ? bits : 0; }

}  // namespace

bool isStatusByte(std::uint8_t b) { return (b & kFixedMask) == kFixedValue; }

bool applyStatusByte(PrinterStatus& status, int n, std::uint8_t answer) {
  if (!isStatusByte(answer)) return false;
  switch (n) {
    case 1:
      status.online = (answer & kOffline) == 0;
      return true;
    case 2:
      status.coverOpen = (answer & kCoverOpen) != 0;
      status.feedButton = (answer & kFeedButton) != 0;
      // The paper sensor's own word is n=4; this bit only adds that printing stopped there, so it
      // can set paperOut but never clears what n=4 said. Bit 6 (some error) is detailed by n=3.
      if (answer & kStoppedPaperEnd) status.paperOut = true;
      return true;
    case 3:
      status.cutterError = (answer & kCutterError) != 0;
      status.unrecoverableError = (answer & kUnrecoverable) != 0;
      status.recoverableError = (answer & kAutoRecoverable) != 0;
      return true;
    case 4:
      // Either bit of each pair: models set one sensor's bit or both.
      status.paperNearEnd = (answer & kPaperNearEnd) != 0;
      status.paperOut = (answer & kPaperEnd) != 0;
      return true;
    default:
      return false;
  }
}

std::uint8_t statusByte(const PrinterStatus& status, int n) {
  std::uint8_t b = kFixedValue;
  switch (n) {
    case 1:
      b |= bitIf(!status.online, kOffline);
      break;
    case 2:
      b |= bitIf(status.coverOpen, kCoverOpen);
      b |= bitIf(status.feedButton, kFeedButton);
      b |= bitIf(status.paperOut, kStoppedPaperEnd);
      b |= bitIf(status.cutterError || status.unrecoverableError || status.recoverableError,
                 kErrorOccurred);
      break;
    case 3:
      b |= bitIf(status.cutterError, kCutterError);
      b |= bitIf(status.unrecoverableError, kUnrecoverable);
      b |= bitIf(status.recoverableError, kAutoRecoverable);
      break;
    case 4:
      b |= bitIf(status.paperNearEnd, kPaperNearEnd);
      b |= bitIf(status.paperOut, kPaperEnd);
      break;
    default:
      throw std::invalid_argument("statusByte: n must be 1-4");
  }
  return b;
}

std::string_view heartbeatState(const PrinterStatus& status) {
  // A cutter jam or an unrecoverable error needs a technician, not a clerk, just as a printer
  // that is switched off or unplugged does: the heartbeat has no word of its own for it, and
  // "offline" sends the right person. An auto-recoverable error (a hot head) passes by itself.
  if (status.cutterError || status.unrecoverableError) return "offline";
  // A printer goes offline (n=1 bit 3) because its cover is open or its paper ran out; then the
  // cause is what the clerk must see, so a known cause is named rather than "offline".
  if (status.coverOpen) return "cover_open";
  if (status.paperOut) return "paper_out";
  if (!status.online) return "offline";
  if (status.paperNearEnd) return "paper_near_end";
  return "ok";
}

}  // namespace mikhak::printer
