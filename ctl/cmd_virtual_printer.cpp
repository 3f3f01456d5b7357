#include <pthread.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "commands.hpp"
#include "mikhak/printer/printer_status.hpp"
#include "virtual_printer_server.hpp"

namespace mikhak::ctl {

namespace {

struct VirtualPrinterOptions {
  std::string listen = "127.0.0.1:9100";
  std::string out;
  int width = 576;
  int paperOutAfter = -1;
  int tailRows = 160;
  bool offline = false;
  bool coverOpen = false;
};

// "host:port", "[ipv6]:port" or ":port" (every address).
std::optional<std::pair<std::string, int>> splitListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int number = std::stoi(port);
  if (number > 65535) return std::nullopt;
  return std::pair{host, number};
}

// "paper_out (offline, paper out, near end)": the heartbeat's word, then every condition.
std::string describe(const printer::PrinterStatus& status) {
  std::string text(printer::heartbeatState(status));
  std::string details;
  const auto add = [&](bool condition, const char* what) {
    if (!condition) return;
    details += details.empty() ? "" : ", ";
    details += what;
  };
  add(!status.online, "offline");
  add(status.coverOpen, "cover open");
  add(status.paperOut, "paper out");
  add(status.paperNearEnd, "paper near end");
  add(status.cutterError, "cutter error");
  add(status.unrecoverableError, "unrecoverable error");
  if (!details.empty()) text += " (" + details + ")";
  return text;
}

}  // namespace

Runner addVirtualPrinterCommand(CLI::App& app) {
  auto options = std::make_shared<VirtualPrinterOptions>();
  CLI::App* cmd = app.add_subcommand(
      "virtual-printer",
      "Run a receipt printer in software: ESC/POS over TCP, each cut ticket written as a PNG");
  cmd->add_option("--listen", options->listen,
                  "host:port to listen on ([::1]:9100 for IPv6, :9100 for every address, port 0 "
                  "for any free one)")
      ->capture_default_str();
  cmd->add_option("--out", options->out, "folder for ticket-0001.png, ticket-0002.png, ...")
      ->required();
  cmd->add_option("--width", options->width,
                  "paper width in dots: 576 for 80 mm paper, 384 for 58 mm, or any other")
      ->check(CLI::Range(8, 65535 * 8))
      ->capture_default_str();
  cmd->add_option(
         "--paper-out-after", options->paperOutAfter,
         "run out of paper after N tickets: the next one is cut off after --tail-rows rows")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--tail-rows", options->tailRows,
                  "rows of paper left on the roll after those N tickets")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_flag("--status-offline", options->offline,
                "report offline to every status request and print nothing");
  cmd->add_flag("--cover-open", options->coverOpen,
                "report the cover open and print nothing (SIGUSR1 closes it)");
  cmd->footer(
      "Signals: SIGUSR1 puts in a new roll of paper and closes the cover (kill -USR1 <pid>);\n"
      "SIGINT or SIGTERM stops. One host is served at a time; others wait to be accepted.\n"
      "Status requests (DLE EOT 1-4) are answered at once, even mid-ticket. A host that goes\n"
      "away mid-ticket leaves its rows on the page until the next ESC @ or cut.");
  return [options] {
    const auto where = splitListen(options->listen);
    if (!where) {
      std::cerr << "mikhakctl virtual-printer: --listen wants host:port, not " << options->listen
                << '\n';
      return 2;
    }
    // The signals are taken with sigwait on this thread. Blocked before the server's thread
    // starts, they stay blocked there too (it inherits the mask), so no handler ever runs in the
    // middle of its work.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    VirtualPrinterServer::Options serverOptions;
    serverOptions.host = where->first;
    serverOptions.port = where->second;
    serverOptions.outDir = options->out;
    serverOptions.printer.widthDots = options->width;
    serverOptions.printer.paperOutAfter = options->paperOutAfter;
    serverOptions.printer.tailRows = options->tailRows;
    serverOptions.printer.offline = options->offline;
    serverOptions.printer.coverOpen = options->coverOpen;
    VirtualPrinterServer::Events events;
    events.ticketWritten = [](const std::filesystem::path& file, const text::MonoBitmap& ticket) {
      std::cout << file.string() << ": " << ticket.width << "x" << ticket.height << std::endl;
    };
    events.statusChanged = [](const printer::PrinterStatus& status) {
      std::cout << "status: " << describe(status) << std::endl;
    };
    events.error = [](const std::string& message) {
      std::cerr << "mikhakctl virtual-printer: " << message << std::endl;
    };
    auto server = VirtualPrinterServer::start(std::move(serverOptions), std::move(events));
    if (!server) {
      std::cerr << "mikhakctl virtual-printer: " << server.error().message << '\n';
      return 1;
    }
    std::cout << "listening on " << options->listen.substr(0, options->listen.rfind(':')) << ':'
              << (*server)->port() << ", " << options->width << " dots wide, tickets to "
              << options->out << "; status: " << describe((*server)->status()) << std::endl;
    for (;;) {
      int signal = 0;
      if (sigwait(&signals, &signal) != 0) continue;
      if (signal != SIGUSR1) break;
      std::cout << "new roll of paper" << std::endl;
      (*server)->refill();
    }
    (*server)->stop();
    std::cout << "stopped; tickets written: " << (*server)->ticketsWritten() << std::endl;
    return 0;
  };
}

}  // namespace mikhak::ctl
