// mikhakctl doctor against a whole kiosk built in a folder: a real server (DemoServer) that
// enrolled it, a virtual printer on a loopback port, an images: scanner, a touch screen and a
// graphics card as sysfs and /dev would show them, the fonts, and an offline store holding
// today's manifest from the server. All of it is ok; then each part is broken in turn and exactly
// its line fails or warns, and the exit status follows.
#include "doctor.hpp"

#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "enrol.hpp"
#include "kiosk_config.hpp"
#include "kiosk_setup_support.hpp"
#include "offline_store.hpp"
#include "server_client.hpp"
#include "virtual_printer_server.hpp"

namespace mikhak::ctl {
namespace {

namespace fs = std::filesystem;
using mikhak::test::DemoServer;
using std::chrono::system_clock;
using Expected = std::map<std::string, DoctorStatus>;

std::string currentUser() { return ::getpwuid(::geteuid())->pw_name; }

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

class Doctor : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = (fs::temp_directory_path() / "mikhak-doctor-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    root_ = dir;

    // Enrolled as a technician would: token and key where the configuration says.
    EnrolOptions enrolment;
    enrolment.serverUrl = server_.baseUrl();
    enrolment.code = test::newEnrolmentCode(server_, "doctor-test");
    enrolment.tokenFile = root_ / "state" / "kiosk.token";
    enrolment.publicKeyFile = root_ / "etc" / "consulate.pub.pem";
    enrolment.kioskUser = currentUser();
    const auto enrolled = enrol(enrolment);
    ASSERT_TRUE(enrolled) << enrolled.error().message;
    kioskId_ = enrolled->kioskId;

    startPrinter({});
    fs::create_directories(root_ / "images");
    fs::copy_file(fs::path(MIKHAK_TEST_DATA) / "scanner" / "corpus" / "data" / "blank.png",
                  root_ / "images" / "blank.png");
    for (const char* font : {"Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"}) {
      fs::create_directories(root_ / "fonts");
      fs::copy_file(fs::path(MIKHAK_SOURCE_ASSETS) / "fonts" / font, root_ / "fonts" / font);
    }
    write(root_ / "dev" / "dri" / "card0", "");
    write(root_ / "dev" / "input" / "event4", "");
    write(root_ / "sys" / "event4" / "device" / "name", "ILITEK Multi-Touch\n");
    // ABS_X, ABS_Y, ABS_MT_SLOT, ABS_MT_POSITION_X/Y, ABS_MT_TRACKING_ID (a 64-bit kernel).
    write(root_ / "sys" / "event4" / "device" / "capabilities" / "abs", "260800000000003\n");
    writeConfig();

    environment_.configFile = root_ / "etc" / "kiosk.toml";
    environment_.kioskUser = currentUser();
    environment_.driDir = root_ / "dev" / "dri";
    environment_.input = {root_ / "dev" / "input" / "by-id", root_ / "sys",
                          root_ / "dev" / "input"};
    environment_.fontDir = root_ / "fonts";
    environment_.printerTimeout = std::chrono::milliseconds(300);
    environment_.diskFailBytes = 1;
    environment_.diskWarnBytes = 2;
    fetchManifest(system_clock::now());
  }

  void TearDown() override {
    printer_.reset();
    fs::remove_all(root_);
  }

  void startPrinter(printer::VirtualPrinter::Options options) {
    printer_.reset();
    auto started = VirtualPrinterServer::start(
        {.host = "127.0.0.1", .port = 0, .outDir = root_ / "tickets", .printer = options});
    ASSERT_TRUE(started) << started.error().message;
    printer_ = std::move(*started);
    printerUri_ = "tcp://127.0.0.1:" + std::to_string(printer_->port());
  }

  void writeConfig(const std::string& extra = {}) {
    write(root_ / "etc" / "kiosk.toml",
          "[server]\n"
          "url = \"" +
              server_.baseUrl() +
              "\"\n"
              "token_file = \"" +
              (root_ / "state" / "kiosk.token").string() +
              "\"\n"
              "public_key = \"" +
              (root_ / "etc" / "consulate.pub.pem").string() +
              "\"\n"
              "connect_timeout_ms = 1000\n"
              "read_timeout_ms = 3000\n"
              "[consulate]\n"
              "id = \"LON\"\n"
              "time_zone = \"" +
              server_.timeZone() +
              "\"\n"
              "[kiosk]\n"
              "name = \"doctor-test\"\n"
              "state_dir = \"" +
              (root_ / "state").string() +
              "\"\n"
              "[printer]\n"
              "uri = \"" +
              printerUri_ +
              "\"\n"
              "[scanner]\n"
              "sources = [\"images:" +
              (root_ / "images").string() + "\"]\n" + extra);
  }

