#include "mikhak/text/normalize.hpp"

#include "utf8.hpp"

namespace mikhak::text {

char32_t normalizePersianLetter(char32_t cp) {
  switch (cp) {
    case U'\u064A':      // ARABIC LETTER YEH
    case U'\u0649':      // ARABIC LETTER ALEF MAKSURA, used for a final yeh
      return U'\u06CC';  // ARABIC LETTER FARSI YEH
    case U'\u0643':      // ARABIC LETTER KAF
      return U'\u06A9';  // ARABIC LETTER KEHEH
    default:
      return cp;
  }
}

std::string normalizePersianLetters(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  detail::forEachCodePoint(utf8, [&](char32_t cp, std::size_t begin, std::size_t end) {
    if (cp == U'\uFFFD' && utf8.substr(begin, end - begin) != "\xEF\xBF\xBD") {
      out.append(utf8.substr(begin, end - begin));  // keep invalid bytes as they were
    } else {
      detail::appendUtf8(out, normalizePersianLetter(cp));
    }
  });
  return out;
}

}  // namespace mikhak::text
