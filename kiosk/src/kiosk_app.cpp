#include "kiosk_app.hpp"

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "asset_paths.hpp"
#include "mikhak/domain/password_hash.hpp"
#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/printer/printer_status.hpp"
#include "mikhak/text/png.hpp"
#include "sdl_wedge_keys.hpp"

namespace mikhak::kiosk {
namespace {

using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Request ids must differ between kiosks and between runs of one kiosk.
std::string requestIdPrefix(const std::string& kioskName) {
  const auto boot = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  std::ostringstream prefix;
  prefix << kioskName << '-' << std::hex << boot;
  return prefix.str();
}

std::string printerLine(const std::optional<printer::PrinterStatus>& status) {
  if (!status) return "not checked yet";
  return std::string(printer::heartbeatState(*status));
}

const char* screenName(const Screen& screen) {
  static constexpr const char* kNames[] = {"idle",     "keypad",        "help",
                                           "checking", "checked-in",    "already-checked-in",
                                           "refused",  "out-of-service"};
  return kNames[screen.index()];
}

TicketInfo testTicket() {
  TicketInfo ticket;
  ticket.letter = "T";
  ticket.letterFa = "ت";
  ticket.number = 0;
  ticket.label = "T-000";
  ticket.labelFa = "ت-۰۰۰";
  ticket.serviceFa = "چاپ آزمایشی";
  ticket.serviceEn = "Test print";
  ticket.peopleAhead = -1;
  ticket.appointmentDay = "test";
  ticket.originals = {{"این برگه آزمایشی است", "This is a test ticket"}};
  return ticket;
}

}  // namespace

Result<std::string> readPublicKey(const KioskConfig& config) {
  std::ifstream file(config.server.publicKey);
  if (!file) return Error{"cannot read the consulate's key " + config.server.publicKey.string()};
  std::stringstream pem;
  pem << file.rdbuf();
  return pem.str();
}

Result<KioskParts> makeKioskParts(const KioskConfig& config, const std::string& keyPem) {
  KioskParts parts;
  auto key = domain::VerifyKey::fromPem(keyPem);
  if (!key) return key.error();
  auto token = readToken(config.server.tokenFile);
  if (!token) return token.error();
  ServerClientOptions server;
  server.baseUrl = config.server.url;
  server.token = *token;
  server.connectTimeout = config.server.connectTimeout;
  server.readTimeout = config.server.readTimeout;
  parts.server = std::make_unique<ServerClient>(std::move(server));

  if (auto uri = drivers::parsePrinterUri(config.printer.uri); !uri) {
    parts.problems.push_back("printer: " + uri.error().message);
  } else if (auto transport = drivers::makeTransport(*uri); !transport) {
    parts.problems.push_back("printer: " + transport.error().message);
  } else {
    parts.printer = std::make_unique<printer::PrinterWorker>(std::move(*transport),
                                                             printer::PrinterWorker::Options{});
  }

  std::vector<std::unique_ptr<scanner::ScanInput>> inputs;
  if (auto specs = scanner::parseSourceSpecs(config.scannerSources); !specs) {
    parts.problems.push_back("scanner: " + specs.error().message);
  } else {
    for (const auto& spec : *specs) {
      if (auto input = scanner::openInput(spec); input) {
        inputs.push_back(std::move(*input));
      } else {
        parts.problems.push_back("scanner: " + input.error().message);
      }
    }
  }
  parts.scannerInputs = inputs.size();
  parts.scanner = std::make_unique<scanner::ScannerService>(std::move(inputs),
                                                            scanner::ScannerService::Options{});

  std::error_code ec;
  std::filesystem::create_directories(config.kiosk.stateDir, ec);
  auto store =
      OfflineStore::open(config.kiosk.stateDir / "kiosk.db", std::move(*key), config.consulate.id);
  if (store) {
    parts.store = std::move(*store);
  } else {
    parts.problems.push_back("offline store: " + store.error().message);
  }
  return parts;
}

KioskApp::KioskApp(const KioskConfig& config, KioskParts parts, text::TextEngine& engine,
                   SDL_Renderer* renderer, base::Journal& journal, KioskAppOptions options,
                   domain::VerifyKey key, KioskWording wording, ConsulateClock clock,
                   std::unique_ptr<text::TextEngine> ticketEngine, TicketPrinter ticketPrinter)
    : config_(config),
      journal_(journal),
      options_(std::move(options)),
      engine_(engine),
      renderer_(renderer),
      wording_(std::move(wording)),
      clock_(std::move(clock)),
      issuer_{config.consulate.id, config.consulate.nameFa, config.consulate.nameEn,
              config.consulate.timeZone},
      ticketEngine_(std::move(ticketEngine)),
      ticketPrinter_(std::move(ticketPrinter)),
      painter_(renderer, engine),
      sounds_(config.screen.sound),
      flow_(std::move(key), requestIdPrefix(config.kiosk.name),
            FlowOptions{.serverGiveUp = config.timeouts.serverGiveUp,
                        .offlineFallback = true,
                        .inputTimeout = config.timeouts.input,
                        .resultTimeout = config.timeouts.result,
                        .checkedInTimeout = config.timeouts.checkedIn}),
      pinGate_([this](std::string_view) { return pinVerified_; }),
      gesture_(1920),
      parts_(std::move(parts)) {
  if (config.kiosk.language == text::Language::English) step(LanguageTapped{});
  // What the store holds from before a restart: the manifest, check-ins to sync, print results.
  if (parts_.store) {
    storeTasks_.post([this] {
      auto info = parts_.store->manifestInfo();
      const auto depth = parts_.store->outboxDepth();
      return [this, info, left = depth ? *depth : 0] {
        manifest_ = info;
        outboxDepth_ = left;
        if (left > 0) outboxSync_.nudge(now_);
      };
    });
    nextPrintResults_ = Steady::time_point{};
  } else {
    printResultsPending_ = false;
  }
}

KioskApp::~KioskApp() = default;

Result<std::unique_ptr<KioskApp>> KioskApp::create(const KioskConfig& config, KioskParts parts,
                                                   text::TextEngine& engine, SDL_Renderer* renderer,
                                                   const std::string& keyPem,
                                                   base::Journal& journal,
                                                   KioskAppOptions options) {
  auto key = domain::VerifyKey::fromPem(keyPem);
  if (!key) return key.error();
  auto wording = loadKioskWording(defaultKioskWordingFile());
  if (!wording) return wording.error();
  auto clock = ConsulateClock::create(config.consulate.nameFa, config.consulate.nameEn,
                                      config.consulate.timeZone);
  if (!clock) return clock.error();
  TicketPrinter::Options ticketOptions;
  ticketOptions.widthDots = config.printer.widthDots;
  ticketOptions.rasterization =
      config.printer.dither ? printer::Rasterization::Dither : printer::Rasterization::Threshold;
  ticketOptions.wordingFile = assetPath("translations/ticket.toml");
  auto ticketEngine = text::TextEngine::createDefault();
  if (!ticketEngine) return ticketEngine.error();
  auto ownTicketEngine = std::make_unique<text::TextEngine>(std::move(*ticketEngine));
  auto ticketPrinter = TicketPrinter::create(*ownTicketEngine, ticketOptions);
  if (!ticketPrinter) return ticketPrinter.error();
  return std::unique_ptr<KioskApp>(
      new KioskApp(config, std::move(parts), engine, renderer, journal, std::move(options),
                   std::move(*key), std::move(*wording), std::move(*clock),
                   std::move(ownTicketEngine), std::move(*ticketPrinter)));
}

// --- Input -----------------------------------------------------------------------------------

void KioskApp::handle(const SDL_Event& event) {
  switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
      if (event.button.button == SDL_BUTTON_LEFT) onPointer(event.button.x, event.button.y, true);
      break;
    case SDL_MOUSEBUTTONUP:
      if (event.button.button == SDL_BUTTON_LEFT) onPointer(event.button.x, event.button.y, false);
      break;
    case SDL_KEYDOWN:
    case SDL_KEYUP:
      onKey(event.key);
      break;
    case SDL_WINDOWEVENT:
      repaint_ = true;
      break;
    default:
      break;
  }
}

