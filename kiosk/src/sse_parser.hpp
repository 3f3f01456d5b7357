#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::kiosk {

// One dispatched Server-Sent Event.
struct SseEvent {
  std::string type = "message";  // the `event:` field, "message" when absent
  std::string data;              // `data:` lines joined with '\n'
  std::string id;                // the last `id:` seen on the stream (it persists across events)
  bool operator==(const SseEvent&) const = default;
};

// Parses an event stream (WHATWG HTML, "Server-sent events") from chunks cut anywhere, even
// inside a CR LF pair or a UTF-8 sequence: lines end in CR, LF or CR LF; a blank line dispatches;
// comments (keep-alives) are skipped; a leading byte order mark is dropped.
class SseParser {
 public:
  // The events completed by this chunk, in order.
  std::vector<SseEvent> feed(std::string_view chunk);
  // The server's `retry:` advice, in milliseconds.
  std::optional<int> retryMilliseconds() const { return retry_; }
  // Forgets a half-received event and the BOM state, for a new connection; the last id and the
  // retry advice are kept, as the specification asks.
  void restart();

 private:
  void line(std::string_view text, std::vector<SseEvent>& out);

  std::string pending_;  // an unfinished line
  bool afterCarriageReturn_ = false;
  bool started_ = false;
  std::string type_;
  std::string data_;
  bool hasData_ = false;
  std::string lastId_;
  std::optional<int> retry_;
};

}  // namespace mikhak::kiosk
