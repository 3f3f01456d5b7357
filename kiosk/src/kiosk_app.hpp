#pragma once

// The kiosk's shell: the check-in flow and staff mode in the middle, the workers around them
// (server client, printer, scanners, the offline store's thread), the screen drawn from the
// state each frame. Everything here runs on the UI thread and nothing waits: workers are polled,
// their results become the flow's events, and the flow's effects become their requests.

#include <SDL2/SDL.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check_in_flow.hpp"
#include "consulate_clock.hpp"
#include "hidden_gesture.hpp"
#include "kiosk_config.hpp"
#include "kiosk_wording.hpp"
#include "mikhak/base/journal.hpp"
#include "mikhak/printer/printer_worker.hpp"
#include "mikhak/scanner/scanner_service.hpp"
#include "mikhak/scanner/wedge_decoder.hpp"
#include "mikhak/text/text_engine.hpp"
#include "offline_store.hpp"
#include "outbox_sync.hpp"
#include "screen_layout.hpp"
#include "screen_painter.hpp"
#include "server_client.hpp"
#include "sound_cues.hpp"
#include "staff_pin_gate.hpp"
#include "staff_view.hpp"
#include "task_thread.hpp"
#include "ticket_printing.hpp"

namespace mikhak::kiosk {

// The parts a kiosk runs with, made by makeKioskParts() from the configuration, or by a test.
struct KioskParts {
  std::unique_ptr<ServerClient> server;
  std::unique_ptr<printer::PrinterWorker> printer;  // null: no printer configured or usable
  std::unique_ptr<scanner::ScannerService> scanner;
  std::size_t scannerInputs = 0;        // sources configured and opened
  std::unique_ptr<OfflineStore> store;  // null: the kiosk works online only
  std::vector<std::string> problems;    // what could not be set up, for the log and staff
};
// `keyPem`: the consulate's public key, which verifies QR notices and the day manifest.
Result<KioskParts> makeKioskParts(const KioskConfig& config, const std::string& keyPem);
// The key file named by the configuration, read whole.
Result<std::string> readPublicKey(const KioskConfig& config);

struct KioskAppOptions {
  std::string version = "0.1.0";
  // Write a PNG of the screen whenever what it shows changes ("NN-<screen>-<lang>.png").
  std::filesystem::path screenshots;
  std::chrono::seconds manifestEvery{300};
  std::chrono::seconds heartbeatEvery{30};
  double pixelsPerMm = kDefaultPixelsPerMm;
  std::chrono::seconds staffIdle{120};  // staff mode closes itself when left open
};

class KioskApp {
 public:
  static Result<std::unique_ptr<KioskApp>> create(const KioskConfig& config, KioskParts parts,
                                                  text::TextEngine& engine, SDL_Renderer* renderer,
                                                  const std::string& keyPem, base::Journal& journal,
                                                  KioskAppOptions options = {});
  ~KioskApp();

  void handle(const SDL_Event& event);
  // One frame: poll the workers, step the flow, carry out its effects, draw. True if it drew
  // something new, which the caller presents; an unchanged screen is not drawn again.
  bool frame(std::chrono::steady_clock::time_point now, std::chrono::sys_seconds wallNow);
  // Draw the next frame even if nothing changed (the window was exposed or resized).
  void invalidate() { repaint_ = true; }

  const FlowState& state() const { return flow_.state(); }
  bool staffOpen() const { return staff_.has_value(); }
  // Nothing in flight: no check-in waiting, no ticket printing, no store work, and the day
  // manifest in hand (when there is a store).
  bool settled() const;
  // Settled, and the server has everything: the outbox is empty and every print result sent.
  bool synced() const;
  std::size_t checkInsCompleted() const { return completed_; }
  // Every scanner input has ended (only `images:` folders ever do) and every code they read was
  // acted on: nothing more will come from the scanners.
  bool scansExhausted() const { return scansExhausted_; }
  // What the screen shows now: its items and where its buttons are.
  const ScreenLayout& layout() const { return layout_; }
  const std::vector<std::filesystem::path>& screenshotsWritten() const { return shots_; }

 private:
  KioskApp(const KioskConfig& config, KioskParts parts, text::TextEngine& engine,
           SDL_Renderer* renderer, base::Journal& journal, KioskAppOptions options,
           domain::VerifyKey key, KioskWording wording, ConsulateClock clock,
           std::unique_ptr<text::TextEngine> ticketEngine, TicketPrinter ticketPrinter);

