#include "demo_server.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "free_port.hpp"

namespace mikhak::test {
namespace {

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fixed-offset zone (ICU's custom "GMT+hh:mm") in which the wall clock reads `local` now.
std::string zoneWhereItIs(const std::string& local) {
  const int hours = std::stoi(local.substr(0, 2));
  const int minutes = std::stoi(local.substr(3, 2));
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto utcMinute = std::chrono::duration_cast<std::chrono::minutes>(now).count() % (24 * 60);
  long offset = (hours * 60 + minutes - utcMinute) % (24 * 60);
  if (offset > 12 * 60) offset -= 24 * 60;
  if (offset < -12 * 60) offset += 24 * 60;
  char zone[16];
  std::snprintf(zone, sizeof zone, "GMT%c%02ld:%02ld", offset < 0 ? '-' : '+',
                std::labs(offset) / 60, std::labs(offset) % 60);
  return zone;
}

void makeCertificate(const std::filesystem::path& dir) {
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      (dir / "server.key").string() + " -out " + (dir / "server.crt").string() + " 2>/dev/null";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("DemoServer: openssl req");
}

}  // namespace

DemoServer::DemoServer(DemoServerOptions options) : options_(std::move(options)) {
  std::string dir = (std::filesystem::temp_directory_path() / "mikhak-demo-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) throw std::runtime_error("DemoServer: mkdtemp");
  dir_ = dir;
  timeZone_ = zoneWhereItIs(options_.localTime);
  std::vector<std::string> args{MIKHAK_SERVER_BINARY,
                                "--db",
                                (dir_ / "server.db").string(),
                                "--demo",
                                "--time-zone",
                                timeZone_,
                                "--early-minutes",
                                std::to_string(options_.earlyMinutes)};
  if (options_.tls) {
    makeCertificate(dir_);
    args.insert(args.end(), {"--tls-cert", (dir_ / "server.crt").string(), "--tls-key",
                             (dir_ / "server.key").string()});
  }
  // The port is free when asked; another process could take it before the server binds, so
  // a server that cannot listen is started again on another, over a fresh database.
  for (int attempt = 0; attempt < 3 && !running(); ++attempt) {
    for (const char* file : {"server.db", "server.db-wal", "server.db-shm", "server.log"}) {
      std::filesystem::remove(dir_ / file);
    }
    port_ = freeLoopbackPort();
    std::vector<std::string> listening = args;
    listening.insert(listening.end(), {"--listen", "127.0.0.1:" + std::to_string(port_)});
    process_ = std::make_unique<ServerProcess>(std::move(listening), dir_ / "server.log", [this] {
      httplib::Client http = client();
      http.set_connection_timeout(std::chrono::milliseconds(200));
      const auto health = http.Get("/api/v1/health");
      return health && health->status == 200;
    });
  }
  if (!running()) {
    ADD_FAILURE() << "mikhak-server did not start:\n" << log();
    return;
  }
  parseDemoOutput();
}

DemoServer::~DemoServer() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string DemoServer::baseUrl() const {
  return std::string(options_.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::vector<DemoCode> DemoServer::codes(std::string_view kind) const {
  std::vector<DemoCode> found;
  for (const auto& c : codes_) {
    if (c.kind == kind) found.push_back(c);
  }
  return found;
}

std::string DemoServer::staffPassword(const std::string& login) const {
  const auto found = staff_.find(login);
  return found == staff_.end() ? std::string() : found->second;
}

std::string DemoServer::publicKeyPem() const { return readText(dir_ / "server.db.key.pem.pub"); }

std::string DemoServer::log() const { return readText(dir_ / "server.log"); }

httplib::Client DemoServer::client() const {
  httplib::Client http(baseUrl());
  http.set_connection_timeout(std::chrono::seconds(2));
  http.set_read_timeout(std::chrono::seconds(5));
  if (options_.tls) {
    http.set_ca_cert_path(caCertFile().string());
    http.enable_server_certificate_verification(true);
  }
  return http;
}

std::optional<std::string> DemoServer::staffCookie(const std::string& login) const {
  httplib::Client http = client();
  const std::string body =
      R"({"login":")" + login + R"(","password":")" + staffPassword(login) + R"("})";
  const auto answer = http.Post("/api/v1/staff/login", body, "application/json");
  if (!answer || answer->status != 200) return std::nullopt;
  const std::string cookie = answer->get_header_value("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

bool DemoServer::restart() {
  const bool started = process_ && process_->restart();
  if (!started) ADD_FAILURE() << "mikhak-server did not start again:\n" << log();
  return started;
}

void DemoServer::stop() {
  if (process_) process_->stop();
}

// The demo's lines (server/src/main.cpp), printed before the server serves:
//   demo: kiosk token: <token>
//   demo: staff log-ins:
//     <login> / <password>
//   demo: codes to try:
//     <code>  <HH:MM>  <service> (<kind>)
//         QR: <payload>
void DemoServer::parseDemoOutput() {
  static const std::regex kToken(R"(^demo: kiosk token: (\S+)$)");
  static const std::regex kStaff(R"(^  (\S+) / (\S+)$)");
  static const std::regex kCode(R"(^  ([0-9]+)  ([0-9]{2}:[0-9]{2})  (\S+) \((.+)\)$)");
  static const std::regex kQr(R"(^      QR: (\S+)$)");
  std::istringstream lines(log());
  std::string line;
  bool inStaff = false;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (line.starts_with("demo:")) inStaff = line == "demo: staff log-ins:";
    if (std::regex_match(line, match, kToken)) {
      kioskToken_ = match[1];
    } else if (inStaff && std::regex_match(line, match, kStaff)) {
      staff_[match[1]] = match[2];
    } else if (std::regex_match(line, match, kCode)) {
      codes_.push_back({match[1], {}, match[3], match[2], match[4]});
    } else if (std::regex_match(line, match, kQr) && !codes_.empty()) {
      codes_.back().payload = match[1];
    }
  }
  if (kioskToken_.empty()) ADD_FAILURE() << "no kiosk token in the demo's output:\n" << log();
}

}  // namespace mikhak::test