void KioskApp::onPointer(int x, int y, bool down) {
  if (!down) {
    gesture_.pointerUp(x, y, now_);
    return;
  }
  if (gesture_.pointerDown(x, y, now_)) {
    openStaff();
    return;
  }
  if (staff_) staff_->lastInput = now_;
  if (auto action = hitTest(layout_, x, y)) onAction(*action);
}

void KioskApp::onKey(const SDL_KeyboardEvent& key) {
  const bool down = key.state == SDL_PRESSED;
  const auto mods = key.keysym.mod;
  if (down && key.keysym.scancode == SDL_SCANCODE_M && (mods & KMOD_CTRL) && (mods & KMOD_ALT)) {
    openStaff();
    return;
  }
  // A person at a keyboard (a technician, a developer) uses the keypad screen's keys directly.
  if (down && !key.repeat && !staff_) {
    const bool onKeypad = std::holds_alternative<Keypad>(flow_.state().screen);
    const auto sc = key.keysym.scancode;
    if (sc == SDL_SCANCODE_ESCAPE) step(onKeypad ? FlowEvent{KeypadCancel{}} : BackTapped{});
    if (onKeypad && sc == SDL_SCANCODE_BACKSPACE) step(KeypadBackspace{});
  }
  // Every key also goes to the wedge decoder: a fast burst ending in Enter is a scan.
  const auto event = wedgeKeyEvent(key);
  if (!event) return;
  const auto line = wedge_.feed(*event);
  if (!line) return;
  if (line->kind == scanner::WedgeLine::Kind::Scan) {
    if (staff_ && staff_->scannerTest) {
      staff_->lastRead = line->text + " (keyboard)";  // masked when shown
    } else if (!staff_) {
      scanRead(std::move(line->text));
    }
  } else if (line->kind == scanner::WedgeLine::Kind::Typed && !staff_ &&
             std::holds_alternative<Keypad>(flow_.state().screen)) {
    // Digits typed by hand on a keyboard, then Enter: as if tapped on the keypad.
    for (const char c : line->text) {
      if (c >= '0' && c <= '9') step(KeypadDigit{std::string(1, c)});
    }
    step(KeypadSubmit{});
  }
}

