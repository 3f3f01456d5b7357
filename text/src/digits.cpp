#include "mikhak/text/digits.hpp"

#include <limits>
#include <utility>

#include "utf8.hpp"

namespace mikhak::text {
namespace {

constexpr char32_t kPersianZero = U'\u06F0';
constexpr char32_t kArabicIndicZero = U'\u0660';

std::string mapDigits(std::string_view utf8, char32_t zero) {
  std::string out;
  out.reserve(utf8.size() * 2);
  detail::forEachCodePoint(utf8, [&](char32_t cp, std::size_t begin, std::size_t end) {
    if (const auto value = digitValue(cp)) {
      detail::appendUtf8(out, zero + static_cast<char32_t>(*value));
    } else {
      out.append(utf8.substr(begin, end - begin));
    }
  });
  return out;
}

}  // namespace

std::optional<int> digitValue(char32_t cp) {
  if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
  if (cp >= kPersianZero && cp <= kPersianZero + 9) return static_cast<int>(cp - kPersianZero);
  if (cp >= kArabicIndicZero && cp <= kArabicIndicZero + 9) {
    return static_cast<int>(cp - kArabicIndicZero);
  }
  return std::nullopt;
}

std::string localizeDigits(std::string_view utf8, Language language) {
  return mapDigits(utf8, language == Language::Persian ? kPersianZero : U'0');
}

std::string latinDigits(std::string_view utf8) { return mapDigits(utf8, U'0'); }

std::string formatInteger(std::int64_t value, Language language) {
  return localizeDigits(std::to_string(value), language);
}

std::optional<std::int64_t> parseInteger(std::string_view utf8) {
  bool negative = false;
  bool any = false;
  bool bad = false;
  bool first = true;
  std::uint64_t magnitude = 0;
  constexpr auto kLimit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  detail::forEachCodePoint(utf8, [&](char32_t cp, std::size_t, std::size_t) {
    const bool wasFirst = std::exchange(first, false);
    if (bad) return;
    if (wasFirst && (cp == U'-' || cp == U'\u2212')) {
      negative = true;
      return;
    }
    const auto value = digitValue(cp);
    if (!value) {
      bad = true;
      return;
    }
    any = true;
    if (magnitude > kLimit / 10 + 1) {
      bad = true;
      return;
    }
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(*value);
    if (magnitude > kLimit + (negative ? 1 : 0)) bad = true;
  });
  if (bad || !any) return std::nullopt;
  if (negative) return static_cast<std::int64_t>(0 - magnitude);
  return static_cast<std::int64_t>(magnitude);
}

}  // namespace mikhak::text
