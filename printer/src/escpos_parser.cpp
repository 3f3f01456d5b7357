#include "mikhak/printer/escpos_parser.hpp"

#include <algorithm>
#include <string_view>

namespace mikhak::printer {

namespace {

constexpr std::uint8_t kEot = 0x04;
constexpr std::uint8_t kEnq = 0x05;
constexpr std::uint8_t kLf = 0x0A;
constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kDc4 = 0x14;
constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kFs = 0x1C;
constexpr std::uint8_t kGs = 0x1D;

std::size_t lowHigh(std::uint8_t low, std::uint8_t high) {
  return static_cast<std::size_t>(low) | static_cast<std::size_t>(high) << 8;
}

// Fixed-length commands we skip, by their second byte: each string lists those of one length.
struct FixedLengths {
  std::string_view two, three, four, five, ten;
};
constexpr FixedLengths kEscLengths{"2<LS\f", " !%-3=?EGJKMRTUVaert{", "$\\", "p", "W"};
constexpr FixedLengths kGsLengths{":", "!/BHITabfhrw", "$LPW\\", "^", ""};
constexpr FixedLengths kFsLengths{"&.", "!-CW", "Sp", "", ""};

// The total length of the command with this second byte; 0 if it is not one of them.
std::size_t fixedLength(const FixedLengths& lengths, std::uint8_t f) {
  const auto in = [f](std::string_view list) {
    return f != 0 && list.find(static_cast<char>(f)) != std::string_view::npos;
  };
  if (in(lengths.two)) return 2;
  if (in(lengths.three)) return 3;
  if (in(lengths.four)) return 4;
  if (in(lengths.five)) return 5;
  if (in(lengths.ten)) return 10;
  return 0;
}

}  // namespace

// What the bytes at the front of the stream are. Either `length` bytes make a command (followed
// by data to drop), or `needed` (more than there are) must arrive before that can be told.
struct EscPosParser::Decoded {
  std::size_t length = 0;
  std::size_t needed = 0;
  EscPosCommand command;
  std::size_t skipAfter = 0;  // data after the command, dropped as it arrives, never held
  bool skipToNul = false;     // data up to and including a NUL, dropped as it arrives

