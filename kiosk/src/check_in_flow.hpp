#pragma once

// The applicant's check-in flow as a pure state machine: events in, a new state and effects out.
// No SDL, no I/O, no clock: the time is an argument of every step, so the render loop owns it and
// tests drive it. The shell (main loop) renders state(), executes the effects (HTTP on a worker,
// printing on the PrinterWorker, sounds) and feeds their outcomes back in as events. Nothing here
// blocks.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mikhak/domain/signing_key.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::kiosk {

using FlowClock = std::chrono::steady_clock;
using FlowTime = FlowClock::time_point;

using text::Language;

// ---------------------------------------------------------------------------------------------
// What a check-in answer carries, already parsed from the server's JSON (or, later, worked out
// from the signed day manifest). Display names only: the API never returns a national ID.

struct OriginalDocument {
  std::string fa;
  std::string en;
  bool operator==(const OriginalDocument&) const = default;
};

struct TicketInfo {
  std::int64_t ticketId = 0;  // the server's id, for POST /tickets/{id}/print-result
  std::string label;          // "P-017"
  std::string labelFa;        // "پ-۰۱۷"
  std::string letter;         // "P", for the printed ticket and the hall display
  std::string letterFa;       // "پ"
  int number = 0;             // 17
  std::string displayNameFa;  // given name and family initial
  std::string displayNameEn;
  std::string serviceFa;
  std::string serviceEn;
  std::string appointmentDay;   // "2026-11-24"
  std::string appointmentTime;  // "10:30", consulate time
  std::vector<OriginalDocument> originals;
  int peopleAhead = 0;
  int estimatedWaitMinutes = 0;
  bool operator==(const TicketInfo&) const = default;
};

// Where an answer came from. Offline check-in from the day manifest is later work; the screens
// and effects already carry the distinction (an offline ticket is synced later).
enum class AnswerSource { Server, OfflineManifest };

struct CheckInAccepted {
  bool alreadyCheckedIn = false;  // 200 "already_checked_in": the same ticket, for a reprint
  TicketInfo ticket;
  AnswerSource source = AnswerSource::Server;
};

// A refusal: the API's error.code and its plain-words parameters.
struct CheckInRefusal {
  std::string code;            // "too_early", "other_day", ...
  std::string appointmentDay;  // other_day
  std::string appointmentTime;
  std::string opensAt;  // too_early
};

using CheckInAnswer = std::variant<CheckInAccepted, CheckInRefusal>;

// ---------------------------------------------------------------------------------------------
// Screens. Each holds only what it shows; Idle holds nothing personal.

// Why a refusal screen is shown; each has its own wording and says what to do.
enum class RefusalReason {
  CheckYourCode,       // check digit fails (local, or bad_check_digit): "check the code and retry"
  Unreadable,          // malformed: "scan again, or type the code"
  NotANotice,          // some other barcode: "scan the code on your appointment notice"
  Forged,              // signature fails: "please see the information desk"
  UnknownCode,         // "please see the information desk"
  Cancelled,           // "please see the information desk"
  OtherConsulate,      // the appointment is at another mission
  OtherDay,            // "your appointment is on <appointmentDay>"
  TooEarly,            // "check-in opens at <opensAt>"
  TooLate,             // "please see the information desk"
  Closed,              // check-in is closed today
  ServerNotAnswering,  // no answer in time: "please see the information desk"
  ServerProblem,       // any other error from the server: "please see the information desk"
};
std::string_view reasonName(RefusalReason reason);
// The screen for an API error.code (unknown codes: ServerProblem).
RefusalReason reasonForCode(std::string_view code);

enum class PrintStatus {
  NotPrinted,  // nothing sent (already checked in: a reprint is offered)
  Printing,
  Printed,
  Failed,  // the number stays on screen, with "printing failed" and a reprint button
};

