#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::text {

// A wording file (assets/translations/*.toml): a [fa] and an [en] table with the same keys, each a
// text that is not empty. The texts of `keys`, in their order, from `language`'s table. Refused,
// with the line or the key: a file that does not parse, a section other than [fa] and [en], a key
// missing or empty, a key that is not in `keys`. `what` starts each message ("kiosk wording").
Result<std::vector<std::string>> readWordingTexts(const std::filesystem::path& file,
                                                  std::string_view what, Language language,
                                                  const std::vector<std::string_view>& keys);

// A key of a wording file and the member of `Wording` its text fills.
template <typename Wording>
struct WordingKey {
  std::string_view key;
  std::string Wording::*field;
};

// `Wording` with every member in `keys` filled from `language`'s table.
template <typename Wording, std::size_t N>
Result<Wording> readWording(const std::filesystem::path& file, std::string_view what,
                            Language language, const std::array<WordingKey<Wording>, N>& keys) {
  std::vector<std::string_view> names;
  names.reserve(N);
  for (const auto& k : keys) names.push_back(k.key);
  auto texts = readWordingTexts(file, what, language, names);
  if (!texts) return texts.error();
  Wording wording;
  for (std::size_t i = 0; i < N; ++i) wording.*(keys[i].field) = std::move((*texts)[i]);
  return wording;
}

}  // namespace mikhak::text
