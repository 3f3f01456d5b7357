#include "check_in_flow.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/tracking_code.hpp"

namespace mikhak::kiosk {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

std::string withCheckDigit(const std::string& thirteen) {
  return thirteen + domain::verhoeffCheckDigit(thirteen);
}

const std::string kCode = withCheckDigit("4821009317526");
const std::string kOtherCode = withCheckDigit("1111222233334");

// The same code with its check digit changed: what a slip of the finger gives.
std::string typoOf(const std::string& code) {
  std::string typo = code;
  typo.back() = typo.back() == '9' ? '0' : static_cast<char>(typo.back() + 1);
  return typo;
}

// ASCII digits in another script: Persian ۰-۹ (U+06F0) or Arabic-Indic ٠-٩ (U+0660).
std::vector<std::string> digitsIn(const std::string& ascii, unsigned char lead,
                                  unsigned char zero) {
  std::vector<std::string> keys;
  for (const char c : ascii) {
    keys.push_back({static_cast<char>(lead), static_cast<char>(zero + (c - '0'))});
  }
  return keys;
}

TicketInfo ticket(std::int64_t id = 17, std::size_t originals = 2) {
  TicketInfo info;
  info.ticketId = id;
  info.label = "P-017";
  info.labelFa = "پ-۰۱۷";
  info.displayNameFa = "مریم ک.";
  info.displayNameEn = "Maryam K.";
  info.serviceFa = "گذرنامه";
  info.serviceEn = "Passport";
  info.appointmentDay = "2026-11-24";
  info.appointmentTime = "10:30";
  for (std::size_t i = 0; i < originals; ++i) {
    info.originals.push_back({"گذرنامه فعلی", "Current passport " + std::to_string(i)});
  }
  info.peopleAhead = 3;
  info.estimatedWaitMinutes = 12;
  return info;
}

CheckInAnswer checkedIn(std::int64_t id = 17, std::size_t originals = 2) {
  return CheckInAccepted{false, ticket(id, originals), AnswerSource::Server};
}
CheckInAnswer alreadyCheckedIn() { return CheckInAccepted{true, ticket(), AnswerSource::Server}; }
CheckInAnswer refusal(std::string code) { return CheckInRefusal{std::move(code), "", "", ""}; }

template <class T>
std::vector<T> only(const FlowEffects& effects) {
  std::vector<T> found;
  for (const auto& effect : effects) {
    if (const auto* one = std::get_if<T>(&effect)) found.push_back(*one);
  }
  return found;
}

template <class T>
bool has(const FlowEffects& effects) {
  return !only<T>(effects).empty();
}

class CheckInFlowTest : public ::testing::Test {
 protected:
  static domain::VerifyKey verifyKeyOf(const domain::SigningKey& key) {
    return domain::VerifyKey::fromPem(key.publicKeyPem()).value();
  }

  FlowTime at(long ms) const { return t0_ + milliseconds(ms); }

  FlowEffects step(const FlowEvent& event, long ms) { return flow_.step(event, at(ms)); }

  template <class T>
  const T* on() const {
    return std::get_if<T>(&flow_.state().screen);
  }

  // Scans kCode at `ms` and returns the request id sent.
  std::string scan(long ms = 0, const std::string& text = kCode) {
    const auto sent = only<SendCheckIn>(step(ScanRead{text}, ms));
    return sent.empty() ? std::string() : sent.front().requestId;
  }

  // Scan, answer: the flow is on a result screen at `ms + 200`.
  FlowEffects scanAndAnswer(CheckInAnswer answer, long ms = 0) {
    const std::string id = scan(ms);
    return step(CheckInAnswered{id, std::move(answer)}, ms + 200);
  }

  std::uint64_t printJob(const FlowEffects& effects) {
    const auto jobs = only<PrintTicket>(effects);
    return jobs.empty() ? 0 : jobs.front().jobId;
  }

  void typeDigits(const std::vector<std::string>& keys, long ms) {
    for (const auto& key : keys) step(KeypadDigit{key}, ms);
  }
  void typeDigits(const std::string& ascii, long ms) {
    for (const char c : ascii) step(KeypadDigit{std::string(1, c)}, ms);
  }

  domain::SigningKey signing_ = domain::SigningKey::generate();
  CheckInFlow flow_{verifyKeyOf(signing_), "kiosk1-b7"};
  FlowTime t0_ = FlowTime{} + std::chrono::hours(100);
};

// --- The happy path ---------------------------------------------------------------------------

TEST_F(CheckInFlowTest, StartsOnTheIdleScreenInPersian) {
  EXPECT_NE(on<Idle>(), nullptr);
  EXPECT_EQ(flow_.state().language, Language::Persian);
  EXPECT_FALSE(holdsPersonalData(flow_.state()));
}

TEST_F(CheckInFlowTest, AScanShowsCheckingAtOnceAndSendsTheCode) {
  const FlowEffects effects = step(ScanRead{kCode + "\r\n"}, 0);
  ASSERT_NE(on<Checking>(), nullptr);
  EXPECT_FALSE(on<Checking>()->spinner);
  const auto sent = only<SendCheckIn>(effects);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].code, kCode);
  EXPECT_EQ(sent[0].requestId, on<Checking>()->requestId);
  EXPECT_EQ(sent[0].requestId.rfind("kiosk1-b7-", 0), 0U);
}

