#include "kiosk_config.hpp"

#include "mikhak/base/config_file.hpp"

#include <fstream>
#include <regex>
#include <sstream>

namespace mikhak::kiosk {
namespace {

// The keys each table may hold.
const base::ConfigSchema& schema() {
  static const base::ConfigSchema kSchema{
      {"server", {"url", "token_file", "public_key", "connect_timeout_ms", "read_timeout_ms"}},
      {"consulate", {"id", "name_fa", "name_en", "time_zone"}},
      {"kiosk", {"name", "language", "state_dir", "staff_pin_hash"}},
      {"printer", {"uri", "width_dots", "dither"}},
      {"scanner", {"sources"}},
      {"timeouts",
       {"input_seconds", "result_seconds", "checked_in_seconds", "server_give_up_seconds"}},
      {"screen", {"width", "height", "fullscreen", "theme", "pixels_per_mm", "sound"}},
      {"display", {"clips", "speech"}},
  };
  return kSchema;
}

// The configuration as `read` gives it, over `config`'s values.
Result<KioskConfig> readKioskConfig(base::ConfigFile& read, KioskConfig config) {
  read.text("server", "url", config.server.url);
  read.path("server", "token_file", config.server.tokenFile);
  read.path("server", "public_key", config.server.publicKey);
  read.duration("server", "connect_timeout_ms", config.server.connectTimeout, 100, 60'000);
  read.duration("server", "read_timeout_ms", config.server.readTimeout, 100, 60'000);
  read.text("consulate", "id", config.consulate.id);
  read.text("consulate", "name_fa", config.consulate.nameFa);
  read.text("consulate", "name_en", config.consulate.nameEn);
  read.text("consulate", "time_zone", config.consulate.timeZone);
  read.text("kiosk", "name", config.kiosk.name);
  if (const auto language = read.choice("kiosk", "language", {"fa", "en"})) {
    config.kiosk.language = *language == "fa" ? text::Language::Persian : text::Language::English;
  }
  read.path("kiosk", "state_dir", config.kiosk.stateDir);
  read.text("kiosk", "staff_pin_hash", config.kiosk.staffPinHash);
  read.text("printer", "uri", config.printer.uri);
  read.whole("printer", "width_dots", config.printer.widthDots, 300, 2'048);
  read.flag("printer", "dither", config.printer.dither);
  read.strings("scanner", "sources", config.scannerSources);
  read.duration("timeouts", "input_seconds", config.timeouts.input, 10, 600);
  read.duration("timeouts", "result_seconds", config.timeouts.result, 5, 600);
  read.duration("timeouts", "checked_in_seconds", config.timeouts.checkedIn, 5, 600);
  read.duration("timeouts", "server_give_up_seconds", config.timeouts.serverGiveUp, 1, 60);
  read.whole("screen", "width", config.screen.width, 0, 16'384);
  read.whole("screen", "height", config.screen.height, 0, 16'384);
  read.flag("screen", "fullscreen", config.screen.fullscreen);
  if (const auto theme = read.choice("screen", "theme", {"standard", "high_contrast"})) {
    config.screen.theme = *theme == "standard" ? Theme::Standard : Theme::HighContrast;
  }
  read.number("screen", "pixels_per_mm", config.screen.pixelsPerMm, 0, 100);
  read.flag("screen", "sound", config.screen.sound);
  read.path("display", "clips", config.display.clips);
  read.flag("display", "speech", config.display.speech);
  if (read.problem()) return *read.problem();

  const std::string where = read.where();
  static const std::regex kName("[A-Za-z0-9_-]{1,24}");
  if (!std::regex_match(config.kiosk.name, kName)) {
    return Error{where + "kiosk.name must be 1 to 24 of A-Z, a-z, 0-9, _ and -"};
  }
  if (config.server.url.rfind("http://", 0) != 0 && config.server.url.rfind("https://", 0) != 0) {
    return Error{where + "server.url must start with http:// or https://"};
  }
  return config;
}

}  // namespace

Result<KioskConfig> parseKioskConfig(std::string_view text, std::string_view source,
                                     KioskConfig config) {
  auto file = base::ConfigFile::parse(text, source, schema());
  if (!file) return file.error();
  return readKioskConfig(*file, std::move(config));
}

Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file, KioskConfig config) {
  auto read = base::ConfigFile::load(file, schema());
  if (!read) return read.error();
  return readKioskConfig(*read, std::move(config));
}

Result<std::string> readToken(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return Error{"token: cannot read " + file.string() +
                 " (enrol the kiosk: mikhakctl enrol --server URL --code CODE)"};
  }
  std::string token;
  std::getline(in, token);
  const auto first = token.find_first_not_of(" \t\r");
  const auto last = token.find_last_not_of(" \t\r");
  if (first == std::string::npos) return Error{"token: " + file.string() + " is empty"};
  return token.substr(first, last - first + 1);
}

}  // namespace mikhak::kiosk