void KioskApp::onAction(const UiAction& action) {
  if (const auto* staffAction = std::get_if<StaffAction>(&action)) {
    onStaffAction(*staffAction);
  } else {
    step(std::get<FlowEvent>(action));
  }
}

// --- Staff mode --------------------------------------------------------------------------------

void KioskApp::openStaff() {
  if (config_.kiosk.staffPinHash.empty()) {
    journal_.warning("staff_mode", "staff mode is closed: no staff_pin_hash in the configuration",
                     {{"OUTCOME", "no_pin"}});
    return;
  }
  staff_ = Staff{};
  staff_->lastInput = now_;
  waitingScans_.clear();  // read for the applicant's screens, which staff mode now covers
}

void KioskApp::onStaffAction(const StaffAction& action) {
  if (!staff_) return;
  staff_->lastInput = now_;
  std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, staff::EnterDigit>) {
          if (staff_->pin.size() < 12) staff_->pin += static_cast<char>('0' + a.digit);
          staff_->wrongPin = false;
        } else if constexpr (std::is_same_v<A, staff::Backspace>) {
          if (!staff_->pin.empty()) staff_->pin.pop_back();
        } else if constexpr (std::is_same_v<A, staff::Submit>) {
          if (pinCheckInFlight_ || pinGate_.blockedUntil(now_)) return;
          // Argon2id takes a tenth of a second: off the render loop, then through the gate.
          pinCheckInFlight_ = true;
          storeTasks_.post([this, hash = config_.kiosk.staffPinHash, pin = staff_->pin] {
            const bool ok = domain::verifyPassword(hash, pin);
            return [this, ok] {
              pinCheckInFlight_ = false;
              if (!staff_) return;
              pinVerified_ = ok;
              const auto verdict = pinGate_.attempt(staff_->pin, now_);
              pinVerified_ = false;
              staff_->pin.clear();
              staff_->panel = verdict == StaffPinGate::Verdict::Accepted;
              staff_->wrongPin = verdict == StaffPinGate::Verdict::Wrong;
              const char* outcome = staff_->panel                             ? "opened"
                                    : verdict == StaffPinGate::Verdict::Wrong ? "wrong_pin"
                                                                              : "locked";
              journal_.notice("staff_mode", std::string("staff mode: ") + outcome,
                              {{"OUTCOME", outcome}});
            };
          });
        } else if constexpr (std::is_same_v<A, staff::Cancel> || std::is_same_v<A, staff::Exit>) {
          if (staff_->panel)
            journal_.notice("staff_mode", "staff mode closed", {{"OUTCOME", "closed"}});
          staff_.reset();
        } else if constexpr (std::is_same_v<A, staff::TestPrint>) {
          if (!staff_->panel) return;
          if (!parts_.printer) {
            staff_->lastTestPrint = "no printer";
            return;
          }
          staff_->lastTestPrint = "printing";
          layOutAndPrint(testTicket(), Language::Persian, nextTestJob_++);
        } else if constexpr (std::is_same_v<A, staff::ScannerTest>) {
          if (!staff_->panel) return;
          staff_->scannerTest = true;
          staff_->lastRead = "waiting for a scan";
        } else if constexpr (std::is_same_v<A, staff::ToggleOutOfService>) {
          if (!staff_->panel) return;
          outOfService_ = !outOfService_;
          step(OutOfServiceChanged{outOfService_});
        }
      },
      action);
}

