#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "check_in_rules.hpp"
#include "mikhak/base/result.hpp"
#include "model.hpp"
#include "queue_service.hpp"

namespace mikhak::server {

// Everything a consulate sets, from /etc/mikhak/server.toml (command-line options override it):
//
//   [server]    db, listen ("HOST:PORT"), catalogue, key (the Ed25519 signing key, PEM)
//   [tls]       cert, key (PEM): both given, the server speaks HTTPS only
//   [consulate] id, name_fa, name_en, time_zone
//   [check_in]  early_minutes, late_minutes, admit_late
//   [queue]     recalls_before_no_show
struct ServerConfig {
  std::string db = "/var/lib/mikhak/server.db";
  std::string listen = "127.0.0.1:8080";
  std::string catalogue;  // empty: the installed default
  std::string key;        // empty: beside the database
  std::string tlsCert;
  std::string tlsKey;
  Consulate consulate{"LON", "سرکنسولگری جمهوری اسلامی ایران در لندن",
                      "Consulate General of the I.R. of Iran, London", "Europe/London"};
  CheckInWindow window;
  QueueRules queue;
};

// Reads the TOML text over the defaults in `config`. Unknown keys are errors, so a misspelt
// setting is not silently ignored; messages name the file, line and key.
Result<ServerConfig> parseServerConfig(std::string_view toml, std::string_view source,
                                       ServerConfig config = {});
Result<ServerConfig> loadServerConfig(const std::filesystem::path& file, ServerConfig config = {});

}  // namespace mikhak::server
