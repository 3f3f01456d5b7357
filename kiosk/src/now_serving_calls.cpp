#include "now_serving_calls.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace mikhak::kiosk {
namespace {

using nlohmann::json;

// The server stamps a live call when it announces it and a restored one (after a restart) with
// the ticket's stored call time, taken a moment earlier: the two may straddle a second.
constexpr std::int64_t kSameCallSeconds = 2;
constexpr std::size_t kSeenKeys = 200;

std::optional<Call> callFrom(const json& j) {
  if (!j.is_object()) return std::nullopt;
  try {
    Call c;
    c.sequence = j.at("sequence").get<std::uint64_t>();
    c.label = j.at("label").get<std::string>();
    c.letter = j.value("letter", std::string());
    c.letterFa = j.value("letter_fa", std::string());
    c.number = j.at("number").get<int>();
    c.counter = j.at("counter").get<int>();
    c.counterFa = j.value("counter_fa", std::string());
    c.counterEn = j.value("counter_en", std::string());
    c.serviceFa = j.value("service_fa", std::string());
    c.serviceEn = j.value("service_en", std::string());
    c.at = j.at("at").get<std::int64_t>();
    c.recall = j.value("recall", false);
    if (c.label.empty() || c.number < 0 || c.counter < 0) return std::nullopt;
    return c;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<Call> parseCall(std::string_view text) {
  return callFrom(json::parse(text, nullptr, false));
}

std::optional<std::vector<Call>> parseState(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("calls") || !j["calls"].is_array()) return std::nullopt;
  std::vector<Call> calls;
  for (const json& item : j["calls"]) {
    auto call = callFrom(item);
    if (!call) return std::nullopt;
    calls.push_back(std::move(*call));
  }
  return calls;
}

bool NowServingLedger::known(const Call& call) const {
  return std::any_of(seen_.begin(), seen_.end(), [&](const Key& k) {
    return k.label == call.label && k.counter == call.counter &&
           std::llabs(k.at - call.at) <= kSameCallSeconds;
  });
}

void NowServingLedger::remember(const Call& call) {
  seen_.push_back({call.label, call.counter, call.at});
  if (seen_.size() > kSeenKeys) seen_.pop_front();
}

NowServingUpdate NowServingLedger::applyState(std::vector<Call> calls) {
  NowServingUpdate update;
  // Oldest first, so fresh calls come out in the order they were made.
  for (auto it = calls.rbegin(); it != calls.rend(); ++it) {
    if (known(*it)) continue;
    remember(*it);
    // The first state is what was called before the display started: shown, not announced.
    if (loaded_) update.fresh.push_back({*it, true});
  }
  loaded_ = true;
  if (calls.size() > kKeep) calls.resize(kKeep);
  if (calls != recent_) {
    recent_ = std::move(calls);
    update.recent = recent_;
  }
  return update;
}

NowServingUpdate NowServingLedger::applyCall(Call call) {
  NowServingUpdate update;
  if (known(call)) return update;
  remember(call);
  recent_.insert(recent_.begin(), call);
  if (recent_.size() > kKeep) recent_.resize(kKeep);
  update.recent = recent_;
  update.fresh.push_back({std::move(call), false});
  return update;
}

}  // namespace mikhak::kiosk
