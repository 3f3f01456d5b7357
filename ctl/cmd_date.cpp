#include <iostream>
#include <regex>

#include "commands.hpp"
#include "mikhak/text/date_format.hpp"
#include "mikhak/text/digits.hpp"

namespace mikhak::ctl {

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
    std::smatch match;
    const std::string day = text::latinDigits(options->day);
    if (!std::regex_match(day, match, std::regex(R"((\d{4})-(\d{1,2})-(\d{1,2}))"))) {
      std::cerr << "mikhakctl date: expected YYYY-MM-DD, got '" << options->day << "'\n";
      return 2;
    }
    const text::CivilDate civil{std::stoi(match[1]), std::stoi(match[2]), std::stoi(match[3])};
    auto formatter = text::DateFormatter::create(language, calendar, "UTC");
    if (!formatter) {
      std::cerr << "mikhakctl date: " << formatter.error().message << '\n';
      return 1;
    }
    try {
      std::cout << formatter->date(civil) << '\n';
    } catch (const std::invalid_argument&) {
      std::cerr << "mikhakctl date: no such day: " << day << '\n';
      return 2;
    }
    return 0;
  };
}

}  // namespace mikhak::ctl
