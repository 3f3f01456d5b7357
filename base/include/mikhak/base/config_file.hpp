#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"

namespace mikhak::base {

// The keys each [section] of a configuration file may hold.
using ConfigSchema = std::map<std::string, std::set<std::string>>;

// A TOML configuration file (/etc/mikhak/*.toml), read against its schema. A misspelt section or
// key is refused with its line, not ignored: a technician's typo must not silently leave a
// default in place. Values are read into the caller's fields, each left as it was when absent;
// the first wrong value is kept as problem(). Messages read "config: <source>: line N: ...".
class ConfigFile {
 public:
  static Result<ConfigFile> parse(std::string_view text, std::string_view source,
                                  const ConfigSchema& schema);
  static Result<ConfigFile> load(const std::filesystem::path& file, const ConfigSchema& schema);
  ~ConfigFile();
  ConfigFile(ConfigFile&&) noexcept;
  ConfigFile& operator=(ConfigFile&&) noexcept;

  void text(const char* section, const char* key, std::string& out);
  void path(const char* section, const char* key, std::filesystem::path& out);
  void flag(const char* section, const char* key, bool& out);
  void number(const char* section, const char* key, double& out, double low, double high);
  void strings(const char* section, const char* key, std::vector<std::string>& out);
  // A whole number from `low` to `high`.
  template <typename Int>
  void whole(const char* section, const char* key, Int& out, std::int64_t low, std::int64_t high) {
    if (const auto value = integer(section, key, low, high)) out = static_cast<Int>(*value);
  }
  template <typename Duration>
  void duration(const char* section, const char* key, Duration& out, std::int64_t low,
                std::int64_t high) {
    if (const auto value = integer(section, key, low, high)) out = Duration(*value);
  }
  // One of fixed words: the word, or nothing when absent or wrong.
  std::optional<std::string> choice(const char* section, const char* key,
                                    std::initializer_list<const char*> words);

  const std::optional<Error>& problem() const { return problem_; }
  // "config: <source>: ", for what the caller checks across values.
  std::string where() const;

 private:
  struct Parsed;
  ConfigFile(std::unique_ptr<Parsed> parsed, std::string source);
  std::optional<std::int64_t> integer(const char* section, const char* key, std::int64_t low,
                                      std::int64_t high);

  std::unique_ptr<Parsed> parsed_;
  std::string source_;
  std::optional<Error> problem_;
};

}  // namespace mikhak::base
