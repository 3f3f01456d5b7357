#include "server_config.hpp"

#include "mikhak/base/config_file.hpp"

namespace mikhak::server {
namespace {

// The keys each table may hold.
const base::ConfigSchema& schema() {
  static const base::ConfigSchema kSchema{
      {"server", {"db", "listen", "catalogue", "key"}},
      {"tls", {"cert", "key"}},
      {"consulate", {"id", "name_fa", "name_en", "time_zone"}},
      {"check_in", {"early_minutes", "late_minutes", "admit_late"}},
      {"queue", {"recalls_before_no_show"}},
  };
  return kSchema;
}

// The configuration as `read` gives it, over `config`'s values.
Result<ServerConfig> readServerConfig(base::ConfigFile& read, ServerConfig config) {
  read.text("server", "db", config.db);
  read.text("server", "listen", config.listen);
  read.text("server", "catalogue", config.catalogue);
  read.text("server", "key", config.key);
  read.text("tls", "cert", config.tlsCert);
  read.text("tls", "key", config.tlsKey);
  read.text("consulate", "id", config.consulate.id);
  read.text("consulate", "name_fa", config.consulate.nameFa);
  read.text("consulate", "name_en", config.consulate.nameEn);
  read.text("consulate", "time_zone", config.consulate.timeZone);
  read.duration("check_in", "early_minutes", config.window.early, 0, 24 * 60);
  read.duration("check_in", "late_minutes", config.window.late, 0, 24 * 60);
  bool admitLate = config.window.latePolicy == LatePolicy::AdmitLowPriority;
  read.flag("check_in", "admit_late", admitLate);
  config.window.latePolicy = admitLate ? LatePolicy::AdmitLowPriority : LatePolicy::Refuse;
  read.whole("queue", "recalls_before_no_show", config.queue.recallsBeforeNoShow, 0, 10);
  if (read.problem()) return *read.problem();
  if (config.tlsCert.empty() != config.tlsKey.empty()) {
    return Error{read.where() + "[tls] needs both cert and key"};
  }
  return config;
}

}  // namespace

Result<ServerConfig> parseServerConfig(std::string_view text, std::string_view source,
                                       ServerConfig config) {
  auto file = base::ConfigFile::parse(text, source, schema());
  if (!file) return file.error();
  return readServerConfig(*file, std::move(config));
}

Result<ServerConfig> loadServerConfig(const std::filesystem::path& file, ServerConfig config) {
  auto read = base::ConfigFile::load(file, schema());
  if (!read) return read.error();
  return readServerConfig(*read, std::move(config));
}

}  // namespace mikhak::server
