#include <iostream>

#include "commands.hpp"
#include "mikhak/text/text_engine.hpp"
#include "notice.hpp"

namespace mikhak::ctl {

Runner addNoticeCommand(CLI::App& app) {
  struct Options {
    std::string db;
    std::string code;
    std::string key;
    std::string out;
    bool demo = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "notice", "Draw an applicant's appointment notice (QR code, Code 128, originals) as a PNG");
  auto* db = cmd->add_option("--db", options->db, "The server's SQLite database");
  auto* code = cmd->add_option("--code", options->code, "The appointment's tracking code");
  auto* key =
      cmd->add_option("--key", options->key,
                      "The consulate's signing key, PEM (default: FILE.key.pem beside --db)");
  auto* demo =
      cmd->add_flag("--demo", options->demo, "Demo notices with a new key, into the --out folder");
  cmd->add_option("--out", options->out, "PNG file to write (with --demo: a folder)")->required();
  demo->excludes(db)->excludes(code)->excludes(key);
  return [options] {
    const auto fail = [](const std::string& message) {
      // The notice library's messages name their component already: "notice: ...".
      std::cerr << (message.starts_with("notice: ") ? "mikhakctl " : "mikhakctl notice: ")
                << message << '\n';
      return 1;
    };
    if (!options->demo && (options->db.empty() || options->code.empty())) {
      return fail("give --db FILE and --code CODE, or --demo");
    }
    auto engine = text::TextEngine::createDefault();
    if (!engine) return fail(engine.error().message);

    if (options->demo) {
      auto written = writeDemoNotices(*engine, options->out);
      if (!written) return fail(written.error().message);
      for (const DemoNotice& n : *written) {
        std::cout << n.code << "  " << n.serviceId << "  " << n.file.string() << '\n';
      }
      std::cout << "public key: "
                << (std::filesystem::path(options->out) / "consulate.pub.pem").string() << '\n';
      return 0;
    }
    const std::filesystem::path keyFile =
        options->key.empty() ? defaultKeyFile(options->db) : std::filesystem::path(options->key);
    if (auto written =
            writeNoticeFromDatabase(*engine, options->db, options->code, keyFile, options->out);
        !written) {
      return fail(written.error().message);
    }
    std::cout << options->out << '\n';
    return 0;
  };
}

}  // namespace mikhak::ctl
