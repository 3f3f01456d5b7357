#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "mikhak/base/result.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::kiosk {

// The words on the kiosk's screens in one language (assets/translations/kiosk.toml), so that a
// consulate can reword them without a rebuild. Placeholders in braces: see the file's header.
struct KioskText {
  std::string languageName;
  std::string done;
  std::string back;
  std::string seeDesk;
  std::string offlineSince;
  std::string welcome;
  std::string scanInstruction;
  std::string typeCode;
  std::string help;
  std::string keypadTitle;
  std::string keypadTypo;
  std::string deleteDigit;
  std::string ok;
  std::string cancel;
  std::string helpTitle;
  std::string helpStep1;
  std::string helpStep2;
  std::string helpStep3;
  std::string helpStep4;
  std::string helpDesk;
  std::string checking;
  std::string checkingWait;
  std::string welcomeName;
  std::string alreadyCheckedIn;
  std::string ticketHeading;
  std::string appointment;
  std::string peopleAhead;
  std::string oneAhead;
  std::string youAreNext;
  std::string estimatedWait;
  std::string originalsHeading;
  std::string nextStep;
  std::string printing;
  std::string printed;
  std::string printFailed;
  std::string reprint;
  std::string checkYourCode;
  std::string checkYourCodeTodo;
  std::string unreadable;
  std::string unreadableTodo;
  std::string notANotice;
  std::string notANoticeTodo;
  std::string forged;
  std::string unknownCode;
  std::string cancelled;
  std::string otherConsulate;
  std::string otherConsulateTodo;
  std::string otherDay;
  std::string otherDayTodo;
  std::string tooEarly;
  std::string tooEarlyTodo;
  std::string tooLate;
  std::string closed;
  std::string serverNotAnswering;
  std::string serverProblem;
  std::string outOfService;
  std::string staffTitle;
  std::string staffPin;
  std::string staffPinWrong;
  std::string staffLocked;
  std::string staffPrinter;
  std::string staffScanner;
  std::string staffServer;
  std::string staffManifest;
  std::string staffOutbox;
  std::string staffVersion;
  std::string staffLastRead;
  std::string staffLastPrint;
  std::string staffTestPrint;
  std::string staffScannerTest;
  std::string staffTakeOutOfService;
  std::string staffPutInService;
  std::string staffExit;
};

// Both languages: every screen shows its own language, and the language button the other.
struct KioskWording {
  KioskText fa;
  KioskText en;
  const KioskText& of(text::Language language) const {
    return language == text::Language::Persian ? fa : en;
  }
};

// Reads both languages from the TOML file: every key required and non-empty in [fa] and [en],
// unknown keys and sections refused, each error naming the file, section and key.
Result<KioskWording> loadKioskWording(const std::filesystem::path& file);

// assets/translations/kiosk.toml from the source tree, else the installed one.
std::filesystem::path defaultKioskWordingFile();

// Replaces every "{name}" in the text with the value.
std::string fillPlaceholder(std::string text, std::string_view placeholder, std::string_view value);

}  // namespace mikhak::kiosk