TEST_F(CheckInFlowTest, ASignedNoticeIsSentAsRead) {
  const auto code = std::get<domain::TrackingCode>(domain::TrackingCode::parse(kCode));
  const std::string payload = domain::encodeNoticePayload({code, "LON", 1795000000}, signing_);
  const auto sent = only<SendCheckIn>(step(ScanRead{payload + "\n"}, 0));
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].code, payload);
}

TEST_F(CheckInFlowTest, ACheckInShowsTheTicketAndPrintsItAtOnce) {
  const FlowEffects effects = scanAndAnswer(checkedIn());
  const auto* screen = on<CheckedIn>();
  ASSERT_NE(screen, nullptr);
  EXPECT_EQ(screen->ticket, ticket());
  EXPECT_EQ(screen->print, PrintStatus::Printing);
  const auto prints = only<PrintTicket>(effects);
  ASSERT_EQ(prints.size(), 1U);
  EXPECT_EQ(prints[0].ticket, ticket());
  EXPECT_FALSE(prints[0].reprint);
  EXPECT_EQ(prints[0].jobId, screen->printJob);
  ASSERT_EQ(only<PlaySound>(effects).size(), 1U);
  EXPECT_EQ(only<PlaySound>(effects)[0].sound, Sound::Success);
}

TEST_F(CheckInFlowTest, APrintedTicketIsReportedAndShownAsPrinted) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn(17)));
  const FlowEffects effects = step(PrintFinished{job, true}, 2000);
  const auto reports = only<ReportPrintResult>(effects);
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].ticketId, 17);
  EXPECT_TRUE(reports[0].printed);
  EXPECT_EQ(on<CheckedIn>()->print, PrintStatus::Printed);
  EXPECT_TRUE(flow_.printsPending().empty());
}

TEST_F(CheckInFlowTest, TheWholePathEndsOnTheIdleScreenWithNothingPersonalLeft) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn(17, 0)));
  step(PrintFinished{job, true}, 2000);
  step(Tick{}, 2000 + 29'999);
  ASSERT_NE(on<CheckedIn>(), nullptr);
  const FlowEffects effects = step(Tick{}, 2000 + 30'000);
  EXPECT_NE(on<Idle>(), nullptr);
  EXPECT_TRUE(has<ClearPersonalData>(effects));
  EXPECT_FALSE(holdsPersonalData(flow_.state()));
}

TEST_F(CheckInFlowTest, ATicketWithManyOriginalsStaysLongerOnScreen) {
  scanAndAnswer(checkedIn(17, 4));  // 30 s + 4 × 5 s
  step(Tick{}, 200 + 49'999);
  EXPECT_NE(on<CheckedIn>(), nullptr);
  step(Tick{}, 200 + 50'000);
  EXPECT_NE(on<Idle>(), nullptr);
}

TEST_F(CheckInFlowTest, TheTicketScreenStaysAtMostItsMaximum) {
  scanAndAnswer(checkedIn(17, 30));
  step(Tick{}, 200 + 60'000);
  EXPECT_NE(on<Idle>(), nullptr);
}

// --- Printing -----------------------------------------------------------------------------------

TEST_F(CheckInFlowTest, AFailedPrintKeepsTheNumberOnScreenAndOffersAReprint) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn(17)));
  const FlowEffects effects = step(PrintFinished{job, false}, 2000);
  const auto* screen = on<CheckedIn>();
  ASSERT_NE(screen, nullptr);
  EXPECT_EQ(screen->print, PrintStatus::Failed);
  EXPECT_EQ(screen->ticket.label, "P-017");
  EXPECT_TRUE(screen->reprintOffered());
  ASSERT_EQ(only<ReportPrintResult>(effects).size(), 1U);
  EXPECT_FALSE(only<ReportPrintResult>(effects)[0].printed);
}

TEST_F(CheckInFlowTest, AReprintAfterAFailedPrintPrintsTheSameTicketAsANewJob) {
  const std::uint64_t first = printJob(scanAndAnswer(checkedIn(17)));
  step(PrintFinished{first, false}, 2000);
  const FlowEffects effects = step(ReprintTapped{}, 3000);
  const auto prints = only<PrintTicket>(effects);
  ASSERT_EQ(prints.size(), 1U);
  EXPECT_NE(prints[0].jobId, first);
  EXPECT_TRUE(prints[0].reprint);
  EXPECT_EQ(prints[0].ticket, ticket(17));
  EXPECT_EQ(on<CheckedIn>()->print, PrintStatus::Printing);
  const auto reports = only<ReportPrintResult>(step(PrintFinished{prints[0].jobId, true}, 5000));
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_TRUE(reports[0].printed);
  EXPECT_EQ(on<CheckedIn>()->print, PrintStatus::Printed);
}

TEST_F(CheckInFlowTest, NoReprintWhilePrintingOrOnceItPrinted) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn()));
  EXPECT_TRUE(step(ReprintTapped{}, 500).empty());
  step(PrintFinished{job, true}, 2000);
  EXPECT_TRUE(step(ReprintTapped{}, 2500).empty());
}

