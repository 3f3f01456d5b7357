#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mikhak/text/language.hpp"

namespace mikhak::text {

// Every digit in the text (Latin 0-9, Persian ۰-۹ U+06F0.., Arabic-Indic ٠-٩ U+0660..) written in
// the language's digits: Persian digits for Persian, Latin digits for English.
std::string localizeDigits(std::string_view utf8, Language language);

// Persian and Arabic-Indic digits replaced by Latin ones: what every input goes through.
std::string latinDigits(std::string_view utf8);

// 1234 -> "۱۲۳۴" (Persian) or "1234" (English). No grouping: ticket numbers and counts are short.
std::string formatInteger(std::int64_t value, Language language);

// Parses an optionally signed integer written in any of the three digit sets (mixed is fine).
std::optional<std::int64_t> parseInteger(std::string_view utf8);

// The digit's value if the code point is a digit of any of the three sets.
std::optional<int> digitValue(char32_t codePoint);

}  // namespace mikhak::text
