#include "check_in_flow.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/tracking_code.hpp"

namespace mikhak::kiosk {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};

bool validPrefix(std::string_view prefix) {
  if (prefix.empty() || prefix.size() > 40) return false;
  return std::all_of(prefix.begin(), prefix.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// One digit key: '0'-'9', Persian U+06F0-06F9 (DB B0-B9) or Arabic-Indic U+0660-0669 (D9 A0-A9).
std::optional<char> asciiDigit(std::string_view key) {
  if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') return key[0];
  if (key.size() != 2) return std::nullopt;
  const auto lead = static_cast<unsigned char>(key[0]);
  const auto trail = static_cast<unsigned char>(key[1]);
  if (lead == 0xDB && trail >= 0xB0 && trail <= 0xB9) return static_cast<char>('0' + trail - 0xB0);
  if (lead == 0xD9 && trail >= 0xA0 && trail <= 0xA9) return static_cast<char>('0' + trail - 0xA0);
  return std::nullopt;
}

std::string_view trimAsciiSpace(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

Refused because(RefusalReason reason) {
  Refused refused;
  refused.reason = reason;
  return refused;
}

TicketScreen* ticketScreen(Screen& screen) {
  if (auto* checkedIn = std::get_if<CheckedIn>(&screen)) return checkedIn;
  if (auto* already = std::get_if<AlreadyCheckedIn>(&screen)) return already;
  return nullptr;
}

}  // namespace

std::string_view reasonName(RefusalReason reason) {
  switch (reason) {
    case RefusalReason::CheckYourCode:
      return "check-your-code";
    case RefusalReason::Unreadable:
      return "unreadable";
    case RefusalReason::NotANotice:
      return "not-a-notice";
    case RefusalReason::Forged:
      return "forged";
    case RefusalReason::UnknownCode:
      return "unknown-code";
    case RefusalReason::Cancelled:
      return "cancelled";
    case RefusalReason::OtherConsulate:
      return "other-consulate";
    case RefusalReason::OtherDay:
      return "other-day";
    case RefusalReason::TooEarly:
      return "too-early";
    case RefusalReason::TooLate:
      return "too-late";
    case RefusalReason::Closed:
      return "closed";
    case RefusalReason::ServerNotAnswering:
      return "server-not-answering";
    case RefusalReason::ServerProblem:
      return "server-problem";
  }
  return "unknown";
}

RefusalReason reasonForCode(std::string_view code) {
  static constexpr std::pair<std::string_view, RefusalReason> kCodes[] = {
      {"malformed_code", RefusalReason::Unreadable},
      {"bad_check_digit", RefusalReason::CheckYourCode},
      {"forged", RefusalReason::Forged},
      {"unknown_code", RefusalReason::UnknownCode},
      {"cancelled", RefusalReason::Cancelled},
      {"other_consulate", RefusalReason::OtherConsulate},
      {"other_day", RefusalReason::OtherDay},
      {"too_early", RefusalReason::TooEarly},
      {"too_late", RefusalReason::TooLate},
      {"closed", RefusalReason::Closed},
      // Offline, without a usable manifest or with the kiosk's numbers used up: the desk.
      {"offline_unavailable", RefusalReason::ServerNotAnswering},
      {"offline_no_manifest", RefusalReason::ServerNotAnswering},
      {"offline_block_used_up", RefusalReason::ServerNotAnswering},
      {"offline_already_checked_in", RefusalReason::ServerNotAnswering},
  };
  for (const auto& [name, reason] : kCodes) {
    if (name == code) return reason;
  }
  return RefusalReason::ServerProblem;  // unavailable, storage_full, unauthorized, ...
}

bool Keypad::complete() const { return digits.size() == domain::TrackingCode::kDigits; }

bool TicketScreen::reprintOffered() const {
  return print == PrintStatus::NotPrinted || print == PrintStatus::Failed;
}

bool holdsPersonalData(const FlowState& state) {
  return std::visit(Overloaded{
                        [](const Idle&) { return false; },
                        [](const Help&) { return false; },
                        [](const OutOfService&) { return false; },
                        [](const Keypad& keypad) { return !keypad.digits.empty(); },
                        [](const auto&) { return true; },
                    },
                    state.screen);
}

CheckInFlow::CheckInFlow(domain::VerifyKey key, std::string requestIdPrefix, FlowOptions options)
    : key_(std::move(key)), requestIdPrefix_(std::move(requestIdPrefix)), options_(options) {
  if (!validPrefix(requestIdPrefix_)) {
    throw std::invalid_argument("CheckInFlow: request id prefix must match [A-Za-z0-9_-]{1,40}");
  }
}

FlowEffects CheckInFlow::step(const FlowEvent& event, FlowTime now) {
  const bool outOfService = std::holds_alternative<OutOfService>(state_.screen);
  return std::visit(
      Overloaded{
          [&](const ScanRead& scan) { return outOfService ? FlowEffects{} : onScan(scan, now); },
          [&](const TypeCodeTapped&) {
            FlowEffects effects;
            if (outOfService || std::holds_alternative<Checking>(state_.screen)) return effects;
            if (holdsPersonalData(state_)) effects.emplace_back(ClearPersonalData{});
            enter(Keypad{}, now);
            return effects;
          },
          [&](const KeypadDigit&) { return onKeypad(event, now); },
          [&](const KeypadBackspace&) { return onKeypad(event, now); },
          [&](const KeypadSubmit&) { return onKeypad(event, now); },
          [&](const KeypadCancel&) { return onKeypad(event, now); },
          [&](const HelpTapped&) {
            FlowEffects effects;
            if (outOfService || std::holds_alternative<Checking>(state_.screen)) return effects;
            if (holdsPersonalData(state_)) effects.emplace_back(ClearPersonalData{});
            enter(Help{}, now);
            return effects;
          },
          [&](const LanguageTapped&) {
            state_.language =
                state_.language == Language::Persian ? Language::English : Language::Persian;
            // Someone is reading: give them the full time again (Checking counts from its start).
            state_.since = now;
            return FlowEffects{};
          },
          [&](const BackTapped&) { return onBack(now); },
          [&](const ReprintTapped&) { return onReprint(now); },
          [&](const CheckInAnswered& answered) { return onAnswer(answered, now); },
          [&](const CheckInFailed& failed) { return onFailed(failed, now); },
          [&](const PrintFinished& finished) { return onPrinted(finished, now); },
          [&](const OutOfServiceChanged& changed) { return onOutOfService(changed, now); },
          [&](const Tick&) { return onTick(now); },
      },
      event);
}

FlowEffects CheckInFlow::onScan(const ScanRead& scan, FlowTime now) {
  // One applicant at a time: while a check-in is in flight every scan (the same notice seen
  // again, or someone else's) is ignored. Anywhere else a scan starts a check-in, and on a
  // result screen it is the next person, so the previous person's data goes first.
  if (std::holds_alternative<Checking>(state_.screen)) return {};
  const auto* ticket = std::get_if<CheckedIn>(&state_.screen);
  const TicketScreen* onScreen = ticket;
  if (const auto* already = std::get_if<AlreadyCheckedIn>(&state_.screen)) onScreen = already;
  if (onScreen != nullptr) {
    const domain::PayloadReading reading = domain::readPayload(scan.text, key_);
    if (reading.verdict == domain::PayloadVerdict::Valid &&
        reading.code->digits() == onScreen->digits) {
      return {};
    }
  }
  FlowEffects effects;
  if (holdsPersonalData(state_)) effects.emplace_back(ClearPersonalData{});
  return startCheckIn(scan.text, now, std::move(effects));
}

FlowEffects CheckInFlow::onKeypad(const FlowEvent& event, FlowTime now) {
  auto* keypad = std::get_if<Keypad>(&state_.screen);
  if (keypad == nullptr) return {};
  FlowEffects effects;
  state_.since = now;
  if (const auto* key = std::get_if<KeypadDigit>(&event)) {
    const auto digit = asciiDigit(key->digit);
    if (!digit || keypad->complete()) return effects;
    keypad->digits += *digit;
    // The check digit tells a typo the moment the last digit is in.
    if (keypad->complete() && !domain::verhoeffValid(keypad->digits)) {
      keypad->typo = true;
      effects.emplace_back(PlaySound{Sound::Failure});
    }
  } else if (std::holds_alternative<KeypadBackspace>(event)) {
    if (!keypad->digits.empty()) keypad->digits.pop_back();
    keypad->typo = false;
  } else if (std::holds_alternative<KeypadSubmit>(event)) {
    // Submit is only live with 14 digits that hold together; the screen greys it out otherwise.
    if (!keypad->complete() || keypad->typo) return effects;
    const std::string digits = keypad->digits;
    return startCheckIn(digits, now, std::move(effects));
  } else if (std::holds_alternative<KeypadCancel>(event)) {
    goIdle(now, effects, false);
  }
  return effects;
}

FlowEffects CheckInFlow::startCheckIn(std::string_view text, FlowTime now, FlowEffects effects) {
  const domain::PayloadReading reading = domain::readPayload(text, key_);
  switch (reading.verdict) {
    case domain::PayloadVerdict::Valid: {
      // A signed payload goes as read (the server checks the signature again); a bare code goes
      // as its 14 ASCII digits, whatever script it was typed in.
      std::string code =
          reading.signedPayload ? std::string(trimAsciiSpace(text)) : reading.code->digits();
      Checking checking;
      checking.requestId = requestIdPrefix_ + "-" + std::to_string(nextRequest_++);
      checking.code = std::move(code);
      checking.digits = reading.code->digits();
      checking.startedAt = now;
      effects.emplace_back(SendCheckIn{checking.requestId, checking.code});
      enter(std::move(checking), now);
      return effects;
    }
    case domain::PayloadVerdict::Typo:
      refuse(because(RefusalReason::CheckYourCode), now, effects);
      return effects;
    case domain::PayloadVerdict::Forged:
      refuse(because(RefusalReason::Forged), now, effects);
      return effects;
    case domain::PayloadVerdict::Malformed:
      refuse(because(RefusalReason::Unreadable), now, effects);
      return effects;
    case domain::PayloadVerdict::NotOurs:
      refuse(because(RefusalReason::NotANotice), now, effects);
      return effects;
  }
  return effects;
}

FlowEffects CheckInFlow::onAnswer(const CheckInAnswered& answered, FlowTime now) {
  // Only the answer to the check-in on screen counts. An answer for an abandoned request (it
  // came after the give-up, or after staff took the kiosk out of service) is dropped without a
  // trace on screen, even a checked_in one: that ticket exists on the server, and the
  // applicant's next scan gets already_checked_in and a reprint of the same ticket.
  const auto* checking = std::get_if<Checking>(&state_.screen);
  if (checking == nullptr || checking->requestId != answered.requestId) return {};
  FlowEffects effects;
  if (const auto* refusal = std::get_if<CheckInRefusal>(&answered.answer)) {
    refuse(Refused{reasonForCode(refusal->code), refusal->appointmentDay, refusal->appointmentTime,
                   refusal->opensAt},
           now, effects);
    return effects;
  }
  const auto& accepted = std::get<CheckInAccepted>(answered.answer);
  effects.emplace_back(PlaySound{Sound::Success});
  if (accepted.alreadyCheckedIn) {
    // The ticket was printed before (or so the server believes): offer, do not force, a reprint.
    AlreadyCheckedIn screen;
    screen.ticket = accepted.ticket;
    screen.source = accepted.source;
    screen.digits = checking->digits;
    enter(std::move(screen), now);
    return effects;
  }
  CheckedIn screen;
  screen.ticket = accepted.ticket;
  screen.source = accepted.source;
  screen.digits = checking->digits;
  print(screen, false, effects);
  enter(std::move(screen), now);
  return effects;
}

void CheckInFlow::giveUpOnServer(Checking& checking, FlowTime now, FlowEffects& effects) {
  if (!options_.offlineFallback) {
    refuse(because(RefusalReason::ServerNotAnswering), now, effects);
    return;
  }
  checking.offline = true;
  checking.retryAt.reset();
  effects.emplace_back(CheckInOffline{checking.requestId, checking.code});
}

FlowEffects CheckInFlow::onFailed(const CheckInFailed& failed, FlowTime now) {
  auto* checking = std::get_if<Checking>(&state_.screen);
  if (checking == nullptr || checking->requestId != failed.requestId) return {};
  FlowEffects effects;
  if (checking->offline) return effects;  // a late failure of the request given up on
  if (now - checking->startedAt >= options_.serverGiveUp) {
    giveUpOnServer(*checking, now, effects);
  } else {
    checking->retryAt = now + options_.retryAfter;  // the same request id: never two tickets
  }
  return effects;
}

FlowEffects CheckInFlow::onPrinted(const PrintFinished& finished, FlowTime now) {
  // Every outcome is reported, whoever is on screen now: staff see the tickets that did not print.
  const auto pending = printsPending_.find(finished.jobId);
  if (pending == printsPending_.end()) return {};
  FlowEffects effects{ReportPrintResult{pending->second, finished.printed}};
  printsPending_.erase(pending);
  if (auto* screen = ticketScreen(state_.screen); screen && screen->printJob == finished.jobId) {
    screen->print = finished.printed ? PrintStatus::Printed : PrintStatus::Failed;
    state_.since = now;  // time to read "take your ticket" or "printing failed"
  }
  return effects;
}

FlowEffects CheckInFlow::onReprint(FlowTime now) {
  FlowEffects effects;
  auto* screen = ticketScreen(state_.screen);
  if (screen == nullptr || !screen->reprintOffered()) return effects;
  print(*screen, true, effects);
  state_.since = now;
  return effects;
}

FlowEffects CheckInFlow::onTick(FlowTime now) {
  FlowEffects effects;
  if (auto* checking = std::get_if<Checking>(&state_.screen)) {
    const auto waited = now - checking->startedAt;
    if (checking->offline) {
      if (waited >= options_.serverGiveUp + options_.offlineGiveUp) {
        refuse(because(RefusalReason::ServerNotAnswering), now, effects);
      }
      return effects;
    }
    if (waited >= options_.serverGiveUp) {
      giveUpOnServer(*checking, now, effects);
      return effects;
    }
    if (waited >= options_.spinnerAfter) checking->spinner = true;
    if (checking->retryAt && now >= *checking->retryAt) {
      checking->retryAt.reset();
      effects.emplace_back(SendCheckIn{checking->requestId, checking->code});
    }
    return effects;
  }
  const auto timeout = timeoutOf(state_.screen);
  if (timeout && now - state_.since >= *timeout) goIdle(now, effects, true);
  return effects;
}

FlowEffects CheckInFlow::onBack(FlowTime now) {
  FlowEffects effects;
  if (std::holds_alternative<Idle>(state_.screen) ||
      std::holds_alternative<Checking>(state_.screen) ||
      std::holds_alternative<OutOfService>(state_.screen)) {
    return effects;
  }
  goIdle(now, effects, false);
  return effects;
}

FlowEffects CheckInFlow::onOutOfService(const OutOfServiceChanged& changed, FlowTime now) {
  FlowEffects effects;
  const bool isOut = std::holds_alternative<OutOfService>(state_.screen);
  if (changed.outOfService == isOut) return effects;
  if (changed.outOfService) {
    // At once, even mid check-in: that request is abandoned like one that timed out.
    if (holdsPersonalData(state_)) effects.emplace_back(ClearPersonalData{});
    state_ = FlowState{OutOfService{}, Language::Persian, now};
  } else {
    goIdle(now, effects, true);
  }
  return effects;
}

void CheckInFlow::enter(Screen screen, FlowTime now) {
  state_.screen = std::move(screen);
  state_.since = now;
}

void CheckInFlow::goIdle(FlowTime now, FlowEffects& effects, bool resetLanguage) {
  if (holdsPersonalData(state_)) effects.emplace_back(ClearPersonalData{});
  state_.screen = Idle{};
  state_.since = now;
  if (resetLanguage) state_.language = Language::Persian;
}

void CheckInFlow::refuse(Refused refused, FlowTime now, FlowEffects& effects) {
  effects.emplace_back(PlaySound{Sound::Failure});
  enter(std::move(refused), now);
}

void CheckInFlow::print(TicketScreen& screen, bool reprint, FlowEffects& effects) {
  // A fresh job id per submission, so an outcome always names one attempt.
  const std::uint64_t job = nextJob_++;
  printsPending_[job] = screen.ticket.ticketId;
  screen.printJob = job;
  screen.print = PrintStatus::Printing;
  effects.emplace_back(PrintTicket{job, screen.ticket, reprint});
}

std::optional<std::chrono::milliseconds> CheckInFlow::timeoutOf(const Screen& screen) const {
  return std::visit(
      Overloaded{
          [&](const Keypad&) -> std::optional<std::chrono::milliseconds> {
            return options_.inputTimeout;
          },
          [&](const Help&) -> std::optional<std::chrono::milliseconds> {
            return options_.inputTimeout;
          },
          [&](const Refused&) -> std::optional<std::chrono::milliseconds> {
            return options_.resultTimeout;
          },
          [&](const AlreadyCheckedIn&) -> std::optional<std::chrono::milliseconds> {
            return options_.resultTimeout;
          },
          [&](const CheckedIn& checkedIn) -> std::optional<std::chrono::milliseconds> {
            const auto originals = static_cast<long>(checkedIn.ticket.originals.size());
            return std::min(options_.checkedInTimeout + options_.perOriginal * originals,
                            options_.checkedInMax);
          },
          [](const auto&) -> std::optional<std::chrono::milliseconds> { return std::nullopt; },
      },
      screen);
}

}  // namespace mikhak::kiosk
