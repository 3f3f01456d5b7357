#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "text_options.hpp"

namespace mikhak::ctl {

Runner addShapeCommand(CLI::App& app) {
  auto options = std::make_shared<TextOptions>();
  CLI::App* cmd = app.add_subcommand(
      "shape", "Lay out one line and print its glyphs in visual order as JSON (positions in 26.6)");
  options->addTo(*cmd);
  return [options] {
    auto fonts = options->loadFonts();
    if (!fonts) {
      std::cerr << "mikhakctl shape: " << fonts.error().message << '\n';
      return 1;
    }
    const text::TextBlock block = text::layoutText(
        *fonts, options->text, text::TextStyle{options->size}, options->layoutOptions());
    nlohmann::json glyphs = nlohmann::json::array();
    for (std::size_t line = 0; line < block.lines.size(); ++line) {
      for (const auto& g : block.lines[line].glyphs) {
        nlohmann::json glyph = {{"glyph", g.glyph},        {"cluster", g.cluster},
                                {"x_advance", g.xAdvance}, {"x_offset", g.xOffset},
                                {"y_offset", g.yOffset},   {"font", fonts->face(g.face).name()}};
        if (block.lines.size() > 1) glyph["line"] = line;
        glyphs.push_back(std::move(glyph));
      }
    }
    const bool rtl = !block.lines.empty() && block.lines.front().rightToLeft;
    const nlohmann::json out = {{"direction", rtl ? "rtl" : "ltr"},
                                {"units", "26.6 fixed point: 64 per pixel"},
                                {"size", options->size},
                                {"width", block.width},
                                {"glyphs", std::move(glyphs)}};
    std::cout << out.dump(2) << '\n';
    return 0;
  };
}

}  // namespace mikhak::ctl