StaffView KioskApp::staffView() {
  if (!staff_->panel) {
    StaffPinEntry entry;
    entry.digitsEntered = static_cast<int>(staff_->pin.size());
    entry.wrongPin = staff_->wrongPin;
    if (pinGate_.lockedOut(now_)) {
      if (const auto until = pinGate_.blockedUntil(now_)) {
        entry.lockedSeconds =
            static_cast<int>(std::chrono::ceil<std::chrono::seconds>(*until - now_).count());
      }
    }
    return entry;
  }
  StaffPanel panel;
  panel.printer = parts_.printer ? printerLine(printerStatus_) : "not configured";
  for (const auto& [source, state] : scannerState_) panel.scanners.push_back(source + ": " + state);
  if (panel.scanners.empty()) {
    panel.scanners.push_back(parts_.scannerInputs == 0 ? "none configured (keyboard only)"
                                                       : "no read yet");
  }
  panel.serverReachable = parts_.server && parts_.server->reachable();
  panel.tokenAccepted = parts_.server && !parts_.server->tokenRefused();
  if (manifest_)
    panel.manifestAge =
        std::chrono::duration_cast<std::chrono::seconds>(wallNow_ - manifest_->fetchedAt);
  panel.outboxDepth = static_cast<int>(outboxDepth_);
  panel.version = options_.version;
  panel.outOfService = outOfService_;
  panel.lastScannerRead = staff_->lastRead;
  panel.lastTestPrint = staff_->lastTestPrint;
  return panel;
}

// --- The flow and its effects ----------------------------------------------------------------

void KioskApp::step(const FlowEvent& event) {
  const ScreenMark before = markOf(flow_.state());
  const FlowEffects effects = flow_.step(event, now_);
  journalStep(before, flow_.state());
  carryOut(effects);
}

KioskApp::ScreenMark KioskApp::markOf(const FlowState& state) {
  ScreenMark mark{.screen = state.screen.index(), .checkingSince = {}, .refusal = {}};
  if (const auto* checking = std::get_if<Checking>(&state.screen)) {
    mark.checkingSince = checking->startedAt;
  } else if (const auto* refused = std::get_if<Refused>(&state.screen)) {
    mark.refusal = refused->reason;
  }
  return mark;
}

void KioskApp::journalStep(const ScreenMark& before, const FlowState& after) {
  const bool entered = before.screen != after.screen.index();
  if (const auto* ticket = std::get_if<CheckedIn>(&after.screen);
      ticket != nullptr || std::holds_alternative<AlreadyCheckedIn>(after.screen)) {
    if (!entered) return;
    const TicketScreen& screen = ticket != nullptr ? static_cast<const TicketScreen&>(*ticket)
                                                   : std::get<AlreadyCheckedIn>(after.screen);
    const char* outcome = ticket != nullptr ? "checked_in" : "already_checked_in";
    const char* source = screen.source == AnswerSource::Server ? "server" : "offline";
    std::string waited;
    if (before.checkingSince) {
      waited = std::to_string(
          std::chrono::duration_cast<std::chrono::milliseconds>(now_ - *before.checkingSince)
              .count());
    }
    journal_.info("check_in",
                  screen.ticket.label + " " + outcome + " (" + source + ")" +
                      (waited.empty() ? "" : " in " + waited + " ms"),
                  {{"OUTCOME", outcome},
                   {"TICKET", screen.ticket.label},
                   {"SOURCE", source},
                   {"ANSWER_MS", waited}});
  } else if (const auto* refused = std::get_if<Refused>(&after.screen)) {
    if (!entered && before.refusal == refused->reason) return;
    const std::string reason(reasonName(refused->reason));
    // A forged notice, or a server that does not answer, is for a technician to look at.
    const bool alarming = refused->reason == RefusalReason::Forged ||
                          refused->reason == RefusalReason::ServerNotAnswering ||
                          refused->reason == RefusalReason::ServerProblem;
    journal_.write(alarming ? base::LogPriority::Warning : base::LogPriority::Info, "check_in",
                   "check-in refused: " + reason, {{"OUTCOME", "refused"}, {"REASON", reason}});
  } else if (entered && (std::holds_alternative<OutOfService>(after.screen) ||
                         before.screen == Screen(OutOfService{}).index())) {
    const bool out = std::holds_alternative<OutOfService>(after.screen);
    journal_.notice("out_of_service", out ? "out of service" : "back in service",
                    {{"OUT_OF_SERVICE", out ? "1" : "0"}});
  }
}

