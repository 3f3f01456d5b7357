#include "kiosk_config.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

namespace mikhak::kiosk {
namespace {

// The keys each table may hold.
const std::map<std::string, std::set<std::string>>& schema() {
  static const std::map<std::string, std::set<std::string>> kSchema{
      {"server", {"url", "token_file", "public_key", "connect_timeout_ms", "read_timeout_ms"}},
      {"consulate", {"id", "name_fa", "name_en", "time_zone"}},
      {"kiosk", {"name", "language", "state_dir", "staff_pin_hash"}},
      {"printer", {"uri", "width_dots", "dither"}},
      {"scanner", {"sources"}},
      {"timeouts",
       {"input_seconds", "result_seconds", "checked_in_seconds", "server_give_up_seconds"}},
      {"screen", {"width", "height", "fullscreen", "theme", "pixels_per_mm", "sound"}},
      {"display", {"clips", "speech"}},
  };
  return kSchema;
}

// Reads typed values out of the parsed table, keeping the first problem found.
class Reader {
 public:
  Reader(const toml::table& root, std::string_view source) : root_(root), source_(source) {}

  void text(const char* table, const char* key, std::string& out) {
    const auto node = root_[table][key];
    if (!node) return;
    if (const auto value = node.value<std::string>()) {
      out = *value;
    } else {
      fail(*node.node(), std::string(table) + "." + key + " must be a string");
    }
  }
  void path(const char* table, const char* key, std::filesystem::path& out) {
    std::string value = out.string();
    text(table, key, value);
    out = value;
  }
  void flag(const char* table, const char* key, bool& out) {
    const auto node = root_[table][key];
    if (!node) return;
    if (const auto value = node.value<bool>()) {
      out = *value;
    } else {
      fail(*node.node(), std::string(table) + "." + key + " must be true or false");
    }
  }
  template <typename Int>
  void whole(const char* table, const char* key, Int& out, std::int64_t low, std::int64_t high) {
    const auto node = root_[table][key];
    if (!node) return;
    const auto value = node.value<std::int64_t>();
    if (!value || *value < low || *value > high) {
      fail(*node.node(), std::string(table) + "." + key + " must be a whole number from " +
                             std::to_string(low) + " to " + std::to_string(high));
      return;
    }
    out = static_cast<Int>(*value);
  }
  template <typename Duration>
  void duration(const char* table, const char* key, Duration& out, std::int64_t low,
                std::int64_t high) {
    auto count = static_cast<std::int64_t>(out.count());
    whole(table, key, count, low, high);
    out = Duration(count);
  }
  void number(const char* table, const char* key, double& out, double low, double high) {
    const auto node = root_[table][key];
    if (!node) return;
    const auto value = node.value<double>();
    if (!value || *value < low || *value > high) {
      fail(*node.node(), std::string(table) + "." + key + " must be a number from " +
                             std::to_string(low) + " to " + std::to_string(high));
      return;
    }
    out = *value;
  }
  void strings(const char* table, const char* key, std::vector<std::string>& out) {
    const auto node = root_[table][key];
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
      fail(*node.node(), std::string(table) + "." + key + " must be a list of strings");
      return;
    }
    out = std::move(values);
  }
  // A choice among fixed words; returns the word, or nullopt when absent or wrong.
  std::optional<std::string> choice(const char* table, const char* key,
                                    std::initializer_list<const char*> words) {
    const auto node = root_[table][key];
    if (!node) return std::nullopt;
    const auto value = node.value<std::string>();
    if (value) {
      for (const char* word : words) {
        if (*value == word) return value;
      }
    }
    std::string list;
    for (const char* word : words)
      list += std::string(list.empty() ? "" : " or ") + '"' + word + '"';
    fail(*node.node(), std::string(table) + "." + key + " must be " + list);
    return std::nullopt;
  }
  void fail(const toml::node& node, const std::string& message) {
    if (!problem_) problem_ = Error{at(node) + message};
  }
  std::string at(const toml::node& node) const {
    return "config: " + std::string(source_) + ": line " +
           std::to_string(node.source().begin.line) + ": ";
  }
  const std::optional<Error>& problem() const { return problem_; }

 private:
  const toml::table& root_;
  std::string_view source_;
  std::optional<Error> problem_;
};

}  // namespace

