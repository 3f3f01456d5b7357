#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>

#include "free_port.hpp"
#include "server_config.hpp"
#include "server_process.hpp"

namespace mikhak::server {
namespace {

TEST(ServerConfig, TheShippedExampleParses) {
  const auto config = loadServerConfig(std::string(MIKHAK_SERVER_DIR) + "/server.example.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->consulate.id, "LON");
  EXPECT_EQ(config->consulate.timeZone, "Europe/London");
  EXPECT_EQ(config->tlsCert, "/etc/mikhak/tls/server.crt");
  EXPECT_EQ(config->window.early, std::chrono::minutes(60));
  EXPECT_EQ(config->queue.recallsBeforeNoShow, 2);
}

TEST(ServerConfig, ValuesOverTheDefaults) {
  const auto config = parseServerConfig(R"(
[consulate]
id = "DXB"
time_zone = "Asia/Dubai"
[check_in]
late_minutes = 30
admit_late = true
)",
                                        "test");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->consulate.id, "DXB");
  EXPECT_EQ(config->window.late, std::chrono::minutes(30));
  EXPECT_EQ(config->window.early, std::chrono::minutes(60));  // default kept
  EXPECT_EQ(config->window.latePolicy, LatePolicy::AdmitLowPriority);
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
}

TEST(ServerConfig, MistakesAreNamed) {
  const auto expectError = [](const std::string& text, const std::string& needle) {
    const auto config = parseServerConfig(text, "server.toml");
    ASSERT_FALSE(config) << text;
    EXPECT_NE(config.error().message.find(needle), std::string::npos) << config.error().message;
  };
  expectError("[server]\nlisten = 8080\n", "server.listen must be a string");
  expectError("[server]\nlisen = \"x\"\n", "line 2: unknown key 'lisen' in [server]");
  expectError("[servr]\n", "unknown section [servr]");
  expectError("[check_in]\nlate_minutes = -5\n", "check_in.late_minutes must be a whole number");
  expectError("[check_in]\nadmit_late = \"yes\"\n", "admit_late must be true or false");
  expectError("[tls]\ncert = \"/x.crt\"\n", "[tls] needs both cert and key");
  expectError("[server\n", "server.toml: line 1");
}

TEST(ServerTls, ServesHttpsFromTheConfiguredCertificate) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("mikhak-tls-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto cert = dir / "server.crt";
  const auto key = dir / "server.key";
  const std::string make =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      key.string() + " -out " + cert.string() + " 2>/dev/null";
  ASSERT_EQ(std::system(make.c_str()), 0);
  const auto config = dir / "server.toml";
  std::ofstream(config) << "[tls]\ncert = \"" << cert.string() << "\"\nkey = \"" << key.string()
                        << "\"\n";

  const int port = mikhak::test::freeLoopbackPort();
  const auto httpsHealth = [&] {
    httplib::SSLClient client("127.0.0.1", port);
    client.set_ca_cert_path(cert.c_str());
    client.enable_server_certificate_verification(true);
    auto r = client.Get("/api/v1/health");
    return r && r->status == 200;
  };
  mikhak::test::ServerProcess server(dir / "server.db", port, {"--config", config.string()},
                                     httpsHealth);
  EXPECT_TRUE(httpsHealth());
  httplib::Client plain("127.0.0.1", port);
  plain.set_read_timeout(2);
  const auto r = plain.Get("/api/v1/health");
  EXPECT_TRUE(!r || r->status != 200) << "plain HTTP must not be served";
  server.stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mikhak::server
