// The kiosk as a consulate runs it: the real mikhak-kiosk binary against the real mikhak-server
// (--demo) and the virtual receipt printer, reading appointment notices drawn by `mikhakctl
// notice` from an images: folder. What is checked is what people see: the screens it showed, the
// tickets on paper (their QR codes read back), and what the server then knows.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "demo_server.hpp"
#include "driver_leaks.hpp"
#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/scanner/barcode_writer.hpp"
#include "mikhak/scanner/image_source.hpp"
#include "mikhak/text/png.hpp"
#include "virtual_printer_server.hpp"

namespace mikhak::kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using mikhak::test::DemoServer;

// A child process with its output in files, drawing offscreen; SIGKILLed if the test ends first.
// Between fork and exec only async-signal-safe calls: the test has threads (the printer's).
class Child {
 public:
  Child(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
    std::vector<std::string> strings = args;
    std::vector<char*> argv;
    for (auto& a : strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env{"SDL_VIDEODRIVER=offscreen", "SDL_AUDIODRIVER=dummy"};
    std::string asan = "ASAN_OPTIONS=";
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string_view entry(*e);
      if (entry.starts_with("ASAN_OPTIONS=")) {
        asan = std::string(entry) + ":";
      } else if (!entry.starts_with("SDL_VIDEODRIVER=") && !entry.starts_with("SDL_AUDIODRIVER=")) {
        env.emplace_back(entry);
      }
    }
    env.push_back(asan + mikhak::test::kChildLeakOptions);
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int outFd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int errFd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      ::dup2(outFd, STDOUT_FILENO);
      ::dup2(errFd, STDERR_FILENO);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(outFd);
    ::close(errFd);
  }
  ~Child() { kill(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The exit status, or -1 if it was still running at the deadline (it is killed then).
  int wait(std::chrono::seconds limit = 40s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (pid_ > 0) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(5ms);
    }
    kill();
    return -1;
  }
  // SIGKILL, as a power cut would; false if it had already exited.
  bool kill() {
    if (pid_ <= 0) return false;
    const bool running = ::waitpid(pid_, nullptr, WNOHANG) == 0;
    if (running) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = 0;
    return running;
  }

 private:
  pid_t pid_ = 0;
};

std::string readText(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeText(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

std::vector<std::string> sortedNames(const fs::path& dir) {
  std::vector<std::string> names;
  if (!fs::exists(dir)) return names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// "01-idle-fa.png" -> "idle-fa"
std::vector<std::string> screensShown(const fs::path& shots) {
  std::vector<std::string> screens;
  for (const auto& name : sortedNames(shots)) {
    screens.push_back(name.substr(3, name.size() - 3 - 4));
  }
  return screens;
}

// The QR code on a printed ticket.
std::string ticketQr(const fs::path& png) {
  const auto frame = scanner::readImageFile(png);
  if (!frame) return "unreadable: " + frame.error().message;
  const auto found = scanner::readBarcodes(frame->view(), {scanner::BarcodeFormat::QrCode});
  return found.empty() ? "no QR code" : found.front().text;
}

// A server ticket as the counter's scanner reads it, with what the tests look at.
struct ServerTicket {
  std::string code;  // the appointment's tracking code
  std::string ref;   // "MKT1.LON.<day>.<letter><3 digits>"
  std::string printed;
  std::string requestId;
  bool operator<(const ServerTicket& o) const { return ref < o.ref; }
};

// The server's tickets, read from its database (read-only, beside the running server).
std::vector<ServerTicket> serverTickets(const DemoServer& server) {
  sqlite3* db = nullptr;
  std::vector<ServerTicket> tickets;
  if (sqlite3_open_v2((server.directory() / "server.db").c_str(), &db, SQLITE_OPEN_READONLY,
                      nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open the server's database";
    sqlite3_close(db);
    return tickets;
  }
  sqlite3_busy_timeout(db, 2000);
  const char* sql =
      "SELECT a.code, 'MKT1.' || a.consulate_id || '.' || t.day || '.' || s.letter || "
      "printf('%03d', t.number), ifnull(t.printed, 'NULL'), t.request_id "
      "FROM ticket t JOIN appointment a ON a.id = t.appointment_id "
      "JOIN service s ON s.id = t.service_id ORDER BY t.id";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db);
  }
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    const auto column = [&](int i) {
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)));
    };
    tickets.push_back({column(0), column(1), column(2), column(3)});
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return tickets;
}

