#include "sync_json.hpp"

#include <nlohmann/json.hpp>

namespace mikhak::kiosk {

using nlohmann::json;

std::string syncRequestBody(const std::vector<OutboxEntry>& entries) {
  json list = json::array();
  for (const auto& e : entries) {
    list.push_back({{"request_id", e.requestId},
                    {"code", e.code},
                    {"service", e.serviceId},
                    {"number", e.number},
                    {"checked_in_at", e.checkedInAt}});
  }
  return json{{"check_ins", list}}.dump();
}

Result<std::vector<SyncOutcome>> parseSyncReply(std::string_view body) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("results") || !j["results"].is_array()) {
    return Error{"sync: the reply has no results list"};
  }
  std::vector<SyncOutcome> outcomes;
  try {
    for (const auto& r : j["results"]) {
      SyncOutcome o;
      o.requestId = r.at("request_id").get<std::string>();
      const std::string status = r.at("status").get<std::string>();
      if (status == "recorded") {
        o.status = SyncOutcome::Status::Recorded;
      } else if (status == "duplicate") {
        o.status = SyncOutcome::Status::Duplicate;
      } else if (status == "conflict") {
        o.status = SyncOutcome::Status::Conflict;
      } else if (status == "refused") {
        o.status = SyncOutcome::Status::Refused;
      } else {
        return Error{"sync: unknown status " + r.at("status").dump()};
      }
      if (r.contains("error")) o.error = r["error"].get<std::string>();
      if (r.contains("ticket")) {
        const json& t = r["ticket"];
        o.ticketId = t.at("id").get<std::int64_t>();
        o.ticketLabel = t.at("label").get<std::string>();
        o.ticketNumber = t.at("number").get<int>();
      }
      if (o.status != SyncOutcome::Status::Refused && !o.ticketId) {
        return Error{"sync: a " + status + " result without its ticket"};
      }
      outcomes.push_back(std::move(o));
    }
  } catch (const json::exception& e) {
    return Error{std::string("sync: ") + e.what()};
  }
  return outcomes;
}

}  // namespace mikhak::kiosk
