#pragma once

#include <random>

#include "mikhak/text/bitmap.hpp"

namespace mikhak::test {

// A 1-bit image with about `ink` of its dots black, the same for the same seed: a worst case for
// run-length tricks, and a picture whose every dot a round trip must keep.
inline text::MonoBitmap randomBitmap(int width, int height, unsigned seed, double ink) {
  text::MonoBitmap image(width, height);
  std::mt19937 random(seed);
  std::bernoulli_distribution black(ink);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (black(random)) image.set(x, y);
    }
  }
  return image;
}

}  // namespace mikhak::test
