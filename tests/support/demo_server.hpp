#pragma once

// The real mikhak-server with its demo day, as a child process on a free loopback port over a
// fresh database in a temporary folder: what its --demo output prints (the kiosk token, staff
// log-ins, codes to try) is parsed for the test. Killed and cleaned up in the destructor.

#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server_process.hpp"

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
  explicit DemoServer(DemoServerOptions options = {});
  ~DemoServer();
  DemoServer(const DemoServer&) = delete;
  DemoServer& operator=(const DemoServer&) = delete;

  int port() const { return port_; }
  std::string baseUrl() const;
  const std::string& kioskToken() const { return kioskToken_; }
  // The zone the server was given, e.g. "GMT-03:17".
  const std::string& timeZone() const { return timeZone_; }
  const std::vector<DemoCode>& codes() const { return codes_; }
  std::vector<DemoCode> codes(std::string_view kind) const;
  // "counter1", "counter2", "supervisor", "technician".
  std::string staffPassword(const std::string& login) const;
  // The consulate's public key (PEM), which the server writes beside its signing key.
  std::string publicKeyPem() const;
  // TLS: the self-signed certificate, which is its own CA.
  std::filesystem::path caCertFile() const { return dir_ / "server.crt"; }
  const std::filesystem::path& directory() const { return dir_; }
  // What the server printed (stdout and stderr).
  std::string log() const;

  // A client for the test's own requests (TLS verified against caCertFile()).
  httplib::Client client() const;
  // Logs a member of staff in; the Cookie header's value for their requests, or nothing.
  std::optional<std::string> staffCookie(const std::string& login) const;

  bool running() const { return process_ && process_->running(); }
  // Starts the server again after stop(), on the same port and database: what a kiosk sees when
  // the server comes back. False if it did not start.
  bool restart();
  // SIGKILL, as a power cut or a crash would; the port is closed when this returns.
  void stop();

 private:
  void parseDemoOutput();

  DemoServerOptions options_;
  std::filesystem::path dir_;
  std::string timeZone_;
  int port_ = 0;
  std::unique_ptr<ServerProcess> process_;
  std::string kioskToken_;
  std::map<std::string, std::string> staff_;
  std::vector<DemoCode> codes_;
};

}  // namespace mikhak::test
