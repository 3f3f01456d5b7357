#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "mikhak/printer/escpos.hpp"
#include "mikhak/text/png.hpp"
#include "ticket_sample.hpp"

namespace mikhak::ctl {

Runner addRenderTicketCommand(CLI::App& app) {
  struct Options {
    std::string json;
    bool sample = false;
    std::string lang = "fa";
    int width = 576;
    std::string png;
    std::string escpos;
    std::string wording;
    bool dither = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "render-ticket", "Lay out a queue ticket without a printer: PNG and/or ESC/POS bytes");
  auto* json = cmd->add_option("--json", options->json, "The ticket, as JSON (see --sample)");
  auto* sample = cmd->add_flag("--sample", options->sample,
                               "The built-in example (a passport ticket, long originals list)");
  json->excludes(sample);
  cmd->add_option("--lang", options->lang, "Ticket language")
      ->check(CLI::IsMember({"fa", "en"}))
      ->capture_default_str();
  cmd->add_option("--width", options->width, "Printable width in dots (576: 80 mm, 384: 58 mm)")
      ->check(CLI::Range(300, 2048))
      ->capture_default_str();
  cmd->add_option("--png", options->png, "Write the 1-bit ticket as PNG");
  cmd->add_option("--escpos", options->escpos, "Write the ESC/POS bytes (init, raster, feed, cut)");
  cmd->add_option("--wording", options->wording,
                  "The ticket's words (default: assets/translations/ticket.toml)");
  cmd->add_flag("--dither", options->dither, "Floyd-Steinberg instead of threshold (to compare)");
  return [options] {
    const auto fail = [](const std::string& message) {
      std::cerr << "mikhakctl render-ticket: " << message << '\n';
      return 1;
    };
    if (options->json.empty() && !options->sample) return fail("give --json FILE or --sample");
    if (options->png.empty() && options->escpos.empty()) return fail("give --png and/or --escpos");
    std::string text;
    if (!options->json.empty()) {
      std::ifstream in(options->json);
      if (!in) return fail("cannot read " + options->json);
      std::stringstream buffer;
      buffer << in.rdbuf();
      text = buffer.str();
    }
    auto engine = text::TextEngine::createDefault();
    if (!engine) return fail(engine.error().message);
    const printer::TicketLayoutOptions layout{
        .widthDots = options->width,
        .language = options->lang == "en" ? text::Language::English : text::Language::Persian,
        .rasterization =
            options->dither ? printer::Rasterization::Dither : printer::Rasterization::Threshold};
    auto ticket =
        renderTicketFromJson(*engine, text, layout,
                             options->wording.empty() ? defaultTicketWordingFile()
                                                      : std::filesystem::path(options->wording));
    if (!ticket) return fail(ticket.error().message);
    if (!options->png.empty()) {
      if (auto written = text::writePng(options->png, ticket->mono); !written) {
        return fail(written.error().message);
      }
      std::cout << options->png << ": " << ticket->mono.width << "x" << ticket->mono.height
                << " dots\n";
    }
    if (!options->escpos.empty()) {
      const auto bytes = printer::encodeRaster(ticket->mono, {});
      std::ofstream out(options->escpos, std::ios::binary);
      out.write(reinterpret_cast<const char*>(bytes.data()),
                static_cast<std::streamsize>(bytes.size()));
      if (!out) return fail("cannot write " + options->escpos);
      std::cout << options->escpos << ": " << bytes.size() << " bytes\n";
    }
    return 0;
  };
}

}  // namespace mikhak::ctl