TEST_F(CheckInFlowTest, AnOutcomeForAJobNobodySentIsIgnored) {
  scanAndAnswer(checkedIn());
  EXPECT_TRUE(step(PrintFinished{999, true}, 2000).empty());
  EXPECT_EQ(on<CheckedIn>()->print, PrintStatus::Printing);
}

// --- Already checked in -------------------------------------------------------------------------

TEST_F(CheckInFlowTest, AlreadyCheckedInShowsTheSameTicketAndOffersAReprintWithoutPrinting) {
  const FlowEffects effects = scanAndAnswer(alreadyCheckedIn());
  const auto* screen = on<AlreadyCheckedIn>();
  ASSERT_NE(screen, nullptr);
  EXPECT_EQ(screen->ticket, ticket());
  EXPECT_EQ(screen->print, PrintStatus::NotPrinted);
  EXPECT_TRUE(screen->reprintOffered());
  EXPECT_FALSE(has<PrintTicket>(effects));
}

TEST_F(CheckInFlowTest, AReprintOfAnAlreadyCheckedInTicketIsPrintedAndReported) {
  scanAndAnswer(alreadyCheckedIn());
  const auto prints = only<PrintTicket>(step(ReprintTapped{}, 1000));
  ASSERT_EQ(prints.size(), 1U);
  EXPECT_TRUE(prints[0].reprint);
  EXPECT_EQ(prints[0].ticket, ticket());
  EXPECT_EQ(on<AlreadyCheckedIn>()->print, PrintStatus::Printing);
  const auto reports = only<ReportPrintResult>(step(PrintFinished{prints[0].jobId, true}, 3000));
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].ticketId, 17);
  EXPECT_EQ(on<AlreadyCheckedIn>()->print, PrintStatus::Printed);
}

// --- Refusals from the server -------------------------------------------------------------------

struct CodeAndReason {
  const char* code;
  RefusalReason reason;
};

class ServerRefusal : public CheckInFlowTest,
                      public ::testing::WithParamInterface<CodeAndReason> {};

TEST_P(ServerRefusal, HasItsOwnScreenAndAFailureSound) {
  const FlowEffects effects = scanAndAnswer(refusal(GetParam().code));
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, GetParam().reason);
  ASSERT_EQ(only<PlaySound>(effects).size(), 1U);
  EXPECT_EQ(only<PlaySound>(effects)[0].sound, Sound::Failure);
  EXPECT_FALSE(has<PrintTicket>(effects));
}

INSTANTIATE_TEST_SUITE_P(
    EveryCode, ServerRefusal,
    ::testing::Values(CodeAndReason{"malformed_code", RefusalReason::Unreadable},
                      CodeAndReason{"bad_check_digit", RefusalReason::CheckYourCode},
                      CodeAndReason{"forged", RefusalReason::Forged},
                      CodeAndReason{"unknown_code", RefusalReason::UnknownCode},
                      CodeAndReason{"cancelled", RefusalReason::Cancelled},
                      CodeAndReason{"other_consulate", RefusalReason::OtherConsulate},
                      CodeAndReason{"other_day", RefusalReason::OtherDay},
                      CodeAndReason{"too_early", RefusalReason::TooEarly},
                      CodeAndReason{"too_late", RefusalReason::TooLate},
                      CodeAndReason{"closed", RefusalReason::Closed},
                      CodeAndReason{"unavailable", RefusalReason::ServerProblem},
                      CodeAndReason{"unauthorized", RefusalReason::ServerProblem},
                      CodeAndReason{"request_id_reused", RefusalReason::ServerProblem},
                      CodeAndReason{"something_new", RefusalReason::ServerProblem}),
    [](const auto& param) { return std::string(param.param.code); });

TEST_F(CheckInFlowTest, TooEarlySaysWhenCheckInOpens) {
  scanAndAnswer(CheckInRefusal{"too_early", "", "", "10:30"});
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::TooEarly);
  EXPECT_EQ(on<Refused>()->opensAt, "10:30");
}

TEST_F(CheckInFlowTest, AnotherDayGivesTheRightDate) {
  scanAndAnswer(CheckInRefusal{"other_day", "2026-11-24", "09:15", ""});
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::OtherDay);
  EXPECT_EQ(on<Refused>()->appointmentDay, "2026-11-24");
  EXPECT_EQ(on<Refused>()->appointmentTime, "09:15");
}

// --- Refusals worked out on the kiosk -----------------------------------------------------------

