#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/printer/printer_worker.hpp"
#include "ticket_sample.hpp"

namespace mikhak::ctl {

Runner addPrintTestCommand(CLI::App& app) {
  struct Options {
    std::string uri;
    std::string json;
    std::string lang = "fa";
    int width = 576;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "print-test", "Print a ticket (the sample, or --json) and report what became of it");
  cmd->add_option("--json", options->json, "A ticket as JSON (render-ticket's form)")
      ->check(CLI::ExistingFile);
  cmd->add_option("uri", options->uri, "usb://..., tcp://..., dev://..., dir://...")->required();
  cmd->add_option("--lang", options->lang, "Ticket language")
      ->check(CLI::IsMember({"fa", "en"}))
      ->capture_default_str();
  cmd->add_option("--width", options->width, "Printable width in dots (576: 80 mm, 384: 58 mm)")
      ->check(CLI::Range(300, 2048))
      ->capture_default_str();
  return [options] {
    const auto fail = [](const std::string& message) {
      std::cerr << "mikhakctl print-test: " << message << '\n';
      return 2;
    };
    auto uri = drivers::parsePrinterUri(options->uri);
    if (!uri) return fail(uri.error().message);
    auto transport = drivers::makeTransport(*uri);
    if (!transport) return fail(transport.error().message);
    auto engine = text::TextEngine::createDefault();
    if (!engine) return fail(engine.error().message);
    std::string json;
    if (!options->json.empty()) {
      std::ifstream in(options->json);
      std::stringstream buffer;
      buffer << in.rdbuf();
      json = buffer.str();
    }
    auto ticket = renderTicketFromJson(
        *engine, json,
        {.widthDots = options->width,
         .language = options->lang == "en" ? text::Language::English : text::Language::Persian},
        defaultTicketWordingFile());
    if (!ticket) return fail(ticket.error().message);
    printer::PrinterWorker worker(std::move(*transport), {});
    if (!worker.submit({1, ticket->mono})) return fail("the print queue is full");
    // Status events come first; the job's outcome ends the wait.
    for (;;) {
      const auto event = worker.waitEvent(std::chrono::seconds(60));
      if (!event) return fail("no outcome within 60 s");
      if (event->kind != printer::PrinterEvent::Kind::Outcome) continue;
      const printer::PrintOutcome& outcome = event->outcome;
      std::cout << uri->text() << ": "
                << (outcome.printed ? "printed" : "NOT printed: " + outcome.problem);
      if (outcome.file) std::cout << " (" << outcome.file->string() << ")";
      std::cout << '\n';
      return outcome.printed ? 0 : 1;
    }
  };
}

}  // namespace mikhak::ctl
