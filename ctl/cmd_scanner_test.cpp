#include <csignal>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "mikhak/scanner/scanner_service.hpp"
#include "mikhak/scanner/source_spec.hpp"

namespace mikhak::ctl {

namespace {

// SIGINT and SIGTERM end the session; the handler only sets a flag.
volatile std::sig_atomic_t stopRequested = 0;
extern "C" void requestStop(int) { stopRequested = 1; }

}  // namespace

Runner addScannerTestCommand(CLI::App& app) {
  struct Options {
    std::vector<std::string> sources;
    int seconds = 0;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "scanner-test",
      "Print every read of the given scanners as it happens (one JSON line each), for a "
      "technician at the kiosk; Ctrl-C ends it");
  cmd->add_option("source", options->sources,
                  "evdev:auto, evdev:/dev/input/by-id/..., serial:/dev/ttyACM0[@BAUD], "
                  "v4l2:/dev/video0, images:DIR")
      ->required();
  cmd->add_option("--seconds", options->seconds, "Stop after this long (0: until Ctrl-C)");
  return [options] {
    auto specs = scanner::parseSourceSpecs(options->sources);
    if (!specs) {
      std::cerr << "mikhakctl scanner-test: " << specs.error().message << '\n';
      return 2;
    }
    std::vector<std::unique_ptr<scanner::ScanInput>> inputs;
    for (const auto& spec : *specs) {
      auto input = scanner::openInput(spec);
      if (!input) {
        std::cerr << "mikhakctl scanner-test: " << input.error().message << '\n';
        return 2;
      }
      inputs.push_back(std::move(*input));
    }
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    scanner::ScannerService service(std::move(inputs), {});
    const auto started = std::chrono::steady_clock::now();
    std::cerr << "scanner-test: reading " << specs->size() << " source(s); Ctrl-C to stop\n";
    while (!stopRequested) {
      if (options->seconds > 0 &&
          std::chrono::steady_clock::now() - started > std::chrono::seconds(options->seconds)) {
        break;
      }
      auto event = service.waitEvent(std::chrono::milliseconds(200));
      if (!event) {
        if (service.finished()) break;  // images: every file read
        continue;
      }
      nlohmann::json line;
      line["source"] = event->source;
      switch (event->kind) {
        case scanner::ScanEvent::Kind::Read:
          line["read"] = event->text;
          line["format"] = event->format;
          if (event->decodeMs > 0) line["decode_ms"] = event->decodeMs;
          break;
        case scanner::ScanEvent::Kind::SourceDown:
          line["down"] = event->problem;
          break;
        case scanner::ScanEvent::Kind::SourceUp:
          line["up"] = true;
          break;
      }
      std::cout << line.dump() << std::endl;  // at once: the technician is watching
    }
    return 0;
  };
}

}  // namespace mikhak::ctl