TEST_F(CheckInFlowTest, ATypoIsRefusedAtOnceWithoutAskingTheServer) {
  const FlowEffects effects = step(ScanRead{typoOf(kCode)}, 0);
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::CheckYourCode);
  EXPECT_FALSE(has<SendCheckIn>(effects));
}

TEST_F(CheckInFlowTest, AForgedNoticeIsRefusedAtOnceWithoutAskingTheServer) {
  const auto forger = domain::SigningKey::generate();
  const auto code = std::get<domain::TrackingCode>(domain::TrackingCode::parse(kCode));
  const FlowEffects effects =
      step(ScanRead{domain::encodeNoticePayload({code, "LON", 1795000000}, forger)}, 0);
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::Forged);
  EXPECT_FALSE(has<SendCheckIn>(effects));
}

TEST_F(CheckInFlowTest, AShortCodeIsUnreadableAndAForeignBarcodeIsNotANotice) {
  step(ScanRead{"123456"}, 0);
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::Unreadable);
  const FlowEffects effects = step(ScanRead{"https://example.com/"}, 1000);
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::NotANotice);
  EXPECT_FALSE(has<SendCheckIn>(effects));
}

// --- The keypad ---------------------------------------------------------------------------------

TEST_F(CheckInFlowTest, TheKeypadTakesPersianDigitsAndSendsLatinOnes) {
  step(TypeCodeTapped{}, 0);
  ASSERT_NE(on<Keypad>(), nullptr);
  typeDigits(digitsIn(kCode, 0xDB, 0xB0), 1000);
  EXPECT_EQ(on<Keypad>()->digits, kCode);
  EXPECT_FALSE(on<Keypad>()->typo);
  const auto sent = only<SendCheckIn>(step(KeypadSubmit{}, 2000));
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].code, kCode);
  EXPECT_NE(on<Checking>(), nullptr);
}

TEST_F(CheckInFlowTest, TheKeypadTakesArabicIndicDigits) {
  step(TypeCodeTapped{}, 0);
  typeDigits(digitsIn(kCode, 0xD9, 0xA0), 1000);
  EXPECT_EQ(on<Keypad>()->digits, kCode);
}

TEST_F(CheckInFlowTest, TheKeypadShowsATypoAsSoonAsTheFourteenthDigitIsIn) {
  step(TypeCodeTapped{}, 0);
  const std::string typo = typoOf(kCode);
  typeDigits(typo.substr(0, 13), 1000);
  EXPECT_FALSE(on<Keypad>()->typo);
  const FlowEffects effects = step(KeypadDigit{typo.substr(13)}, 1000);
  EXPECT_TRUE(on<Keypad>()->typo);
  ASSERT_EQ(only<PlaySound>(effects).size(), 1U);
  EXPECT_EQ(only<PlaySound>(effects)[0].sound, Sound::Failure);
}

TEST_F(CheckInFlowTest, SubmittingATypoSendsNothing) {
  step(TypeCodeTapped{}, 0);
  typeDigits(typoOf(kCode), 1000);
  EXPECT_TRUE(step(KeypadSubmit{}, 2000).empty());
  EXPECT_NE(on<Keypad>(), nullptr);
}

TEST_F(CheckInFlowTest, BackspaceClearsTheTypoSoTheLastDigitCanBeFixed) {
  step(TypeCodeTapped{}, 0);
  typeDigits(typoOf(kCode), 1000);
  step(KeypadBackspace{}, 2000);
  EXPECT_FALSE(on<Keypad>()->typo);
  EXPECT_EQ(on<Keypad>()->digits.size(), 13U);
  step(KeypadDigit{kCode.substr(13)}, 2000);
  EXPECT_FALSE(on<Keypad>()->typo);
  EXPECT_TRUE(has<SendCheckIn>(step(KeypadSubmit{}, 3000)));
}

TEST_F(CheckInFlowTest, TheKeypadIgnoresNonDigitsAndDigitsBeyondFourteen) {
  step(TypeCodeTapped{}, 0);
  step(KeypadDigit{"a"}, 100);
  step(KeypadDigit{"12"}, 100);
  step(KeypadDigit{""}, 100);
  typeDigits(kCode + "5", 1000);
  EXPECT_EQ(on<Keypad>()->digits, kCode);
}

TEST_F(CheckInFlowTest, SubmitBeforeFourteenDigitsSendsNothing) {
  step(TypeCodeTapped{}, 0);
  typeDigits(kCode.substr(0, 12), 1000);
  EXPECT_TRUE(step(KeypadSubmit{}, 2000).empty());
  EXPECT_NE(on<Keypad>(), nullptr);
}

TEST_F(CheckInFlowTest, CancellingTheKeypadReturnsToIdleWithTheDigitsGone) {
  step(TypeCodeTapped{}, 0);
  typeDigits("123", 100);
  EXPECT_TRUE(has<ClearPersonalData>(step(KeypadCancel{}, 200)));
  EXPECT_NE(on<Idle>(), nullptr);
}

