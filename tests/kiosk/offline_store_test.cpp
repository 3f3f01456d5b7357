// The kiosk's offline store on a real SQLite file: the signed day manifest, check-in from it with
// the server's rules and this kiosk's ticket numbers, the outbox and the print results.
#include "offline_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/text/digits.hpp"
#include "offline_manifest_maker.hpp"

namespace mikhak::kiosk {
namespace {

using namespace std::chrono;
using test::ManifestMaker;

sys_seconds utc(int y, int m, int d, int hh, int mm) {
  return sys_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

const sys_seconds kNow = test::kManifestMorning;

std::string label(int number) {
  std::array<char, 16> text{};
  std::snprintf(text.data(), text.size(), "P-%03d", number);
  return text.data();
}

// One SQL value read straight from the file, to see what the store kept.
std::string rawValue(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::string value = "<no row>";
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    value = text ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

class OfflineStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mikhak-offline-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    file_ = dir_ / "offline.db";
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<OfflineStore> open(OfflineStoreOptions options = {}) {
    auto store = OfflineStore::open(file_, maker_.verifyKey(), "LON", options);
    EXPECT_TRUE(store) << (store ? "" : store.error().message);
    return store ? std::move(*store) : nullptr;
  }
  void saveToday(OfflineStore& store) {
    const auto [text, signature] = maker_.signedText(maker_.json());
    const auto saved = store.saveManifest(text, signature, kNow - minutes(5));
    ASSERT_TRUE(saved) << saved.error().message;
  }
  static CheckInAccepted accepted(const Result<CheckInAnswer>& answer) {
    EXPECT_TRUE(answer) << (answer ? "" : answer.error().message);
    if (!answer) return {};
    const auto* a = std::get_if<CheckInAccepted>(&*answer);
    EXPECT_NE(a, nullptr) << "refused: " << (a ? "" : std::get<CheckInRefusal>(*answer).code);
    return a ? *a : CheckInAccepted{};
  }
  static CheckInRefusal refused(const Result<CheckInAnswer>& answer) {
    EXPECT_TRUE(answer) << (answer ? "" : answer.error().message);
    if (!answer) return {};
    const auto* r = std::get_if<CheckInRefusal>(&*answer);
    EXPECT_NE(r, nullptr) << "admitted";
    return r ? *r : CheckInRefusal{};
  }

  std::filesystem::path dir_;
  std::filesystem::path file_;
  ManifestMaker maker_;
  std::unique_ptr<OfflineStore> store_;
};

TEST_F(OfflineStoreTest, AGenuineManifestIsStored) {
  maker_.add(utc(2026, 11, 24, 10, 30));
  store_ = open();
  EXPECT_FALSE(store_->manifestInfo());
  saveToday(*store_);
  const auto info = store_->manifestInfo();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->day, "2026-11-24");
  EXPECT_EQ(info->generatedAt, sys_seconds(seconds(1000)));
  EXPECT_EQ(info->fetchedAt, kNow - minutes(5));
  EXPECT_EQ(info->appointments, 1);
}

TEST_F(OfflineStoreTest, ForgedDamagedForeignAndNewerVersionManifestsAreRefusedAndTheOldKept) {
  const auto a = maker_.add(utc(2026, 11, 24, 10, 30));
  store_ = open();
  saveToday(*store_);
  const auto [text, signature] = maker_.signedText(maker_.json("2026-11-24", 2000));

  std::string altered = text;
  altered.replace(altered.find("Maryam"), 6, "Mallory");
  const auto forged = store_->saveManifest(altered, signature, kNow);
  ASSERT_FALSE(forged);
  EXPECT_NE(forged.error().message.find("signature"), std::string::npos);
  ManifestMaker stranger;  // signed, but not by this consulate's key
  const auto [text2, strangerSignature] = stranger.signedText(maker_.json("2026-11-24", 2000));
  EXPECT_FALSE(store_->saveManifest(text2, strangerSignature, kNow));
  EXPECT_FALSE(store_->saveManifest(text.substr(0, text.size() / 2), signature, kNow));
  const auto [truncated, truncatedSignature] = maker_.sign(text.substr(0, text.size() / 2));
  const auto badJson = store_->saveManifest(truncated, truncatedSignature, kNow);
  ASSERT_FALSE(badJson);
  EXPECT_NE(badJson.error().message.find("manifest"), std::string::npos);
  EXPECT_FALSE(store_->saveManifest(text, "not base64 !", kNow));

  auto otherConsulate = maker_.json("2026-11-24", 2000);
  otherConsulate["consulate"] = "DXB";
  const auto [t3, s3] = maker_.signedText(otherConsulate);
  const auto foreign = store_->saveManifest(t3, s3, kNow);
  ASSERT_FALSE(foreign);
  EXPECT_NE(foreign.error().message.find("DXB"), std::string::npos);
  auto version2 = maker_.json("2026-11-24", 2000);
  version2["version"] = 2;
  const auto [t4, s4] = maker_.signedText(version2);
  const auto newer = store_->saveManifest(t4, s4, kNow);
  ASSERT_FALSE(newer);
  EXPECT_NE(newer.error().message.find("version"), std::string::npos);
  auto missingField = maker_.json("2026-11-24", 2000);
  missingField.erase("blocks");
  const auto [t5, s5] = maker_.signedText(missingField);
  EXPECT_FALSE(store_->saveManifest(t5, s5, kNow));

  // The first manifest still stands, and works.
  EXPECT_EQ(store_->manifestInfo()->generatedAt, sys_seconds(seconds(1000)));
  EXPECT_EQ(accepted(store_->checkInOffline(a.code, "k-1", kNow)).ticket.displayNameEn,
            "Maryam R.");
}

TEST_F(OfflineStoreTest, TheNewestManifestOfADayIsKept) {
  store_ = open();
  const auto [newText, newSignature] = maker_.signedText(maker_.json("2026-11-24", 2000));
  ASSERT_TRUE(store_->saveManifest(newText, newSignature, kNow));
  const auto [oldText, oldSignature] = maker_.signedText(maker_.json("2026-11-24", 1000));
  ASSERT_TRUE(store_->saveManifest(oldText, oldSignature, kNow + minutes(1)));
  EXPECT_EQ(store_->manifestInfo()->generatedAt, sys_seconds(seconds(2000)));
  const auto [nextDay, nextSignature] = maker_.signedText(maker_.json("2026-11-25", 500));
  ASSERT_TRUE(store_->saveManifest(nextDay, nextSignature, kNow + hours(24)));
  EXPECT_EQ(store_->manifestInfo()->day, "2026-11-25");
}

TEST_F(OfflineStoreTest, AdmitsWithTheNextNumberOfTheKiosksBlockInBothScripts) {
  auto a = maker_.add(utc(2026, 11, 24, 10, 30));
  maker_.appointments().back().extraOriginals =
      nlohmann::json::array({{{"fa", "شناسنامه"}, {"en", "Birth certificate"}}});
  const auto b = maker_.add(utc(2026, 11, 24, 10, 45));
  const auto v = maker_.add(utc(2026, 11, 24, 10, 15), "booked", "visa");
  store_ = open();
  saveToday(*store_);

  const CheckInAccepted first = accepted(store_->checkInOffline(a.code, "k-1", kNow));
  EXPECT_FALSE(first.alreadyCheckedIn);
  EXPECT_EQ(first.source, AnswerSource::OfflineManifest);
  EXPECT_EQ(first.ticket.ticketId, 0);  // the server's id comes with the sync
  EXPECT_EQ(first.ticket.label, "P-031");
  EXPECT_EQ(first.ticket.labelFa, "پ-۰۳۱");
  // What the printed ticket and its QR code are drawn from.
  EXPECT_EQ(first.ticket.letter, "P");
  EXPECT_EQ(first.ticket.letterFa, "پ");
  EXPECT_EQ(first.ticket.number, 31);
  EXPECT_EQ(first.ticket.displayNameFa, "مریم ر.");
  EXPECT_EQ(first.ticket.serviceEn, "Passport");
  EXPECT_EQ(first.ticket.serviceFa, "گذرنامه");
  EXPECT_EQ(first.ticket.appointmentDay, "2026-11-24");
  EXPECT_EQ(first.ticket.appointmentTime, "10:30");
  EXPECT_EQ(first.ticket.originals,
            (std::vector<OriginalDocument>{{"گذرنامهٔ قبلی", "Previous passport"},
                                           {"شناسنامه", "Birth certificate"}}));
  EXPECT_EQ(first.ticket.peopleAhead, kUnknownOffline);
  EXPECT_EQ(first.ticket.estimatedWaitMinutes, kUnknownOffline);

  EXPECT_EQ(accepted(store_->checkInOffline(b.code, "k-2", kNow)).ticket.label, "P-032");
  const auto visa = accepted(store_->checkInOffline(v.code, "k-3", kNow)).ticket;
  EXPECT_EQ(visa.label, "V-001");  // each service its own block
  EXPECT_EQ(visa.labelFa, "و-۰۰۱");
  EXPECT_EQ(*store_->outboxDepth(), 3u);
}

TEST_F(OfflineStoreTest, TheSameCodeTwiceGetsTheSameTicketAndNoNewNumber) {
  const auto a = maker_.add(utc(2026, 11, 24, 10, 30));
  const auto b = maker_.add(utc(2026, 11, 24, 10, 30));
  store_ = open();
  saveToday(*store_);
  const auto first = accepted(store_->checkInOffline(a.code, "k-1", kNow));
  // Typed the second time, with Persian digits and spaces: the same code.
  const std::string typed =
      text::localizeDigits(a.code.substr(0, 7) + " " + a.code.substr(7), text::Language::Persian);
  const auto again = accepted(store_->checkInOffline(typed, "k-2", kNow + minutes(3)));
  EXPECT_TRUE(again.alreadyCheckedIn);
  EXPECT_EQ(again.ticket, first.ticket);
  EXPECT_EQ(*store_->outboxDepth(), 1u);
  const auto second = accepted(store_->checkInOffline(b.code, "k-3", kNow));
  EXPECT_EQ(second.ticket.label, "P-032");
  // A retried request gets its own answer again; a request id used for another code is the
  // kiosk's bug, refused as the server does.
  const auto retried = accepted(store_->checkInOffline(b.code, "k-3", kNow));
  EXPECT_FALSE(retried.alreadyCheckedIn);
  EXPECT_EQ(retried.ticket, second.ticket);
  EXPECT_EQ(refused(store_->checkInOffline(b.code, "k-1", kNow)).code, "request_id_reused");
}

TEST_F(OfflineStoreTest, RefusalsCarryTheServersCodes) {
  const auto early = maker_.add(utc(2026, 11, 24, 12, 0));
  const auto late = maker_.add(utc(2026, 11, 24, 9, 40));
  const auto cancelled = maker_.add(utc(2026, 11, 24, 10, 30), "cancelled");
  const auto served = maker_.add(utc(2026, 11, 24, 10, 30), "served");
  const auto online = maker_.add(utc(2026, 11, 24, 10, 30), "checked_in");
  store_ = open();
  saveToday(*store_);

  const auto tooEarly = refused(store_->checkInOffline(early.code, "r-1", kNow));
  EXPECT_EQ(tooEarly.code, "too_early");
  EXPECT_EQ(tooEarly.opensAt, "11:00");
  EXPECT_EQ(tooEarly.appointmentTime, "12:00");
  EXPECT_EQ(refused(store_->checkInOffline(late.code, "r-2", kNow)).code, "too_late");
  EXPECT_EQ(refused(store_->checkInOffline(cancelled.code, "r-3", kNow)).code, "cancelled");
  EXPECT_EQ(refused(store_->checkInOffline(served.code, "r-4", kNow)).code, "closed");
  EXPECT_EQ(refused(store_->checkInOffline(online.code, "r-5", kNow)).code,
            kOfflineAlreadyCheckedIn);
  EXPECT_EQ(
      refused(store_->checkInOffline(domain::TrackingCode::generate().digits(), "r-6", kNow)).code,
      "unknown_code");
  std::string typo = early.code;
  typo[3] = typo[3] == '9' ? '0' : static_cast<char>(typo[3] + 1);
  EXPECT_EQ(refused(store_->checkInOffline(typo, "r-7", kNow)).code, "bad_check_digit");
  EXPECT_EQ(refused(store_->checkInOffline("hello", "r-8", kNow)).code, "malformed_code");

  // A notice's signed QR for tomorrow: not in today's manifest, yet its claims tell the day.
  const auto tomorrowCode = domain::TrackingCode::generate();
  const sys_seconds tomorrow = utc(2026, 11, 25, 9, 0);
  const std::string qr = domain::encodeNoticePayload(
      {tomorrowCode, "LON", tomorrow.time_since_epoch().count()}, maker_.signingKey());
  const auto otherDay = refused(store_->checkInOffline(qr, "r-9", kNow));
  EXPECT_EQ(otherDay.code, "other_day");
  EXPECT_EQ(otherDay.appointmentDay, "2026-11-25");
  EXPECT_EQ(otherDay.appointmentTime, "09:00");
  EXPECT_EQ(*store_->outboxDepth(), 0u);
}

TEST_F(OfflineStoreTest, ASignedNoticeChecksInAndOneForAMovedAppointmentIsRefused) {
  const auto a = maker_.add(utc(2026, 11, 24, 10, 30));
  const auto b = maker_.add(utc(2026, 11, 24, 10, 30));
  store_ = open();
  saveToday(*store_);
  const auto code = [](const std::string& digits) {
    return std::get<domain::TrackingCode>(domain::TrackingCode::parse(digits));
  };
  const std::string good = domain::encodeNoticePayload(
      {code(a.code), "LON", a.startsAt.time_since_epoch().count()}, maker_.signingKey());
  EXPECT_EQ(accepted(store_->checkInOffline(good, "q-1", kNow)).ticket.label, "P-031");
  const std::string moved = domain::encodeNoticePayload(
      {code(b.code), "LON", (b.startsAt - hours(1)).time_since_epoch().count()},
      maker_.signingKey());
  EXPECT_EQ(refused(store_->checkInOffline(moved, "q-2", kNow)).code, "forged");
  // The payload's code is the code: the bare code afterwards is the same check-in.
  EXPECT_TRUE(accepted(store_->checkInOffline(a.code, "q-3", kNow)).alreadyCheckedIn);
}

TEST_F(OfflineStoreTest, WithoutTodaysManifestNothingIsCheckedIn) {
  const auto a = maker_.add(utc(2026, 11, 24, 10, 30));
  store_ = open();
  EXPECT_EQ(refused(store_->checkInOffline(a.code, "n-1", kNow)).code, kOfflineNoManifest);
  saveToday(*store_);
  // The next morning, yesterday's manifest is no use.
  EXPECT_EQ(refused(store_->checkInOffline(a.code, "n-2", kNow + hours(24))).code,
            kOfflineNoManifest);
  EXPECT_EQ(*store_->outboxDepth(), 0u);
}

TEST_F(OfflineStoreTest, AUsedUpBlockSendsToTheDesk) {
  maker_.blockFirst = 31;
  maker_.blockLast = 32;
  std::vector<test::MadeAppointment> made;
  for (int i = 0; i < 3; ++i) made.push_back(maker_.add(utc(2026, 11, 24, 10, 30)));
  store_ = open();
  saveToday(*store_);
  EXPECT_EQ(accepted(store_->checkInOffline(made[0].code, "b-1", kNow)).ticket.label, "P-031");
  EXPECT_EQ(accepted(store_->checkInOffline(made[1].code, "b-2", kNow)).ticket.label, "P-032");
  EXPECT_EQ(refused(store_->checkInOffline(made[2].code, "b-3", kNow)).code, kOfflineBlockUsedUp);
  EXPECT_EQ(*store_->outboxDepth(), 2u);
  // Those checked in still get their tickets again.
  EXPECT_EQ(accepted(store_->checkInOffline(made[0].code, "b-4", kNow)).ticket.label, "P-031");
}

TEST_F(OfflineStoreTest, NumbersAndTicketsSurviveReopening) {
  const auto a = maker_.add(utc(2026, 11, 24, 10, 30));
  const auto b = maker_.add(utc(2026, 11, 24, 10, 30));
  store_ = open();
  saveToday(*store_);
  const auto first = accepted(store_->checkInOffline(a.code, "p-1", kNow)).ticket;
  store_ = open();
  EXPECT_EQ(store_->manifestInfo()->day, "2026-11-24");
  EXPECT_EQ(accepted(store_->checkInOffline(a.code, "p-2", kNow)).ticket, first);
  EXPECT_EQ(accepted(store_->checkInOffline(b.code, "p-3", kNow)).ticket.label, "P-032");
  // A manifest fetched again for the same day (same block) goes on from the same number.
  const auto [text, signature] = maker_.signedText(maker_.json("2026-11-24", 3000));
  ASSERT_TRUE(store_->saveManifest(text, signature, kNow));
  const auto c = maker_.add(utc(2026, 11, 24, 10, 30));
  const auto [text2, signature2] = maker_.signedText(maker_.json("2026-11-24", 4000));
  ASSERT_TRUE(store_->saveManifest(text2, signature2, kNow));
  EXPECT_EQ(accepted(store_->checkInOffline(c.code, "p-4", kNow)).ticket.label, "P-033");
}

TEST_F(OfflineStoreTest, TheOutboxKeepsCodesOnlyUntilTheServerAnswers) {
  std::vector<test::MadeAppointment> made;
  for (int i = 0; i < 5; ++i) made.push_back(maker_.add(utc(2026, 11, 24, 10, 30)));
  store_ = open();
  saveToday(*store_);
  for (int i = 0; i < 5; ++i) {
    accepted(store_->checkInOffline(made[static_cast<std::size_t>(i)].code,
                                    "o-" + std::to_string(i), kNow + seconds(i)));
  }
  const auto pending = *store_->pendingSync(3);
  ASSERT_EQ(pending.size(), 3u);  // oldest first, at most the batch
  EXPECT_EQ(pending[0],
            (OutboxEntry{"o-0", made[0].code, "passport", 31, (kNow).time_since_epoch().count()}));
  EXPECT_EQ(pending[2].requestId, "o-2");

  const std::vector<SyncOutcome> answers{
      {"o-0", SyncOutcome::Status::Recorded, "", 501, "P-031", 31},
      {"o-1", SyncOutcome::Status::Duplicate, "", 502, "P-032", 32},
      {"o-2", SyncOutcome::Status::Conflict, "", 77, "P-004", 4},
      {"o-3", SyncOutcome::Status::Refused, "cancelled", std::nullopt, "", 0},
      // The online request went through after all: the server's ticket, not the number printed.
      {"o-4", SyncOutcome::Status::Duplicate, "", 503, "P-045", 45},
      {"nobody", SyncOutcome::Status::Recorded, "", 9, "P-009", 9}};
  ASSERT_TRUE(store_->applySyncResults(answers));
  ASSERT_TRUE(store_->applySyncResults(answers));  // applied twice: no change
  EXPECT_EQ(*store_->outboxDepth(), 0u);
  EXPECT_TRUE(store_->pendingSync(10)->empty());
  for (const auto& m : made) {
    EXPECT_EQ(rawValue(file_, "SELECT count(*) FROM outbox WHERE code = '" + m.code + "'"), "0");
  }
  const auto attention = *store_->outboxAttention();
  ASSERT_EQ(attention.size(), 3u);
  EXPECT_EQ(attention[0].label, "P-033");
  EXPECT_EQ(attention[0].status, SyncOutcome::Status::Conflict);
  EXPECT_EQ(attention[0].ticketId, 77);
  EXPECT_EQ(attention[1].status, SyncOutcome::Status::Refused);
  EXPECT_EQ(attention[1].error, "cancelled");
  EXPECT_EQ(attention[2].label, "P-035");
  EXPECT_EQ(attention[2].status, SyncOutcome::Status::Conflict);
  EXPECT_EQ(attention[2].ticketId, 503);
  // The synced ticket now carries the server's id when shown again.
  EXPECT_EQ(accepted(store_->checkInOffline(made[0].code, "o-9", kNow)).ticket.ticketId, 501);
}

TEST_F(OfflineStoreTest, PrintResultsWaitForTheServersTicketId) {
  const auto a = maker_.add(utc(2026, 11, 24, 10, 30));
  const auto b = maker_.add(utc(2026, 11, 24, 10, 30));
  store_ = open();
  saveToday(*store_);
  accepted(store_->checkInOffline(a.code, "t-1", kNow));
  accepted(store_->checkInOffline(b.code, "t-2", kNow));
  ASSERT_TRUE(store_->recordPrintResult(4242, true));  // an online ticket: sendable at once
  ASSERT_TRUE(store_->recordOfflinePrintResult("t-1", false));
  ASSERT_TRUE(store_->recordOfflinePrintResult("t-1", true));  // reprinted
  ASSERT_TRUE(store_->recordOfflinePrintResult("t-2", true));
  EXPECT_FALSE(store_->recordOfflinePrintResult("nobody", true));
  auto pending = *store_->pendingPrintResults(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].ticketId, 4242);

