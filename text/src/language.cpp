#include "mikhak/text/language.hpp"

namespace mikhak::text {

Direction directionOf(Language language) {
  return language == Language::Persian ? Direction::RightToLeft : Direction::LeftToRight;
}

std::string_view languageCode(Language language) {
  return language == Language::Persian ? "fa" : "en";
}

std::optional<Language> parseLanguage(std::string_view code) {
  if (code == "fa") return Language::Persian;
  if (code == "en") return Language::English;
  return std::nullopt;
}

}  // namespace mikhak::text
