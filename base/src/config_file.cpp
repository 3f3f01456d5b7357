#include "mikhak/base/config_file.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>

namespace mikhak::base {

struct ConfigFile::Parsed {
  toml::table root;

  std::string at(std::string_view source, const toml::node& node) const {
    return "config: " + std::string(source) + ": line " + std::to_string(node.source().begin.line) +
           ": ";
  }
};

ConfigFile::ConfigFile(std::unique_ptr<Parsed> parsed, std::string source)
    : parsed_(std::move(parsed)), source_(std::move(source)) {}
ConfigFile::~ConfigFile() = default;
ConfigFile::ConfigFile(ConfigFile&&) noexcept = default;
ConfigFile& ConfigFile::operator=(ConfigFile&&) noexcept = default;

Result<ConfigFile> ConfigFile::parse(std::string_view text, std::string_view source,
                                     const ConfigSchema& schema) {
  auto parsed = std::make_unique<Parsed>();
  try {
    parsed->root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Error{"config: " + std::string(source) + ": line " +
                 std::to_string(e.source().begin.line) + ": " + std::string(e.description())};
  }
  for (const auto& [sectionName, node] : parsed->root) {
    const std::string name(sectionName.str());
    const auto known = schema.find(name);
    if (known == schema.end() || !node.is_table()) {
      return Error{parsed->at(source, node) + "unknown section [" + name + "]"};
    }
    for (const auto& [key, value] : *node.as_table()) {
      if (!known->second.contains(std::string(key.str()))) {
        return Error{parsed->at(source, value) + "unknown key '" + std::string(key.str()) +
                     "' in [" + name + "]"};
      }
    }
  }
  return ConfigFile(std::move(parsed), std::string(source));
}

Result<ConfigFile> ConfigFile::load(const std::filesystem::path& file, const ConfigSchema& schema) {
  std::ifstream in(file);
  if (!in) return Error{"config: cannot read " + file.string()};
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string(), schema);
}

std::string ConfigFile::where() const { return "config: " + source_ + ": "; }

void ConfigFile::text(const char* section, const char* key, std::string& out) {
  const auto node = parsed_->root[section][key];
  if (!node) return;
  if (const auto value = node.value<std::string>()) {
    out = *value;
  } else if (!problem_) {
    problem_ =
        Error{parsed_->at(source_, *node.node()) + section + "." + key + " must be a string"};
  }
}

void ConfigFile::path(const char* section, const char* key, std::filesystem::path& out) {
  std::string value = out.string();
  text(section, key, value);
  out = value;
}

void ConfigFile::flag(const char* section, const char* key, bool& out) {
  const auto node = parsed_->root[section][key];
  if (!node) return;
  if (const auto value = node.value<bool>()) {
    out = *value;
  } else if (!problem_) {
    problem_ =
        Error{parsed_->at(source_, *node.node()) + section + "." + key + " must be true or false"};
  }
}

std::optional<std::int64_t> ConfigFile::integer(const char* section, const char* key,
                                                std::int64_t low, std::int64_t high) {
  const auto node = parsed_->root[section][key];
  if (!node) return std::nullopt;
  const auto value = node.value<std::int64_t>();
  if (!value || *value < low || *value > high) {
    if (!problem_) {
      problem_ = Error{parsed_->at(source_, *node.node()) + section + "." + key +
                       " must be a whole number from " + std::to_string(low) + " to " +
                       std::to_string(high)};
    }
    return std::nullopt;
  }
  return *value;
}

void ConfigFile::number(const char* section, const char* key, double& out, double low,
                        double high) {
  const auto node = parsed_->root[section][key];
  if (!node) return;
  const auto value = node.value<double>();
  if (!value || *value < low || *value > high) {
    if (!problem_) {
      problem_ =
          Error{parsed_->at(source_, *node.node()) + section + "." + key +
                " must be a number from " + std::to_string(low) + " to " + std::to_string(high)};
    }
    return;
  }
  out = *value;
}

void ConfigFile::strings(const char* section, const char* key, std::vector<std::string>& out) {
  const auto node = parsed_->root[section][key];
  if (!node) return;
  const toml::array* array = node.as_array();
  std::vector<std::string> values;
  if (array) {
    for (const auto& item : *array) {
      const auto value = item.value<std::string>();
      if (!value) {
        array = nullptr;
        break;
      }
      values.push_back(*value);
    }
  }
  if (!array) {
    if (!problem_) {
      problem_ = Error{parsed_->at(source_, *node.node()) + section + "." + key +
                       " must be a list of strings"};
    }
    return;
  }
  out = std::move(values);
}

std::optional<std::string> ConfigFile::choice(const char* section, const char* key,
                                              std::initializer_list<const char*> words) {
  const auto node = parsed_->root[section][key];
  if (!node) return std::nullopt;
  const auto value = node.value<std::string>();
  if (value) {
    for (const char* word : words) {
      if (*value == word) return value;
    }
  }
  std::string list;
  for (const char* word : words) list += std::string(list.empty() ? "" : " or ") + '"' + word + '"';
  if (!problem_) {
    problem_ = Error{parsed_->at(source_, *node.node()) + section + "." + key + " must be " + list};
  }
  return std::nullopt;
}

}  // namespace mikhak::base
