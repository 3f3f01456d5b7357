// The appointment notice: read from storage, drawn, and read back by a scanner as the kiosk will.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/text/png.hpp"
#include "notice.hpp"
#include "notice_support.hpp"
#include "sqlite_store.hpp"

namespace mikhak::ctl {
namespace {

using scanner::BarcodeFormat;

class NoticeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = server::SqliteStore::open(":memory:");
    ASSERT_TRUE(seedDemoStore(*store_, loadDefaultCatalogue().value()));
  }

  RenderedNotice render(const std::string& code) {
    auto content = noticeFromStore(*store_, code, key_);
    EXPECT_TRUE(content) << content.error().message;
    auto notice = renderNotice(test::engine(), *content);
    EXPECT_TRUE(notice) << notice.error().message;
    return std::move(*notice);
  }

  std::unique_ptr<server::SqliteStore> store_;
  domain::SigningKey key_ = test::testKey();
  domain::VerifyKey verify_ =
      std::move(domain::VerifyKey::fromPem(test::testKey().publicKeyPem()).value());
};

// Both codes, found on the whole page as a scanner would: the QR text is a valid signed payload
// for this appointment, and the Code 128 is the bare 14 digits.
void expectCodesReadBack(const text::GreyBitmap& page, const server::Appointment& a,
                         const domain::VerifyKey& verify) {
  const auto found = test::readPage(page);
  const auto* qr = test::find(found, BarcodeFormat::QrCode);
  const auto* bars = test::find(found, BarcodeFormat::Code128);
  ASSERT_NE(qr, nullptr) << "no QR code found on the notice of " << a.code;
  ASSERT_NE(bars, nullptr) << "no Code 128 found on the notice of " << a.code;

  const domain::PayloadReading signedReading = domain::readPayload(qr->text, verify);
  EXPECT_EQ(signedReading.verdict, domain::PayloadVerdict::Valid) << qr->text;
  ASSERT_TRUE(signedReading.claims);
  EXPECT_EQ(signedReading.claims->code.digits(), a.code);
  EXPECT_EQ(signedReading.claims->consulate, "LON");
  EXPECT_EQ(signedReading.claims->appointmentUtc, a.startsAt);

  EXPECT_EQ(bars->text, a.code);
  const domain::PayloadReading bare = domain::readPayload(bars->text, verify);
  EXPECT_EQ(bare.verdict, domain::PayloadVerdict::Valid);
  EXPECT_FALSE(bare.signedPayload);
}

TEST_F(NoticeTest, EveryDemoNoticeReadsBackThroughTheScannerAdapter) {
  for (const server::Appointment& a : demoAppointments()) {
    SCOPED_TRACE(a.serviceId);
    const RenderedNotice notice = render(a.code);
    EXPECT_EQ(notice.page.width, NoticePage::kWidth);
    EXPECT_EQ(notice.page.height, NoticePage::kHeight);
    expectCodesReadBack(notice.page, a, verify_);
  }
}

TEST_F(NoticeTest, ThePngFileReadsBackToo) {
  // Through the file, as the scanner tests will take the demo's pictures.
  test::TempDir dir;
  const server::Appointment a = demoAppointments().front();
  const auto file = dir.path() / "notice.png";
  ASSERT_TRUE(text::writePng(file, render(a.code).page));
  auto page = text::readPngCoverage(file);
  ASSERT_TRUE(page) << page.error().message;
  expectCodesReadBack(*page, a, verify_);
}

TEST_F(NoticeTest, NothingOverlapsOrLeavesThePrintableArea) {
  // 6 mm from the paper's edge: what home printers reach.
  constexpr int kEdge = 48;
  for (const server::Appointment& a : demoAppointments()) {
    SCOPED_TRACE(a.serviceId);
    const RenderedNotice notice = render(a.code);
    ASSERT_GT(notice.items.size(), 20u);
    for (std::size_t i = 0; i < notice.items.size(); ++i) {
      const PlacedItem& item = notice.items[i];
      EXPECT_GE(item.box.left, kEdge) << item.what;
      EXPECT_GE(item.box.top, kEdge) << item.what;
      EXPECT_LE(item.box.right, NoticePage::kWidth - kEdge) << item.what;
      EXPECT_LE(item.box.bottom, NoticePage::kHeight - kEdge) << item.what;
      for (std::size_t j = i + 1; j < notice.items.size(); ++j) {
        EXPECT_FALSE(item.box.intersects(notice.items[j].box))
            << item.what << " overlaps " << notice.items[j].what;
      }
    }
  }
}

