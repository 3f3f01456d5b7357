#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "mikhak/scanner/barcode_reader.hpp"

namespace mikhak::scanner {

// A grey frame that owns its pixels, one byte each, rows packed (stride = width): what a camera
// frame or an image file becomes before it is searched for barcodes.
struct GreyFrame {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;

  GreyImageView view() const { return {pixels.data(), width, height, width}; }
  std::uint8_t at(int x, int y) const {
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                  static_cast<std::size_t>(x)];
  }
};

}  // namespace mikhak::scanner
