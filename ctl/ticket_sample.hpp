#pragma once

#include <filesystem>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/printer/ticket.hpp"
#include "mikhak/printer/ticket_layout.hpp"
#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/text_engine.hpp"

namespace mikhak::ctl {

// assets/translations/ticket.toml from the source tree, else the installed one.
std::filesystem::path defaultTicketWordingFile();

// A ticket from JSON (or the built-in sample when json is empty) laid out for the paper.
Result<printer::RenderedTicket> renderTicketFromJson(text::TextEngine& engine,
                                                     const std::string& json,
                                                     const printer::TicketLayoutOptions& options,
                                                     const std::filesystem::path& wordingFile);

}  // namespace mikhak::ctl
