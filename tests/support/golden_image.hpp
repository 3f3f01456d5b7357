#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/png.hpp"

namespace mikhak::test {

enum class GoldenCheck { Matched, Rewritten, Failed };

// Compares an image with the checked golden `<dir>/<name>.png`. Antialiasing may move a little
// with a FreeType update, so pixels whose coverage differs by up to a quarter are let through,
// and at most one pixel in `tolerance` may differ more; a changed glyph or position moves
// hundreds. On a mismatch it writes `<name>_err.png` beside the golden; with
// MIKHAK_UPDATE_GOLDENS=1 it rewrites the golden instead (the caller then skips).
inline GoldenCheck checkGolden(const text::GreyBitmap& image, const std::filesystem::path& dir,
                               const std::string& name, int tolerance) {
  const auto file = dir / (name + ".png");
  const auto errFile = dir / (name + "_err.png");
  if (std::getenv("MIKHAK_UPDATE_GOLDENS")) {
    EXPECT_TRUE(text::writePng(file, image));
    return GoldenCheck::Rewritten;
  }
  const auto expected = text::readPngCoverage(file);
  if (!expected) {
    ADD_FAILURE() << expected.error().message;
    return GoldenCheck::Failed;
  }
  if (expected->width != image.width || expected->height != image.height) {
    (void)text::writePng(errFile, image);
    ADD_FAILURE() << name << ": size " << image.width << "x" << image.height << ", golden "
                  << expected->width << "x" << expected->height << "; wrote " << errFile;
    return GoldenCheck::Failed;
  }
  int differing = 0;
  int worst = 0;
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    const int delta = std::abs(expected->pixels[i] - image.pixels[i]);
    worst = std::max(worst, delta);
    if (delta > 64) ++differing;
  }
  if (differing > image.width * image.height / tolerance) {
    (void)text::writePng(errFile, image);
    ADD_FAILURE() << name << ": " << differing << " pixels differ (worst " << worst << "); wrote "
                  << errFile;
    return GoldenCheck::Failed;
  }
  std::remove(errFile.c_str());
  return GoldenCheck::Matched;
}

}  // namespace mikhak::test