void KioskApp::carryOut(const FlowEffects& effects) {
  for (const auto& effect : effects) {
    std::visit(
        [&](const auto& e) {
          using E = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<E, SendCheckIn>) {
            if (!parts_.server->submit(CheckInRequest{e.requestId, e.code})) {
              step(CheckInFailed{e.requestId, "request queue full"});
            }
          } else if constexpr (std::is_same_v<E, CheckInOffline>) {
            if (!parts_.store) {
              step(CheckInAnswered{e.requestId, CheckInRefusal{"offline_unavailable", "", "", ""}});
              return;
            }
            storeTasks_.post([this, e, at = wallNow_] {
              auto answer = parts_.store->checkInOffline(e.code, e.requestId, at);
              if (!answer) {
                journal_.error("offline_store", "offline check-in: " + answer.error().message);
              }
              CheckInAnswer result =
                  answer ? std::move(*answer)
                         : CheckInAnswer{CheckInRefusal{"offline_unavailable", "", "", ""}};
              return [this, id = e.requestId, result = std::move(result)] {
                answeringRequest_ = id;
                step(CheckInAnswered{id, result});
                answeringRequest_.clear();
                outboxSync_.nudge(now_);
              };
            });
          } else if constexpr (std::is_same_v<E, PrintTicket>) {
            printTicket(e);
          } else if constexpr (std::is_same_v<E, ReportPrintResult>) {
            reportPrintResult(e.ticketId, finishingJob_, e.printed);
          } else if constexpr (std::is_same_v<E, PlaySound>) {
            sounds_.play(e.sound);
          } else if constexpr (std::is_same_v<E, ClearPersonalData>) {
            painter_.clear();
          }
        },
        effect);
  }
}

void KioskApp::printTicket(const PrintTicket& print) {
  if (!answeringRequest_.empty()) requestOfJob_[print.jobId] = answeringRequest_;
  if (!parts_.printer) {
    step(PrintFinished{print.jobId, false});
    return;
  }
  layOutAndPrint(print.ticket, flow_.state().language, print.jobId);
}

void KioskApp::layOutAndPrint(const TicketInfo& ticket, text::Language language,
                              std::uint64_t jobId) {
  ticketTasks_.post([this, ticket, issuer = issuer_, language, at = wallNow_, jobId] {
    auto rendered = ticketPrinter_.render(ticket, issuer, language, at);
    std::string problem;
    if (!rendered) {
      problem = rendered.error().message;
    } else if (!parts_.printer->submit({jobId, std::move(rendered->mono)})) {
      problem = "the printer's queue is full";
    }
    return [this, jobId, problem] {
      if (problem.empty()) return;
      journal_.error("print", "ticket not printed: " + problem, {{"PRINTED", "0"}});
      if (jobId >= (1ull << 62)) {
        if (staff_) staff_->lastTestPrint = "failed: " + problem;
        return;
      }
      finishingJob_ = jobId;
      step(PrintFinished{jobId, false});
      finishingJob_ = 0;
    };
  });
}

void KioskApp::reportPrintResult(std::int64_t ticketId, std::uint64_t jobId, bool printed) {
  ++completed_;
  if (!parts_.store) {
    if (ticketId > 0) parts_.server->submit(PrintResultRequest{ticketId, printed});
    return;
  }
  // Kept in the store first, so a dead network or a restart loses no print result.
  std::string requestId;
  if (ticketId <= 0) {
    const auto found = requestOfJob_.find(jobId);
    if (found == requestOfJob_.end()) return;
    requestId = found->second;
  }
  requestOfJob_.erase(jobId);
  storeTasks_.post([this, ticketId, requestId, printed] {
    const auto recorded = ticketId > 0 ? parts_.store->recordPrintResult(ticketId, printed)
                                       : parts_.store->recordOfflinePrintResult(requestId, printed);
    if (!recorded) journal_.error("offline_store", "print result: " + recorded.error().message);
    return [this] { nextPrintResults_ = now_; };
  });
}

// --- Workers ---------------------------------------------------------------------------------

