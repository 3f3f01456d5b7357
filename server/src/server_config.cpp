#include "server_config.hpp"

#include <toml++/toml.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace mikhak::server {
namespace {

// The keys each table may hold.
const std::map<std::string, std::set<std::string>>& schema() {
  static const std::map<std::string, std::set<std::string>> kSchema{
      {"server", {"db", "listen", "catalogue", "key"}},
      {"tls", {"cert", "key"}},
      {"consulate", {"id", "name_fa", "name_en", "time_zone"}},
      {"check_in", {"early_minutes", "late_minutes", "admit_late"}},
      {"queue", {"recalls_before_no_show"}},
  };
  return kSchema;
}

std::string where(std::string_view source, const toml::node& node) {
  return "config: " + std::string(source) + ": line " + std::to_string(node.source().begin.line) +
         ": ";
}

}  // namespace

Result<ServerConfig> parseServerConfig(std::string_view text, std::string_view source,
                                       ServerConfig config) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Error{"config: " + std::string(source) + ": line " +
                 std::to_string(e.source().begin.line) + ": " + std::string(e.description())};
  }
  for (const auto& [tableName, node] : root) {
    const std::string name(tableName.str());
    const auto known = schema().find(name);
    if (known == schema().end() || !node.is_table()) {
      return Error{where(source, node) + "unknown section [" + name + "]"};
    }
    for (const auto& [key, value] : *node.as_table()) {
      if (!known->second.count(std::string(key.str()))) {
        return Error{where(source, value) + "unknown key '" + std::string(key.str()) + "' in [" +
                     name + "]"};
      }
    }
  }
  std::optional<Error> problem;
  const auto text_ = [&](const char* table, const char* key, std::string& out) {
    const auto node = root[table][key];
    if (!node) return;
    if (const auto value = node.value<std::string>()) {
      out = *value;
    } else if (!problem) {
      problem = Error{where(source, *node.node()) + table + "." + key + " must be a string"};
    }
  };
  const auto minutes = [&](const char* table, const char* key, std::chrono::minutes& out, int low,
                           int high) {
    const auto node = root[table][key];
    if (!node) return;
    const auto value = node.value<std::int64_t>();
    if (!value || *value < low || *value > high) {
      if (!problem) {
        problem = Error{where(source, *node.node()) + table + "." + key +
                        " must be a whole number from " + std::to_string(low) + " to " +
                        std::to_string(high)};
      }
      return;
    }
    out = std::chrono::minutes(*value);
  };
  text_("server", "db", config.db);
  text_("server", "listen", config.listen);
  text_("server", "catalogue", config.catalogue);
  text_("server", "key", config.key);
  text_("tls", "cert", config.tlsCert);
  text_("tls", "key", config.tlsKey);
  text_("consulate", "id", config.consulate.id);
  text_("consulate", "name_fa", config.consulate.nameFa);
  text_("consulate", "name_en", config.consulate.nameEn);
  text_("consulate", "time_zone", config.consulate.timeZone);
  minutes("check_in", "early_minutes", config.window.early, 0, 24 * 60);
  minutes("check_in", "late_minutes", config.window.late, 0, 24 * 60);
  if (const auto node = root["check_in"]["admit_late"]) {
    if (const auto value = node.value<bool>()) {
      config.window.latePolicy = *value ? LatePolicy::AdmitLowPriority : LatePolicy::Refuse;
    } else if (!problem) {
      problem = Error{where(source, *node.node()) + "check_in.admit_late must be true or false"};
    }
  }
  if (const auto node = root["queue"]["recalls_before_no_show"]) {
    const auto value = node.value<std::int64_t>();
    if ((!value || *value < 0 || *value > 10) && !problem) {
      problem = Error{where(source, *node.node()) + "queue.recalls_before_no_show must be 0 to 10"};
    } else if (value) {
      config.queue.recallsBeforeNoShow = static_cast<int>(*value);
    }
  }
  if (problem) return *problem;
  if (config.tlsCert.empty() != config.tlsKey.empty()) {
    return Error{"config: " + std::string(source) + ": [tls] needs both cert and key"};
  }
  return config;
}

Result<ServerConfig> loadServerConfig(const std::filesystem::path& file, ServerConfig config) {
  std::ifstream in(file);
  if (!in) return Error{"config: cannot read " + file.string()};
  std::stringstream text;
  text << in.rdbuf();
  return parseServerConfig(text.str(), file.string(), std::move(config));
}

}  // namespace mikhak::server
