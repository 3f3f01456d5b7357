#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/text/language.hpp"
#include "screen_layout.hpp"

namespace mikhak::kiosk {

// Everything a consulate or technician sets for one kiosk, from /etc/mikhak/kiosk.toml
// (command-line options override it):
//
//   [server]    url, token_file, public_key, connect_timeout_ms, read_timeout_ms
//   [consulate] id, name_fa, name_en, time_zone  (until the server's own names arrive)
//   [kiosk]     name, language ("fa" | "en"), state_dir, staff_pin_hash
//   [printer]   uri, width_dots, dither
//   [scanner]   sources (["evdev:auto", "v4l2:/dev/video0", ...])
//   [timeouts]  input_seconds, result_seconds, checked_in_seconds, server_give_up_seconds
//   [screen]    width, height, fullscreen, theme ("standard" | "high_contrast"), pixels_per_mm,
//               sound
//   [display]   clips (a folder of recorded announcements), speech
//
// The token lives in its own file (written by `mikhakctl enrol`, readable only by the kiosk's
// user), never in the configuration, which technicians copy around.
struct KioskConfig {
  struct Server {
    std::string url = "http://127.0.0.1:8080";
    std::filesystem::path tokenFile = "/var/lib/mikhak/kiosk.token";
    std::filesystem::path publicKey = "/etc/mikhak/consulate.pub.pem";
    std::chrono::milliseconds connectTimeout{2'000};
    std::chrono::milliseconds readTimeout{5'000};
  } server;
  struct Consulate {
    std::string id = "LON";
    std::string nameFa = "سرکنسولگری جمهوری اسلامی ایران در لندن";
    std::string nameEn = "Consulate General of the I.R. of Iran, London";
    std::string timeZone = "Europe/London";
  } consulate;
  struct Kiosk {
    std::string name = "kiosk";  // in request ids and logs: [A-Za-z0-9_-]{1,24}
    text::Language language = text::Language::Persian;
    std::filesystem::path stateDir = "/var/lib/mikhak";
    std::string staffPinHash;  // crypto_pwhash_str (Argon2id); empty: staff mode is closed
  } kiosk;
  struct Printer {
    std::string uri = "usb://auto";
    int widthDots = 576;
    bool dither = false;
  } printer;
  std::vector<std::string> scannerSources{"evdev:auto"};
  struct Timeouts {
    std::chrono::seconds input{60};
    std::chrono::seconds result{30};
    std::chrono::seconds checkedIn{30};
    std::chrono::seconds serverGiveUp{4};
  } timeouts;
  struct Screen {
    int width = 0;  // 0: the display's own size
    int height = 0;
    bool fullscreen = true;
    Theme theme = Theme::Standard;
    double pixelsPerMm = 0;  // 0: from the display's reported DPI
    bool sound = true;
  } screen;
  struct Display {
    std::filesystem::path clips;  // empty: speech synthesis
    bool speech = true;
  } display;
};

// Reads the TOML text over the defaults in `config`. Unknown sections and keys are errors, so a
// misspelt setting is never silently ignored; messages name the file, line and key.
Result<KioskConfig> parseKioskConfig(std::string_view toml, std::string_view source,
                                     KioskConfig config = {});
Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file, KioskConfig config = {});

// The kiosk's token, from its file: one line, surrounding blanks ignored.
Result<std::string> readToken(const std::filesystem::path& file);

}  // namespace mikhak::kiosk