void KioskApp::pollServer() {
  while (auto reply = parts_.server->poll()) {
    const bool answered = reply->status == ReplyStatus::Answered ||
                          reply->status == ReplyStatus::TokenRefused ||
                          reply->status == ReplyStatus::Unreadable;
    if (answered) {
      if (offlineSince_) {
        journal_.notice("server", "the server answers again", {{"REACHABLE", "1"}});
      }
      offlineSince_.reset();
      outboxSync_.serverReachable(now_);
    } else if (!offlineSince_) {
      offlineSince_ = wallNow_;
      journal_.warning(
          "server",
          "the server does not answer (" + std::string(replyStatusName(reply->status)) + ": " +
              reply->problem + ")" +
              (parts_.store ? "; offline check-in from the day manifest" : ""),
          {{"REACHABLE", "0"}, {"REASON", std::string(replyStatusName(reply->status))}});
    }
    std::visit(
        [&](const auto& request) {
          using R = std::decay_t<decltype(request)>;
          if constexpr (std::is_same_v<R, CheckInRequest>) {
            if (auto event = checkInEvent(*reply)) {
              answeringRequest_ = request.requestId;
              step(*event);
              answeringRequest_.clear();
            }
          } else if constexpr (std::is_same_v<R, ServicesRequest>) {
            const auto* services = std::get_if<ServicesInfo>(&reply->payload);
            if (!reply->ok() || services == nullptr) return;
            const auto& c = services->consulate;
            if (auto clock = ConsulateClock::create(c.nameFa, c.nameEn, c.timeZone)) {
              clock_ = std::move(*clock);
              issuer_ = {c.id, c.nameFa, c.nameEn, c.timeZone};
            }
          } else if constexpr (std::is_same_v<R, ManifestRequest>) {
            const auto* manifest = std::get_if<SignedDayManifest>(&reply->payload);
            if (!reply->ok() || manifest == nullptr || !parts_.store) return;
            storeTasks_.post([this, m = *manifest, at = wallNow_] {
              auto saved = parts_.store->saveManifest(m.text, m.signature, at);
              if (!saved) {
                journal_.warning("manifest", "day manifest refused: " + saved.error().message,
                                 {{"STORED", "0"}});
              }
              auto info = parts_.store->manifestInfo();
              return [this, info] { manifest_ = info; };
            });
          } else if constexpr (std::is_same_v<R, SyncRequest>) {
            const auto* results = std::get_if<std::vector<SyncOutcome>>(&reply->payload);
            if (!reply->ok() || results == nullptr || !parts_.store) {
              outboxSync_.failed(now_);
              return;
            }
            storeTasks_.post([this, r = *results] {
              const auto applied = parts_.store->applySyncResults(r);
              if (!applied) journal_.error("offline_store", "sync: " + applied.error().message);
              const auto depth = parts_.store->outboxDepth();
              const std::size_t left = depth ? *depth : 0;
              journal_.info(
                  "sync",
                  std::to_string(r.size()) + " offline check-ins synced, " + std::to_string(left) +
                      " left",
                  {{"COUNT", std::to_string(r.size())}, {"OUTBOX", std::to_string(left)}});
              return [this, left] {
                outboxDepth_ = left;
                outboxSync_.answered(now_, left > 0);
                nextPrintResults_ = now_;  // synced tickets' print results can go now
              };
            });
          } else if constexpr (std::is_same_v<R, PrintResultRequest>) {
            const auto row = printResultRows_.find(request.ticketId);
            if (row == printResultRows_.end()) return;
            const std::int64_t id = row->second;
            printResultRows_.erase(row);
            // 404: the server does not know the ticket; retrying will not change that.
            if (reply->ok() || reply->httpStatus == 404) {
              storeTasks_.post([this, id] {
                (void)parts_.store->markPrintResultSent(id);
                return TaskThread::Continuation{};
              });
            } else {
              nextPrintResults_ = now_ + 30s;
            }
            if (printResultRows_.empty()) {
              printResultsInFlight_ = false;
              if (!nextPrintResults_) nextPrintResults_ = now_;  // more may wait
            }
          }
        },
        reply->request);
  }
}

void KioskApp::pollPrinter() {
  if (!parts_.printer) return;
  for (auto& event : parts_.printer->poll()) {
    if (event.kind == printer::PrinterEvent::Kind::Status) {
      printerStatus_ = event.status;
      journalPrinterState();
      continue;
    }
    const auto& outcome = event.outcome;
    printerStatus_ = outcome.status;
    journalPrinterState();
    if (outcome.printed) {
      journal_.info("print", "ticket printed", {{"PRINTED", "1"}, {"PRINTER", printerState_}});
    } else {
      journal_.error("print", "ticket not printed: " + outcome.problem,
                     {{"PRINTED", "0"}, {"PRINTER", printerState_}});
    }
    if (outcome.id >= (1ull << 62)) {
      if (staff_)
        staff_->lastTestPrint = outcome.printed ? "printed" : "failed: " + outcome.problem;
      continue;
    }
    finishingJob_ = outcome.id;
    step(PrintFinished{outcome.id, outcome.printed});
    finishingJob_ = 0;
  }
}