TEST_F(NoticeTest, PersianIsOnTheRightAndEnglishOnTheLeft) {
  // The header and the codes are centred; everything else is in its language's column.
  const RenderedNotice notice = render(demoAppointments().front().code);
  int persian = 0;
  int english = 0;
  for (const PlacedItem& item : notice.items) {
    if (item.what.starts_with("fa.")) {
      ++persian;
      EXPECT_GT(item.box.left, NoticePage::kWidth / 2) << item.what;
    }
    if (item.what.starts_with("en.")) {
      ++english;
      EXPECT_LT(item.box.right, NoticePage::kWidth / 2) << item.what;
    }
  }
  EXPECT_GT(persian, 20);
  EXPECT_EQ(persian, english);
}

TEST_F(NoticeTest, TheOriginalsAreTheServicesThenTheAppointmentsOwn) {
  const server::Appointment marriage = demoAppointments().at(2);
  const auto content = noticeFromStore(*store_, marriage.code, key_);
  ASSERT_TRUE(content);
  const domain::Catalogue catalogue = store_->catalogue();
  const auto& service = catalogue.find("marriage_registration")->originals;
  ASSERT_EQ(content->originals.size(), service.size() + marriage.extraOriginals.size());
  EXPECT_TRUE(std::equal(service.begin(), service.end(), content->originals.begin()));
  EXPECT_EQ(content->originals.back(), marriage.extraOriginals.back());
  EXPECT_EQ(content->applicantFa, "سارا تهرانی");
  EXPECT_EQ(content->applicantEn, "Sara Tehrani");
  EXPECT_EQ(content->serviceEn, "Marriage registration");
}

TEST_F(NoticeTest, ALongListStepsDownInSizeAndATooLongOneIsAnError) {
  const RenderedNotice passport = render(demoAppointments().at(0).code);
  const RenderedNotice marriage = render(demoAppointments().at(2).code);
  EXPECT_GE(marriage.originalsPixelSize, 22);
  EXPECT_LE(marriage.originalsPixelSize, passport.originalsPixelSize);

  auto content = noticeFromStore(*store_, demoAppointments().at(2).code, key_);
  ASSERT_TRUE(content);
  const auto base = content->originals;
  for (int i = 0; i < 3; ++i) {
    content->originals.insert(content->originals.end(), base.begin(), base.end());
  }
  const auto tooLong = renderNotice(test::engine(), *content);
  ASSERT_FALSE(tooLong);
  EXPECT_NE(tooLong.error().message.find("do not fit"), std::string::npos);
}

TEST_F(NoticeTest, CodesAreParsedLikeTheKioskParsesThem) {
  // The first demo code, 48210093175268: Persian digits and the grouped form find the same
  // appointment.
  EXPECT_TRUE(noticeFromStore(*store_, "۴۸۲۱ ۰۰۹۳ ۱۷۵۲ ۶۸", key_));
  EXPECT_TRUE(noticeFromStore(*store_, "4821 0093 1752 68", key_));

  auto typo = noticeFromStore(*store_, "48210093175269", key_);
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("check digit"), std::string::npos);
  auto shortCode = noticeFromStore(*store_, "4821", key_);
  ASSERT_FALSE(shortCode);
  EXPECT_NE(shortCode.error().message.find("14-digit"), std::string::npos);
  // A well-formed code nobody booked.
  std::string other = "1234567890123";
  other += domain::verhoeffCheckDigit(other);
  auto missing = noticeFromStore(*store_, other, key_);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no appointment"), std::string::npos);
}

TEST_F(NoticeTest, OnlyABookedAppointmentGetsANotice) {
  server::Appointment cancelled = demoAppointments().front();
  std::string digits = "9990001112223";
  cancelled.code = digits + domain::verhoeffCheckDigit(digits);
  cancelled.status = server::AppointmentStatus::Cancelled;
  ASSERT_TRUE(store_->addAppointment(cancelled));
  auto notice = noticeFromStore(*store_, cancelled.code, key_);
  ASSERT_FALSE(notice);
  EXPECT_NE(notice.error().message.find("cancelled"), std::string::npos);
}

TEST_F(NoticeTest, BadStoredDataIsAnErrorValue) {
  server::Appointment a = demoAppointments().front();
  std::string digits = "9990001112224";
  a.code = digits + domain::verhoeffCheckDigit(digits);
  a.startsAt = 0;  // 1970: no payload can carry it
  ASSERT_TRUE(store_->addAppointment(a));
  auto notice = noticeFromStore(*store_, a.code, key_);
  ASSERT_FALSE(notice);

  NoticeContent content = noticeFromStore(*store_, demoAppointments().front().code, key_).value();
  content.timeZone = "Mars/Olympus_Mons";
  EXPECT_FALSE(renderNotice(test::engine(), content));
}

