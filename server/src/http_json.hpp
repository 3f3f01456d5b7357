#pragma once

#include <httplib.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mikhak::server {

// JSON answers and errors, the same shape everywhere: {"error": {"code", "message_fa",
// "message_en", ...}}.
void sendJson(httplib::Response& response, int status, const nlohmann::json& body);
void sendError(httplib::Response& response, int status, std::string_view code, std::string_view fa,
               std::string_view en, nlohmann::json extra = nlohmann::json::object());
void sendBadRequest(httplib::Response& response, std::string_view en);

// A body that is a JSON object with exactly the required string fields and at most the optional
// ones, each within its length. The problem in English, or nothing.
struct Field {
  const char* name;
  std::size_t maxLength;
  bool required = true;
};
std::optional<std::string> checkFields(const nlohmann::json& body,
                                       std::initializer_list<Field> fields);

// POSTs from the console must say they are JSON: a cross-site form cannot, which with SameSite
// cookies keeps other sites from acting for a logged-in member of staff.
bool isJson(const httplib::Request& request);

}  // namespace mikhak::server
