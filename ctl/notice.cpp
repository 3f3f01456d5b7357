#include "notice.hpp"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/text/png.hpp"
#include "sqlite_store.hpp"

#ifndef MIKHAK_SOURCE_ASSETS
#define MIKHAK_SOURCE_ASSETS ""
#endif

namespace mikhak::ctl {
namespace {

std::string fullName(const std::string& given, const std::string& family) {
  if (given.empty()) return family;
  if (family.empty()) return given;
  return given + " " + family;
}

// A demo code: 13 fixed digits and their Verhoeff check digit.
std::string demoCode(std::string_view thirteen) {
  return std::string(thirteen) + domain::verhoeffCheckDigit(thirteen);
}

// UTC seconds of a civil date and time given in UTC.
std::int64_t utc(std::chrono::year_month_day day, int hour, int minute) {
  using namespace std::chrono;
  return sys_seconds(sys_days(day) + hours(hour) + minutes(minute)).time_since_epoch().count();
}

}  // namespace

Result<NoticeContent> noticeFromStore(server::Store& store, std::string_view code,
                                      const domain::SigningKey& key) {
  auto parsed = domain::TrackingCode::parse(code);
  if (const auto* error = std::get_if<domain::TrackingCode::ParseError>(&parsed)) {
    return Error{*error == domain::TrackingCode::ParseError::BadCheckDigit
                     ? "notice: '" + std::string(code) + "' has a wrong check digit (a typo?)"
                     : "notice: '" + std::string(code) + "' is not a 14-digit tracking code"};
  }
  const domain::TrackingCode& tracking = std::get<domain::TrackingCode>(parsed);
  const auto appointment = store.appointmentByCode(tracking.digits());
  if (!appointment) return Error{"notice: no appointment has the code " + tracking.grouped()};
  if (appointment->status != server::AppointmentStatus::Booked) {
    return Error{"notice: appointment " + tracking.grouped() + " is " +
                 std::string(server::toString(appointment->status)) +
                 ", not booked: no notice to print"};
  }
  const auto consulate = store.consulate(appointment->consulateId);
  if (!consulate) return Error{"notice: unknown consulate '" + appointment->consulateId + "'"};
  const domain::Catalogue catalogue = store.catalogue();
  const domain::Service* service = catalogue.find(appointment->serviceId);
  if (!service) return Error{"notice: unknown service '" + appointment->serviceId + "'"};

  std::string payload;
  try {
    payload = domain::encodeNoticePayload({tracking, consulate->id, appointment->startsAt}, key);
  } catch (const std::invalid_argument& e) {
    // Stored data the payload cannot carry (a bad consulate id or time) is bad data, not a bug.
    return Error{std::string("notice: ") + e.what()};
  }
  std::vector<domain::OriginalDocument> originals = service->originals;
  originals.insert(originals.end(), appointment->extraOriginals.begin(),
                   appointment->extraOriginals.end());
  const server::Applicant& a = appointment->applicant;
  std::string nameFa = fullName(a.givenFa, a.familyFa);
  std::string nameEn = fullName(a.givenEn, a.familyEn);
  if (nameFa.empty()) nameFa = nameEn;
  if (nameEn.empty()) nameEn = nameFa;
  return NoticeContent{
      .consulateFa = consulate->nameFa,
      .consulateEn = consulate->nameEn,
      .timeZone = consulate->timeZone,
      .code = tracking,
      .applicantFa = std::move(nameFa),
      .applicantEn = std::move(nameEn),
      .serviceFa = service->nameFa,
      .serviceEn = service->nameEn,
      .startsAt = std::chrono::sys_seconds(std::chrono::seconds(appointment->startsAt)),
      .originals = std::move(originals),
      .qrPayload = std::move(payload),
  };
}

std::filesystem::path defaultKeyFile(const std::filesystem::path& database) {
  return database.string() + ".key.pem";
}

Result<domain::SigningKey> readSigningKey(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return Error{"notice: no signing key at " + file.string() +
                 " (mikhak-server makes it on first start; pass --key for another file)"};
  }
  std::stringstream pem;
  pem << in.rdbuf();
  auto key = domain::SigningKey::fromPem(pem.str());
  if (!key) return Error{"notice: " + file.string() + ": " + key.error().message};
  return key;
}

Result<Ok> writeNoticeFromDatabase(text::TextEngine& engine, const std::filesystem::path& database,
                                   std::string_view code, const std::filesystem::path& keyFile,
                                   const std::filesystem::path& out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(database, ec)) {
    return Error{"notice: no database at " + database.string()};
  }
  auto key = readSigningKey(keyFile);
  if (!key) return key.error();
  Result<NoticeContent> content = Error{""};
  try {
    // A running server's file: read it as it is, never migrate or write it.
    const auto store = server::SqliteStore::openReadOnly(database);
    content = noticeFromStore(*store, code, *key);
  } catch (const std::exception& e) {
    return Error{"notice: " + database.string() + ": " + e.what()};
  }
  if (!content) return content.error();
  auto notice = renderNotice(engine, *content);
  if (!notice) return notice.error();
  return text::writePng(out, notice->page);
}

