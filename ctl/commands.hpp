#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace mikhak::ctl {

// Each subcommand adds itself to the app and returns what runs it; the result is the exit status.
using Runner = std::function<int()>;

Runner addDateCommand(CLI::App& app);
Runner addDoctorCommand(CLI::App& app);
Runner addEnrolCommand(CLI::App& app);
Runner addNoticeCommand(CLI::App& app);
Runner addPinHashCommand(CLI::App& app);
Runner addPrintTestCommand(CLI::App& app);
Runner addPrinterStatusCommand(CLI::App& app);
Runner addRenderTextCommand(CLI::App& app);
Runner addRenderTicketCommand(CLI::App& app);
Runner addScanCommand(CLI::App& app);
Runner addScannerTestCommand(CLI::App& app);
Runner addShapeCommand(CLI::App& app);
Runner addVirtualPrinterCommand(CLI::App& app);

}  // namespace mikhak::ctl