// The national IDs of these appointments, which must never reach a screen, paper or log.
std::vector<std::string> nationalIds(const DemoServer& server,
                                     const std::vector<std::string>& codes) {
  sqlite3* db = nullptr;
  std::vector<std::string> ids;
  sqlite3_open_v2((server.directory() / "server.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT national_id FROM appointment WHERE code = ?", -1, &stmt, nullptr);
  for (const auto& code : codes) {
    sqlite3_bind_text(stmt, 1, code.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (ids.size() != codes.size()) ADD_FAILURE() << "not every code has a national ID";
  return ids;
}

// Booked appointments of today whose check-in window is open now and stays open for the test:
// starting from five minutes ago to fifty minutes from now (the window opens an hour before).
std::vector<std::string> openCodes(const DemoServer& server, int count) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  sqlite3* db = nullptr;
  std::vector<std::string> codes;
  sqlite3_open_v2((server.directory() / "server.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT code FROM appointment WHERE status = 'booked' AND starts_at "
                     "BETWEEN ?1 - 300 AND ?1 + 3000 ORDER BY starts_at, id LIMIT ?2",
                     -1, &stmt, nullptr);
  sqlite3_bind_int64(stmt, 1, now);
  sqlite3_bind_int(stmt, 2, count);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    codes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return codes;
}

// A picture of a QR code alone, black on white: what a phone shows of a notice.
void writeQrPng(const fs::path& file, const std::string& text) {
  const auto qr = scanner::renderQr(text, {.modulePixels = 6});
  ASSERT_TRUE(qr) << qr.error().message;
  std::vector<std::uint8_t> rgba;
  for (const std::uint8_t ink : qr->ink) {
    const auto grey = static_cast<std::uint8_t>(255 - ink);
    rgba.insert(rgba.end(), {grey, grey, grey, 255});
  }
  ASSERT_TRUE(text::writeRgbaPng(file, qr->width, qr->height, rgba));
}

// A folder for one test, removed after it.
class KioskEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = (fs::temp_directory_path() / "mikhak-kiosk-e2e-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    auto printer = ctl::VirtualPrinterServer::start({.port = 0, .outDir = dir_ / "tickets"});
    ASSERT_TRUE(printer) << printer.error().message;
    printer_ = std::move(*printer);
  }
  void TearDown() override {
    printer_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  void startServer(mikhak::test::DemoServerOptions options = {}) {
    server_ = std::make_unique<DemoServer>(options);
    ASSERT_TRUE(server_->running());
    writeText(dir_ / "kiosk.token", server_->kioskToken() + "\n");
    writeText(dir_ / "consulate.pub.pem", server_->publicKeyPem());
    // A short wait for a server that is down: the offline check-in starts after a second.
    writeText(dir_ / "kiosk.toml",
              "[kiosk]\nname = \"e2e\"\n[timeouts]\nserver_give_up_seconds = 1\n"
              "[screen]\nsound = false\n");
  }

  // Draws each code's notice into `folder` (created) with `mikhakctl notice`, all at once.
  void drawNotices(const fs::path& folder, const std::vector<std::string>& codes) {
    fs::create_directories(folder);
    std::vector<std::unique_ptr<Child>> children;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const auto out = folder / ("notice-" + std::to_string(i + 1) + ".png");
      children.push_back(std::make_unique<Child>(
          std::vector<std::string>{MIKHAK_CTL_BINARY, "notice", "--db",
                                   (server_->directory() / "server.db").string(), "--code",
                                   codes[i], "--out", out.string()},
          dir_ / "notice.out", dir_ / ("notice-" + std::to_string(i) + ".err")));
    }
    for (std::size_t i = 0; i < children.size(); ++i) {
      ASSERT_EQ(children[i]->wait(), 0)
          << readText(dir_ / ("notice-" + std::to_string(i) + ".err"));
    }
  }

  enum class Until { Synced, Settled, Killed };
  struct Run {
    std::string name;  // its screenshots and log go under this name
    fs::path scans;    // an images: folder (may be empty)
    Until until = Until::Synced;
    int checkIns = 0;
    std::string stateDir = "state";
  };
  std::vector<std::string> kioskArgs(const Run& run) const {
    fs::create_directories(run.scans);
    std::vector<std::string> args{MIKHAK_KIOSK_BINARY,
                                  "--config",
                                  (dir_ / "kiosk.toml").string(),
                                  "--server",
                                  server_->baseUrl(),
                                  "--token-file",
                                  (dir_ / "kiosk.token").string(),
                                  "--public-key",
                                  (dir_ / "consulate.pub.pem").string(),
                                  "--printer",
                                  "tcp://127.0.0.1:" + std::to_string(printer_->port()),
                                  "--scanner",
                                  "images:" + run.scans.string(),
                                  "--state-dir",
                                  (dir_ / run.stateDir).string(),
                                  "--screenshots",
                                  shots(run.name).string(),
                                  "--windowed",
                                  "--width",
                                  "1280",
                                  "--height",
                                  "800",
                                  "--max-seconds",
                                  "30"};
    if (run.until != Until::Killed) {
      args.insert(args.end(),
                  {run.until == Until::Synced ? "--exit-when-synced" : "--exit-when-settled",
                   "--exit-after-check-ins", std::to_string(run.checkIns)});
    }
    return args;
  }
  // Runs the kiosk to its exit; the exit status.
  int runKiosk(const Run& run) {
    Child kiosk(kioskArgs(run), log(run.name, "out"), log(run.name, "err"));
    return kiosk.wait();
  }
  // Nothing personal in the kiosk's logs: no tracking code, no national ID.
  void expectNothingPersonal(const std::vector<std::string>& runs,
                             const std::vector<std::string>& codes) const {
    std::vector<std::string> secrets = codes;
    for (const auto& id : nationalIds(*server_, codes)) secrets.push_back(id);
    for (const auto& run : runs) {
      const std::string text = readText(log(run, "err")) + readText(log(run, "out"));
      for (const auto& secret : secrets) {
        EXPECT_EQ(text.find(secret), std::string::npos) << run << ":\n" << text;
      }
    }
  }
  fs::path shots(const std::string& run) const { return dir_ / ("shots-" + run); }
  fs::path log(const std::string& run, const std::string& stream) const {
    return dir_ / (run + "." + stream);
  }
  std::vector<fs::path> printedTickets() const {
    std::vector<fs::path> files;
    for (const auto& name : sortedNames(dir_ / "tickets")) {
      if (name.ends_with(".png")) files.push_back(dir_ / "tickets" / name);
    }
    return files;
  }
  std::vector<std::string> printedRefs() const {
    std::vector<std::string> refs;
    for (const auto& file : printedTickets()) refs.push_back(ticketQr(file));
    return refs;
  }

  fs::path dir_;
  std::unique_ptr<ctl::VirtualPrinterServer> printer_;
  std::unique_ptr<DemoServer> server_;
};

std::vector<std::string> codesOf(const std::vector<mikhak::test::DemoCode>& demo, std::size_t n) {
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < n && i < demo.size(); ++i) codes.push_back(demo[i].code);
  return codes;
}

std::vector<std::string> refsOf(const std::vector<ServerTicket>& tickets) {
  std::vector<std::string> refs;
  for (const auto& t : tickets) refs.push_back(t.ref);
  std::sort(refs.begin(), refs.end());
  return refs;
}

TEST_F(KioskEndToEnd, ChecksInEachNoticeScannedPrintsItsTicketAndTheServerKnowsItPrinted) {
  startServer();
  const auto codes = codesOf(server_->codes("open now"), 3);
  ASSERT_EQ(codes.size(), 3u);
  drawNotices(dir_ / "notices", codes);

  ASSERT_EQ(runKiosk({.name = "online", .scans = dir_ / "notices", .checkIns = 3}), 0)
      << readText(log("online", "err"));

  const auto tickets = serverTickets(*server_);
  ASSERT_EQ(tickets.size(), 3u);
  std::set<std::string> codesCheckedIn;
  for (const auto& t : tickets) {
    codesCheckedIn.insert(t.code);
    EXPECT_EQ(t.printed, "1") << t.ref;
  }
  EXPECT_EQ(codesCheckedIn, std::set<std::string>(codes.begin(), codes.end()));

  // On paper: one ticket each, its QR code the counter's reference for the server's ticket.
  auto printed = printedRefs();
  ASSERT_EQ(printed.size(), 3u);
  for (const auto& ref : printed) {
    EXPECT_TRUE(std::regex_match(ref, std::regex(R"(MKT1\.LON\.\d{4}-\d{2}-\d{2}\.[A-Z]\d{3})")))
        << ref;
  }
  std::sort(printed.begin(), printed.end());
  EXPECT_EQ(printed, refsOf(tickets));

  // The screens, in order: each applicant's check-in and ticket, the next scan ending it.
  const auto screens = screensShown(shots("online"));
  ASSERT_FALSE(screens.empty());
  EXPECT_EQ(screens.front(), "idle-fa");
  EXPECT_EQ(std::count(screens.begin(), screens.end(), "checking-fa"), 3);
  EXPECT_EQ(screens.back(), "checked-in-printed-fa");
  EXPECT_TRUE(std::all_of(screens.begin() + 1, screens.end(), [](const std::string& s) {
    return s == "checking-fa" || s.starts_with("checked-in-print");
  })) << ::testing::PrintToString(screens);

  expectNothingPersonal({"online"}, codes);
}

TEST_F(KioskEndToEnd, CancelledAndOtherDayNoticesAreRefusedAndNothingIsPrinted) {
  startServer();
  const auto cancelled = server_->codes("cancelled");
  const auto tomorrow = server_->codes("tomorrow");
  ASSERT_FALSE(cancelled.empty());
  ASSERT_FALSE(tomorrow.empty());
  // A cancelled appointment has no notice to print any more, but the applicant may still hold
  // one, or its QR code on a phone.
  drawNotices(dir_ / "notices", {tomorrow.front().code});
  writeQrPng(dir_ / "notices" / "notice-0.png", cancelled.front().payload);

  ASSERT_EQ(runKiosk({.name = "refusals", .scans = dir_ / "notices", .until = Until::Settled}), 0)
      << readText(log("refusals", "err"));

  const auto screens = screensShown(shots("refusals"));
  EXPECT_NE(std::find(screens.begin(), screens.end(), "refused-cancelled-fa"), screens.end())
      << ::testing::PrintToString(screens);
  EXPECT_NE(std::find(screens.begin(), screens.end(), "refused-other-day-fa"), screens.end())
      << ::testing::PrintToString(screens);
  for (const auto& screen : screens) EXPECT_FALSE(screen.starts_with("checked-in")) << screen;
  EXPECT_TRUE(printedTickets().empty());
  EXPECT_TRUE(serverTickets(*server_).empty());
}

TEST_F(KioskEndToEnd, OfflineCheckInsSyncOnceWhenTheServerComesBackAndAPowerCutLosesNothing) {
  startServer();
  const auto open = openCodes(*server_, 4);
  ASSERT_EQ(open.size(), 4u);
  drawNotices(dir_ / "notices", {open[0], open[1], open[2]});
  drawNotices(dir_ / "last-notice", {open[3]});

  // With the server up, the kiosk fetches the signed day manifest.
  ASSERT_EQ(runKiosk({.name = "manifest", .scans = dir_ / "none"}), 0)
      << readText(log("manifest", "err"));

  // The server goes down; three applicants are checked in from the manifest, tickets printed.
  server_->stop();
  ASSERT_EQ(
      runKiosk(
          {.name = "offline", .scans = dir_ / "notices", .until = Until::Settled, .checkIns = 3}),
      0)
      << readText(log("offline", "err"));
  auto printed = printedRefs();
  ASSERT_EQ(printed.size(), 3u);
  std::sort(printed.begin(), printed.end());
  EXPECT_EQ(std::set<std::string>(printed.begin(), printed.end()).size(), 3u);
  const auto offlineScreens = screensShown(shots("offline"));
  EXPECT_EQ(std::count(offlineScreens.begin(), offlineScreens.end(), "checked-in-printed-fa"), 3)
      << ::testing::PrintToString(offlineScreens);

  // It comes back: the outbox syncs, and the server has those three tickets with the numbers on
  // paper, printed.
  ASSERT_TRUE(server_->restart());
  ASSERT_EQ(runKiosk({.name = "sync", .scans = dir_ / "none"}), 0) << readText(log("sync", "err"));
  const auto synced = serverTickets(*server_);
  EXPECT_EQ(refsOf(synced), printed);
  for (const auto& t : synced) EXPECT_EQ(t.printed, "1") << t.ref;
  std::set<std::string> codesCheckedIn;
  for (const auto& t : synced) codesCheckedIn.insert(t.code);
  EXPECT_EQ(codesCheckedIn, std::set<std::string>({open[0], open[1], open[2]}));

  // Syncing again changes nothing.
  ASSERT_EQ(runKiosk({.name = "sync-again", .scans = dir_ / "none"}), 0)
      << readText(log("sync-again", "err"));
  const auto again = serverTickets(*server_);
  ASSERT_EQ(again.size(), synced.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].ref, synced[i].ref);
    EXPECT_EQ(again[i].requestId, synced[i].requestId);
  }

  // A power cut mid check-in, the server down: killed the moment its ticket is on paper.
  server_->stop();
  {
    Child kiosk(kioskArgs({.name = "cut", .scans = dir_ / "last-notice", .until = Until::Killed}),
                log("cut", "out"), log("cut", "err"));
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (printer_->ticketsWritten() < 4 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(2ms);
    }
    EXPECT_TRUE(kiosk.kill());
  }
  ASSERT_EQ(printer_->ticketsWritten(), 4) << readText(log("cut", "err"));
  const std::string cutRef = ticketQr(printedTickets().back());

  // Power back, server back: the ticket on paper reaches the server, once.
  ASSERT_TRUE(server_->restart());
  ASSERT_EQ(runKiosk({.name = "after-cut", .scans = dir_ / "none"}), 0)
      << readText(log("after-cut", "err"));
  const auto after = serverTickets(*server_);
  ASSERT_EQ(after.size(), 4u);
  EXPECT_EQ(std::count_if(after.begin(), after.end(),
                          [&](const ServerTicket& t) { return t.code == open[3]; }),
            1);
  EXPECT_EQ(after.back().code, open[3]);
  EXPECT_EQ(after.back().ref, cutRef);
  expectNothingPersonal({"manifest", "offline", "sync", "sync-again", "cut", "after-cut"}, open);
}