Result<KioskConfig> parseKioskConfig(std::string_view text, std::string_view source,
                                     KioskConfig config) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Error{"config: " + std::string(source) + ": line " +
                 std::to_string(e.source().begin.line) + ": " + std::string(e.description())};
  }
  Reader read(root, source);
  for (const auto& [tableName, node] : root) {
    const std::string name(tableName.str());
    const auto known = schema().find(name);
    if (known == schema().end() || !node.is_table()) {
      return Error{read.at(node) + "unknown section [" + name + "]"};
    }
    for (const auto& [key, value] : *node.as_table()) {
      if (!known->second.count(std::string(key.str()))) {
        return Error{read.at(value) + "unknown key '" + std::string(key.str()) + "' in [" + name +
                     "]"};
      }
    }
  }
  read.text("server", "url", config.server.url);
  read.path("server", "token_file", config.server.tokenFile);
  read.path("server", "public_key", config.server.publicKey);
  read.duration("server", "connect_timeout_ms", config.server.connectTimeout, 100, 60'000);
  read.duration("server", "read_timeout_ms", config.server.readTimeout, 100, 60'000);
  read.text("consulate", "id", config.consulate.id);
  read.text("consulate", "name_fa", config.consulate.nameFa);
  read.text("consulate", "name_en", config.consulate.nameEn);
  read.text("consulate", "time_zone", config.consulate.timeZone);
  read.text("kiosk", "name", config.kiosk.name);
  if (const auto language = read.choice("kiosk", "language", {"fa", "en"})) {
    config.kiosk.language = *language == "fa" ? text::Language::Persian : text::Language::English;
  }
  read.path("kiosk", "state_dir", config.kiosk.stateDir);
  read.text("kiosk", "staff_pin_hash", config.kiosk.staffPinHash);
  read.text("printer", "uri", config.printer.uri);
  read.whole("printer", "width_dots", config.printer.widthDots, 300, 2'048);
  read.flag("printer", "dither", config.printer.dither);
  read.strings("scanner", "sources", config.scannerSources);
  read.duration("timeouts", "input_seconds", config.timeouts.input, 10, 600);
  read.duration("timeouts", "result_seconds", config.timeouts.result, 5, 600);
  read.duration("timeouts", "checked_in_seconds", config.timeouts.checkedIn, 5, 600);
  read.duration("timeouts", "server_give_up_seconds", config.timeouts.serverGiveUp, 1, 60);
  read.whole("screen", "width", config.screen.width, 0, 16'384);
  read.whole("screen", "height", config.screen.height, 0, 16'384);
  read.flag("screen", "fullscreen", config.screen.fullscreen);
  if (const auto theme = read.choice("screen", "theme", {"standard", "high_contrast"})) {
    config.screen.theme = *theme == "standard" ? Theme::Standard : Theme::HighContrast;
  }
  read.number("screen", "pixels_per_mm", config.screen.pixelsPerMm, 0, 100);
  read.flag("screen", "sound", config.screen.sound);
  read.path("display", "clips", config.display.clips);
  read.flag("display", "speech", config.display.speech);
  if (read.problem()) return *read.problem();

  const std::string where = "config: " + std::string(source) + ": ";
  static const std::regex kName("[A-Za-z0-9_-]{1,24}");
  if (!std::regex_match(config.kiosk.name, kName)) {
    return Error{where + "kiosk.name must be 1 to 24 of A-Z, a-z, 0-9, _ and -"};
  }
  if (config.server.url.rfind("http://", 0) != 0 && config.server.url.rfind("https://", 0) != 0) {
    return Error{where + "server.url must start with http:// or https://"};
  }
  return config;
}

Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file, KioskConfig config) {
  std::ifstream in(file);
  if (!in) return Error{"config: cannot read " + file.string()};
  std::stringstream text;
  text << in.rdbuf();
  return parseKioskConfig(text.str(), file.string(), std::move(config));
}

Result<std::string> readToken(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return Error{"token: cannot read " + file.string() +
                 " (enrol the kiosk: mikhakctl enrol --server URL --code CODE)"};
  }
  std::string token;
  std::getline(in, token);
  const auto first = token.find_first_not_of(" \t\r");
  const auto last = token.find_last_not_of(" \t\r");
  if (first == std::string::npos) return Error{"token: " + file.string() + " is empty"};
  return token.substr(first, last - first + 1);
}

}  // namespace mikhak::kiosk