TEST_F(CheckInFlowTest, AScanWhileTypingStartsTheCheckIn) {
  step(TypeCodeTapped{}, 0);
  typeDigits("123", 100);
  EXPECT_TRUE(has<SendCheckIn>(step(ScanRead{kCode}, 200)));
  EXPECT_NE(on<Checking>(), nullptr);
}

// --- A slow or silent server --------------------------------------------------------------------

TEST_F(CheckInFlowTest, TheSpinnerAppearsOnlyAfter300Ms) {
  scan(0);
  step(Tick{}, 299);
  EXPECT_FALSE(on<Checking>()->spinner);
  step(Tick{}, 300);
  EXPECT_TRUE(on<Checking>()->spinner);
}

TEST_F(CheckInFlowTest, AServerThatDoesNotAnswerSendsTheApplicantToTheDesk) {
  scan(0);
  step(Tick{}, 9'999);
  ASSERT_NE(on<Checking>(), nullptr);
  step(Tick{}, 10'000);
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::ServerNotAnswering);
}

TEST_F(CheckInFlowTest, ANetworkFailureIsRetriedWithTheSameRequestId) {
  const std::string id = scan(0);
  EXPECT_TRUE(step(CheckInFailed{id, "connection refused"}, 500).empty());
  EXPECT_TRUE(step(Tick{}, 1499).empty());
  const auto sent = only<SendCheckIn>(step(Tick{}, 1500));
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].requestId, id);
  EXPECT_EQ(sent[0].code, kCode);
  EXPECT_TRUE(step(Tick{}, 1600).empty());  // once per failure
}

TEST_F(CheckInFlowTest, ANetworkFailureAfterTheGiveUpSendsTheApplicantToTheDesk) {
  const std::string id = scan(0);
  step(CheckInFailed{id, "timeout"}, 10'000);
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::ServerNotAnswering);
}

TEST_F(CheckInFlowTest, AnAnswerAfterTheGiveUpIsIgnored) {
  const std::string id = scan(0);
  step(Tick{}, 10'000);
  const FlowEffects effects = step(CheckInAnswered{id, checkedIn()}, 11'000);
  EXPECT_TRUE(effects.empty());
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_EQ(on<Refused>()->reason, RefusalReason::ServerNotAnswering);
}

TEST_F(CheckInFlowTest, AnAnswerAfterTheNextPersonStartedIsIgnored) {
  const std::string first = scan(0);
  step(Tick{}, 10'000);
  const std::string second = scan(12'000, kOtherCode);
  EXPECT_TRUE(step(CheckInAnswered{first, checkedIn()}, 12'100).empty());
  ASSERT_NE(on<Checking>(), nullptr);
  EXPECT_EQ(on<Checking>()->requestId, second);
}

TEST_F(CheckInFlowTest, AFailureForAnotherRequestIsIgnored) {
  scan(0);
  EXPECT_TRUE(step(CheckInFailed{"kiosk1-b7-999", "x"}, 100).empty());
  EXPECT_FALSE(on<Checking>()->retryAt.has_value());
}

// --- Odd orders ---------------------------------------------------------------------------------

TEST_F(CheckInFlowTest, EveryCheckInHasItsOwnRequestId) {
  const std::string first = scan(0);
  step(BackTapped{}, 100);  // no way out while checking
  step(CheckInAnswered{first, refusal("unknown_code")}, 200);
  const std::string second = scan(1000);
  EXPECT_FALSE(first.empty());
  EXPECT_NE(first, second);
}

TEST_F(CheckInFlowTest, AnotherScanWhileCheckingIsIgnored) {
  const std::string id = scan(0);
  EXPECT_TRUE(step(ScanRead{kCode}, 100).empty());
  EXPECT_TRUE(step(ScanRead{kOtherCode}, 150).empty());
  EXPECT_TRUE(step(ScanRead{typoOf(kCode)}, 160).empty());
  ASSERT_NE(on<Checking>(), nullptr);
  EXPECT_EQ(on<Checking>()->requestId, id);
}

TEST_F(CheckInFlowTest, AScanOnAResultScreenStartsTheNextCheckInAndDropsThePrevious) {
  scanAndAnswer(checkedIn());
  const FlowEffects effects = step(ScanRead{kOtherCode}, 5000);
  ASSERT_GE(effects.size(), 2U);
  EXPECT_TRUE(std::holds_alternative<ClearPersonalData>(effects.front()));
  ASSERT_NE(on<Checking>(), nullptr);
  EXPECT_EQ(on<Checking>()->code, kOtherCode);
}

TEST_F(CheckInFlowTest, APrintOutcomeAfterTheNextPersonStartedIsStillReported) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn(17)));
  const std::string next = scan(1000, kOtherCode);
  const auto reports = only<ReportPrintResult>(step(PrintFinished{job, false}, 1500));
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].ticketId, 17);
  EXPECT_FALSE(reports[0].printed);
  ASSERT_NE(on<Checking>(), nullptr);  // and the next person's screen is untouched
  EXPECT_EQ(on<Checking>()->requestId, next);
}

TEST_F(CheckInFlowTest, TwoTicketsPrintingAtOnceEachGetTheirOwnOutcome) {
  const std::uint64_t first = printJob(scanAndAnswer(checkedIn(17)));
  // The next person, with another notice.
  const std::string next = scan(1000, kOtherCode);
  const std::uint64_t second = printJob(step(CheckInAnswered{next, checkedIn(18)}, 1200));
  ASSERT_NE(first, second);
  EXPECT_EQ(flow_.printsPending().size(), 2U);
  // Outcomes in the other order: the second's leaves the first's screen state alone, and so on.
  auto reports = only<ReportPrintResult>(step(PrintFinished{second, true}, 2000));
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].ticketId, 18);
  EXPECT_EQ(on<CheckedIn>()->print, PrintStatus::Printed);
  reports = only<ReportPrintResult>(step(PrintFinished{first, false}, 2100));
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].ticketId, 17);
  EXPECT_EQ(on<CheckedIn>()->print, PrintStatus::Printed);  // still the second's
  EXPECT_TRUE(flow_.printsPending().empty());
}