  static Decoded need(std::size_t n) { return Decoded{0, n, escpos::Unknown{}, 0, false}; }
  static Decoded found(std::size_t n, EscPosCommand c) {
    return Decoded{n, 0, std::move(c), 0, false};
  }
  // A command skipped whole: `header` bytes held, then `data` bytes dropped.
  static Decoded skipped(std::span<const std::uint8_t> bytes, std::size_t header,
                         std::size_t data = 0) {
    const std::uint8_t function = header > 1 ? bytes[1] : 0;
    return Decoded{header, 0, escpos::Unknown{bytes[0], function, header + data}, data, false};
  }
};

EscPosParser::Decoded EscPosParser::decode(std::span<const std::uint8_t> b) const {
  const std::size_t n = b.size();
  const std::uint8_t first = b[0];
  if (first == kLf) return Decoded::found(1, escpos::Feed{1});
  if (first != kEsc && first != kGs && first != kDle && first != kFs) {
    return Decoded::skipped(b, 1);
  }
  if (n < 2) return Decoded::need(2);
  const std::uint8_t f = b[1];

  if (first == kEsc) {
    switch (f) {
      case '@':
        return Decoded::found(2, escpos::Initialize{});
      case 'd':
        if (n < 3) return Decoded::need(3);
        return Decoded::found(3, escpos::Feed{b[2]});
      case 'i':
      case 'm':  // obsolete partial cuts, still honoured by most printers
        return Decoded::found(2, escpos::Cut{true, 0});
      case 'c':  // ESC c 3 n, ESC c 4 n, ESC c 5 n
        if (n < 3) return Decoded::need(3);
        if (b[2] == '3' || b[2] == '4' || b[2] == '5') {
          if (n < 4) return Decoded::need(4);
          return Decoded::skipped(b, 4);
        }
        return Decoded::skipped(b, 1);
      case '*': {  // ESC * m nL nH d1...dk: column bit image, 1 or 3 bytes a column
        if (n < 5) return Decoded::need(5);
        const std::size_t columns = lowHigh(b[3], b[4]);
        if (b[2] == 0 || b[2] == 1) return Decoded::skipped(b, 5, columns);
        if (b[2] == 32 || b[2] == 33) return Decoded::skipped(b, 5, 3 * columns);
        return Decoded::skipped(b, 1);
      }
      case 'D': {  // ESC D n1...nk NUL: tab positions
        Decoded d = Decoded::skipped(b, 2);
        d.skipToNul = true;
        return d;
      }
      default:
        break;
    }
    if (const std::size_t length = fixedLength(kEscLengths, f)) {
      if (n < length) return Decoded::need(length);
      return Decoded::skipped(b, length);
    }
    // Unknown: the ESC alone, so that the next byte is looked at on its own.
    return Decoded::skipped(b, 1);
  }

  if (first == kGs) {
    switch (f) {
      case 'v': {
        if (n < 3) return Decoded::need(3);
        if (b[2] != '0') return Decoded::skipped(b, 1);
        if (n < 8) return Decoded::need(8);
        const std::uint8_t m = b[3];
        const std::size_t rowBytes = lowHigh(b[4], b[5]);
        const std::size_t rows = lowHigh(b[6], b[7]);
        const std::size_t data = rowBytes * rows;
        const bool knownMode = m <= 3 || (m >= 48 && m <= 51);
        // Too big to hold (or a mode we cannot draw): its data is dropped as it comes.
        if (!knownMode || data > maxBandBytes_) return Decoded::skipped(b, 8, data);
        if (n < 8 + data) return Decoded::need(8 + data);
        escpos::Raster raster;
        raster.mode = m % 48;
        raster.band.width = static_cast<int>(rowBytes * 8);
        raster.band.height = static_cast<int>(rows);
        raster.band.bits.assign(b.begin() + 8, b.begin() + static_cast<std::ptrdiff_t>(8 + data));
        return Decoded::found(8 + data, std::move(raster));
      }
      case 'V': {
        if (n < 3) return Decoded::need(3);
        const std::uint8_t m = b[2];
        if (m == 0 || m == 48) return Decoded::found(3, escpos::Cut{false, 0});
        if (m == 1 || m == 49) return Decoded::found(3, escpos::Cut{true, 0});
        const bool full = m == 65 || m == 97 || m == 103;
        const bool partial = m == 66 || m == 98 || m == 104;
        if (!full && !partial) return Decoded::skipped(b, 3);
        if (n < 4) return Decoded::need(4);
        return Decoded::found(4, escpos::Cut{partial, b[3]});
      }
      case '(': {  // GS ( x pL pH d1...dk
        if (n < 5) return Decoded::need(5);
        return Decoded::skipped(b, 5, lowHigh(b[3], b[4]));
      }
      case '8': {  // GS 8 L p1 p2 p3 p4 d1...dk: graphics with a 32-bit length
        if (n < 3) return Decoded::need(3);
        if (b[2] != 'L') return Decoded::skipped(b, 1);
        if (n < 7) return Decoded::need(7);
        const std::size_t data = lowHigh(b[3], b[4]) | lowHigh(b[5], b[6]) << 16;
        return Decoded::skipped(b, 7, data);
      }
      case '*': {  // GS * x y d1...dk: downloaded bit image, x * y * 8 bytes
        if (n < 4) return Decoded::need(4);
        return Decoded::skipped(b, 4, static_cast<std::size_t>(b[2]) * b[3] * 8);
      }
      case 'Q': {  // GS Q 0 m xL xH yL yH d1...dk: variable bit image
        if (n < 3) return Decoded::need(3);
        if (b[2] != '0') return Decoded::skipped(b, 1);
        if (n < 8) return Decoded::need(8);
        return Decoded::skipped(b, 8, lowHigh(b[4], b[5]) * lowHigh(b[6], b[7]));
      }
      case 'k': {  // GS k m d1...dk NUL (m = 0-6), GS k m n d1...dn (m = 65-79)
        if (n < 3) return Decoded::need(3);
        if (b[2] <= 6) {
          Decoded d = Decoded::skipped(b, 3);
          d.skipToNul = true;
          return d;
        }
        if (b[2] >= 65) {
          if (n < 4) return Decoded::need(4);
          return Decoded::skipped(b, 4, b[3]);
        }
        return Decoded::skipped(b, 3);
      }
      default:
        break;
    }
    if (const std::size_t length = fixedLength(kGsLengths, f)) {
      if (n < length) return Decoded::need(length);
      return Decoded::skipped(b, length);
    }
    return Decoded::skipped(b, 1);
  }

  if (first == kDle) {
    if (f == kEot) {
      if (n < 3) return Decoded::need(3);
      if (b[2] >= 1 && b[2] <= 4) return Decoded::found(3, escpos::StatusRequest{b[2]});
      if (b[2] == 7 || b[2] == 8) {  // DLE EOT 7 a, DLE EOT 8 a
        if (n < 4) return Decoded::need(4);
        return Decoded::skipped(b, 4);
      }
      return Decoded::skipped(b, 3);
    }
    if (f == kEnq) {
      if (n < 3) return Decoded::need(3);
      return Decoded::skipped(b, 3);
    }
    if (f == kDc4) {  // DLE DC4 fn ...: 5 bytes, but fn 7 is 4 and fn 8 is 10
      if (n < 3) return Decoded::need(3);
      const std::size_t length = b[2] == 7 ? 4 : b[2] == 8 ? 10 : 5;
      if (n < length) return Decoded::need(length);
      return Decoded::skipped(b, length);
    }
    return Decoded::skipped(b, 1);
  }

  if (const std::size_t length = fixedLength(kFsLengths, f)) {
    if (n < length) return Decoded::need(length);
    return Decoded::skipped(b, length);
  }
  return Decoded::skipped(b, 1);
}

// Parses as much as it can; returns the bytes used. What is left is the start of a command that
// needs needed_ bytes in all.
std::size_t EscPosParser::parse(std::span<const std::uint8_t> bytes,
                                std::vector<EscPosCommand>& out) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (skip_ > 0) {
      const std::size_t take = std::min(skip_, bytes.size() - i);
      skip_ -= take;
      i += take;
      continue;
    }
    if (skipToNul_) {
      const auto rest = bytes.subspan(i);
      const auto nul = std::find(rest.begin(), rest.end(), std::uint8_t{0});
      if (nul != rest.end()) {
        skipToNul_ = false;
        i += static_cast<std::size_t>(nul - rest.begin()) + 1;
      } else {
        i = bytes.size();
      }
      continue;
    }
    Decoded d = decode(bytes.subspan(i));
    if (d.length == 0) {
      needed_ = d.needed;
      break;
    }
    out.push_back(std::move(d.command));
    i += d.length;
    skip_ = d.skipAfter;
    skipToNul_ = d.skipToNul;
  }
  return i;
}

void EscPosParser::feed(std::span<const std::uint8_t> bytes, std::vector<EscPosCommand>& out) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (buffer_.empty()) {
      // Straight from the caller's bytes; only an incomplete command at the end is held.
      const auto rest = bytes.subspan(i);
      const std::size_t used = parse(rest, out);
      buffer_.assign(rest.begin() + static_cast<std::ptrdiff_t>(used), rest.end());
      return;
    }
    // Top up the held command with just the bytes it lacks, so that what follows it is parsed
    // from the caller's bytes rather than copied.
    const std::size_t take = std::min(needed_ - buffer_.size(), bytes.size() - i);
    buffer_.insert(buffer_.end(), bytes.begin() + static_cast<std::ptrdiff_t>(i),
                   bytes.begin() + static_cast<std::ptrdiff_t>(i + take));
    i += take;
    if (buffer_.size() < needed_) return;
    const std::size_t used = parse(buffer_, out);
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(used));
  }
}

void EscPosParser::reset() {
  buffer_.clear();
  needed_ = 0;
  skip_ = 0;
  skipToNul_ = false;
}

}  // namespace mikhak::printer
