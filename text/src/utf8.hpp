#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::text::detail {

// UTF-16 text (what ICU works in) with, for each code unit, the byte offset in the UTF-8 source
// it came from; byteOffset has one more entry, the source's size.
struct Utf16Text {
  std::u16string units;
  std::vector<std::uint32_t> byteOffset;
};

// Decodes UTF-8; each invalid or truncated sequence becomes one U+FFFD.
Utf16Text toUtf16(std::string_view utf8);

// Calls f(codePoint, byteBegin, byteEnd) for each code point; invalid bytes give U+FFFD.
template <typename F>
void forEachCodePoint(std::string_view utf8, F&& f);

void appendUtf8(std::string& out, char32_t codePoint);

// One decoding step: the code point at utf8[i] and its length in bytes (>= 1).
struct Decoded {
  char32_t codePoint;
  std::size_t length;
};
Decoded decodeUtf8(std::string_view utf8, std::size_t i);

template <typename F>
void forEachCodePoint(std::string_view utf8, F&& f) {
  for (std::size_t i = 0; i < utf8.size();) {
    const Decoded d = decodeUtf8(utf8, i);
    f(d.codePoint, i, i + d.length);
    i += d.length;
  }
}

}  // namespace mikhak::text::detail