TEST_F(CheckInFlowTest, APrintOutcomeAfterTheTimeoutIsStillReported) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn(17)));
  step(Tick{}, 120'000);
  ASSERT_NE(on<Idle>(), nullptr);
  const auto reports = only<ReportPrintResult>(step(PrintFinished{job, true}, 120'500));
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_NE(on<Idle>(), nullptr);
}

// --- Language -----------------------------------------------------------------------------------

TEST_F(CheckInFlowTest, TheLanguageToggleKeepsTheScreen) {
  scanAndAnswer(checkedIn());
  step(LanguageTapped{}, 1000);
  EXPECT_EQ(flow_.state().language, Language::English);
  ASSERT_NE(on<CheckedIn>(), nullptr);
  EXPECT_EQ(on<CheckedIn>()->ticket, ticket());
  step(LanguageTapped{}, 1100);
  EXPECT_EQ(flow_.state().language, Language::Persian);
}

TEST_F(CheckInFlowTest, TheLanguageToggleKeepsTheKeypadDigits) {
  step(TypeCodeTapped{}, 0);
  typeDigits("1234", 100);
  step(LanguageTapped{}, 200);
  EXPECT_EQ(on<Keypad>()->digits, "1234");
}

TEST_F(CheckInFlowTest, ATimeoutGoesBackToPersianButBackKeepsTheChosenLanguage) {
  step(LanguageTapped{}, 0);
  step(HelpTapped{}, 100);
  step(BackTapped{}, 200);
  EXPECT_EQ(flow_.state().language, Language::English);
  step(HelpTapped{}, 300);
  step(Tick{}, 300 + 60'000);
  EXPECT_NE(on<Idle>(), nullptr);
  EXPECT_EQ(flow_.state().language, Language::Persian);
}

// --- Every timeout ------------------------------------------------------------------------------

TEST_F(CheckInFlowTest, TheKeypadTimesOutAfter60SecondsWithoutInput) {
  step(TypeCodeTapped{}, 0);
  typeDigits("123", 30'000);  // each key restarts the count
  step(Tick{}, 89'999);
  ASSERT_NE(on<Keypad>(), nullptr);
  EXPECT_TRUE(has<ClearPersonalData>(step(Tick{}, 90'000)));
  EXPECT_NE(on<Idle>(), nullptr);
  EXPECT_FALSE(holdsPersonalData(flow_.state()));
}

TEST_F(CheckInFlowTest, HelpTimesOutAfter60Seconds) {
  step(HelpTapped{}, 0);
  step(Tick{}, 59'999);
  ASSERT_NE(on<Help>(), nullptr);
  step(Tick{}, 60'000);
  EXPECT_NE(on<Idle>(), nullptr);
}

TEST_F(CheckInFlowTest, ARefusalTimesOutAfter30SecondsWithNothingPersonalLeft) {
  scanAndAnswer(CheckInRefusal{"other_day", "2026-11-24", "09:15", ""});
  step(Tick{}, 200 + 29'999);
  ASSERT_NE(on<Refused>(), nullptr);
  EXPECT_TRUE(has<ClearPersonalData>(step(Tick{}, 200 + 30'000)));
  EXPECT_NE(on<Idle>(), nullptr);
  EXPECT_FALSE(holdsPersonalData(flow_.state()));
}

TEST_F(CheckInFlowTest, AlreadyCheckedInTimesOutAfter30SecondsWithNothingPersonalLeft) {
  scanAndAnswer(alreadyCheckedIn());
  step(Tick{}, 200 + 29'999);
  ASSERT_NE(on<AlreadyCheckedIn>(), nullptr);
  EXPECT_TRUE(has<ClearPersonalData>(step(Tick{}, 200 + 30'000)));
  EXPECT_NE(on<Idle>(), nullptr);
  EXPECT_FALSE(holdsPersonalData(flow_.state()));
}

TEST_F(CheckInFlowTest, APrintOutcomeGivesTheTicketScreenItsFullTimeAgain) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn(17, 0)));
  step(PrintFinished{job, false}, 20'000);
  step(Tick{}, 49'999);
  EXPECT_NE(on<CheckedIn>(), nullptr);
  step(Tick{}, 50'000);
  EXPECT_NE(on<Idle>(), nullptr);
}

TEST_F(CheckInFlowTest, IdleNeverTimesOut) {
  EXPECT_TRUE(step(Tick{}, 10'000'000).empty());
  EXPECT_NE(on<Idle>(), nullptr);
}

TEST_F(CheckInFlowTest, BackFromATicketDropsThePersonalData) {
  scanAndAnswer(checkedIn());
  EXPECT_TRUE(has<ClearPersonalData>(step(BackTapped{}, 1000)));
  EXPECT_NE(on<Idle>(), nullptr);
  EXPECT_FALSE(holdsPersonalData(flow_.state()));
}

// --- Out of service -----------------------------------------------------------------------------

TEST_F(CheckInFlowTest, OutOfServiceIgnoresScansAndTaps) {
  step(OutOfServiceChanged{true}, 0);
  ASSERT_NE(on<OutOfService>(), nullptr);
  EXPECT_TRUE(step(ScanRead{kCode}, 100).empty());
  EXPECT_TRUE(step(TypeCodeTapped{}, 200).empty());
  EXPECT_TRUE(step(HelpTapped{}, 300).empty());
  EXPECT_TRUE(step(Tick{}, 1'000'000).empty());
  EXPECT_NE(on<OutOfService>(), nullptr);
}

TEST_F(CheckInFlowTest, BackInServiceShowsTheIdleScreen) {
  step(OutOfServiceChanged{true}, 0);
  step(OutOfServiceChanged{false}, 100);
  EXPECT_NE(on<Idle>(), nullptr);
}

TEST_F(CheckInFlowTest, GoingOutOfServiceMidCheckInAbandonsTheRequest) {
  const std::string id = scan(0);
  EXPECT_TRUE(has<ClearPersonalData>(step(OutOfServiceChanged{true}, 100)));
  EXPECT_TRUE(step(CheckInAnswered{id, checkedIn()}, 200).empty());
  EXPECT_NE(on<OutOfService>(), nullptr);
}

TEST_F(CheckInFlowTest, PrintOutcomesAreReportedEvenOutOfService) {
  const std::uint64_t job = printJob(scanAndAnswer(checkedIn(17)));
  step(OutOfServiceChanged{true}, 1000);
  EXPECT_EQ(only<ReportPrintResult>(step(PrintFinished{job, true}, 2000)).size(), 1U);
}

TEST(CheckInFlow, RefusesARequestIdPrefixTheServerWouldNotAccept) {
  const auto key = domain::SigningKey::generate();
  const auto verify = [&] { return domain::VerifyKey::fromPem(key.publicKeyPem()).value(); };
  EXPECT_THROW(CheckInFlow(verify(), ""), std::invalid_argument);
  EXPECT_THROW(CheckInFlow(verify(), "kiosk 1"), std::invalid_argument);
  EXPECT_NO_THROW(CheckInFlow(verify(), "kiosk_1-boot"));
}

// --- Offline: the day manifest takes over from a silent server ---------------------------------

class OfflineFlowTest : public CheckInFlowTest {
 protected:
  static FlowOptions offlineOptions() {
    FlowOptions options;
    options.serverGiveUp = milliseconds(4'000);
    options.offlineFallback = true;
    return options;
  }
  CheckInFlow offlineFlow_{verifyKeyOf(signing_), "kiosk1-b7", offlineOptions()};

  FlowEffects offlineStep(const FlowEvent& event, long ms) {
    return offlineFlow_.step(event, at(ms));
  }
  template <class T>
  const T* offlineOn() const {
    return std::get_if<T>(&offlineFlow_.state().screen);
  }
};

TEST_F(OfflineFlowTest, ASilentServerHandsTheSameRequestToTheManifest) {
  const auto sent = only<SendCheckIn>(offlineStep(ScanRead{kCode}, 0));
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_TRUE(only<CheckInOffline>(offlineStep(Tick{}, 3'999)).empty());
  const auto asked = only<CheckInOffline>(offlineStep(Tick{}, 4'000));
  ASSERT_EQ(asked.size(), 1U);
  EXPECT_EQ(asked[0].requestId, sent[0].requestId);
  EXPECT_EQ(asked[0].code, kCode);
  ASSERT_NE(offlineOn<Checking>(), nullptr);
  EXPECT_TRUE(offlineOn<Checking>()->offline);
  EXPECT_TRUE(offlineStep(Tick{}, 4'100).empty());  // asked once

  auto answer = CheckInAccepted{false, ticket(0), AnswerSource::OfflineManifest};
  answer.ticket.peopleAhead = -1;
  const auto effects = offlineStep(CheckInAnswered{sent[0].requestId, answer}, 4'001);
  ASSERT_NE(offlineOn<CheckedIn>(), nullptr);
  EXPECT_EQ(offlineOn<CheckedIn>()->source, AnswerSource::OfflineManifest);
  EXPECT_EQ(only<PrintTicket>(effects).size(), 1U);
}

TEST_F(OfflineFlowTest, RepeatedNetworkFailuresGoOfflineAtTheGiveUpNotBefore) {
  const std::string id = only<SendCheckIn>(offlineStep(ScanRead{kCode}, 0)).front().requestId;
  EXPECT_TRUE(offlineStep(CheckInFailed{id, "connection refused"}, 10).empty());
  EXPECT_EQ(only<SendCheckIn>(offlineStep(Tick{}, 1'010)).size(), 1U);
  const auto asked = only<CheckInOffline>(offlineStep(CheckInFailed{id, "refused"}, 4'020));
  ASSERT_EQ(asked.size(), 1U);
  // Once offline, the retry timer and late failures of the server request change nothing.
  EXPECT_TRUE(offlineStep(CheckInFailed{id, "refused"}, 4'030).empty());
  EXPECT_TRUE(only<SendCheckIn>(offlineStep(Tick{}, 5'500)).empty());
}

TEST_F(OfflineFlowTest, NoUsableManifestSendsTheApplicantToTheDesk) {
  const std::string id = only<SendCheckIn>(offlineStep(ScanRead{kCode}, 0)).front().requestId;
  offlineStep(Tick{}, 4'000);
  offlineStep(CheckInAnswered{id, refusal("offline_unavailable")}, 4'001);
  ASSERT_NE(offlineOn<Refused>(), nullptr);
  EXPECT_EQ(offlineOn<Refused>()->reason, RefusalReason::ServerNotAnswering);
}

TEST_F(OfflineFlowTest, AManifestThatNeverAnswersEndsAtTheDeskToo) {
  offlineStep(ScanRead{kCode}, 0);
  offlineStep(Tick{}, 4'000);
  offlineStep(Tick{}, 5'999);
  ASSERT_NE(offlineOn<Checking>(), nullptr);
  offlineStep(Tick{}, 6'000);
  ASSERT_NE(offlineOn<Refused>(), nullptr);
  EXPECT_EQ(offlineOn<Refused>()->reason, RefusalReason::ServerNotAnswering);
}

TEST_F(OfflineFlowTest, TheManifestRefusesWithTheServersOwnRules) {
  const std::string id = only<SendCheckIn>(offlineStep(ScanRead{kCode}, 0)).front().requestId;
  offlineStep(Tick{}, 4'000);
  offlineStep(CheckInAnswered{id, CheckInRefusal{"too_early", "", "", "10:30"}}, 4'001);
  ASSERT_NE(offlineOn<Refused>(), nullptr);
  EXPECT_EQ(offlineOn<Refused>()->reason, RefusalReason::TooEarly);
  EXPECT_EQ(offlineOn<Refused>()->opensAt, "10:30");
}

// --- The same notice again -------------------------------------------------------------------

TEST_F(CheckInFlowTest, TheNoticesOtherBarcodeOnTheTicketScreenIsNotANewCheckIn) {
  scanAndAnswer(checkedIn());
  ASSERT_NE(on<CheckedIn>(), nullptr);
  // The notice's Code 128 (the bare digits), read just after its QR code gave the ticket.
  EXPECT_TRUE(step(ScanRead{kCode}, 500).empty());
  ASSERT_NE(on<CheckedIn>(), nullptr);
  EXPECT_EQ(on<CheckedIn>()->ticket.label, "P-017");
}

TEST_F(CheckInFlowTest, TheSameCodeTypedInPersianDigitsIsTheSameNotice) {
  scanAndAnswer(alreadyCheckedIn());
  ASSERT_NE(on<AlreadyCheckedIn>(), nullptr);
  std::string persian;
  for (const auto& digit : digitsIn(kCode, 0xDB, 0xB0)) persian += digit;
  EXPECT_TRUE(step(ScanRead{persian}, 500).empty());
  EXPECT_NE(on<AlreadyCheckedIn>(), nullptr);
}

TEST_F(CheckInFlowTest, AnotherCodeOnTheTicketScreenIsTheNextPerson) {
  scanAndAnswer(checkedIn());
  const auto effects = step(ScanRead{kOtherCode}, 500);
  EXPECT_TRUE(has<ClearPersonalData>(effects));
  ASSERT_EQ(only<SendCheckIn>(effects).size(), 1U);
  EXPECT_EQ(only<SendCheckIn>(effects)[0].code, kOtherCode);
  EXPECT_NE(on<Checking>(), nullptr);
}

}  // namespace
}  // namespace mikhak::kiosk
