// The kiosk's shell in this process: KioskApp with real parts (the server client against a real
// mikhak-server --demo, a printer worker on the virtual printer, a scanner service fed by the
// test), drawn with SDL's offscreen driver, and driven as a person would: touches, a keyboard, a
// keyboard-wedge scanner typing into the window, the hidden staff gesture. Time is the test's:
// each frame's steady time is advanced by the test, so timeouts are reached without waiting.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "demo_server.hpp"
#include "driver_leaks.hpp"
#include "kiosk_app.hpp"
#include "mikhak/domain/password_hash.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "recording_journal.hpp"
#include "sdl_handles.hpp"
#include "virtual_printer_server.hpp"

namespace mikhak::kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

// A scanner the test holds: codes handed to it are read at once.
class HandheldScanner : public scanner::ScanInput {
 public:
  struct Codes {
    std::mutex mutex;
    std::condition_variable added;
    std::deque<std::string> waiting;
    void hand(std::string code) {
      {
        const std::lock_guard lock(mutex);
        waiting.push_back(std::move(code));
      }
      added.notify_all();
    }
  };
  explicit HandheldScanner(std::shared_ptr<Codes> codes) : codes_(std::move(codes)) {}
  scanner::InputRead read(std::chrono::milliseconds timeout) override {
    scanner::InputRead read;
    std::unique_lock lock(codes_->mutex);
    if (!codes_->added.wait_for(lock, timeout, [&] { return !codes_->waiting.empty(); })) {
      read.error = drivers::IoError{drivers::IoFailure::Timeout, "nothing scanned"};
      return read;
    }
    read.codes.assign(codes_->waiting.begin(), codes_->waiting.end());
    codes_->waiting.clear();
    return read;
  }
  void close() override {}
  std::string describe() const override { return "handheld"; }

 private:
  std::shared_ptr<Codes> codes_;
};

class KioskAppTest : public ::testing::Test {
 protected:
  static constexpr int kWidth = 1280;
  static constexpr int kHeight = 800;
  static constexpr const char* kStaffPin = "2468";