struct Idle {};
struct Help {};
struct Keypad {
  std::string digits;  // ASCII, at most 14, whatever script was typed
  bool typo = false;   // 14 digits whose check digit fails
  bool complete() const;
};
struct Checking {
  std::string requestId;  // one per check-in; retries reuse it
  std::string code;       // what is sent; compared to tell a repeat scan
  std::string digits;     // the tracking code's 14 digits, whichever way it was read
  FlowTime startedAt{};
  bool spinner = false;               // the server is slow: show a spinner
  bool offline = false;               // given up on the server: asked the day manifest instead
  std::optional<FlowTime> retryAt{};  // after a network failure, resend (same request id)
};
struct TicketScreen {
  TicketInfo ticket;
  AnswerSource source = AnswerSource::Server;
  PrintStatus print = PrintStatus::NotPrinted;
  std::uint64_t printJob = 0;  // the job whose outcome this screen shows; 0 before any
  std::string digits;          // the tracking code it answers: the same notice scanned again
                               // (its other barcode, a second try) is not a new check-in
  bool reprintOffered() const;
};
struct CheckedIn : TicketScreen {};
struct AlreadyCheckedIn : TicketScreen {};
struct Refused {
  RefusalReason reason = RefusalReason::ServerProblem;
  std::string appointmentDay;  // OtherDay
  std::string appointmentTime;
  std::string opensAt;  // TooEarly
};
struct OutOfService {};

using Screen =
    std::variant<Idle, Keypad, Help, Checking, CheckedIn, AlreadyCheckedIn, Refused, OutOfService>;

struct FlowState {
  Screen screen = Idle{};
  Language language = Language::Persian;
  FlowTime since{};  // when the screen was entered, or its last input: timeouts count from here
};

// True while the state holds anything about an applicant (a name, a ticket, a code).
bool holdsPersonalData(const FlowState& state);

// ---------------------------------------------------------------------------------------------
// Events: what the applicant did, what the workers answered, and the passing of time.

struct ScanRead {
  std::string text;
};
struct TypeCodeTapped {};
struct KeypadDigit {
  std::string digit;  // one digit, UTF-8: Latin, Persian (۰-۹) or Arabic-Indic (٠-٩)
};
struct KeypadBackspace {};
struct KeypadSubmit {};
struct KeypadCancel {};
struct HelpTapped {};
struct LanguageTapped {};
struct BackTapped {};
struct ReprintTapped {};
struct CheckInAnswered {
  std::string requestId;
  CheckInAnswer answer;
};
struct CheckInFailed {  // no HTTP answer: connection refused, timeout, TLS, ...
  std::string requestId;
  std::string problem;  // for the log
};
struct PrintFinished {
  std::uint64_t jobId = 0;
  bool printed = false;
};
struct OutOfServiceChanged {  // staff, or the shell (printer out of paper, no key)
  bool outOfService = false;
};
struct Tick {};

using FlowEvent =
    std::variant<ScanRead, TypeCodeTapped, KeypadDigit, KeypadBackspace, KeypadSubmit, KeypadCancel,
                 HelpTapped, LanguageTapped, BackTapped, ReprintTapped, CheckInAnswered,
                 CheckInFailed, PrintFinished, OutOfServiceChanged, Tick>;

// ---------------------------------------------------------------------------------------------
// Effects: values the shell executes, in order.

struct SendCheckIn {  // POST /api/v1/check-ins {request_id, code}
  std::string requestId;
  std::string code;
};
struct PrintTicket {  // render and PrinterWorker::submit with this job id
  std::uint64_t jobId = 0;
  TicketInfo ticket;
  bool reprint = false;
};
struct ReportPrintResult {  // POST /api/v1/tickets/{id}/print-result
  std::int64_t ticketId = 0;
  bool printed = false;
};
enum class Sound { Success, Failure };
struct PlaySound {
  Sound sound = Sound::Success;
};
struct ClearPersonalData {};  // drop caches holding the last applicant (rendered names, ...)
// The server has not answered in time: check in from the signed day manifest, under the same
// request id (the outbox syncs it later, and a check-in the server did record after all comes
// back as a duplicate, never a second ticket). The shell answers with CheckInAnswered.
struct CheckInOffline {
  std::string requestId;
  std::string code;
};

