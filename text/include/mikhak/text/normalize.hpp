#pragma once

#include <string>
#include <string_view>

namespace mikhak::text {

// Arabic yeh and kaf (ي ى ك), as typed on Arabic keyboard layouts, become Persian yeh and keheh (ی
// ک). For names and prose shown or matched; never apply it to codes. Invalid UTF-8 passes through.
std::string normalizePersianLetters(std::string_view utf8);

// The same on one code point.
char32_t normalizePersianLetter(char32_t codePoint);

}  // namespace mikhak::text
