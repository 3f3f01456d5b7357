#include "sse_parser.hpp"

#include <gtest/gtest.h>

namespace mikhak::kiosk {
namespace {

// What mikhak-server sends: a state on connection, keep-alives, then calls.
const std::string kStream =
    "retry: 2000\nid: 4\nevent: state\ndata: {\"calls\":[]}\n\n"
    ": keep-alive\n\n"
    "id: 5\nevent: call\ndata: {\"label\":\"P-017\",\"letter_fa\":\"گ\"}\n\n";

std::vector<SseEvent> whole(const std::string& stream) {
  SseParser parser;
  return parser.feed(stream);
}

TEST(SseParser, ReadsTheServersEvents) {
  const auto events = whole(kStream);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], (SseEvent{"state", "{\"calls\":[]}", "4"}));
  EXPECT_EQ(events[1], (SseEvent{"call", "{\"label\":\"P-017\",\"letter_fa\":\"گ\"}", "5"}));
}

TEST(SseParser, SameEventsWhereverTheStreamIsCut) {
  const auto expected = whole(kStream);
  for (std::size_t cut = 1; cut < kStream.size(); ++cut) {
    SseParser parser;
    auto events = parser.feed(std::string_view(kStream).substr(0, cut));
    for (auto& e : parser.feed(std::string_view(kStream).substr(cut))) events.push_back(e);
    EXPECT_EQ(events, expected) << "cut at byte " << cut;
  }
  SseParser bytewise;
  std::vector<SseEvent> events;
  for (const char c : kStream) {
    for (auto& e : bytewise.feed(std::string_view(&c, 1))) events.push_back(e);
  }
  EXPECT_EQ(events, expected);
  EXPECT_EQ(bytewise.retryMilliseconds(), 2000);
}

TEST(SseParser, CrLfAndCrEndLinesEvenWhenSplitBetweenChunks) {
  const std::string crlf = "event: call\r\ndata: a\r\n\r\n";
  const std::string cr = "event: call\rdata: a\r\r";
  const SseEvent expected{"call", "a", ""};
  for (const std::string& stream : {crlf, cr}) {
    for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
      SseParser parser;
      auto events = parser.feed(stream.substr(0, cut));
      for (auto& e : parser.feed(stream.substr(cut))) events.push_back(e);
      ASSERT_EQ(events.size(), 1u) << "cut at byte " << cut;
      EXPECT_EQ(events[0], expected);
    }
  }
}

TEST(SseParser, JoinsMultiLineDataAndSkipsComments) {
  const auto events = whole(": hello\ndata: one\n: between\ndata:two\ndata\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");
  EXPECT_EQ(events[0].data, "one\ntwo\n");
}

TEST(SseParser, KeepAlivesAndEventsWithoutDataDispatchNothing) {
  EXPECT_TRUE(whole(": keep-alive\n\n: keep-alive\n\n").empty());
  EXPECT_TRUE(whole("event: call\n\n").empty());
  // The type does not leak into the next event.
  const auto events = whole("event: call\n\ndata: x\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");
}

TEST(SseParser, DropsALeadingByteOrderMarkEvenWhenSplit) {
  const std::string stream =
      "\xEF\xBB\xBF"
      "data: x\n\n";
  for (std::size_t cut = 0; cut <= 3; ++cut) {
    SseParser parser;
    auto events = parser.feed(stream.substr(0, cut));
    for (auto& e : parser.feed(stream.substr(cut))) events.push_back(e);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "x");
  }
}

TEST(SseParser, RestartDropsAHalfEventButKeepsTheLastId) {
  SseParser parser;
  EXPECT_TRUE(parser.feed("id: 7\ndata: complete\n\nevent: call\ndata: cut off").size() == 1);
  parser.restart();
  const auto events = parser.feed("data: fresh\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0], (SseEvent{"message", "fresh", "7"}));
}

TEST(SseParser, IgnoresABadRetry) {
  SseParser parser;
  (void)parser.feed("retry: soon\n\n");
  EXPECT_FALSE(parser.retryMilliseconds());
}

}  // namespace
}  // namespace mikhak::kiosk