  // The day's manifest from the server, into the kiosk's own offline store, as the kiosk does.
  void fetchManifest(system_clock::time_point fetchedAt) {
    const auto token = kiosk::readToken(root_ / "state" / "kiosk.token");
    ASSERT_TRUE(token);
    kiosk::ServerClient client({.baseUrl = server_.baseUrl(),
                                .token = *token,
                                .connectTimeout = std::chrono::milliseconds(1000),
                                .readTimeout = std::chrono::milliseconds(5000),
                                .queueCapacity = 1,
                                .caCertFile = {}});
    client.submit(kiosk::ManifestRequest{});
    const auto reply = client.waitReply(std::chrono::seconds(10));
    ASSERT_TRUE(reply && reply->ok()) << (reply ? reply->problem : "no reply");
    auto store = openStore();
    const auto& manifest = std::get<kiosk::SignedDayManifest>(reply->payload);
    const auto saved =
        store->saveManifest(manifest.text, manifest.signature,
                            std::chrono::time_point_cast<std::chrono::seconds>(fetchedAt));
    ASSERT_TRUE(saved) << saved.error().message;
  }

  std::unique_ptr<kiosk::OfflineStore> openStore() {
    auto store = kiosk::OfflineStore::open(
        root_ / "state" / "kiosk.db", domain::VerifyKey::fromPem(server_.publicKeyPem()).value(),
        "LON");
    EXPECT_TRUE(store) << store.error().message;
    return std::move(*store);
  }

  // Runs the doctor; every line not named in `expected` must be ok, and the exit status must be
  // 1 exactly when one is FAIL.
  std::vector<DoctorLine> expectLines(const Expected& expected) {
    const auto lines = runDoctor(environment_);
    const std::string shown = formatDoctorText(lines);
    std::vector<std::string> checks;
    bool failed = false;
    for (const auto& line : lines) {
      checks.push_back(line.check);
      const auto wanted = expected.find(line.check);
      const DoctorStatus status = wanted == expected.end() ? DoctorStatus::Ok : wanted->second;
      EXPECT_EQ(doctorStatusWord(line.status), doctorStatusWord(status)) << line.check << "\n"
                                                                         << shown;
      EXPECT_FALSE(line.found.empty()) << line.check;
      EXPECT_EQ(line.todo.empty(),
                line.status == DoctorStatus::Ok || line.status == DoctorStatus::Skipped)
          << line.check << "\n"
          << shown;
      failed = failed || status == DoctorStatus::Fail;
    }
    EXPECT_EQ(checks,
              (std::vector<std::string>{"config", "display", "printer", "scanners", "permissions",
                                        "server", "clock", "fonts", "disk", "manifest"}));
    EXPECT_EQ(doctorExitStatus(lines), failed ? 1 : 0) << shown;
    return lines;
  }

  static const DoctorLine& line(const std::vector<DoctorLine>& lines, const std::string& check) {
    return *std::find_if(lines.begin(), lines.end(),
                         [&](const DoctorLine& l) { return l.check == check; });
  }