void KioskApp::journalPrinterState() {
  const std::string state = printerLine(printerStatus_);
  if (state == printerState_) return;
  const bool first = printerState_.empty();
  printerState_ = state;
  if (first && state == "ok") return;
  journal_.write(state == "ok" ? base::LogPriority::Notice : base::LogPriority::Warning, "printer",
                 "printer: " + state, {{"PRINTER", state}});
}

void KioskApp::scanRead(std::string text) {
  // Bounded: a scanner gone wild cannot fill the memory; the newest codes are kept.
  constexpr std::size_t kMaxWaiting = 8;
  if (waitingScans_.size() == kMaxWaiting) waitingScans_.pop_front();
  waitingScans_.push_back(std::move(text));
  takeWaitingScans();
}

// One applicant at a time: a code read while someone is checked in waits until their ticket is
// printed and their screen drawn, so that it neither is lost nor hides their number.
bool KioskApp::readyForScan() const {
  return !std::holds_alternative<Checking>(flow_.state().screen) && flow_.printsPending().empty() &&
         drawnKey_ == screenKey();
}

void KioskApp::takeWaitingScans() {
  while (!waitingScans_.empty() && readyForScan()) {
    const std::string text = std::move(waitingScans_.front());
    waitingScans_.pop_front();
    step(ScanRead{text});
  }
}

void KioskApp::pollScanner() {
  // Asked before polling: once every input has ended, this poll holds the last of their reads.
  const bool inputsEnded = parts_.scanner->finished();
  for (auto& event : parts_.scanner->poll()) {
    switch (event.kind) {
      case scanner::ScanEvent::Kind::Read:
        scannerState_[event.source] = "ok";
        if (staff_ && staff_->scannerTest) {
          staff_->lastRead = event.text + " (" + event.format + ")";
        } else if (!staff_) {
          scanRead(std::move(event.text));
        }
        break;
      case scanner::ScanEvent::Kind::SourceDown:
        scannerState_[event.source] = event.problem;
        break;
      case scanner::ScanEvent::Kind::SourceUp:
        scannerState_[event.source] = "ok";
        break;
    }
  }
  takeWaitingScans();
  scansExhausted_ = inputsEnded && waitingScans_.empty();
}

void KioskApp::housekeeping() {
  if (!nextManifest_ || now_ >= *nextManifest_) {
    nextManifest_ = now_ + options_.manifestEvery;
    parts_.server->submit(ServicesRequest{});
    if (parts_.store) parts_.server->submit(ManifestRequest{});
  }
  if (!nextHeartbeat_ || now_ >= *nextHeartbeat_) {
    nextHeartbeat_ = now_ + options_.heartbeatEvery;
    KioskHealth health;
    health.version = options_.version;
    health.printer = parts_.printer && printerStatus_
                         ? std::string(printer::heartbeatState(*printerStatus_))
                         : "offline";
    health.scanner = parts_.scannerInputs == 0 ? "none" : "ok";
    for (const auto& [source, state] : scannerState_) {
      if (state != "ok") health.scanner = "offline";
    }
    if (manifest_) {
      health.manifestAgeSeconds = (wallNow_ - manifest_->fetchedAt).count();
    }
    health.outboxDepth = static_cast<std::int64_t>(outboxDepth_);
    parts_.server->submit(HeartbeatRequest{health});
  }
  if (!parts_.store) return;
  if (outboxSync_.due(now_)) {
    outboxSync_.sending();
    storeTasks_.post([this, max = outboxSync_.batchSize()] {
      auto pending = parts_.store->pendingSync(max);
      auto depth = parts_.store->outboxDepth();
      std::vector<OutboxEntry> entries = pending ? std::move(*pending) : std::vector<OutboxEntry>{};
      const std::size_t left = depth ? *depth : 0;
      return [this, entries = std::move(entries), left] {
        outboxDepth_ = left;
        if (entries.empty()) {
          outboxSync_.idle(now_);
        } else if (!parts_.server->submit(SyncRequest{entries})) {
          outboxSync_.failed(now_);
        }
      };
    });
  }
  if (!printResultsInFlight_ && nextPrintResults_ && now_ >= *nextPrintResults_) {
    nextPrintResults_.reset();
    printResultsInFlight_ = true;
    storeTasks_.post([this] {
      auto pending = parts_.store->pendingPrintResults(20);
      std::vector<PendingPrintResult> results =
          pending ? std::move(*pending) : std::vector<PendingPrintResult>{};
      return [this, results = std::move(results)] {
        printResultsPending_ = !results.empty();
        for (const auto& result : results) {
          if (parts_.server->submit(PrintResultRequest{result.ticketId, result.printed})) {
            printResultRows_[result.ticketId] = result.id;
          }
        }
        printResultsInFlight_ = !printResultRows_.empty();
      };
    });
  }
}

