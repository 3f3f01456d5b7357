#include "text_options.hpp"

namespace mikhak::ctl {

void TextOptions::addTo(CLI::App& command) {
  command.add_option("--font", font, "Font file, tried before the default fonts");
  command.add_option("--size", size, "Pixel size")
      ->check(CLI::Range(4, 1024))
      ->capture_default_str();
  command.add_option("--dir", direction, "Paragraph direction: rtl, ltr or auto")
      ->check(CLI::IsMember({"rtl", "ltr", "auto"}))
      ->capture_default_str();
  command.add_option("text", text, "UTF-8 text")->required();
}

text::LayoutOptions TextOptions::layoutOptions() const {
  text::LayoutOptions options;
  options.direction = direction == "rtl"   ? text::Direction::RightToLeft
                      : direction == "ltr" ? text::Direction::LeftToRight
                                           : text::Direction::Auto;
  return options;
}

Result<text::FontSet> TextOptions::loadFonts() const {
  auto files = text::FontSet::defaultFiles(text::FontWeight::Regular);
  if (!font.empty()) files.insert(files.begin(), font);
  if (files.empty()) return Error{"no fonts found; run 'make setup'"};
  return text::FontSet::load(files);
}

}  // namespace mikhak::ctl
