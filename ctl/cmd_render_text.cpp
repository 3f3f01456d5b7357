#include <iostream>

#include "commands.hpp"
#include "mikhak/text/png.hpp"
#include "mikhak/text/text_engine.hpp"
#include "text_options.hpp"

namespace mikhak::ctl {

Runner addRenderTextCommand(CLI::App& app) {
  struct Options : TextOptions {
    int width = 0;
    int maxLines = 0;
    int margin = 8;
    std::string out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("render-text", "Lay out and draw text to a PNG");
  options->addTo(*cmd);
  cmd->add_option("--width", options->width, "Wrap within this many pixels (0: one line)");
  cmd->add_option("--lines", options->maxLines, "At most this many lines, the last cut with …");
  cmd->add_option("--margin", options->margin, "White border in pixels")->capture_default_str();
  cmd->add_option("--out", options->out, "PNG file to write")->required();
  return [options] {
    auto fonts = options->loadFonts();
    if (!fonts) {
      std::cerr << "mikhakctl render-text: " << fonts.error().message << '\n';
      return 1;
    }
    text::TextEngine engine(std::move(*fonts));
    text::LayoutOptions layout = options->layoutOptions();
    layout.maxWidth = options->width;
    layout.maxLines = options->maxLines;
    const auto block = engine.layout(options->text, text::TextStyle{options->size}, layout);
    const int m = std::max(0, options->margin);
    text::GreyBitmap page(block->widthPixels() + 2 * m, block->heightPixels() + 2 * m);
    engine.draw(*block, page, m, m);
    if (auto written = text::writePng(options->out, page); !written) {
      std::cerr << "mikhakctl render-text: " << written.error().message << '\n';
      return 1;
    }
    std::cout << options->out << ": " << page.width << "x" << page.height << ", "
              << block->lines.size() << " lines" << (block->truncated ? ", cut" : "") << '\n';
    return 0;
  };
}

}  // namespace mikhak::ctl
