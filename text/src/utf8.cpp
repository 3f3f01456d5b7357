#include "utf8.hpp"

namespace mikhak::text::detail {

Decoded decodeUtf8(std::string_view s, std::size_t i) {
  constexpr Decoded kInvalid{U'\uFFFD', 1};
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return {b0, 1};
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t minimum = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1F, minimum = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0F, minimum = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07, minimum = 0x10000;
  } else {
    return kInvalid;
  }
  if (i + length > s.size()) return kInvalid;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
  return {cp, length};
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

Utf16Text toUtf16(std::string_view utf8) {
  Utf16Text text;
  text.units.reserve(utf8.size());
  text.byteOffset.reserve(utf8.size() + 1);
  forEachCodePoint(utf8, [&](char32_t cp, std::size_t begin, std::size_t) {
    const auto offset = static_cast<std::uint32_t>(begin);
    if (cp < 0x10000) {
      text.units.push_back(static_cast<char16_t>(cp));
      text.byteOffset.push_back(offset);
    } else {
      const char32_t v = cp - 0x10000;
      text.units.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      text.units.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
      text.byteOffset.push_back(offset);
      text.byteOffset.push_back(offset);
    }
  });
  text.byteOffset.push_back(static_cast<std::uint32_t>(utf8.size()));
  return text;
}

}  // namespace mikhak::text::detail