  ASSERT_TRUE(
      store_->applySyncResults({{"t-1", SyncOutcome::Status::Recorded, "", 900, "P-031", 31},
                                {"t-2", SyncOutcome::Status::Conflict, "", 12, "P-002", 2}}));
  pending = *store_->pendingPrintResults(10);
  ASSERT_EQ(pending.size(), 3u);  // the conflict's result goes nowhere: not our ticket
  EXPECT_EQ(pending[1].ticketId, 900);
  EXPECT_FALSE(pending[1].printed);
  EXPECT_EQ(pending[2].ticketId, 900);
  EXPECT_TRUE(pending[2].printed);  // in the order printed: the server keeps the last
  ASSERT_TRUE(store_->markPrintResultSent(pending[0].id));
  store_ = open();  // and across a restart
  EXPECT_EQ(store_->pendingPrintResults(10)->size(), 2u);
}

TEST_F(OfflineStoreTest, AFullDiskRefusesTheCheckInAndKeepsNoPartOfIt) {
  std::vector<test::MadeAppointment> made;
  for (int i = 0; i < 400; ++i) {
    made.push_back(maker_.add(utc(2026, 11, 24, 10, 30)));
    maker_.appointments().back().extraOriginals =
        nlohmann::json::array({{{"fa", std::string(100, 'x')}, {"en", std::string(100, 'y')}}});
  }
  maker_.blockLast = 1000;
  store_ = open({.maxBytes = 256 * 1024});  // the manifest fits, not 400 tickets
  saveToday(*store_);
  int admitted = 0;
  std::optional<Error> failure;
  for (const auto& a : made) {
    auto answer = store_->checkInOffline(a.code, "f-" + std::to_string(admitted), kNow);
    if (!answer) {
      failure = answer.error();
      break;
    }
    accepted(answer);
    ++admitted;
  }
  ASSERT_TRUE(failure) << "the disk never filled";
  EXPECT_NE(failure->message.find("full"), std::string::npos) << failure->message;
  EXPECT_GT(admitted, 10);
  // The store still answers: the outbox holds exactly the admitted, numbered without a gap.
  EXPECT_EQ(*store_->outboxDepth(), static_cast<std::size_t>(admitted));
  store_ = open();  // the default, larger limit: room again
  EXPECT_EQ(rawValue(file_, "SELECT max(number) FROM outbox"), std::to_string(30 + admitted));
  EXPECT_EQ(rawValue(file_, "SELECT last_number FROM block_use"), std::to_string(30 + admitted));
  EXPECT_EQ(
      accepted(store_->checkInOffline(made[static_cast<std::size_t>(admitted)].code, "f-x", kNow))
          .ticket.label,
      label(31 + admitted));
}

TEST_F(OfflineStoreTest, ACorruptOrNewerFileIsAnErrorNotACrash) {
  std::ofstream(file_) << std::string(8192, 'z');
  const auto corrupt = OfflineStore::open(file_, maker_.verifyKey(), "LON");
  ASSERT_FALSE(corrupt);
  EXPECT_NE(corrupt.error().message.find("OfflineStore"), std::string::npos);

  std::filesystem::remove(file_);
  store_ = open();
  store_.reset();
  sqlite3* db = nullptr;
  sqlite3_open(file_.c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  const auto newer = OfflineStore::open(file_, maker_.verifyKey(), "LON");
  ASSERT_FALSE(newer);
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::kiosk