using FlowEffect = std::variant<SendCheckIn, PrintTicket, ReportPrintResult, PlaySound,
                                ClearPersonalData, CheckInOffline>;
using FlowEffects = std::vector<FlowEffect>;

struct FlowOptions {
  std::chrono::milliseconds spinnerAfter{300};
  std::chrono::milliseconds serverGiveUp{10'000};  // then offline, or ServerNotAnswering
  bool offlineFallback = false;  // after serverGiveUp, CheckInOffline instead of the desk
  std::chrono::milliseconds offlineGiveUp{2'000};   // the manifest's answer, after serverGiveUp
  std::chrono::milliseconds retryAfter{1'000};      // after a network failure, within serverGiveUp
  std::chrono::milliseconds inputTimeout{60'000};   // keypad and help, since the last input
  std::chrono::milliseconds resultTimeout{30'000};  // refusals, already checked in
  std::chrono::milliseconds checkedInTimeout{30'000};
  std::chrono::milliseconds perOriginal{5'000};    // CheckedIn: more to read, more time ...
  std::chrono::milliseconds checkedInMax{60'000};  // ... up to this
};

// One kiosk's check-in flow. Not thread-safe: the UI thread owns it.
class CheckInFlow {
 public:
  // `requestIdPrefix` ([A-Za-z0-9_-]{1,40}) must differ between kiosks and between runs of one
  // kiosk (e.g. kiosk id + boot nonce): request ids are "<prefix>-<n>".
  CheckInFlow(domain::VerifyKey key, std::string requestIdPrefix, FlowOptions options = {});

  const FlowState& state() const { return state_; }
  FlowEffects step(const FlowEvent& event, FlowTime now);

  // Print jobs whose outcome has not come back yet, by job id: the ticket id to report.
  const std::map<std::uint64_t, std::int64_t>& printsPending() const { return printsPending_; }

 private:
  FlowEffects onScan(const ScanRead& scan, FlowTime now);
  FlowEffects onKeypad(const FlowEvent& event, FlowTime now);
  FlowEffects onAnswer(const CheckInAnswered& answered, FlowTime now);
  FlowEffects onFailed(const CheckInFailed& failed, FlowTime now);
  FlowEffects onPrinted(const PrintFinished& finished, FlowTime now);
  FlowEffects onReprint(FlowTime now);
  FlowEffects onTick(FlowTime now);
  FlowEffects onBack(FlowTime now);
  FlowEffects onOutOfService(const OutOfServiceChanged& changed, FlowTime now);

  // Classifies text locally and either refuses at once or starts a check-in.
  FlowEffects startCheckIn(std::string_view text, FlowTime now, FlowEffects effects);
  void enter(Screen screen, FlowTime now);
  // Back to Idle, dropping everything personal; a timeout (the person left) also goes back to
  // Persian, the applicant's own Back or Cancel keeps the language chosen.
  void goIdle(FlowTime now, FlowEffects& effects, bool resetLanguage);
  void refuse(Refused refused, FlowTime now, FlowEffects& effects);
  void giveUpOnServer(Checking& checking, FlowTime now, FlowEffects& effects);
  void print(TicketScreen& screen, bool reprint, FlowEffects& effects);
  std::optional<std::chrono::milliseconds> timeoutOf(const Screen& screen) const;

  domain::VerifyKey key_;
  std::string requestIdPrefix_;
  FlowOptions options_;
  FlowState state_;
  std::uint64_t nextRequest_ = 1;
  std::uint64_t nextJob_ = 1;
  std::map<std::uint64_t, std::int64_t> printsPending_;
};

}  // namespace mikhak::kiosk
