// mikhak-bench-seed: a fresh server database for load tests. Made through the server's own storage
// API (so the schema and the rows are what the server writes), except the appointments, which go
// in with one transaction: addAppointment commits (and fsyncs) each row, and 60,000 of those take
// minutes. Every appointment starts at the time of seeding, so check-in is open for all of them.
//
// It writes to --out: kiosk-token.txt, staff-login.txt, staff-password.txt, codes.txt (one bare
// tracking code a line), payloads.txt (the first codes as signed QR payloads) and seed.env (the
// values the server must be started with, as shell assignments). The signing key goes beside the
// database (<db>.key.pem), where mikhak-server looks for it, so the payloads verify.
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "mikhak/domain/catalogue.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/tracking_code.hpp"
#include "sqlite_db.hpp"
#include "sqlite_store.hpp"
#include "staff_auth.hpp"
#include "token.hpp"

#ifndef MIKHAK_SOURCE_ASSETS
#define MIKHAK_SOURCE_ASSETS ""
#endif

namespace {

using namespace mikhak;
namespace fs = std::filesystem;

struct Options {
  fs::path db;
  fs::path out;
  fs::path catalogue = fs::path(MIKHAK_SOURCE_ASSETS) / "catalogue/services.toml";
  std::string consulateId = "BEN";
  std::string timeZone = "UTC";
  int appointments = 60000;
  int counters = 6;
  int payloads = 100;
};

void writeFile(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

// The signing key the server will load (main.cpp reads <db>.key.pem when it exists).
domain::SigningKey writeSigningKey(const fs::path& db) {
  domain::SigningKey key = domain::SigningKey::generate();
  const fs::path file = db.string() + ".key.pem";
  writeFile(file, key.toPem());
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  return key;
}

// The appointments, in one transaction on a second connection to the file the store made.
std::vector<std::string> insertAppointments(const Options& o, const domain::Catalogue& catalogue,
                                            std::int64_t startsAt, const domain::SigningKey& key,
                                            std::vector<std::string>& payloads) {
  auto db = server::Database::open(o.db);
  server::Transaction transaction(*db);
  server::Statement insert = db->prepare(
      "INSERT INTO appointment (code, consulate_id, service_id, given_name_fa, family_name_fa, "
      "given_name_en, family_name_en, national_id, starts_at, status, priority, "
      "extra_originals_json) VALUES (?1, ?2, ?3, 'بنچ', 'آزمایشی', 'Bench', 'Test', "
      "'0000000000', ?4, 'booked', 0, '[]')");
  std::vector<std::string> codes;
  codes.reserve(static_cast<std::size_t>(o.appointments));
  while (codes.size() < static_cast<std::size_t>(o.appointments)) {
    const domain::TrackingCode code = domain::TrackingCode::generate();
    // Services in turn, so every queue gets its share.
    const auto& service = catalogue.services[codes.size() % catalogue.services.size()];
    insert.bind(1, code.digits()).bind(2, o.consulateId).bind(3, service.id).bind(4, startsAt);
    try {
      insert.run();
    } catch (const server::SqliteError& e) {
      insert.reset();
      if (e.constraint()) continue;  // the same random code twice (1 in 10^13): draw another
      throw;
    }
    insert.reset();
    if (payloads.size() < static_cast<std::size_t>(o.payloads)) {
      payloads.push_back(domain::encodeNoticePayload({code, o.consulateId, startsAt}, key));
    }
    codes.push_back(code.digits());
  }
  transaction.commit();
  return codes;
}

std::string lines(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += item + '\n';
  return text;
}

int run(const Options& o) {
  if (fs::exists(o.db)) throw std::runtime_error(o.db.string() + " exists; seed a fresh file");
  fs::create_directories(o.out);
  auto catalogue = domain::loadCatalogue(o.catalogue);
  if (!catalogue) throw std::runtime_error(catalogue.error().message);
  if (catalogue->services.empty()) throw std::runtime_error("the catalogue has no services");

  const std::string kioskToken = server::newToken();
  const std::string staffLogin = "bench";
  const std::string staffPassword = server::newToken().substr(0, 16);
  std::string counterList;
  {
    auto store = server::SqliteStore::open(o.db);
    store->saveConsulate({o.consulateId, "کنسولگری آزمایشی", "Bench consulate", o.timeZone});
    store->saveCatalogue(*catalogue);
    store->addKiosk(
        {.id = "bench-kiosk", .name = "Bench kiosk", .tokenHash = server::tokenHash(kioskToken)});
    // Every counter serves every service, so call-next never finds a queue it cannot take from.
    std::vector<std::string> all;
    for (const auto& s : catalogue->services) all.push_back(s.id);
    for (int n = 1; n <= o.counters; ++n) {
      store->saveCounter({n, "باجه " + std::to_string(n), "Counter " + std::to_string(n), all});
      counterList += (n > 1 ? "," : "") + std::to_string(n);
    }
    // A supervisor may call next at any counter and read the dashboard (queue depths).
    server::StaffMember member{0, staffLogin, "Bench supervisor", server::Role::Supervisor,
                               server::hashPassword(staffPassword)};
    if (!store->addStaff(member)) throw std::runtime_error("cannot add the bench staff member");
  }  // the store's connection closes here; the bulk insert below uses its own

  const auto started = std::chrono::steady_clock::now();
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  const domain::SigningKey key = writeSigningKey(o.db);
  std::vector<std::string> payloads;
  const std::vector<std::string> codes = insertAppointments(o, *catalogue, now, key, payloads);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  writeFile(o.out / "kiosk-token.txt", kioskToken + '\n');
  writeFile(o.out / "staff-login.txt", staffLogin + '\n');
  writeFile(o.out / "staff-password.txt", staffPassword + '\n');
  writeFile(o.out / "codes.txt", lines(codes));
  writeFile(o.out / "payloads.txt", lines(payloads));
  writeFile(o.out / "seed.env", "CONSULATE_ID=" + o.consulateId + "\nTIME_ZONE=" + o.timeZone +
                                    "\nCOUNTERS=" + counterList +
                                    "\nAPPOINTMENTS=" + std::to_string(codes.size()) +
                                    "\nSTARTS_AT=" + std::to_string(now) + '\n');
  std::cout << "seed: " << codes.size() << " appointments at " << o.consulateId << " ("
            << o.timeZone << "), " << catalogue->services.size() << " services, " << o.counters
            << " counters, in " << seconds << " s; files in " << o.out.string() << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "mikhak-bench-seed: a fresh server database of today's appointments, for load tests"};
  Options o;
  app.add_option("--db", o.db, "The database file to create (must not exist)")->required();
  app.add_option("--out", o.out, "Folder for the token, password and codes files")->required();
  app.add_option("--catalogue", o.catalogue, "Service catalogue (TOML)")->capture_default_str();
  app.add_option("--consulate-id", o.consulateId, "Consulate id (start the server with the same)")
      ->capture_default_str();
  app.add_option("--time-zone", o.timeZone, "Consulate time zone (start the server with the same)")
      ->capture_default_str();
  app.add_option("--appointments", o.appointments, "How many appointments, all starting now")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  app.add_option("--counters", o.counters, "How many counters, each serving every service")
      ->capture_default_str()
      ->check(CLI::Range(1, 99));
  app.add_option("--payloads", o.payloads, "How many signed QR payloads to write")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000000));
  CLI11_PARSE(app, argc, argv);
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "mikhak-bench-seed: " << e.what() << '\n';
    return 1;
  }
}