Result<domain::Catalogue> loadDefaultCatalogue() {
  const std::filesystem::path source =
      std::filesystem::path(MIKHAK_SOURCE_ASSETS) / "catalogue/services.toml";
  std::error_code ec;
  if (*MIKHAK_SOURCE_ASSETS && std::filesystem::exists(source, ec)) {
    return domain::loadCatalogue(source);
  }
  return domain::loadCatalogue("/usr/share/mikhak/catalogue/services.toml");
}

server::Consulate demoConsulate() {
  // As mikhak-server's defaults, so that demo notices look like the server's.
  return {"LON", "سرکنسولگری جمهوری اسلامی ایران در لندن",
          "Consulate General of the I.R. of Iran, London", "Europe/London"};
}

std::vector<server::Appointment> demoAppointments() {
  using namespace std::chrono;
  const auto appointment = [](std::string_view digits, const char* service,
                              server::Applicant applicant, std::int64_t startsAt,
                              std::vector<domain::OriginalDocument> extra = {}) {
    server::Appointment a;
    a.code = demoCode(digits);
    a.consulateId = "LON";
    a.serviceId = service;
    a.applicant = std::move(applicant);
    a.startsAt = startsAt;
    a.extraOriginals = std::move(extra);
    return a;
  };
  // National IDs are stored, as the server stores them, and must never reach a notice.
  return {
      // London keeps GMT in November: 10:30 local is 10:30 UTC.
      appointment("4821009317526", "passport", {"مریم", "رضایی", "Maryam", "Rezaei", "0012345679"},
                  utc(2026y / November / 24, 10, 30)),
      appointment("7306512948830", "power_of_attorney",
                  {"علی", "محمدی", "Ali", "Mohammadi", "0071234566"},
                  utc(2026y / November / 24, 11, 5)),
      // The long one: marriage's eight originals and three of the applicant's own.
      appointment(
          "5590146627314", "marriage_registration",
          {"سارا", "تهرانی", "Sara", "Tehrani", "0023456781"}, utc(2026y / December / 1, 9, 40),
          {{"اصل گذرنامه معتبر هر دو زوج", "Both spouses' valid passports"},
           {"اصل ترجمه رسمی گواهی ازدواج محلی",
            "Official translation of the local marriage certificate"},
           {"اصل مدرک اقامت زوجین در کشور محل مأموریت", "Both spouses' residence permits"}}),
      // Summer time: 14:20 in London (BST) is 13:20 UTC.
      appointment("2649873015562", "student_enrolment",
                  {"کاوه", "فراهانی", "Kaveh", "Farahani", "0034567892"},
                  utc(2027y / June / 15, 13, 20),
                  {{"اصل کارنامه نیم‌سال گذشته", "Last term's transcript"}}),
  };
}

Result<Ok> seedDemoStore(server::Store& store, const domain::Catalogue& catalogue) {
  store.saveConsulate(demoConsulate());
  store.saveCatalogue(catalogue);
  for (server::Appointment a : demoAppointments()) {
    if (!catalogue.find(a.serviceId)) {
      return Error{"notice: the catalogue has no service '" + a.serviceId + "' for the demo"};
    }
    if (!store.addAppointment(a)) return Error{"notice: demo code " + a.code + " is taken"};
  }
  return Ok{};
}

Result<std::vector<DemoNotice>> writeDemoNotices(text::TextEngine& engine,
                                                 const std::filesystem::path& dir) {
  auto catalogue = loadDefaultCatalogue();
  if (!catalogue) return catalogue.error();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error{"notice: cannot make " + dir.string() + ": " + ec.message()};

  // In memory: the demo leaves nothing behind but the pictures and the public key.
  const auto store = server::SqliteStore::open(":memory:");
  if (auto seeded = seedDemoStore(*store, *catalogue); !seeded) return seeded.error();
  const domain::SigningKey key = domain::SigningKey::generate();
  const auto publicKey = dir / "consulate.pub.pem";
  if (!(std::ofstream(publicKey) << key.publicKeyPem())) {
    return Error{"notice: cannot write " + publicKey.string()};
  }

  std::vector<DemoNotice> written;
  for (const server::Appointment& a : demoAppointments()) {
    auto content = noticeFromStore(*store, a.code, key);
    if (!content) return content.error();
    auto notice = renderNotice(engine, *content);
    if (!notice) return notice.error();
    DemoNotice demo{a.code, a.serviceId, dir / ("notice-" + a.code + ".png")};
    if (auto png = text::writePng(demo.file, notice->page); !png) return png.error();
    written.push_back(std::move(demo));
  }
  return written;
}

}  // namespace mikhak::ctl
