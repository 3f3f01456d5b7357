// Whatever reaches the virtual printer's socket. The parser must never crash or grow without
// bound, and must read the same commands however the bytes are split, as a TCP stream splits
// them; the virtual printer must survive any stream.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "mikhak/printer/escpos_parser.hpp"
#include "mikhak/printer/virtual_printer.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool sameCommands(const std::vector<mikhak::printer::EscPosCommand>& a,
                  const std::vector<mikhak::printer::EscPosCommand>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].index() != b[i].index()) return false;
    if (const auto* raster = std::get_if<mikhak::printer::escpos::Raster>(&a[i])) {
      if (!(raster->band == std::get<mikhak::printer::escpos::Raster>(b[i]).band)) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kMaxBand = 64 * 1024;  // small, so oversized bands are exercised too
  const std::span<const std::uint8_t> bytes(data, size);
  std::vector<mikhak::printer::EscPosCommand> whole;
  mikhak::printer::EscPosParser(kMaxBand).feed(bytes, whole);

  // The same bytes in pieces whose sizes come from the bytes themselves.
  std::vector<mikhak::printer::EscPosCommand> pieces;
  mikhak::printer::EscPosParser parser(kMaxBand);
  std::size_t at = 0;
  while (at < size) {
    const std::size_t piece = std::min<std::size_t>(size - at, 1 + data[at] % 17);
    parser.feed(bytes.subspan(at, piece), pieces);
    require(parser.pending() <= kMaxBand + 16);
    at += piece;
  }
  require(sameCommands(whole, pieces));

  mikhak::printer::VirtualPrinter printer({.widthDots = 384, .paperOutAfter = 2, .tailRows = 40});
  (void)printer.receive(bytes);
  for (const auto& ticket : printer.takeTickets()) require(ticket.width == 384);
  return 0;
}
