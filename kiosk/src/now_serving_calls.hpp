#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::kiosk {

// One call of a ticket to a counter, as GET /api/v1/now-serving and its event stream send it.
struct Call {
  std::uint64_t sequence = 0;  // the server's; starts again when the server restarts
  std::string label;           // "P-017"
  std::string letter;          // "P"
  std::string letterFa;        // "گ"
  int number = 0;
  int counter = 0;
  std::string counterFa;  // the counter's name, e.g. "باجه ۳ — امور سجلی"; may be empty
  std::string counterEn;
  std::string serviceFa;
  std::string serviceEn;
  std::int64_t at = 0;  // UTC seconds
  bool recall = false;
  bool operator==(const Call&) const = default;
};

// A call the display has not shown before: to highlight and announce.
struct FreshCall {
  Call call;
  bool caughtUp = false;  // made while the stream was down, found in the state on reconnection
};

// What the screen and the speaker get from the stream.
struct NowServingUpdate {
  std::optional<std::vector<Call>> recent;  // the calls to show, newest first, when they changed
  std::vector<FreshCall> fresh;             // oldest first
  bool empty() const { return !recent && fresh.empty(); }
};

// Parses one call object, or the `calls` array of a state; nullopt for anything malformed.
std::optional<Call> parseCall(std::string_view json);
std::optional<std::vector<Call>> parseState(std::string_view json);

// The calls a display knows, built from `state` events (the whole recent list, sent on every
// connection) and `call` events. A call is known by ticket, counter and time rather than by the
// server's sequence number, which starts again when the server restarts: so neither a reconnection
// nor a restart shows or announces a call twice, and a call made while the stream was down is
// still announced once.
class NowServingLedger {
 public:
  static constexpr std::size_t kKeep = 20;

  NowServingUpdate applyState(std::vector<Call> calls);
  NowServingUpdate applyCall(Call call);
  const std::vector<Call>& recent() const { return recent_; }

 private:
  bool known(const Call& call) const;
  void remember(const Call& call);

  struct Key {
    std::string label;
    int counter = 0;
    std::int64_t at = 0;
  };
  std::vector<Call> recent_;
  std::deque<Key> seen_;
  bool loaded_ = false;
};

}  // namespace mikhak::kiosk
