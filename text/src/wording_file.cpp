#include "mikhak/text/wording_file.hpp"

#include <toml++/toml.h>

#include <algorithm>

namespace mikhak::text {

Result<std::vector<std::string>> readWordingTexts(const std::filesystem::path& file,
                                                  std::string_view what, Language language,
                                                  const std::vector<std::string_view>& keys) {
  const std::string where = std::string(what) + ": " + file.string();
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return Error{where + ": line " + std::to_string(e.source().begin.line) + ": " +
                 std::string(e.description())};
  }
  for (const auto& [key, node] : root) {
    if (key.str() != "fa" && key.str() != "en") {
      return Error{where + ": unknown section [" + std::string(key) + "]"};
    }
  }
  const std::string section = language == Language::Persian ? "fa" : "en";
  const toml::table* table = root[section].as_table();
  if (table == nullptr) return Error{where + ": no [" + section + "] section"};
  std::vector<std::string> texts;
  texts.reserve(keys.size());
  for (const std::string_view key : keys) {
    const auto value = (*table)[key].value<std::string>();
    if (!value || value->empty()) {
      return Error{where + ": [" + section + "] needs " + std::string(key) + " (text)"};
    }
    texts.push_back(*value);
  }
  for (const auto& [key, node] : *table) {
    if (std::find(keys.begin(), keys.end(), key.str()) == keys.end()) {
      return Error{where + ": [" + section + "] has an unknown key " + std::string(key)};
    }
  }
  return texts;
}

}  // namespace mikhak::text
