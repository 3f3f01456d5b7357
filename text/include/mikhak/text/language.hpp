#pragma once

#include <optional>
#include <string_view>

namespace mikhak::text {

enum class Language { Persian, English };

// Paragraph direction. Auto takes the first strong character (UAX #9, rules P2-P3).
enum class Direction { Auto, LeftToRight, RightToLeft };

Direction directionOf(Language language);

// "fa" / "en".
std::string_view languageCode(Language language);
std::optional<Language> parseLanguage(std::string_view code);

}  // namespace mikhak::text