  DemoServer server_;
  fs::path root_;
  std::string kioskId_;
  std::unique_ptr<VirtualPrinterServer> printer_;
  std::string printerUri_;
  DoctorEnvironment environment_;
};

TEST_F(Doctor, ACompleteKioskIsAllOk) {
  const auto lines = expectLines({});
  EXPECT_NE(line(lines, "display").found.find("ILITEK Multi-Touch"), std::string::npos);
  EXPECT_NE(line(lines, "server").found.find("consulate LON"), std::string::npos);
  EXPECT_NE(line(lines, "printer").found.find(printerUri_), std::string::npos);
}

TEST_F(Doctor, NoConfigurationFailsAndLeavesWhatNeedsItUnchecked) {
  fs::remove(environment_.configFile);
  const auto lines = expectLines({{"config", DoctorStatus::Fail},
                                  {"printer", DoctorStatus::Skipped},
                                  {"scanners", DoctorStatus::Skipped},
                                  {"permissions", DoctorStatus::Skipped},
                                  {"server", DoctorStatus::Skipped},
                                  {"clock", DoctorStatus::Skipped},
                                  {"disk", DoctorStatus::Skipped},
                                  {"manifest", DoctorStatus::Skipped}});
  EXPECT_NE(line(lines, "config").found.find("does not exist"), std::string::npos);
}

TEST_F(Doctor, AMisspeltSettingFailsTheConfigurationNamingTheLine) {
  writeConfig("[screen]\nfulscreen = true\n");
  const auto lines = expectLines({{"config", DoctorStatus::Fail},
                                  {"printer", DoctorStatus::Skipped},
                                  {"scanners", DoctorStatus::Skipped},
                                  {"permissions", DoctorStatus::Skipped},
                                  {"server", DoctorStatus::Skipped},
                                  {"clock", DoctorStatus::Skipped},
                                  {"disk", DoctorStatus::Skipped},
                                  {"manifest", DoctorStatus::Skipped}});
  EXPECT_NE(line(lines, "config").found.find("line 18: unknown key 'fulscreen'"), std::string::npos)
      << line(lines, "config").found;
}

TEST_F(Doctor, NoTouchScreenFailsTheDisplay) {
  fs::remove_all(root_ / "sys" / "event4");
  const auto lines = expectLines({{"display", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "display").found.find("no touch screen"), std::string::npos);
}

TEST_F(Doctor, NoGraphicsDeviceFailsTheDisplay) {
  fs::remove(root_ / "dev" / "dri" / "card0");
  expectLines({{"display", DoctorStatus::Fail}});
}

TEST_F(Doctor, AMissingTokenFailsTheServer) {
  fs::remove(root_ / "state" / "kiosk.token");
  const auto lines = expectLines({{"server", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "server").todo.find("mikhakctl enrol"), std::string::npos);
}

TEST_F(Doctor, ATokenOthersCanReadFailsThePermissions) {
  fs::permissions(root_ / "state" / "kiosk.token", fs::perms(0644));
  const auto lines = expectLines({{"permissions", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "permissions").found.find("mode 0644"), std::string::npos);
  EXPECT_NE(line(lines, "permissions").todo.find("chmod 600"), std::string::npos);
}

TEST_F(Doctor, ATokenOfAnotherUserFailsThePermissions) {
  environment_.kioskUser = "nobody";
  const auto lines = expectLines({{"permissions", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "permissions").todo.find("chown nobody"), std::string::npos);
}

TEST_F(Doctor, AStoppedServerFailsTheServerAndLeavesTheClockUnchecked) {
  server_.stop();
  expectLines({{"server", DoctorStatus::Fail}, {"clock", DoctorStatus::Skipped}});
}

TEST_F(Doctor, ARevokedTokenFailsTheServer) {
  const auto cookie = server_.staffCookie("technician");
  ASSERT_TRUE(cookie);
  auto http = server_.client();
  const auto revoked = http.Post("/api/v1/kiosks/" + kioskId_ + "/revoke", {{"Cookie", *cookie}},
                                 "", "application/json");
  ASSERT_TRUE(revoked && revoked->status == 200) << (revoked ? revoked->body : "no answer");
  const auto lines = expectLines({{"server", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "server").found.find("refuses the kiosk's token"), std::string::npos);
}

TEST_F(Doctor, APrinterNobodyAnswersFailsPromptly) {
  printer_.reset();
  printerUri_ = "tcp://127.0.0.1:" + std::to_string(mikhak::test::freeLoopbackPort());
  writeConfig();
  const auto lines = expectLines({{"printer", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "printer").found.find("does not answer"), std::string::npos);
}

TEST_F(Doctor, APrinterOutOfPaperFails) {
  startPrinter({.paperOutAfter = 0, .tailRows = 0});
  writeConfig();
  const auto lines = expectLines({{"printer", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "printer").found.find("the paper is out"), std::string::npos)
      << line(lines, "printer").found;
}

TEST_F(Doctor, APrinterWithItsCoverOpenFails) {
  startPrinter({.coverOpen = true});
  writeConfig();
  const auto lines = expectLines({{"printer", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "printer").found.find("the cover is open"), std::string::npos);
}

TEST_F(Doctor, AMissingScannerSourceFails) {
  fs::remove_all(root_ / "images");
  expectLines({{"scanners", DoctorStatus::Fail}});
}

TEST_F(Doctor, NoScannerLikeKeyboardFailsEvdevAuto) {
  fs::remove_all(root_ / "images");
  writeConfig();
  std::string config;
  {
    std::ifstream in(environment_.configFile);
    config.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto from = config.find("\"images:");
  config.replace(from, config.find(']', from) - from, "\"evdev:auto\"");
  write(environment_.configFile, config);
  auto lines = expectLines({{"scanners", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "scanners").found.find("evdev:auto"), std::string::npos);

  // A scanner plugged in: its by-id link appears, and it is found (and readable).
  write(root_ / "dev" / "input" / "event7", "");
  fs::create_directories(root_ / "dev" / "input" / "by-id");
  fs::create_symlink(root_ / "dev" / "input" / "event7",
                     root_ / "dev" / "input" / "by-id" / "usb-Honeywell_Imaging_1900-event-kbd");
  lines = expectLines({});
  EXPECT_NE(line(lines, "scanners").found.find("Honeywell"), std::string::npos);
}

TEST_F(Doctor, AnEmptyFontsFolderFailsTheFonts) {
  for (const auto& font : fs::directory_iterator(root_ / "fonts")) fs::remove(font.path());
  const auto lines = expectLines({{"fonts", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "fonts").found.find("Vazirmatn-Regular.ttf and Vazirmatn-Bold.ttf"),
            std::string::npos);
}

TEST_F(Doctor, LittleDiskSpaceWarnsThenFails) {
  environment_.diskWarnBytes = std::numeric_limits<std::uint64_t>::max();
  expectLines({{"disk", DoctorStatus::Warning}});
  environment_.diskFailBytes = std::numeric_limits<std::uint64_t>::max();
  expectLines({{"disk", DoctorStatus::Fail}});
}

TEST_F(Doctor, NoOfflineStoreFailsTheManifest) {
  for (const char* file : {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}) {
    fs::remove(root_ / "state" / file);
  }
  expectLines({{"manifest", DoctorStatus::Fail}});
  EXPECT_FALSE(fs::exists(root_ / "state" / "kiosk.db"));  // the doctor made none
}

TEST_F(Doctor, AStoreWithoutAManifestFailsTheManifest) {
  for (const char* file : {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}) {
    fs::remove(root_ / "state" / file);
  }
  openStore();
  const auto lines = expectLines({{"manifest", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "manifest").found.find("No day manifest"), std::string::npos);
}

TEST_F(Doctor, AManifestFetchedHoursAgoWarns) {
  for (const char* file : {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}) {
    fs::remove(root_ / "state" / file);
  }
  fetchManifest(system_clock::now() - std::chrono::hours(2));
  const auto lines = expectLines({{"manifest", DoctorStatus::Warning}});
  EXPECT_NE(line(lines, "manifest").found.find("fetched 2 h ago"), std::string::npos)
      << line(lines, "manifest").found;
}

TEST_F(Doctor, AClockSomeMinutesOffWarnsAndFarOffFails) {
  environment_.now = [] { return system_clock::now() + std::chrono::minutes(2); };
  auto lines = expectLines({{"clock", DoctorStatus::Warning}});
  EXPECT_NE(line(lines, "clock").found.find("ahead of the server's"), std::string::npos);
  environment_.now = [] { return system_clock::now() - std::chrono::minutes(10); };
  lines = expectLines({{"clock", DoctorStatus::Fail}});
  EXPECT_NE(line(lines, "clock").found.find("10 min behind the server's"), std::string::npos)
      << line(lines, "clock").found;
}

TEST(DoctorOutput, AlignedLinesAndJson) {
  const std::vector<DoctorLine> lines{
      {"config", DoctorStatus::Ok, "Read.", ""},
      {"permissions", DoctorStatus::Fail, "Token mode 0644.", "Run chmod 600."},
      {"clock", DoctorStatus::Warning, "45 s behind.", "Set it."},
      {"manifest", DoctorStatus::Skipped, "Not checked.", ""}};
  EXPECT_EQ(formatDoctorText(lines),
            "ok    config       Read.\n"
            "FAIL  permissions  Token mode 0644. Run chmod 600.\n"
            "WARN  clock        45 s behind. Set it.\n"
            "skip  manifest     Not checked.\n");
  const auto json = nlohmann::json::parse(formatDoctorJson(lines));
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["checks"][1]["status"], "fail");
  EXPECT_EQ(json["checks"][2]["status"], "warning");
  EXPECT_EQ(json["checks"][3]["status"], "skipped");
  EXPECT_EQ(json["checks"][1]["todo"], "Run chmod 600.");
  EXPECT_EQ(doctorExitStatus({lines[0], lines[2], lines[3]}), 0);
}

}  // namespace
}  // namespace mikhak::ctl