TEST_F(KioskEndToEnd, DisplayModeDrawsTheWaitingRoomAfterACall) {
  startServer();
  const auto open = server_->codes("open now");
  ASSERT_FALSE(open.empty());
  auto http = server_->client();
  const httplib::Headers kiosk{{"Authorization", "Bearer " + server_->kioskToken()}};
  const auto checkIn = http.Post("/api/v1/check-ins", kiosk,
                                 R"({"request_id":"e2e-1","code":")" + open.front().code + R"("})",
                                 "application/json");
  ASSERT_TRUE(checkIn);
  ASSERT_EQ(checkIn->status, 201) << checkIn->body;
  const auto cookie = server_->staffCookie("counter1");
  ASSERT_TRUE(cookie);
  const auto call =
      http.Post("/api/v1/counters/1/call-next", {{"Cookie", *cookie}}, "{}", "application/json");
  ASSERT_TRUE(call);
  ASSERT_EQ(call->status, 200) << call->body;

  const auto png = dir_ / "display.png";
  Child display({MIKHAK_KIOSK_BINARY, "--config", (dir_ / "kiosk.toml").string(), "--mode",
                 "display", "--server", server_->baseUrl(), "--screenshot", png.string(),
                 "--no-speech", "--width", "1280", "--height", "720"},
                log("display", "out"), log("display", "err"));
  ASSERT_EQ(display.wait(), 0) << readText(log("display", "err"));
  const auto picture = scanner::readImageFile(png);
  ASSERT_TRUE(picture) << picture.error().message;
  EXPECT_EQ(picture->width, 1280);
  EXPECT_EQ(picture->height, 720);
}

}  // namespace
}  // namespace mikhak::kiosk
