#pragma once

// The real mikhak-server (MIKHAK_SERVER_BINARY) with its demo day, as a child process on a free
// loopback port over a fresh database in a temporary folder: what its --demo output prints (the
// kiosk token, staff log-ins, codes to try) is parsed for the test. Killed and cleaned up in the
// destructor.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "free_port.hpp"

namespace mikhak::test {

// One of the demo's "codes to try", as it prints them.
struct DemoCode {
  std::string code;     // the 14-digit tracking code
  std::string payload;  // the notice's signed QR text
  std::string service;  // service id, e.g. "passport"
  std::string time;     // the appointment, consulate time "HH:MM"
  std::string kind;     // "open now", "cancelled" or "tomorrow"
};

struct DemoServerOptions {
  // The consulate's wall clock when the demo is seeded, made true whatever the hour by giving the
  // server a fixed-offset zone ("GMT+hh:mm"). The demo day runs 08:30-16:30; its "open now"
  // codes are those whose window (60 minutes before to 15 after) is open then: at 08:00, the
  // first 08:30 appointments, open until 08:45.
  std::string localTime = "08:00";
  // The server's check-in window opens this long before (--early-minutes). The demo picks its
  // "open now" codes by 60 minutes whatever this says: at 08:00 with 20, they are too early.
  int earlyMinutes = 60;
  // Serve HTTPS with a fresh self-signed certificate for 127.0.0.1 (caCertFile()).
  bool tls = false;
};

class DemoServer {
 public:
  explicit DemoServer(DemoServerOptions options = {}) : options_(std::move(options)) {
    std::string dir = (std::filesystem::temp_directory_path() / "mikhak-demo-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) throw std::runtime_error("DemoServer: mkdtemp");
    dir_ = dir;
    timeZone_ = zoneWhereItIs(options_.localTime);
    args_ = {MIKHAK_SERVER_BINARY,
             "--db",
             (dir_ / "server.db").string(),
             "--demo",
             "--time-zone",
             timeZone_,
             "--early-minutes",
             std::to_string(options_.earlyMinutes)};
    if (options_.tls) {
      makeCertificate();
      args_.insert(args_.end(), {"--tls-cert", (dir_ / "server.crt").string(), "--tls-key",
                                 (dir_ / "server.key").string()});
    }
    // The port is free when asked; another process could take it before the server binds, so
    // a server that cannot listen is started again on another, over a fresh database.
    for (int attempt = 0; attempt < 3 && !running(); ++attempt) {
      for (const char* file : {"server.db", "server.db-wal", "server.db-shm", "server.log"}) {
        std::filesystem::remove(dir_ / file);
      }
      port_ = freeLoopbackPort();
      start();
    }
    if (!running()) {
      ADD_FAILURE() << "mikhak-server did not start:\n" << log();
      return;
    }
    parseDemoOutput();
  }

  ~DemoServer() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  DemoServer(const DemoServer&) = delete;
  DemoServer& operator=(const DemoServer&) = delete;

  int port() const { return port_; }
  std::string baseUrl() const {
    return std::string(options_.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
  }
  const std::string& kioskToken() const { return kioskToken_; }
  // The zone the server was given, e.g. "GMT-03:17".
  const std::string& timeZone() const { return timeZone_; }
  const std::vector<DemoCode>& codes() const { return codes_; }
  std::vector<DemoCode> codes(std::string_view kind) const {
    std::vector<DemoCode> found;
    for (const auto& c : codes_) {
      if (c.kind == kind) found.push_back(c);
    }
    return found;
  }
  // "counter1", "counter2", "supervisor", "technician".
  std::string staffPassword(const std::string& login) const {
    const auto found = staff_.find(login);
    return found == staff_.end() ? std::string() : found->second;
  }
  // The consulate's public key (PEM), which the server writes beside its signing key.
  std::string publicKeyPem() const { return read(dir_ / "server.db.key.pem.pub"); }
  // TLS: the self-signed certificate, which is its own CA.
  std::filesystem::path caCertFile() const { return dir_ / "server.crt"; }
  const std::filesystem::path& directory() const { return dir_; }
  // What the server printed (stdout and stderr).
  std::string log() const { return read(dir_ / "server.log"); }

  // A client for the test's own requests (TLS verified against caCertFile()).
  httplib::Client client() const {
    httplib::Client http(baseUrl());
    http.set_connection_timeout(std::chrono::seconds(2));
    http.set_read_timeout(std::chrono::seconds(5));
    if (options_.tls) {
      http.set_ca_cert_path(caCertFile().string());
      http.enable_server_certificate_verification(true);
    }
    return http;
  }

  // Logs a member of staff in; the Cookie header's value for their requests, or nothing.
  std::optional<std::string> staffCookie(const std::string& login) const {
    httplib::Client http = client();
    const std::string body =
        R"({"login":")" + login + R"(","password":")" + staffPassword(login) + R"("})";
    const auto answer = http.Post("/api/v1/staff/login", body, "application/json");
    if (!answer || answer->status != 200) return std::nullopt;
    const std::string cookie = answer->get_header_value("Set-Cookie");
    return cookie.substr(0, cookie.find(';'));
  }

  bool running() const { return pid_ > 0; }
  // Starts the server again after stop(), on the same port and database: what a kiosk sees when
  // the server comes back. False if it did not start.
  bool restart() {
    stop();
    start();
    if (!running()) ADD_FAILURE() << "mikhak-server did not start again:\n" << log();
    return running();
  }
  // SIGKILL, as a power cut or a crash would; the port is closed when this returns.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

 private:
  static std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // A fixed-offset zone (ICU's custom "GMT+hh:mm") in which the wall clock reads `local` now.
  static std::string zoneWhereItIs(const std::string& local) {
    const int hours = std::stoi(local.substr(0, 2));
    const int minutes = std::stoi(local.substr(3, 2));
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto utcMinute =
        std::chrono::duration_cast<std::chrono::minutes>(now).count() % (24 * 60);
    long offset = (hours * 60 + minutes - utcMinute) % (24 * 60);
    if (offset > 12 * 60) offset -= 24 * 60;
    if (offset < -12 * 60) offset += 24 * 60;
    char zone[16];
    std::snprintf(zone, sizeof zone, "GMT%c%02ld:%02ld", offset < 0 ? '-' : '+',
                  std::labs(offset) / 60, std::labs(offset) % 60);
    return zone;
  }

  void makeCertificate() const {
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " +
        (dir_ / "server.key").string() + " -out " + (dir_ / "server.crt").string() + " 2>/dev/null";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("DemoServer: openssl req");
  }

  // Starts the server on port_ and waits until it answers; pid_ stays 0 if it did not.
  void start() {
    std::vector<std::string> args = args_;
    args.insert(args.end(), {"--listen", "127.0.0.1:" + std::to_string(port_)});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int logFd =
        ::open((dir_ / "server.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a test run that crashed
      ::dup2(logFd, STDOUT_FILENO);
      ::dup2(logFd, STDERR_FILENO);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(logFd);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {  // exited: port taken, or a bad option
        pid_ = 0;
        return;
      }
      httplib::Client http = client();
      http.set_connection_timeout(std::chrono::milliseconds(200));
      if (const auto health = http.Get("/api/v1/health"); health && health->status == 200) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
  }

  // The demo's lines (server/src/main.cpp), printed before the server serves:
  //   demo: kiosk token: <token>
  //   demo: staff log-ins:
  //     <login> / <password>
  //   demo: codes to try:
  //     <code>  <HH:MM>  <service> (<kind>)
  //         QR: <payload>
  void parseDemoOutput() {
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

  DemoServerOptions options_;
  std::filesystem::path dir_;
  std::string timeZone_;
  int port_ = 0;
  pid_t pid_ = 0;
  std::vector<std::string> args_;  // without --listen
  std::string kioskToken_;
  std::map<std::string, std::string> staff_;
  std::vector<DemoCode> codes_;
};

}  // namespace mikhak::test
