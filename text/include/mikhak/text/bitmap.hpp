#pragma once

#include <cstdint>
#include <vector>

namespace mikhak::text {

// Ink coverage, one byte a pixel: 0 is bare paper or background, 255 full ink.
struct GreyBitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, width bytes a row

  GreyBitmap() = default;
  GreyBitmap(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h, 0) {}
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
  std::uint8_t& at(int x, int y) { return pixels[static_cast<std::size_t>(y) * width + x]; }
  bool operator==(const GreyBitmap&) const = default;
};

// One bit a pixel, set = ink, rows padded to whole bytes, most significant bit leftmost: the order
// thermal printers take raster data in.
struct MonoBitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;

  MonoBitmap() = default;
  MonoBitmap(int w, int h)
      : width(w), height(h), bits(static_cast<std::size_t>(bytesPerRow(w)) * h, 0) {}
  static int bytesPerRow(int w) { return (w + 7) / 8; }
  bool at(int x, int y) const {
    return (bits[static_cast<std::size_t>(y) * bytesPerRow(width) + x / 8] >> (7 - x % 8)) & 1;
  }
  void set(int x, int y) {
    bits[static_cast<std::size_t>(y) * bytesPerRow(width) + x / 8] |=
        static_cast<std::uint8_t>(0x80 >> (x % 8));
  }
  bool operator==(const MonoBitmap&) const = default;
};

// Ink where coverage reaches the level. Thresholding keeps letters crisp on thermal paper.
MonoBitmap threshold(const GreyBitmap& grey, std::uint8_t level = 128);

// Floyd-Steinberg error diffusion: keeps grey levels as dot density. Smoother curves, fuzzier
// letters; kept to compare with threshold() (pitfalls.md: thermal text prints best thresholded).
MonoBitmap dither(const GreyBitmap& grey);

// Draws coverage onto the target at (x, y), clipped, combining as union: a + b - a*b/255.
void composite(GreyBitmap& target, const GreyBitmap& source, int x, int y);

}  // namespace mikhak::text
