#include <httplib.h>
#include <systemd/sd-daemon.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "api.hpp"
#include "demo_seed.hpp"
#include "health_watchdog.hpp"
#include "migrations.hpp"
#include "mikhak/domain/catalogue.hpp"
#include "server_config.hpp"
#include "sqlite_store.hpp"

#ifndef MIKHAK_SOURCE_ASSETS
#define MIKHAK_SOURCE_ASSETS ""
#endif
#ifndef MIKHAK_SERVER_SOURCE
#define MIKHAK_SERVER_SOURCE ""
#endif

namespace {

using namespace mikhak;

std::filesystem::path defaultCatalogue() {
  const std::filesystem::path source =
      std::filesystem::path(MIKHAK_SOURCE_ASSETS) / "catalogue/services.toml";
  if (std::filesystem::exists(source)) return source;
  return "/usr/share/mikhak/catalogue/services.toml";
}

std::filesystem::path webRoot() {
  const std::filesystem::path source = std::filesystem::path(MIKHAK_SERVER_SOURCE) / "web";
  if (std::filesystem::exists(source)) return source;
  return "/usr/share/mikhak/web";
}

std::filesystem::path fontRoot() {
  const std::filesystem::path source = std::filesystem::path(MIKHAK_SOURCE_ASSETS) / "fonts";
  if (std::filesystem::exists(source)) return source;
  return "/usr/share/mikhak/fonts";
}

// The consulate's signing key: read, or made on first start and kept beside the database (0600).
Result<domain::SigningKey> loadOrCreateKey(const std::filesystem::path& file) {
  if (std::ifstream in(file); in) {
    std::stringstream pem;
    pem << in.rdbuf();
    return domain::SigningKey::fromPem(pem.str());
  }
  domain::SigningKey key = domain::SigningKey::generate();
  {
    std::ofstream out(file);
    out << key.toPem();
    if (!out) return Error{"cannot write the signing key to " + file.string()};
  }
  std::filesystem::permissions(
      file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ofstream(file.string() + ".pub") << key.publicKeyPem();
  return key;
}

int run(int argc, char** argv) {
  CLI::App app{
      "mikhak-server: the consulate server (appointments, tracking codes, check-in, queues)"};
  std::string configFile;
  server::ServerConfig cli;
  int early = 60;
  int late = 15;
  bool demo = false;
  bool admitLate = false;
  app.add_option("--config", configFile, "Configuration file (TOML), e.g. /etc/mikhak/server.toml");
  app.add_option("--db", cli.db, "SQLite database file")->capture_default_str();
  app.add_option("--listen", cli.listen, "HOST:PORT to serve on")->capture_default_str();
  app.add_flag("--demo", demo, "Seed a demo consulate with today's appointments (empty database)");
  app.add_option("--catalogue", cli.catalogue, "Service catalogue (TOML)");
  app.add_option("--key", cli.key,
                 "The consulate's Ed25519 signing key, PEM (default: beside the database)");
  app.add_option("--tls-cert", cli.tlsCert, "TLS certificate (PEM); with --tls-key, serve HTTPS");
  app.add_option("--tls-key", cli.tlsKey, "TLS private key (PEM)");
  app.add_option("--consulate-id", cli.consulate.id, "The consulate's id in notices");
  app.add_option("--consulate-fa", cli.consulate.nameFa, "The consulate's name in Persian");
  app.add_option("--consulate-en", cli.consulate.nameEn, "The consulate's name in English");
  app.add_option("--time-zone", cli.consulate.timeZone, "The consulate's IANA time zone");
  app.add_option("--early-minutes", early, "Check-in opens this long before")
      ->capture_default_str();
  app.add_option("--late-minutes", late, "Check-in closes this long after the start")
      ->capture_default_str();
  app.add_flag("--admit-late", admitLate,
               "Admit late arrivals at lower priority instead of refusing");
  CLI11_PARSE(app, argc, argv);

  base::Journal journal(base::defaultSink("mikhak-server"));
  const auto fail = [&journal](const std::string& message) {
    journal.error("start_failed", message);
    return 1;
  };
  server::ServerConfig o;
  if (!configFile.empty()) {
    auto loaded = server::loadServerConfig(configFile);
    if (!loaded) return fail(loaded.error().message);
    o = std::move(*loaded);
  }
  // The command line overrides the file.
  const auto given = [&](const char* option) { return app.count(option) > 0; };
  if (given("--db")) o.db = cli.db;
  if (given("--listen")) o.listen = cli.listen;
  if (given("--catalogue")) o.catalogue = cli.catalogue;
  if (given("--key")) o.key = cli.key;
  if (given("--tls-cert")) o.tlsCert = cli.tlsCert;
  if (given("--tls-key")) o.tlsKey = cli.tlsKey;
  if (given("--consulate-id")) o.consulate.id = cli.consulate.id;
  if (given("--consulate-fa")) o.consulate.nameFa = cli.consulate.nameFa;
  if (given("--consulate-en")) o.consulate.nameEn = cli.consulate.nameEn;
  if (given("--time-zone")) o.consulate.timeZone = cli.consulate.timeZone;
  if (given("--early-minutes")) o.window.early = std::chrono::minutes(early);
  if (given("--late-minutes")) o.window.late = std::chrono::minutes(late);
  if (admitLate) o.window.latePolicy = server::LatePolicy::AdmitLowPriority;
  if (o.tlsCert.empty() != o.tlsKey.empty()) return fail("TLS needs both a certificate and a key");

  const std::string::size_type colon = o.listen.rfind(':');
  const int port = colon == std::string::npos ? 0 : std::atoi(o.listen.c_str() + colon + 1);
  if (port <= 0 || port > 65535) return fail("--listen wants HOST:PORT, got " + o.listen);
  const std::string host = o.listen.substr(0, colon);

  auto clock = domain::ZoneClock::create(o.consulate.timeZone);
  if (!clock) return fail(clock.error().message);
  auto catalogue = domain::loadCatalogue(o.catalogue.empty() ? defaultCatalogue()
                                                             : std::filesystem::path(o.catalogue));
  if (!catalogue) return fail(catalogue.error().message);
  auto store = server::SqliteStore::open(o.db);
  store->saveConsulate(o.consulate);
  store->saveCatalogue(*catalogue);
  auto key = loadOrCreateKey(std::filesystem::path(o.key.empty() ? o.db + ".key.pem" : o.key));
  if (!key) return fail(key.error().message);
  auto verify = domain::VerifyKey::fromPem(key->publicKeyPem());

  const auto now = [] {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  };
  if (demo) {
    if (store->appointmentCount() > 0) {
      std::cout << "demo: the database already has appointments; not seeding again\n";
    } else {
      const server::DemoSeed seed = server::seedDemo(*store, o.consulate, *clock, *key, now());
      std::cout << "demo: " << seed.appointments << " appointments at " << o.consulate.id
                << "\ndemo: kiosk token: " << seed.kioskToken << "\ndemo: staff log-ins:\n";
      for (const auto& [login, password] : seed.staff) {
        std::cout << "  " << login << " / " << password << '\n';
      }
      std::cout << "demo: codes to try:\n";
      for (const auto& s : seed.samples) {
        std::cout << "  " << s.code << "  " << s.time << "  " << s.service << " (" << s.status
                  << ")\n      QR: " << s.payload << '\n';
      }
    }
  }

  const server::CheckInWindow window = o.window;
  server::CheckInService checkIn(*store, *verify, o.consulate, std::move(*clock), window, now);
  server::NowServingHub hub;
  server::QueueService queue(*store, hub, checkIn.zoneClock(), now, o.queue);
  queue.restoreRecentCalls();
  server::OfflineService offline(*store, *key, o.consulate, checkIn.zoneClock(), window, now);
  server::Api api(*store, checkIn, queue, offline, hub, *key, journal, now);
  std::unique_ptr<httplib::Server> http;
  if (!o.tlsCert.empty() || !o.tlsKey.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(o.tlsCert.c_str(), o.tlsKey.c_str());
    if (!tls->is_valid()) return fail("cannot use the TLS certificate and key");
    http = std::move(tls);
  } else {
    http = std::make_unique<httplib::Server>();
  }
  api.mount(*http);

  // The staff console and the display page: static files, no build step.
  if (!http->set_mount_point("/", webRoot().c_str())) {
    return fail("no staff console at " + webRoot().string());
  }
  http->set_mount_point("/fonts", fontRoot().c_str());
  http->set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  http->set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
  http->set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");

  // SIGTERM and SIGINT stop the server cleanly: they are waited for on a thread of their own.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread stopper([&] {
    int received = 0;
    sigwait(&signals, &received);
    hub.shutdown();  // event streams end first, or stop() would wait for them
    http->stop();
  });
  if (!http->bind_to_port(host, port)) {
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return fail("cannot listen on " + o.listen);
  }
  std::cout << "mikhak-server: serving on " << (o.tlsCert.empty() ? "http://" : "https://")
            << o.listen << std::endl;
  journal.notice("start", "serving " + o.consulate.id + " on " + o.listen,
                 {{"CONSULATE", o.consulate.id},
                  {"LISTEN", o.listen},
                  {"TLS", o.tlsCert.empty() ? "0" : "1"},
                  {"SCHEMA", std::to_string(server::latestSchemaVersion())}});
  // Under systemd (Type=notify): ready once the port is bound, and the watchdog pinged only while
  // the server answers its own health check.
  const server::HealthWatchdog watchdog({.host = host, .port = port, .tls = !o.tlsCert.empty()});
  sd_notify(0, ("READY=1\nSTATUS=serving on " + o.listen).c_str());
  http->listen_after_bind();
  sd_notify(0, "STOPPING=1");
  journal.notice("stop", "stopped");
  if (stopper.joinable()) {
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "mikhak-server: " << e.what() << '\n';
    return 1;
  }
}
