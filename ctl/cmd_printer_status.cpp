#include <iostream>

#include "commands.hpp"
#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/printer/printer_status.hpp"
#include "mikhak/printer/printer_worker.hpp"

namespace mikhak::ctl {

namespace {

// One line a technician can read at the kiosk: the state, then every condition that is set.
std::string explain(const printer::PrinterStatus& s) {
  if (!s.online) return "offline (no answer, or the printer says it is offline)";
  std::string line(printer::heartbeatState(s));
  const auto add = [&](bool on, const char* what) {
    if (on) line += std::string(", ") + what;
  };
  add(s.coverOpen, "cover open");
  add(s.paperOut, "paper out");
  add(s.paperNearEnd, "paper near its end");
  add(s.cutterError, "cutter error");
  add(s.unrecoverableError, "unrecoverable error (switch the printer off and on)");
  add(s.recoverableError, "recoverable error");
  add(s.feedButton, "paper being fed by the button");
  return line;
}

}  // namespace

Runner addPrinterStatusCommand(CLI::App& app) {
  auto uri = std::make_shared<std::string>();
  auto timeoutMs = std::make_shared<int>(1000);
  CLI::App* cmd = app.add_subcommand(
      "printer-status", "Ask a receipt printer for its state (DLE EOT 1-4); exit 0 if ready");
  cmd->add_option("uri", *uri, "usb://VID:PID, usb://auto, tcp://HOST[:PORT], dev://PATH")
      ->required();
  cmd->add_option("--timeout-ms", *timeoutMs, "Wait for each answer")->capture_default_str();
  return [uri, timeoutMs] {
    auto parsed = drivers::parsePrinterUri(*uri);
    if (!parsed) {
      std::cerr << "mikhakctl printer-status: " << parsed.error().message << '\n';
      return 2;
    }
    auto transport = drivers::makeTransport(*parsed);
    if (!transport) {
      std::cerr << "mikhakctl printer-status: " << transport.error().message << '\n';
      return 2;
    }
    printer::PrinterWorker worker(std::move(*transport),
                                  {.statusTimeout = std::chrono::milliseconds(*timeoutMs)});
    const auto event = worker.waitEvent(std::chrono::milliseconds(*timeoutMs) * 8);
    if (!event) {
      std::cout << parsed->text() << ": no answer\n";
      return 1;
    }
    std::cout << parsed->text() << ": " << explain(event->status) << '\n';
    return event->status.ready() ? 0 : 1;
  };
}

}  // namespace mikhak::ctl
