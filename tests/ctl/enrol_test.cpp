// mikhakctl enrol against a real server: a technician's fresh code gives a working token, stored
// for the kiosk's user only, and the consulate's key; a spent code, a server out of reach and an
// existing token are refused with a message that says what to do.
#include "enrol.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk_config.hpp"
#include "kiosk_setup_support.hpp"

namespace mikhak::ctl {
namespace {

namespace fs = std::filesystem;
using mikhak::test::DemoServer;

std::string slurp(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class Enrol : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = (fs::temp_directory_path() / "mikhak-enrol-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    dir_ = dir;
  }
  void TearDown() override { fs::remove_all(dir_); }

  EnrolOptions options(const std::string& code) const {
    EnrolOptions o;
    o.serverUrl = server_.baseUrl();
    o.code = code;
    o.tokenFile = dir_ / "var" / "kiosk.token";  // the folder is made as needed
    o.publicKeyFile = dir_ / "etc" / "consulate.pub.pem";
    o.connectTimeout = std::chrono::milliseconds(1000);
    o.readTimeout = std::chrono::milliseconds(5000);
    return o;
  }

  DemoServer server_;
  fs::path dir_;
};

TEST_F(Enrol, AFreshCodeGivesAWorkingTokenForTheKioskUserOnlyAndTheKey) {
  const auto done = enrol(options(test::newEnrolmentCode(server_, "hall-1")));
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->kioskId.starts_with("kiosk-")) << done->kioskId;
  EXPECT_EQ(done->name, "hall-1");
  EXPECT_EQ(done->consulate, "LON");

  struct stat st {};
  ASSERT_EQ(::stat(done->tokenFile.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(st.st_uid, ::geteuid());
  const auto token = kiosk::readToken(done->tokenFile);
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(test::servicesStatus(server_, *token), 200);
  EXPECT_NE(*token, server_.kioskToken());  // its own, not the demo kiosk's

  ASSERT_EQ(::stat(done->publicKeyFile.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(slurp(done->publicKeyFile), server_.publicKeyPem());
  // Nothing left behind from the atomic writes.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "var"), fs::directory_iterator()), 1);
}

TEST_F(Enrol, ACodeAlreadyUsedIsRefusedSayingSo) {
  const std::string code = test::newEnrolmentCode(server_);
  ASSERT_TRUE(enrol(options(code)));
  EnrolOptions again = options(code);
  again.tokenFile = dir_ / "other.token";
  const auto refused = enrol(again);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("already used"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("technician's page"), std::string::npos);
  EXPECT_FALSE(fs::exists(again.tokenFile));
}

TEST_F(Enrol, TooManyWrongCodesAreTold) {
  std::string message;
  for (int attempt = 0; attempt < 10 && message.find("too many") == std::string::npos; ++attempt) {
    const auto refused = enrol(options("WRNG-CODE"));
    ASSERT_FALSE(refused);
    message = refused.error().message;
  }
  EXPECT_NE(message.find("too many wrong codes; wait 15 minutes"), std::string::npos) << message;
}

TEST_F(Enrol, AServerOutOfReachIsTold) {
  EnrolOptions o = options("ABCD-EFGH");
  o.serverUrl = "http://127.0.0.1:" + std::to_string(mikhak::test::freeLoopbackPort());
  const auto refused = enrol(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("cannot reach the server at " + o.serverUrl),
            std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(fs::exists(o.tokenFile));
}

TEST_F(Enrol, AnExistingTokenIsKeptUnlessForcedAndTheCodeIsNotSpent) {
  const std::string code = test::newEnrolmentCode(server_);
  EnrolOptions o = options(code);
  fs::create_directories(o.tokenFile.parent_path());
  std::ofstream(o.tokenFile) << "old-token\n";

  const auto refused = enrol(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos) << refused.error().message;
  EXPECT_EQ(slurp(o.tokenFile), "old-token\n");

  o.force = true;  // the same code still works: it was never sent
  const auto done = enrol(o);
  ASSERT_TRUE(done) << done.error().message;
  const auto token = kiosk::readToken(o.tokenFile);
  ASSERT_TRUE(token);
  EXPECT_NE(*token, "old-token");
  EXPECT_EQ(test::servicesStatus(server_, *token), 200);
}

}  // namespace
}  // namespace mikhak::ctl
