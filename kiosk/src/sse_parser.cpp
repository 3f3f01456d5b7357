#include "sse_parser.hpp"

#include <algorithm>

namespace mikhak::kiosk {

std::vector<SseEvent> SseParser::feed(std::string_view chunk) {
  std::vector<SseEvent> out;
  if (!started_) {
    // The byte order mark may itself arrive split: hold bytes until it is known.
    pending_.append(chunk);
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    const std::size_t n = std::min(pending_.size(), kBom.size());
    if (pending_.compare(0, n, kBom.substr(0, n)) == 0 && pending_.size() < kBom.size()) {
      return out;
    }
    started_ = true;
    std::string held = std::move(pending_);
    pending_.clear();
    if (held.compare(0, kBom.size(), kBom) == 0) held.erase(0, kBom.size());
    std::vector<SseEvent> rest = feed(held);
    return rest;
  }
  std::size_t at = 0;
  while (at < chunk.size()) {
    if (afterCarriageReturn_) {
      afterCarriageReturn_ = false;
      if (chunk[at] == '\n') {  // the LF of a CR LF pair cut between chunks
        ++at;
        continue;
      }
    }
    const std::size_t end = chunk.find_first_of("\r\n", at);
    if (end == std::string_view::npos) {
      pending_.append(chunk.substr(at));
      break;
    }
    pending_.append(chunk.substr(at, end - at));
    line(pending_, out);
    pending_.clear();
    if (chunk[end] == '\r') {
      if (end + 1 < chunk.size()) {
        at = chunk[end + 1] == '\n' ? end + 2 : end + 1;
      } else {
        afterCarriageReturn_ = true;
        at = end + 1;
      }
    } else {
      at = end + 1;
    }
  }
  return out;
}

void SseParser::line(std::string_view text, std::vector<SseEvent>& out) {
  if (text.empty()) {
    if (hasData_) {
      if (!data_.empty() && data_.back() == '\n') data_.pop_back();
      out.push_back({type_.empty() ? "message" : type_, data_, lastId_});
    }
    type_.clear();
    data_.clear();
    hasData_ = false;
    return;
  }
  if (text.front() == ':') return;  // a comment: the server's keep-alive
  const std::size_t colon = text.find(':');
  const std::string_view field = text.substr(0, colon);
  std::string_view value =
      colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") {
    type_ = value;
  } else if (field == "data") {
    data_.append(value);
    data_ += '\n';
    hasData_ = true;
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) lastId_ = value;
  } else if (field == "retry") {
    if (!value.empty() && value.size() <= 9 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      retry_ = std::stoi(std::string(value));
    }
  }
}

void SseParser::restart() {
  pending_.clear();
  afterCarriageReturn_ = false;
  started_ = false;
  type_.clear();
  data_.clear();
  hasData_ = false;
}

}  // namespace mikhak::kiosk