  static void SetUpTestSuite() {
    const mikhak::test::DriverStartUp driver;
    ASSERT_EQ(SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS), 0) << SDL_GetError();
  }
  static void TearDownTestSuite() { SDL_Quit(); }

  void SetUp() override {
    {
      const mikhak::test::DriverStartUp driver;
      window_.reset(SDL_CreateWindow("kiosk test", 0, 0, kWidth, kHeight, SDL_WINDOW_HIDDEN));
      renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_SOFTWARE));
    }
    ASSERT_TRUE(window_) << SDL_GetError();
    ASSERT_TRUE(renderer_) << SDL_GetError();
    auto engine = text::TextEngine::createDefault();
    ASSERT_TRUE(engine) << engine.error().message;
    engine_ = std::make_unique<text::TextEngine>(std::move(*engine));
    std::string dir = (fs::temp_directory_path() / "mikhak-kiosk-app-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    auto printer = ctl::VirtualPrinterServer::start({.port = 0, .outDir = dir_ / "tickets"});
    ASSERT_TRUE(printer) << printer.error().message;
    printer_ = std::move(*printer);
    config_.kiosk.name = "apptest";
    config_.kiosk.stateDir = dir_ / "state";
    config_.screen.sound = false;
  }
  void TearDown() override {
    app_.reset();
    printer_.reset();
    fs::remove_all(dir_);
  }

  // The kiosk against `server`, or against nothing (no server listens on port 1) without one.
  void start(const mikhak::test::DemoServer* server) {
    std::string keyPem =
        server != nullptr ? server->publicKeyPem() : domain::SigningKey::generate().publicKeyPem();
    KioskParts parts;
    ServerClientOptions client;
    client.baseUrl = server != nullptr ? server->baseUrl() : "http://127.0.0.1:1";
    client.token = server != nullptr ? server->kioskToken() : "no-server";
    parts.server = std::make_unique<ServerClient>(std::move(client));
    auto uri = drivers::parsePrinterUri("tcp://127.0.0.1:" + std::to_string(printer_->port()));
    ASSERT_TRUE(uri);
    auto transport = drivers::makeTransport(*uri);
    ASSERT_TRUE(transport);
    parts.printer = std::make_unique<printer::PrinterWorker>(std::move(*transport),
                                                             printer::PrinterWorker::Options{});
    std::vector<std::unique_ptr<scanner::ScanInput>> inputs;
    inputs.push_back(std::make_unique<HandheldScanner>(scanned_));
    scanner::ScannerService::Options scanOptions;
    scanOptions.readTimeout = 20ms;
    parts.scanner = std::make_unique<scanner::ScannerService>(std::move(inputs), scanOptions);
    if (server != nullptr) {
      fs::create_directories(config_.kiosk.stateDir);
      auto store = OfflineStore::open(config_.kiosk.stateDir / "kiosk.db",
                                      domain::VerifyKey::fromPem(keyPem).value(), "LON");
      ASSERT_TRUE(store) << store.error().message;
      parts.store = std::move(*store);
    }
    auto app = KioskApp::create(config_, std::move(parts), *engine_, renderer_.get(), keyPem,
                                log_.journal(), {});
    ASSERT_TRUE(app) << app.error().message;
    app_ = std::move(*app);
    frame();
  }

  // The wall clock moves with the test's time only, so a frame at the same time shows the same.
  bool frame() {
    return app_->frame(
        now_, wallStart_ + std::chrono::duration_cast<std::chrono::seconds>(now_ - started_));
  }
  // Lets `step` of the kiosk's time pass, a frame every 20 ms of it.
  void pass(std::chrono::milliseconds step) {
    for (auto left = step; left > 0ms; left -= 20ms) {
      now_ += std::min(left, std::chrono::milliseconds(20));
      frame();
    }
  }
  // Frames until `done`, the workers given real time to answer; false after 10 s.
  bool until(const std::function<bool()>& done) {
    const auto deadline = Steady::now() + 10s;
    while (!done()) {
      if (Steady::now() > deadline) return false;
      std::this_thread::sleep_for(2ms);
      now_ += 5ms;
      frame();
    }
    return true;
  }

  const Screen& screen() const { return app_->state().screen; }
  const CheckedIn* ticket() const { return std::get_if<CheckedIn>(&screen()); }
  bool printed() const { return ticket() != nullptr && ticket()->print == PrintStatus::Printed; }

  // A touch on the named button, as the mouse reports it.
  void tap(const std::string& name) {
    const Button* button = app_->layout().button(name);
    ASSERT_NE(button, nullptr) << "no button " << name;
    touch(button->rect.centreX(), button->rect.centreY());
  }
  // Press and release, each followed by a frame (the next touch lands on what it drew).
  void touch(int x, int y) {
    press(x, y);
    frame();
    release(x, y);
    frame();
  }
  void press(int x, int y) { mouse(SDL_MOUSEBUTTONDOWN, x, y); }
  void release(int x, int y) { mouse(SDL_MOUSEBUTTONUP, x, y); }
  void mouse(Uint32 type, int x, int y) {
    SDL_Event e{};
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.x = x;
    e.button.y = y;
    app_->handle(e);
  }
  void tapDigits(const std::string& digits) {
    for (const char c : digits) tap(std::string("digit.") + c);
  }

  // Keys into the window, `gapMs` apart by SDL's clock: a scanner types every few ms, a
  // person every few hundred.
  void key(SDL_Scancode scancode, bool down, Uint16 mod = KMOD_NONE) {
    SDL_Event e{};
    e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    e.key.timestamp = keyClock_;
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.scancode = scancode;
    e.key.keysym.mod = mod;
    app_->handle(e);
  }
  void typeLine(const std::string& digits, Uint32 gapMs) {
    const auto scancodeOf = [](char c) {
      return c == '0' ? SDL_SCANCODE_0 : static_cast<SDL_Scancode>(SDL_SCANCODE_1 + (c - '1'));
    };
    for (const char c : digits) {
      keyClock_ += gapMs;
      key(scancodeOf(c), true);
      key(scancodeOf(c), false);
    }
    keyClock_ += gapMs;
    key(SDL_SCANCODE_RETURN, true);
    key(SDL_SCANCODE_RETURN, false);
    keyClock_ += 1000;
  }

  // Hold the top-left corner for three seconds, then tap the top-right one.
  void hiddenGesture() {
    press(10, 10);
    pass(3100ms);
    release(10, 10);
    pass(200ms);
    touch(kWidth - 10, 10);
  }
  void enterStaffPin(const std::string& pin) {
    tapDigits(pin);
    tap("submit");
    ASSERT_TRUE(until([&] { return app_->settled(); }));  // the PIN is checked off the UI thread
  }

  KioskConfig config_;
  WindowPtr window_;
  RendererPtr renderer_;
  std::unique_ptr<text::TextEngine> engine_;
  fs::path dir_;
  std::unique_ptr<ctl::VirtualPrinterServer> printer_;
  std::shared_ptr<HandheldScanner::Codes> scanned_ = std::make_shared<HandheldScanner::Codes>();
  mikhak::test::RecordingJournal log_;  // outlives app_, which writes to it from its threads too
  std::unique_ptr<KioskApp> app_;
  const Steady::time_point started_ = Steady::now();
  const std::chrono::sys_seconds wallStart_ =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  Steady::time_point now_ = started_;
  Uint32 keyClock_ = 100'000;
};

