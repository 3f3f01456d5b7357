// The server's answers read into the kiosk's types: check-ins (tickets and every refusal), the
// services, the manifest and sync results; and what the kiosk sends, as the server checks it.
#include "check_in_answer_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_api_json.hpp"

namespace mikhak::kiosk {
namespace {

using nlohmann::json;

// A check-in answer as server/src/api.cpp writes it.
json checkedInBody(std::string_view status = "checked_in") {
  return {{"status", status},
          {"ticket",
           {{"id", 4711},
            {"label", "P-017"},
            {"letter", "P"},
            {"letter_fa", "پ"},
            {"number", 17},
            {"day", "2026-11-24"},
            {"late", false},
            {"reprints", 0}}},
          {"applicant", {{"display_name_fa", "مریم ر."}, {"display_name_en", "Maryam R."}}},
          {"service", {{"id", "passport"}, {"name_fa", "گذرنامه"}, {"name_en", "Passport"}}},
          {"appointment",
           {{"starts_at", "2026-11-24T10:30:00Z"}, {"day", "2026-11-24"}, {"time", "10:30"}}},
          {"originals",
           {{{"fa", "گذرنامه فعلی"}, {"en", "Current passport"}},
            {{"fa", "اصل حکم دادگاه"}, {"en", "Court order (original)"}}}},
          {"people_ahead", 3},
          {"estimated_wait_minutes", 12}};
}

json errorBody(std::string_view code, json extra = json::object()) {
  json error = {{"code", code}, {"message_fa", "پیام"}, {"message_en", "Message"}};
  error.update(extra);
  return {{"error", error}};
}

const CheckInRefusal& refusalOf(const CheckInAnswer& answer) {
  static const CheckInRefusal kNone{"(accepted)", {}, {}, {}};
  const auto* refusal = std::get_if<CheckInRefusal>(&answer);
  return refusal ? *refusal : kNone;
}

void expectServerProblem(int status, std::string_view body) {
  const CheckInAnswer answer = parseCheckInAnswer(status, body);
  EXPECT_EQ(refusalOf(answer).code, kServerProblem) << body.substr(0, 200);
}

TEST(CheckInAnswerJson, ANewTicketFillsEveryField) {
  const CheckInAnswer answer = parseCheckInAnswer(201, checkedInBody().dump());
  ASSERT_TRUE(std::holds_alternative<CheckInAccepted>(answer));
  const auto& accepted = std::get<CheckInAccepted>(answer);
  EXPECT_FALSE(accepted.alreadyCheckedIn);
  EXPECT_EQ(accepted.source, AnswerSource::Server);
  TicketInfo expected;
  expected.ticketId = 4711;
  expected.label = "P-017";
  expected.labelFa = "پ-۰۱۷";
  expected.letter = "P";
  expected.letterFa = "پ";
  expected.number = 17;
  expected.displayNameFa = "مریم ر.";
  expected.displayNameEn = "Maryam R.";
  expected.serviceFa = "گذرنامه";
  expected.serviceEn = "Passport";
  expected.appointmentDay = "2026-11-24";
  expected.appointmentTime = "10:30";
  expected.originals = {{"گذرنامه فعلی", "Current passport"},
                        {"اصل حکم دادگاه", "Court order (original)"}};
  expected.peopleAhead = 3;
  expected.estimatedWaitMinutes = 12;
  EXPECT_EQ(accepted.ticket, expected);
}

TEST(CheckInAnswerJson, ThePersianLabelIsZeroPaddedInPersianDigits) {
  json body = checkedInBody();
  body["ticket"]["number"] = 5;
  auto answer = parseCheckInAnswer(201, body.dump());
  EXPECT_EQ(std::get<CheckInAccepted>(answer).ticket.labelFa, "پ-۰۰۵");
  body["ticket"]["number"] = 1234;
  answer = parseCheckInAnswer(201, body.dump());
  EXPECT_EQ(std::get<CheckInAccepted>(answer).ticket.labelFa, "پ-۱۲۳۴");
}

TEST(CheckInAnswerJson, AlreadyCheckedInIsTheSameTicketForAReprint) {
  const CheckInAnswer answer = parseCheckInAnswer(200, checkedInBody("already_checked_in").dump());
  ASSERT_TRUE(std::holds_alternative<CheckInAccepted>(answer));
  EXPECT_TRUE(std::get<CheckInAccepted>(answer).alreadyCheckedIn);
  EXPECT_EQ(std::get<CheckInAccepted>(answer).ticket.ticketId, 4711);
}

TEST(CheckInAnswerJson, AStatusThatContradictsTheHttpStatusIsAServerProblem) {
  expectServerProblem(201, checkedInBody("already_checked_in").dump());
  expectServerProblem(200, checkedInBody("checked_in").dump());
  expectServerProblem(202, checkedInBody().dump());
}

TEST(CheckInAnswerJson, TooEarlySaysWhenCheckInOpens) {
  const CheckInRefusal refusal =
      refusalOf(parseCheckInAnswer(409, errorBody("too_early", {{"appointment_day", "2026-11-24"},
                                                                {"appointment_time", "10:30"},
                                                                {"opens_at", "09:30"}})
                                            .dump()));
  EXPECT_EQ(refusal.code, "too_early");
  EXPECT_EQ(refusal.opensAt, "09:30");
  EXPECT_EQ(refusal.appointmentDay, "2026-11-24");
  EXPECT_EQ(refusal.appointmentTime, "10:30");
}

TEST(CheckInAnswerJson, OtherDaySaysWhichDay) {
  const CheckInRefusal refusal = refusalOf(parseCheckInAnswer(
      409,
      errorBody("other_day", {{"appointment_day", "2026-11-25"}, {"appointment_time", "09:05"}})
          .dump()));
  EXPECT_EQ(refusal.code, "other_day");
  EXPECT_EQ(refusal.appointmentDay, "2026-11-25");
  EXPECT_EQ(refusal.appointmentTime, "09:05");
  EXPECT_EQ(refusal.opensAt, "");
}

TEST(CheckInAnswerJson, EveryRefusalTheServerSendsKeepsItsCode) {
  // server/src/check_in_rules.cpp's codes with their statuses, and the API's own errors.
  const std::pair<int, std::string_view> kRefusals[] = {
      {400, "malformed_code"}, {422, "bad_check_digit"}, {422, "forged"},
      {404, "unknown_code"},   {409, "cancelled"},       {409, "other_consulate"},
      {409, "too_late"},       {409, "closed"},          {409, "request_id_reused"},
      {400, "bad_request"},    {413, "too_large"},       {503, "unavailable"},
      {503, "storage_full"},   {401, "unauthorized"}};
  for (const auto& [status, code] : kRefusals) {
    const CheckInRefusal refusal = refusalOf(parseCheckInAnswer(status, errorBody(code).dump()));
    EXPECT_EQ(refusal.code, code) << status;
    EXPECT_EQ(refusal.appointmentDay, "");
    EXPECT_EQ(refusal.opensAt, "");
  }
}

TEST(CheckInAnswerJson, WhatIsNotJsonIsAServerProblem) {
  expectServerProblem(201, "");
  expectServerProblem(201, "<html>502 Bad Gateway</html>");
  expectServerProblem(502, "<html>502 Bad Gateway</html>");
  expectServerProblem(201, checkedInBody().dump().substr(0, 100));
  expectServerProblem(201, "[1, 2, 3]");
  expectServerProblem(201, "\"checked_in\"");
  expectServerProblem(201, "{\"status\": \"checked_in\"} trailing");
  expectServerProblem(201, std::string("{\"status\": \"\xff\xfe\"}"));  // not UTF-8
}

TEST(CheckInAnswerJson, AMissingFieldIsAServerProblem) {
  for (const char* key : {"status", "ticket", "applicant", "service", "appointment", "originals",
                          "people_ahead", "estimated_wait_minutes"}) {
    json body = checkedInBody();
    body.erase(key);
    expectServerProblem(201, body.dump());
  }
  for (const auto& [object, key] : {std::pair{"ticket", "id"},
                                    {"ticket", "label"},
                                    {"ticket", "letter_fa"},
                                    {"ticket", "number"},
                                    {"applicant", "display_name_fa"},
                                    {"applicant", "display_name_en"},
                                    {"service", "name_fa"},
                                    {"service", "name_en"},
                                    {"appointment", "day"},
                                    {"appointment", "time"}}) {
    json body = checkedInBody();
    body[object].erase(key);
    expectServerProblem(201, body.dump());
  }
}

TEST(CheckInAnswerJson, AWrongTypeOrRangeIsAServerProblem) {
  const auto with = [](auto change) {
    json body = checkedInBody();
    change(body);
    return body.dump();
  };
  expectServerProblem(201, with([](json& b) { b["ticket"]["id"] = "4711"; }));
  expectServerProblem(201, with([](json& b) { b["ticket"]["id"] = 47.5; }));
  expectServerProblem(201, with([](json& b) { b["ticket"]["id"] = 0; }));
  expectServerProblem(201, with([](json& b) { b["ticket"]["id"] = 18446744073709551615u; }));
  expectServerProblem(201, with([](json& b) { b["ticket"]["number"] = -3; }));
  expectServerProblem(201, with([](json& b) { b["ticket"]["number"] = 100001; }));
  expectServerProblem(201, with([](json& b) { b["ticket"]["label"] = nullptr; }));
  expectServerProblem(201, with([](json& b) { b["ticket"]["letter_fa"] = ""; }));
  expectServerProblem(201, with([](json& b) { b["applicant"] = "Maryam"; }));
  expectServerProblem(201, with([](json& b) { b["originals"] = json::object(); }));
  expectServerProblem(201, with([](json& b) { b["originals"][1]["fa"] = 7; }));
  expectServerProblem(201, with([](json& b) { b["originals"][0] = "passport"; }));
  expectServerProblem(201, with([](json& b) { b["people_ahead"] = -1; }));
  expectServerProblem(201, with([](json& b) { b["people_ahead"] = 3000000000; }));
  expectServerProblem(201, with([](json& b) { b["estimated_wait_minutes"] = true; }));
}

TEST(CheckInAnswerJson, AMalformedRefusalIsAServerProblem) {
  expectServerProblem(409, "{}");
  expectServerProblem(409, R"({"error": "too_early"})");
  expectServerProblem(409, R"({"error": {"code": 7}})");
  expectServerProblem(409, R"({"error": {"code": ""}})");
  expectServerProblem(409, R"({"error": {"code": "too_early", "opens_at": 930}})");
  // A refusal with a success status, and an informational or redirect status.
  expectServerProblem(201, errorBody("too_early").dump());
  expectServerProblem(302, errorBody("too_early").dump());
}

TEST(CheckInAnswerJson, HugeAndDeepBodiesAreRefusedWithoutThrowing) {
  // 1 MB of garbage, a valid answer padded past the limit, and nesting as deep as fits.
  std::string garbage(1 << 20, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>(i * 131 % 251);
  expectServerProblem(201, garbage);
  json padded = checkedInBody();
  padded["padding"] = std::string(kMaxCheckInAnswerBytes, 'x');
  expectServerProblem(201, padded.dump());
  const std::size_t depth = kMaxCheckInAnswerBytes / 2 - 1;
  expectServerProblem(201, std::string(depth, '[') + std::string(depth, ']'));
  expectServerProblem(201, std::string(kMaxCheckInAnswerBytes, '['));
}

TEST(CheckInAnswerJson, TheRequestBodyIsWhatTheApiWants) {
  const json body = json::parse(checkInRequestBody("kiosk1-boot7-3", "48210093175268"));
  EXPECT_EQ(body, json({{"request_id", "kiosk1-boot7-3"}, {"code", "48210093175268"}}));
  // Bytes that are not UTF-8 (a scanner's noise) still make a body, never an exception.
  EXPECT_NO_THROW(
      EXPECT_TRUE(json::accept(checkInRequestBody("kiosk1-boot7-4", std::string("\xff\x01")))));
}

// ---------------------------------------------------------------------------------------------

TEST(ServerApiJson, ServicesGiveTheConsulateAndTheCatalogue) {
  const json body = {{"consulate",
                      {{"id", "LON"},
                       {"name_fa", "سرکنسولگری لندن"},
                       {"name_en", "London consulate"},
                       {"time_zone", "Europe/London"}}},
                     {"services",
                      {{{"id", "passport"},
                        {"letter", "P"},
                        {"letter_fa", "پ"},
                        {"name_fa", "گذرنامه"},
                        {"name_en", "Passport"},
                        {"typical_minutes", 8},
                        {"originals", {{{"fa", "شناسنامه"}, {"en", "Birth certificate"}}}}}}}};
  const auto info = parseServices(body.dump());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->consulate,
            (ConsulateInfo{"LON", "سرکنسولگری لندن", "London consulate", "Europe/London"}));
  ASSERT_EQ(info->catalogue.services.size(), 1u);
  const domain::Service& s = info->catalogue.services[0];
  EXPECT_EQ(s.id, "passport");
  EXPECT_EQ(s.letterFa, "پ");
  EXPECT_EQ(s.typicalDuration, std::chrono::minutes(8));
  EXPECT_EQ(s.originals,
            (std::vector<domain::OriginalDocument>{{"شناسنامه", "Birth certificate"}}));

  json broken = body;
  broken["consulate"].erase("time_zone");
  EXPECT_FALSE(parseServices(broken.dump()));
  broken = body;
  broken["services"][0]["typical_minutes"] = "8";
  EXPECT_FALSE(parseServices(broken.dump()));
  EXPECT_FALSE(parseServices("not json"));
}

TEST(ServerApiJson, TheManifestTextIsKeptByteForByte) {
  // Escapes in the envelope decode to the exact text that was signed.
  const std::string text = R"({"day":"2026-11-24","names":["مریم ر.","a\"b"],"x":1.50})";
  const auto manifest = parseManifest(json{{"manifest", text}, {"signature", "c2ln"}}.dump());
  ASSERT_TRUE(manifest) << manifest.error().message;
  EXPECT_EQ(manifest->text, text);
  EXPECT_EQ(manifest->signature, "c2ln");
  EXPECT_FALSE(parseManifest(R"({"manifest": {"day": 1}, "signature": "c2ln"})"));
  EXPECT_FALSE(parseManifest(R"({"manifest": "{}"})"));
}

