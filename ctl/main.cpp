#include <iostream>
#include <map>

#include "commands.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"mikhakctl: tools for Mikhak kiosk technicians and developers"};
  app.require_subcommand(1);
  std::map<CLI::App*, mikhak::ctl::Runner> runners;
  for (auto* add :
       {&mikhak::ctl::addDateCommand, &mikhak::ctl::addDoctorCommand, &mikhak::ctl::addEnrolCommand,
        &mikhak::ctl::addNoticeCommand, &mikhak::ctl::addPinHashCommand,
        &mikhak::ctl::addPrintTestCommand, &mikhak::ctl::addPrinterStatusCommand,
        &mikhak::ctl::addRenderTextCommand, &mikhak::ctl::addRenderTicketCommand,
        &mikhak::ctl::addScanCommand, &mikhak::ctl::addScannerTestCommand,
        &mikhak::ctl::addShapeCommand, &mikhak::ctl::addVirtualPrinterCommand}) {
    const std::size_t before = app.get_subcommands({}).size();
    mikhak::ctl::Runner runner = (*add)(app);
    runners.emplace(app.get_subcommands({}).at(before), std::move(runner));
  }
  CLI11_PARSE(app, argc, argv);
  for (auto& [command, run] : runners) {
    if (command->parsed()) return run();
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "mikhakctl: " << e.what() << '\n';
    return 1;
  }
}
