#pragma once

// Reading the server's JSON without exceptions: each accessor checks the field's type and range
// and answers nothing for a missing or mistyped field, so an odd answer is refused, never thrown.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace mikhak::kiosk::json_fields {

using nlohmann::json;

inline const json* field(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

inline const json* objectField(const json& object, const char* key) {
  const json* value = field(object, key);
  return value != nullptr && value->is_object() ? value : nullptr;
}

inline const json* arrayField(const json& object, const char* key) {
  const json* value = field(object, key);
  return value != nullptr && value->is_array() ? value : nullptr;
}

inline std::optional<std::string> stringField(const json& object, const char* key) {
  const json* value = field(object, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

inline std::optional<std::int64_t> integerField(
    const json& object, const char* key,
    std::int64_t min = std::numeric_limits<std::int64_t>::min(),
    std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
  const json* value = field(object, key);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() > static_cast<std::uint64_t>(max < 0 ? 0 : max)) {
    return std::nullopt;
  }
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max) return std::nullopt;
  return number;
}

inline std::optional<bool> boolField(const json& object, const char* key) {
  const json* value = field(object, key);
  if (value == nullptr || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

}  // namespace mikhak::kiosk::json_fields
