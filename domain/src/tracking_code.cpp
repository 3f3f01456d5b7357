#include "mikhak/domain/tracking_code.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace mikhak::domain {
namespace {

// Verhoeff's tables: d is the multiplication table of the dihedral group D5, p applies the
// permutation (1 5 7 6 2 8 3 0 9 4) i times, inv holds the inverse of each element under d.
constexpr std::array<std::array<std::uint8_t, 10>, 10> kMultiply{{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}};
constexpr std::array<std::array<std::uint8_t, 10>, 8> kPermute{{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
    {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
    {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
    {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
    {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}};
constexpr std::array<std::uint8_t, 10> kInverse{0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Runs Verhoeff's checksum over the digits, the rightmost taking permutation `firstPower`.
// Nothing if a character is not an ASCII digit.
std::optional<std::uint8_t> verhoeffSum(std::string_view digits, std::size_t firstPower) {
  std::uint8_t sum = 0;
  std::size_t power = firstPower;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++power) {
    if (!isAsciiDigit(*it)) return std::nullopt;
    sum = kMultiply[sum][kPermute[power % kPermute.size()][*it - '0']];
  }
  return sum;
}

constexpr std::uint64_t kCodeSpace = 10'000'000'000'000;  // 10^kRandomDigits
static_assert(kCodeSpace < (std::uint64_t{1} << 44));

// Uniform in [0, 10^13): draw 44 random bits (2^44 is the smallest power of two above 10^13) and
// draw again when the value falls outside. Taking a remainder instead would favour small values;
// each draw is kept with probability 10^13 / 2^44 ≈ 0.57, so a few draws suffice.
std::uint64_t uniformCodeNumber() {
  constexpr std::uint64_t kMask = (std::uint64_t{1} << 44) - 1;
  for (;;) {
    std::array<unsigned char, 8> bytes{};
    // The OS random source failing is neither bad data nor recoverable here, so it throws.
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
      throw std::runtime_error("TrackingCode: RAND_bytes failed");
    }
    std::uint64_t value = 0;
    for (const unsigned char byte : bytes) value = (value << 8) | byte;
    value &= kMask;
    if (value < kCodeSpace) return value;
  }
}

// One character of a typed or scanned code: a digit, something to skip, or something else.
struct CodeChar {
  enum Kind { Digit, Skip, Other } kind;
  char digit;          // the ASCII digit, for Digit
  std::size_t length;  // bytes of UTF-8 it takes
};

// Only Persian (U+06F0-06F9, UTF-8 DB B0-B9), Arabic-Indic (U+0660-0669, D9 A0-A9) digits and the
// bidi isolates (U+2066-2069, E2 81 A6-A9) are accepted beyond ASCII, so matching their exact
// byte sequences decodes them; anything else, including invalid or overlong UTF-8, is Other.
CodeChar classify(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t offset) -> unsigned {
    return at + offset < text.size() ? static_cast<unsigned char>(text[at + offset]) : 0U;
  };
  const char c = text[at];
  if (isAsciiDigit(c)) return {CodeChar::Digit, c, 1};
  if (c == ' ' || c == '-') return {CodeChar::Skip, 0, 1};
  if (byte(0) == 0xDB && byte(1) >= 0xB0 && byte(1) <= 0xB9) {
    return {CodeChar::Digit, static_cast<char>('0' + (byte(1) - 0xB0)), 2};
  }
  if (byte(0) == 0xD9 && byte(1) >= 0xA0 && byte(1) <= 0xA9) {
    return {CodeChar::Digit, static_cast<char>('0' + (byte(1) - 0xA0)), 2};
  }
  if (byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9) {
    return {CodeChar::Skip, 0, 3};
  }
  return {CodeChar::Other, 0, 1};
}

// The ASCII digits of a typed or scanned code; nothing if it has other characters or too many
// digits (stopping there keeps a megabyte of digits from being copied).
std::optional<std::string> asciiDigits(std::string_view text) {
  std::string digits;
  digits.reserve(TrackingCode::kDigits);
  for (std::size_t at = 0; at < text.size();) {
    const CodeChar ch = classify(text, at);
    if (ch.kind == CodeChar::Other) return std::nullopt;
    if (ch.kind == CodeChar::Digit) {
      if (digits.size() == TrackingCode::kDigits) return std::nullopt;
      digits.push_back(ch.digit);
    }
    at += ch.length;
  }
  return digits;
}

}  // namespace

char verhoeffCheckDigit(std::string_view digits) {
  // The check digit will sit at power 0, so the given digits start at power 1.
  const auto sum = verhoeffSum(digits, 1);
  if (!sum) throw std::invalid_argument("verhoeffCheckDigit: not all ASCII digits");
  return static_cast<char>('0' + kInverse[*sum]);
}

bool verhoeffValid(std::string_view digitsWithCheck) {
  if (digitsWithCheck.empty()) return false;
  const auto sum = verhoeffSum(digitsWithCheck, 0);
  return sum && *sum == 0;
}

TrackingCode TrackingCode::generate() {
  std::string digits = std::to_string(uniformCodeNumber());
  digits.insert(0, kRandomDigits - digits.size(), '0');
  digits.push_back(verhoeffCheckDigit(digits));
  return TrackingCode(std::move(digits));
}

std::variant<TrackingCode, TrackingCode::ParseError> TrackingCode::parse(std::string_view text) {
  auto digits = asciiDigits(text);
  if (!digits || digits->size() != kDigits) return ParseError::Malformed;
  if (!verhoeffValid(*digits)) return ParseError::BadCheckDigit;
  return TrackingCode(std::move(*digits));
}

std::string TrackingCode::grouped() const {
  std::string out;
  out.reserve(digits_.size() + digits_.size() / 4);
  for (std::size_t i = 0; i < digits_.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(digits_[i]);
  }
  return out;
}

}  // namespace mikhak::domain