  void step(const FlowEvent& event);
  // The screen before a step, as much of it as journalStep() needs: a step runs every frame, and
  // a copy of the whole state would be made as often.
  struct ScreenMark {
    std::size_t screen = 0;                 // Screen's index
    std::optional<FlowTime> checkingSince;  // Checking: when the check-in began
    std::optional<RefusalReason> refusal;   // Refused: why
  };
  static ScreenMark markOf(const FlowState& state);
  // What a step did that a technician reads in the journal: an applicant checked in or refused
  // (ticket and reason, never the code or the name), the kiosk out of service and back.
  void journalStep(const ScreenMark& before, const FlowState& after);
  void carryOut(const FlowEffects& effects);
  void pollServer();
  void pollPrinter();
  void journalPrinterState();  // a change of the printer's state (paper out, back to ok)
  void pollScanner();
  void housekeeping();
  void onAction(const UiAction& action);
  void onStaffAction(const StaffAction& action);
  void onPointer(int x, int y, bool down);
  void onKey(const SDL_KeyboardEvent& key);
  void scanRead(std::string text);
  bool readyForScan() const;
  void takeWaitingScans();
  void openStaff();
  StaffView staffView();
  void printTicket(const PrintTicket& print);
  // Lays the ticket out and hands it to the printer, on the ticket thread; a ticket that cannot
  // be laid out or queued comes back as not printed.
  void layOutAndPrint(const TicketInfo& ticket, text::Language language, std::uint64_t jobId);
  void reportPrintResult(std::int64_t ticketId, std::uint64_t jobId, bool printed);
  bool draw();
  void screenshotIfChanged(const ScreenLayout& layout);
  std::string screenKey() const;

  KioskConfig config_;
  base::Journal& journal_;
  KioskAppOptions options_;
  text::TextEngine& engine_;
  SDL_Renderer* renderer_;
  KioskWording wording_;
  ConsulateClock clock_;
  TicketIssuer issuer_;
  // Tickets are laid out on a thread of their own, with their own text engine (an engine is not
  // for two threads): a new ticket screen's first frame does not wait for the paper's layout.
  std::unique_ptr<text::TextEngine> ticketEngine_;
  TicketPrinter ticketPrinter_;  // the ticket thread's only
  ScreenPainter painter_;
  SoundCues sounds_;
  CheckInFlow flow_;
  StaffPinGate pinGate_;
  HiddenGesture gesture_;
  scanner::WedgeDecoder wedge_;
  KioskParts parts_;
  OutboxSync outboxSync_;
  TaskThread storeTasks_;   // after the store: joins before it goes
  TaskThread ticketTasks_;  // after the printer and the ticket printer, likewise

  std::chrono::steady_clock::time_point now_{};
  std::chrono::sys_seconds wallNow_{};
  std::optional<std::chrono::sys_seconds> offlineSince_;
  std::optional<std::chrono::steady_clock::time_point> nextManifest_;
  std::optional<std::chrono::steady_clock::time_point> nextHeartbeat_;
  std::optional<std::chrono::steady_clock::time_point> nextPrintResults_;
  bool printResultsInFlight_ = false;
  std::map<std::int64_t, std::int64_t> printResultRows_;  // ticket id -> store row, while sending

  // Which request the flow's last answer was for: PrintTicket effects of that step belong to it.
  std::string answeringRequest_;
  std::map<std::uint64_t, std::string> requestOfJob_;  // offline tickets' print results
  std::size_t completed_ = 0;
  // Codes read while an applicant was being checked in, to be checked in after them rather than
  // lost (readyForScan()).
  std::deque<std::string> waitingScans_;
  std::string drawnKey_;  // screenKey() of what the screen last drew
  bool scansExhausted_ = false;
  std::uint64_t finishingJob_ = 0;  // the job whose outcome the flow is stepping through
  std::size_t outboxDepth_ = 0;     // as last read from the store
  std::optional<ManifestInfo> manifest_;
  bool servicesAsked_ = false;

  struct Staff {
    std::string pin;  // typed so far; never drawn, only counted
    bool panel = false;
    bool wrongPin = false;
    bool scannerTest = false;
    std::string lastRead;
    std::string lastTestPrint;
    std::chrono::steady_clock::time_point lastInput{};
  };
  std::optional<Staff> staff_;
  bool pinVerified_ = false;  // the off-thread Argon2 check's answer, for the gate to take
  bool pinCheckInFlight_ = false;
  bool outOfService_ = false;
  std::uint64_t nextTestJob_ = 1ull << 62;  // apart from the flow's job ids

  std::optional<printer::PrinterStatus> printerStatus_;
  std::string printerState_;                         // heartbeatState() as last logged
  std::map<std::string, std::string> scannerState_;  // source -> "ok" or why not

  ScreenLayout layout_;
  bool repaint_ = true;
  bool printResultsPending_ = true;  // unknown until the store was first asked
  std::string lastShotKey_;
  std::vector<std::filesystem::path> shots_;
};

}  // namespace mikhak::kiosk
