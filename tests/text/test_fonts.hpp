#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "mikhak/text/font_set.hpp"

namespace mikhak::text::test {

inline std::filesystem::path dataDir() { return std::filesystem::path(MIKHAK_TEST_DATA) / "text"; }

// The UI font alone (no fallback), so that a reference shaper can use the same face.
inline const FontSet& vazirmatn() {
  static const FontSet fonts = [] {
    auto files = FontSet::defaultFiles(FontWeight::Regular);
    if (files.empty() || files.front().filename() != "Vazirmatn-Regular.ttf") {
      throw std::runtime_error("Vazirmatn is not installed: run 'make setup'");
    }
    return std::move(FontSet::load({files.front()}).value());
  }();
  return fonts;
}

inline const FontSet& uiFonts() {
  static const FontSet fonts = std::move(FontSet::loadDefault().value());
  return fonts;
}

inline std::vector<std::string> sentences() {
  std::ifstream in(dataDir() / "data" / "sentences.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace mikhak::text::test