// --- A frame ---------------------------------------------------------------------------------

bool KioskApp::frame(Steady::time_point now, std::chrono::sys_seconds wallNow) {
  now_ = now;
  wallNow_ = wallNow;
  storeTasks_.runFinished();
  ticketTasks_.runFinished();
  pollServer();
  pollPrinter();
  pollScanner();
  step(Tick{});
  if (staff_ && now_ - staff_->lastInput >= options_.staffIdle) staff_.reset();
  housekeeping();
  return draw();
}

bool KioskApp::settled() const {
  return !std::holds_alternative<Checking>(flow_.state().screen) && waitingScans_.empty() &&
         flow_.printsPending().empty() && storeTasks_.pending() == 0 &&
         ticketTasks_.pending() == 0 && (!parts_.store || manifest_.has_value());
}

bool KioskApp::synced() const {
  return settled() && outboxDepth_ == 0 && !printResultsInFlight_ && !nextPrintResults_ &&
         !printResultsPending_;
}

std::string KioskApp::screenKey() const {
  if (staff_) return staff_->panel ? "staff-panel" : "staff-pin";
  const auto& state = flow_.state();
  std::string key = screenName(state.screen);
  if (const auto* ticket = std::get_if<CheckedIn>(&state.screen)) {
    static constexpr const char* kPrint[] = {"", "-printing", "-printed", "-print-failed"};
    key += kPrint[static_cast<int>(ticket->print)];
  }
  if (const auto* refused = std::get_if<Refused>(&state.screen)) {
    key += "-" + std::string(reasonName(refused->reason));
  }
  return key + (state.language == Language::Persian ? "-fa" : "-en");
}

bool KioskApp::draw() {
  int width = 0;
  int height = 0;
  SDL_GetRendererOutputSize(renderer_, &width, &height);
  gesture_.resize(width);
  ScreenContext context(engine_, wording_, clock_);
  context.width = width;
  context.height = height;
  context.pixelsPerMm = options_.pixelsPerMm;
  context.theme = config_.screen.theme;
  context.now = wallNow_;
  context.offlineSince = offlineSince_;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now_.time_since_epoch());
  context.spinnerPhase = static_cast<double>(ms.count() % 1200) / 1200.0;
  ScreenLayout layout =
      staff_ ? layoutStaff(staffView(), context) : layoutScreen(flow_.state(), context);
  drawnKey_ = screenKey();  // drawn now, or unchanged since it was
  // Laying out takes a few hundredths of a millisecond; drawing a full screen in software takes
  // tens. Most frames show what the last one did, and are not drawn again.
  if (!repaint_ && layout.width == layout_.width && layout.height == layout_.height &&
      layout.theme == layout_.theme && layout.items == layout_.items) {
    layout_.buttons = std::move(layout.buttons);
    return false;
  }
  repaint_ = false;
  layout_ = std::move(layout);
  painter_.paint(layout_);
  screenshotIfChanged(layout_);
  return true;
}

void KioskApp::screenshotIfChanged(const ScreenLayout& layout) {
  if (options_.screenshots.empty()) return;
  const std::string key = screenKey();
  if (key == lastShotKey_) return;
  lastShotKey_ = key;
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(layout.width) * layout.height * 4);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba.data(),
                           layout.width * 4) != 0) {
    journal_.warning("screenshot", std::string("cannot read the screen: ") + SDL_GetError());
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(options_.screenshots, ec);
  char number[8];
  std::snprintf(number, sizeof number, "%02zu", shots_.size() + 1);
  const auto file = options_.screenshots / (std::string(number) + "-" + key + ".png");
  if (auto written = text::writeRgbaPng(file, layout.width, layout.height, rgba); !written) {
    journal_.warning("screenshot", written.error().message);
    return;
  }
  shots_.push_back(file);
}

}  // namespace mikhak::kiosk