TEST_F(KioskAppTest, TwoNoticesScannedTogetherAreCheckedInOneAfterTheOther) {
  mikhak::test::DemoServer server;
  const auto open = server.codes("open now");
  ASSERT_GE(open.size(), 2u);
  start(&server);
  // The second is read while the first is being checked in: it waits its turn, not dropped.
  scanned_->hand(open[0].payload);
  scanned_->hand(open[1].code);
  ASSERT_TRUE(until([&] { return app_->checkInsCompleted() == 2 && app_->settled(); }));
  EXPECT_EQ(printer_->ticketsWritten(), 2);
  ASSERT_NE(ticket(), nullptr);
  EXPECT_EQ(ticket()->digits, open[1].code);

  // The journal: two check-ins from the server and two tickets printed, by ticket label only.
  const auto checkIns = log_.entries("check_in");
  ASSERT_EQ(checkIns.size(), 2u);
  for (const auto& entry : checkIns) {
    EXPECT_EQ(mikhak::test::RecordingJournal::field(entry, "OUTCOME"), "checked_in");
    EXPECT_EQ(mikhak::test::RecordingJournal::field(entry, "SOURCE"), "server");
    EXPECT_FALSE(mikhak::test::RecordingJournal::field(entry, "TICKET").empty());
  }
  EXPECT_EQ(mikhak::test::RecordingJournal::field(checkIns[1], "TICKET"), ticket()->ticket.label);
  EXPECT_EQ(log_.entries("print").size(), 2u);
  const std::string text = log_.allText();
  for (const auto& notice : open) {
    EXPECT_EQ(text.find(notice.code), std::string::npos) << text;
    EXPECT_EQ(text.find(notice.payload), std::string::npos);
  }
  EXPECT_EQ(text.find(ticket()->ticket.displayNameEn), std::string::npos);
}

TEST_F(KioskAppTest, AKeyboardWedgeScanTypedIntoTheWindowChecksIn) {
  mikhak::test::DemoServer server;
  const auto open = server.codes("open now");
  ASSERT_FALSE(open.empty());
  start(&server);
  typeLine(open[0].code, 4);
  ASSERT_TRUE(until([&] { return printed(); }));
  EXPECT_EQ(ticket()->digits, open[0].code);
  EXPECT_EQ(printer_->ticketsWritten(), 1);
}

TEST_F(KioskAppTest, DigitsTypedSlowlyOnTheKeypadScreenAreTheApplicantsCode) {
  mikhak::test::DemoServer server;
  const auto open = server.codes("open now");
  ASSERT_FALSE(open.empty());
  start(&server);
  // On the idle screen slow typing is nobody's code.
  typeLine(open[0].code, 250);
  frame();
  EXPECT_TRUE(std::holds_alternative<Idle>(screen()));

  tap("type_code");
  ASSERT_TRUE(std::holds_alternative<Keypad>(screen()));
  typeLine(open[0].code, 250);
  ASSERT_TRUE(until([&] { return printed(); }));
  EXPECT_EQ(ticket()->digits, open[0].code);
}

TEST_F(KioskAppTest, TouchingTheKeypadChecksInAndTheTicketScreenClearsWhenLeft) {
  mikhak::test::DemoServer server;
  const auto open = server.codes("open now");
  ASSERT_FALSE(open.empty());
  start(&server);
  tap("type_code");
  ASSERT_TRUE(std::holds_alternative<Keypad>(screen()));
  tapDigits(open[0].code);
  tap("ok");
  ASSERT_TRUE(until([&] { return printed() && app_->settled(); }));
  EXPECT_EQ(ticket()->digits, open[0].code);
  EXPECT_EQ(printer_->ticketsWritten(), 1);

  // The applicant walks away with the ticket: the screen goes back to idle, holding nothing.
  pass(config_.timeouts.checkedIn + 31s);
  EXPECT_TRUE(std::holds_alternative<Idle>(screen()));
  EXPECT_FALSE(holdsPersonalData(app_->state()));
}

TEST_F(KioskAppTest, AKeypadLeftHalfTypedGoesBackToIdleEmpty) {
  start(nullptr);
  tap("type_code");
  tapDigits("4821");
  ASSERT_TRUE(std::holds_alternative<Keypad>(screen()));
  EXPECT_EQ(std::get<Keypad>(screen()).digits, "4821");
  pass(config_.timeouts.input - 1s);
  EXPECT_TRUE(std::holds_alternative<Keypad>(screen()));
  pass(2s);
  EXPECT_TRUE(std::holds_alternative<Idle>(screen()));
  EXPECT_FALSE(holdsPersonalData(app_->state()));
}