// `mikhakctl notice --db`: an existing database and the server's key beside it.
class NoticeDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto store = server::SqliteStore::open(db_);
    ASSERT_TRUE(seedDemoStore(*store, loadDefaultCatalogue().value()));
  }
  test::TempDir dir_;
  std::filesystem::path db_ = dir_.path() / "server.db";
  std::filesystem::path out_ = dir_.path() / "notice.png";
};

TEST_F(NoticeDatabaseTest, SignsWithTheKeyBesideTheDatabase) {
  EXPECT_EQ(defaultKeyFile(db_), dir_.path() / "server.db.key.pem");
  std::ofstream(defaultKeyFile(db_)) << test::kTestKeyPem;
  const server::Appointment a = demoAppointments().at(1);
  auto written = writeNoticeFromDatabase(test::engine(), db_, a.code, defaultKeyFile(db_), out_);
  ASSERT_TRUE(written) << written.error().message;
  auto page = text::readPngCoverage(out_);
  ASSERT_TRUE(page);
  const auto verify = domain::VerifyKey::fromPem(test::testKey().publicKeyPem()).value();
  expectCodesReadBack(*page, a, verify);
}

TEST_F(NoticeDatabaseTest, AMissingKeyIsAClearErrorAndIsNotMade) {
  const auto key = defaultKeyFile(db_);
  auto written =
      writeNoticeFromDatabase(test::engine(), db_, demoAppointments().front().code, key, out_);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message.find("no signing key at " + key.string()), std::string::npos)
      << written.error().message;
  EXPECT_FALSE(std::filesystem::exists(key));
  EXPECT_FALSE(std::filesystem::exists(out_));
}

TEST_F(NoticeDatabaseTest, AMissingDatabaseIsAClearErrorAndIsNotMade) {
  const auto missing = dir_.path() / "nothing.db";
  std::ofstream(defaultKeyFile(missing)) << test::kTestKeyPem;
  auto written = writeNoticeFromDatabase(test::engine(), missing, demoAppointments().front().code,
                                         defaultKeyFile(missing), out_);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message.find("no database"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(NoticeDatabaseTest, AKeyThatIsNotAKeyIsAnError) {
  std::ofstream(defaultKeyFile(db_)) << "not a key";
  EXPECT_FALSE(writeNoticeFromDatabase(test::engine(), db_, demoAppointments().front().code,
                                       defaultKeyFile(db_), out_));
}

TEST(NoticeDemo, WritesTheNoticesAndAPublicKeyThatVerifiesThem) {
  test::TempDir dir;
  auto written = writeDemoNotices(test::engine(), dir.path() / "notices");
  ASSERT_TRUE(written) << written.error().message;
  const auto demo = demoAppointments();
  ASSERT_EQ(written->size(), demo.size());
  ASSERT_GE(demo.size(), 3u);

  std::ifstream in(dir.path() / "notices" / "consulate.pub.pem");
  const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto verify = domain::VerifyKey::fromPem(pem);
  ASSERT_TRUE(verify) << verify.error().message;
  for (std::size_t i = 0; i < demo.size(); ++i) {
    SCOPED_TRACE(demo[i].serviceId);
    EXPECT_EQ((*written)[i].file.filename(), "notice-" + demo[i].code + ".png");
    auto page = text::readPngCoverage((*written)[i].file);
    ASSERT_TRUE(page) << page.error().message;
    expectCodesReadBack(*page, demo[i], *verify);
  }
}

TEST(NoticeDemo, CoversDifferentServicesAndALongList) {
  const auto demo = demoAppointments();
  std::set<std::string> services;
  std::size_t longest = 0;
  const auto catalogue = loadDefaultCatalogue().value();
  for (const auto& a : demo) {
    services.insert(a.serviceId);
    const auto* service = catalogue.find(a.serviceId);
    ASSERT_NE(service, nullptr) << a.serviceId;
    longest = std::max(longest, service->originals.size() + a.extraOriginals.size());
    const auto parsed = domain::TrackingCode::parse(a.code);
    EXPECT_TRUE(std::holds_alternative<domain::TrackingCode>(parsed)) << a.code;
  }
  EXPECT_EQ(services.size(), demo.size());
  EXPECT_GE(longest, 10u);
}

}  // namespace
}  // namespace mikhak::ctl
