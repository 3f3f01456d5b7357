#include "kiosk_wording.hpp"

#include "asset_paths.hpp"
#include "mikhak/text/wording_file.hpp"

#include <array>

namespace mikhak::kiosk {
namespace {

constexpr std::array<text::WordingKey<KioskText>, 73> kKeys{{
    {"language_name", &KioskText::languageName},
    {"done", &KioskText::done},
    {"back", &KioskText::back},
    {"see_desk", &KioskText::seeDesk},
    {"offline_since", &KioskText::offlineSince},
    {"welcome", &KioskText::welcome},
    {"scan_instruction", &KioskText::scanInstruction},
    {"type_code", &KioskText::typeCode},
    {"help", &KioskText::help},
    {"keypad_title", &KioskText::keypadTitle},
    {"keypad_typo", &KioskText::keypadTypo},
    {"delete_digit", &KioskText::deleteDigit},
    {"ok", &KioskText::ok},
    {"cancel", &KioskText::cancel},
    {"help_title", &KioskText::helpTitle},
    {"help_step_1", &KioskText::helpStep1},
    {"help_step_2", &KioskText::helpStep2},
    {"help_step_3", &KioskText::helpStep3},
    {"help_step_4", &KioskText::helpStep4},
    {"help_desk", &KioskText::helpDesk},
    {"checking", &KioskText::checking},
    {"checking_wait", &KioskText::checkingWait},
    {"welcome_name", &KioskText::welcomeName},
    {"already_checked_in", &KioskText::alreadyCheckedIn},
    {"ticket_heading", &KioskText::ticketHeading},
    {"appointment", &KioskText::appointment},
    {"people_ahead", &KioskText::peopleAhead},
    {"one_ahead", &KioskText::oneAhead},
    {"you_are_next", &KioskText::youAreNext},
    {"estimated_wait", &KioskText::estimatedWait},
    {"originals_heading", &KioskText::originalsHeading},
    {"next_step", &KioskText::nextStep},
    {"printing", &KioskText::printing},
    {"printed", &KioskText::printed},
    {"print_failed", &KioskText::printFailed},
    {"reprint", &KioskText::reprint},
    {"check_your_code", &KioskText::checkYourCode},
    {"check_your_code_todo", &KioskText::checkYourCodeTodo},
    {"unreadable", &KioskText::unreadable},
    {"unreadable_todo", &KioskText::unreadableTodo},
    {"not_a_notice", &KioskText::notANotice},
    {"not_a_notice_todo", &KioskText::notANoticeTodo},
    {"forged", &KioskText::forged},
    {"unknown_code", &KioskText::unknownCode},
    {"cancelled", &KioskText::cancelled},
    {"other_consulate", &KioskText::otherConsulate},
    {"other_consulate_todo", &KioskText::otherConsulateTodo},
    {"other_day", &KioskText::otherDay},
    {"other_day_todo", &KioskText::otherDayTodo},
    {"too_early", &KioskText::tooEarly},
    {"too_early_todo", &KioskText::tooEarlyTodo},
    {"too_late", &KioskText::tooLate},
    {"closed", &KioskText::closed},
    {"server_not_answering", &KioskText::serverNotAnswering},
    {"server_problem", &KioskText::serverProblem},
    {"out_of_service", &KioskText::outOfService},
    {"staff_title", &KioskText::staffTitle},
    {"staff_pin", &KioskText::staffPin},
    {"staff_pin_wrong", &KioskText::staffPinWrong},
    {"staff_locked", &KioskText::staffLocked},
    {"staff_printer", &KioskText::staffPrinter},
    {"staff_scanner", &KioskText::staffScanner},
    {"staff_server", &KioskText::staffServer},
    {"staff_manifest", &KioskText::staffManifest},
    {"staff_outbox", &KioskText::staffOutbox},
    {"staff_version", &KioskText::staffVersion},
    {"staff_last_read", &KioskText::staffLastRead},
    {"staff_last_print", &KioskText::staffLastPrint},
    {"staff_test_print", &KioskText::staffTestPrint},
    {"staff_scanner_test", &KioskText::staffScannerTest},
    {"staff_take_out_of_service", &KioskText::staffTakeOutOfService},
    {"staff_put_in_service", &KioskText::staffPutInService},
    {"staff_exit", &KioskText::staffExit},
}};

}  // namespace

Result<KioskWording> loadKioskWording(const std::filesystem::path& file) {
  auto fa = text::readWording(file, "kiosk wording", text::Language::Persian, kKeys);
  if (!fa) return fa.error();
  auto en = text::readWording(file, "kiosk wording", text::Language::English, kKeys);
  if (!en) return en.error();
  return KioskWording{std::move(*fa), std::move(*en)};
}

std::filesystem::path defaultKioskWordingFile() { return assetPath("translations/kiosk.toml"); }

std::string fillPlaceholder(std::string text, std::string_view placeholder,
                            std::string_view value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

}  // namespace mikhak::kiosk