TEST_F(KioskAppTest, TheHiddenGestureOpensNothingWithoutAStaffPin) {
  start(nullptr);
  hiddenGesture();
  EXPECT_FALSE(app_->staffOpen());
  key(SDL_SCANCODE_M, true, KMOD_LCTRL | KMOD_LALT);
  EXPECT_FALSE(app_->staffOpen());
}

TEST_F(KioskAppTest, TheHiddenGestureNeedsTheFullHold) {
  config_.kiosk.staffPinHash = domain::hashPassword(kStaffPin);
  start(nullptr);
  press(10, 10);
  pass(1s);
  release(10, 10);
  touch(kWidth - 10, 10);
  EXPECT_FALSE(app_->staffOpen());
  hiddenGesture();
  EXPECT_TRUE(app_->staffOpen());
}

TEST_F(KioskAppTest, StaffTakeTheKioskOutOfServiceWithTheRightPinOnly) {
  config_.kiosk.staffPinHash = domain::hashPassword(kStaffPin);
  start(nullptr);
  hiddenGesture();
  ASSERT_TRUE(app_->staffOpen());
  ASSERT_NE(app_->layout().button("submit"), nullptr);

  enterStaffPin("1357");
  EXPECT_TRUE(app_->staffOpen());
  EXPECT_EQ(app_->layout().button("out_of_service"), nullptr);  // still the PIN entry

  pass(2500ms);  // a wrong PIN makes the next try wait
  enterStaffPin(kStaffPin);
  ASSERT_NE(app_->layout().button("out_of_service"), nullptr);
  tap("out_of_service");
  tap("exit");
  EXPECT_FALSE(app_->staffOpen());
  EXPECT_TRUE(std::holds_alternative<OutOfService>(screen()));
  // Applicants' scans and touches do nothing now.
  typeLine("48210093175268", 4);
  frame();
  EXPECT_TRUE(std::holds_alternative<OutOfService>(screen()));

  // A technician's keyboard opens staff mode too; back in service.
  key(SDL_SCANCODE_M, true, KMOD_LCTRL | KMOD_LALT);
  frame();
  ASSERT_TRUE(app_->staffOpen());
  enterStaffPin(kStaffPin);
  tap("out_of_service");
  tap("exit");
  EXPECT_TRUE(std::holds_alternative<Idle>(screen()));

  // The journal has the wrong PIN, both openings and the kiosk's service state, never the PIN.
  std::vector<std::string> staff;
  for (const auto& e : log_.entries("staff_mode")) {
    staff.push_back(mikhak::test::RecordingJournal::field(e, "OUTCOME"));
  }
  EXPECT_EQ(staff, (std::vector<std::string>{"wrong_pin", "opened", "closed", "opened", "closed"}));
  const auto service = log_.entries("out_of_service");
  ASSERT_EQ(service.size(), 2u);
  EXPECT_EQ(mikhak::test::RecordingJournal::field(service[0], "OUT_OF_SERVICE"), "1");
  EXPECT_EQ(mikhak::test::RecordingJournal::field(service[1], "OUT_OF_SERVICE"), "0");
  EXPECT_EQ(log_.allText().find(kStaffPin), std::string::npos);
}

TEST_F(KioskAppTest, AnUnchangedScreenIsNotDrawnAgain) {
  start(nullptr);
  // Once the server is known not to answer, the idle screen carries the staff's offline mark and
  // stays as it is.
  ASSERT_TRUE(until([&] {
    return std::any_of(app_->layout().items.begin(), app_->layout().items.end(),
                       [](const DrawItem& item) { return std::holds_alternative<DotItem>(item); });
  }));
  frame();
  EXPECT_FALSE(frame());
  EXPECT_FALSE(frame());
  app_->invalidate();  // the window was exposed
  EXPECT_TRUE(frame());
  EXPECT_FALSE(frame());

  const Button* help = app_->layout().button("help");
  ASSERT_NE(help, nullptr);
  const Rect where = help->rect;  // the next frame lays out anew: the button goes with it
  press(where.centreX(), where.centreY());
  EXPECT_TRUE(frame());
  EXPECT_TRUE(std::holds_alternative<Help>(screen()));
  release(where.centreX(), where.centreY());
  EXPECT_FALSE(frame());
}

}  // namespace
}  // namespace mikhak::kiosk
