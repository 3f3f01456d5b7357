#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "mikhak/text/font_set.hpp"
#include "mikhak/text/layout.hpp"

namespace mikhak::ctl {

// The options shape and render-text share: font, size, direction.
struct TextOptions {
  std::string font;  // a font file put before the default fonts
  int size = 32;
  std::string direction = "auto";
  std::string text;

  void addTo(CLI::App& command);
  text::LayoutOptions layoutOptions() const;
  Result<text::FontSet> loadFonts() const;
};

}  // namespace mikhak::ctl
