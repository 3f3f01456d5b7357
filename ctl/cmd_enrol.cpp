#include <iostream>

#include "commands.hpp"
#include "enrol.hpp"
#include "kiosk_config.hpp"

namespace mikhak::ctl {

Runner addEnrolCommand(CLI::App& app) {
  struct Options {
    EnrolOptions enrol;
    std::string configFile = "/etc/mikhak/kiosk.toml";
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "enrol",
      "Register this kiosk with the consulate server using a one-time code from the technician's "
      "page of the staff console; stores the kiosk's token (readable only by the kiosk's user) "
      "and the consulate's public key where the configuration says");
  cmd->add_option("--server", options->enrol.serverUrl, "The server, http(s)://host[:port]")
      ->required();
  cmd->add_option("--code", options->enrol.code, "The enrolment code, e.g. ABCD-EFGH")->required();
  cmd->add_option("--config", options->configFile,
                  "The kiosk's configuration: where the token and key go")
      ->capture_default_str();
  auto* tokenFile =
      cmd->add_option("--token-file", options->enrol.tokenFile, "Overrides server.token_file");
  auto* publicKey =
      cmd->add_option("--public-key", options->enrol.publicKeyFile, "Overrides server.public_key");
  cmd->add_option("--kiosk-user", options->enrol.kioskUser,
                  "Run as root: the user given the token file")
      ->capture_default_str();
  cmd->add_flag("--force", options->enrol.force, "Replace a token already there");
  return [options, tokenFile, publicKey] {
    EnrolOptions enrolOptions = options->enrol;
    std::optional<kiosk::KioskConfig> config;
    if (std::error_code ec; std::filesystem::exists(options->configFile, ec)) {
      auto loaded = kiosk::loadKioskConfig(options->configFile);
      if (!loaded) {
        std::cerr << "mikhakctl enrol: " << loaded.error().message << '\n';
        return 2;
      }
      config = std::move(*loaded);
      if (tokenFile->count() == 0) enrolOptions.tokenFile = config->server.tokenFile;
      if (publicKey->count() == 0) enrolOptions.publicKeyFile = config->server.publicKey;
    }
    auto done = enrol(enrolOptions);
    if (!done) {
      std::cerr << "mikhakctl " << done.error().message << '\n';
      return 1;
    }
    std::cout << "enrolled as " << done->kioskId << " (\"" << done->name << "\", consulate "
              << done->consulate << ")\n"
              << "token: " << done->tokenFile.string() << " (mode 0600, owner " << done->tokenOwner
              << ")\n"
              << "public key: " << done->publicKeyFile.string() << " (mode 0644)\n";
    if (!config) {
      std::cout << "note: " << options->configFile
                << " does not exist; the kiosk needs server.url = \"" << enrolOptions.serverUrl
                << "\" there\n";
    } else if (config->server.url != enrolOptions.serverUrl) {
      std::cout << "note: server.url in " << options->configFile << " is " << config->server.url
                << ", not " << enrolOptions.serverUrl << "; set it so the kiosk uses this server\n";
    }
    std::cout << "next: sudo systemctl restart mikhak-kiosk, then mikhakctl doctor\n";
    return 0;
  };
}

}  // namespace mikhak::ctl