TEST(ServerApiJson, AManifestVerifiesOnlyWithItsOwnKeyAndBytes) {
  const domain::SigningKey key = domain::SigningKey::generate();
  const domain::SigningKey otherKey = domain::SigningKey::generate();
  const auto verify = domain::VerifyKey::fromPem(key.publicKeyPem());
  ASSERT_TRUE(verify);
  SignedDayManifest manifest{R"({"day":"2026-11-24"})", {}};
  manifest.signature = domain::base64UrlEncode(key.sign(manifest.text));
  EXPECT_TRUE(verifyManifest(manifest, *verify));
  SignedDayManifest changed = manifest;
  changed.text = R"({"day":"2026-11-25"})";
  EXPECT_FALSE(verifyManifest(changed, *verify));
  SignedDayManifest forged = manifest;
  forged.signature = domain::base64UrlEncode(otherKey.sign(manifest.text));
  EXPECT_FALSE(verifyManifest(forged, *verify));
  forged.signature = "not base64url!";
  EXPECT_FALSE(verifyManifest(forged, *verify));
  forged.signature = "c2ln";  // base64url, but not 64 bytes
  EXPECT_FALSE(verifyManifest(forged, *verify));
}

TEST(ServerApiJson, RequestBodiesHaveExactlyTheFieldsTheServerChecks) {
  EXPECT_EQ(json::parse(printResultRequestBody(false)), json({{"printed", false}}));
  const json heartbeat =
      json::parse(heartbeatRequestBody({"0.1.0", "paper_near_end", "none", 120, 3}));
  EXPECT_EQ(heartbeat, json({{"version", "0.1.0"},
                             {"printer", "paper_near_end"},
                             {"scanner", "none"},
                             {"manifest_age_seconds", 120},
                             {"outbox_depth", 3}}));
}

TEST(ServerApiJson, ErrorCodesAreReadFromAnyErrorBody) {
  EXPECT_EQ(errorCode(errorBody("no_such_ticket").dump()), "no_such_ticket");
  EXPECT_EQ(errorCode("{}"), std::nullopt);
  EXPECT_EQ(errorCode("<html>"), std::nullopt);
}

}  // namespace
}  // namespace mikhak::kiosk
