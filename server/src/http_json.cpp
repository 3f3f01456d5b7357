#include "http_json.hpp"

#include <algorithm>

namespace mikhak::server {

using nlohmann::json;

void sendJson(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json; charset=utf-8");
}

void sendError(httplib::Response& response, int status, std::string_view code, std::string_view fa,
               std::string_view en, json extra) {
  json error = {{"code", code}, {"message_fa", fa}, {"message_en", en}};
  error.update(extra);
  sendJson(response, status, {{"error", error}});
}

void sendBadRequest(httplib::Response& response, std::string_view en) {
  sendError(response, 400, "bad_request", "درخواست نادرست است.", en);
}

std::optional<std::string> checkFields(const json& body, std::initializer_list<Field> fields) {
  if (!body.is_object()) return "the body must be a JSON object";
  for (const auto& item : body.items()) {
    const bool known = std::any_of(fields.begin(), fields.end(),
                                   [&](const Field& f) { return item.key() == f.name; });
    if (!known) return "unknown field '" + item.key() + "'";
  }
  for (const Field& f : fields) {
    const auto it = body.find(f.name);
    if (it == body.end()) {
      if (f.required) return std::string("missing field '") + f.name + "'";
      continue;
    }
    if (!it->is_string()) return std::string("field '") + f.name + "' must be a string";
    const auto& text = it->get_ref<const std::string&>();
    if (text.empty() || text.size() > f.maxLength) {
      return std::string("field '") + f.name + "' must be 1 to " + std::to_string(f.maxLength) +
             " bytes";
    }
  }
  return std::nullopt;
}

bool isJson(const httplib::Request& request) {
  const std::string type = request.get_header_value("Content-Type");
  return type.rfind("application/json", 0) == 0;
}

}  // namespace mikhak::server
