#include <iostream>
#include <optional>

#include "commands.hpp"
#include "mikhak/text/date_format.hpp"
#include "mikhak/text/digits.hpp"

namespace mikhak::ctl {
namespace {

// YYYY-MM-DD in any digits; the calendar decides later whether the day exists.
std::optional<text::CivilDate> parseDay(const std::string& input) {
  const std::string day = text::latinDigits(input);
  const auto first = day.find('-');
  const auto second = day.find('-', first == std::string::npos ? first : first + 1);
  if (first != 4 || second == std::string::npos || day.find('-', second + 1) != std::string::npos) {
    return std::nullopt;
  }
  const auto year = text::parseInteger(day.substr(0, first));
  const auto month = text::parseInteger(day.substr(first + 1, second - first - 1));
  const auto dayOfMonth = text::parseInteger(day.substr(second + 1));
  if (!year || !month || !dayOfMonth || *month < 1 || *month > 12 || *dayOfMonth < 1 ||
      *dayOfMonth > 31) {
    return std::nullopt;
  }
  return text::CivilDate{static_cast<int>(*year), static_cast<int>(*month),
                         static_cast<int>(*dayOfMonth)};
}

}  // namespace

Runner addDateCommand(CLI::App& app) {
  struct Options {
    std::string day;
    std::string calendar;
    std::string language = "fa";
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("date", "Print a Gregorian day as the kiosk shows it");
  cmd->add_option("day", options->day, "Gregorian day, YYYY-MM-DD (Persian digits accepted)")
      ->required();
  cmd->add_option("--calendar", options->calendar, "jalali or gregorian (default: by language)")
      ->check(CLI::IsMember({"jalali", "gregorian"}));
  cmd->add_option("--lang", options->language, "fa or en")
      ->check(CLI::IsMember({"fa", "en"}))
      ->capture_default_str();
  return [options] {
    const auto language = *text::parseLanguage(options->language);
    const text::Calendar calendar = options->calendar.empty() ? text::defaultCalendar(language)
                                    : options->calendar == "jalali" ? text::Calendar::Jalali
                                                                    : text::Calendar::Gregorian;
    const std::optional<text::CivilDate> civil = parseDay(options->day);
    if (!civil) {
      std::cerr << "mikhakctl date: expected YYYY-MM-DD, got '" << options->day << "'\n";
      return 2;
    }
    auto formatter = text::DateFormatter::create(language, calendar, "UTC");
    if (!formatter) {
      std::cerr << "mikhakctl date: " << formatter.error().message << '\n';
      return 1;
    }
    try {
      std::cout << formatter->date(*civil) << '\n';
    } catch (const std::invalid_argument&) {
      std::cerr << "mikhakctl date: no such day: " << options->day << '\n';
      return 2;
    }
    return 0;
  };
}

}  // namespace mikhak::ctl
