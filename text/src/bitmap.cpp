#include "mikhak/text/bitmap.hpp"

#include <algorithm>

namespace mikhak::text {

MonoBitmap threshold(const GreyBitmap& grey, std::uint8_t level) {
  MonoBitmap mono(grey.width, grey.height);
  for (int y = 0; y < grey.height; ++y) {
    for (int x = 0; x < grey.width; ++x) {
      if (grey.at(x, y) >= level) mono.set(x, y);
    }
  }
  return mono;
}

MonoBitmap dither(const GreyBitmap& grey) {
  // Floyd-Steinberg error diffusion, error carried in two rows of ints.
  MonoBitmap mono(grey.width, grey.height);
  std::vector<int> current(static_cast<std::size_t>(grey.width) + 2, 0);
  std::vector<int> next(current.size(), 0);
  for (int y = 0; y < grey.height; ++y) {
    std::fill(next.begin(), next.end(), 0);
    for (int x = 0; x < grey.width; ++x) {
      const std::size_t i = static_cast<std::size_t>(x) + 1;
      const int wanted = grey.at(x, y) + current[i] / 16;
      const int printed = wanted >= 128 ? 255 : 0;
      if (printed) mono.set(x, y);
      const int error = wanted - printed;
      current[i + 1] += error * 7;
      next[i - 1] += error * 3;
      next[i] += error * 5;
      next[i + 1] += error;
    }
    current.swap(next);
  }
  return mono;
}

void composite(GreyBitmap& target, const GreyBitmap& source, int x, int y) {
  const int x0 = std::max(0, -x);
  const int y0 = std::max(0, -y);
  const int x1 = std::min(source.width, target.width - x);
  const int y1 = std::min(source.height, target.height - y);
  for (int sy = y0; sy < y1; ++sy) {
    const std::uint8_t* in = &source.pixels[static_cast<std::size_t>(sy) * source.width];
    std::uint8_t* out = &target.pixels[static_cast<std::size_t>(sy + y) * target.width + x];
    for (int sx = x0; sx < x1; ++sx) {
      const unsigned a = out[sx];
      const unsigned b = in[sx];
      out[sx] = static_cast<std::uint8_t>(a + b - (a * b + 127) / 255);
    }
  }
}

}  // namespace mikhak::text
