// The JSON of POST /api/v1/sync, as server/src/api.cpp reads and writes it.
#include "sync_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mikhak::kiosk {
namespace {

using nlohmann::json;

TEST(SyncJson, TheRequestHasExactlyTheFieldsTheServerTakes) {
  const json body =
      json::parse(syncRequestBody({{"k1-7", "48210093175268", "passport", 31, 1764000000}}));
  EXPECT_EQ(body, json::parse(R"({"check_ins": [{"request_id": "k1-7", "code": "48210093175268",
      "service": "passport", "number": 31, "checked_in_at": 1764000000}]})"));
  EXPECT_EQ(json::parse(syncRequestBody({})), json::parse(R"({"check_ins": []})"));
}

TEST(SyncJson, RepliesAreReadPerRequestId) {
  const auto results = parseSyncReply(R"({"results": [
      {"request_id": "a", "status": "recorded", "ticket": {"id": 5, "label": "P-031", "number": 31}},
      {"request_id": "b", "status": "duplicate", "ticket": {"id": 6, "label": "P-032", "number": 32}},
      {"request_id": "c", "status": "conflict", "ticket": {"id": 2, "label": "P-002", "number": 2}},
      {"request_id": "d", "status": "refused", "error": "outside_block"}]})");
  ASSERT_TRUE(results) << results.error().message;
  ASSERT_EQ(results->size(), 4u);
  EXPECT_EQ((*results)[0].status, SyncOutcome::Status::Recorded);
  EXPECT_EQ((*results)[0].ticketId, 5);
  EXPECT_EQ((*results)[0].ticketLabel, "P-031");
  EXPECT_EQ((*results)[1].status, SyncOutcome::Status::Duplicate);
  EXPECT_EQ((*results)[2].status, SyncOutcome::Status::Conflict);
  EXPECT_EQ((*results)[2].ticketNumber, 2);
  EXPECT_EQ((*results)[3].status, SyncOutcome::Status::Refused);
  EXPECT_EQ((*results)[3].error, "outside_block");
  EXPECT_FALSE((*results)[3].ticketId);
}

TEST(SyncJson, BrokenRepliesAreErrors) {
  for (const char* body :
       {"", "[]", R"({"results": {}})", R"({"results": [{"status": "recorded"}]})",
        R"({"results": [{"request_id": "a", "status": "lost"}]})",
        R"({"results": [{"request_id": "a", "status": "recorded"}]})",
        R"({"results": [{"request_id": "a", "status": "recorded", "ticket": {"id": "5"}}]})"}) {
    EXPECT_FALSE(parseSyncReply(body)) << body;
  }
}

}  // namespace
}  // namespace mikhak::kiosk
