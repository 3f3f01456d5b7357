#include "frame_effects.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mikhak::scanner::test {
namespace {

// Rounded to nearest (lround is a library call: too slow for a million pixels a frame).
std::uint8_t clampByte(double v) {
  return static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0) + 0.5);
}

// Normal deviates, drawn once: a frame's noise then costs a table look-up a pixel, not a log and
// a cosine. 65536 of them, picked by 16 random bits, are plenty for sensor noise.
const std::vector<float>& normalTable() {
  static const std::vector<float> table = [] {
    std::vector<float> t(65536);
    Random random(0x6E6F697365ull);
    for (float& v : t) v = static_cast<float>(random.normal());
    return t;
  }();
  return table;
}

template <typename F>
void mapPixels(GreyFrame& frame, F&& f) {
  for (int y = 0; y < frame.height; ++y) {
    for (int x = 0; x < frame.width; ++x) {
      std::uint8_t& p = frame.pixels[static_cast<std::size_t>(y) * frame.width + x];
      p = clampByte(f(x, y, static_cast<double>(p)));
    }
  }
}

}  // namespace

void gaussianBlur(GreyFrame& frame, double sigma) {
  if (sigma <= 0) return;
  const int radius = static_cast<int>(std::ceil(3 * sigma));
  std::vector<float> kernel(static_cast<std::size_t>(2 * radius + 1));
  float total = 0;
  for (int i = -radius; i <= radius; ++i) {
    total += kernel[static_cast<std::size_t>(i + radius)] =
        static_cast<float>(std::exp(-i * i / (2 * sigma * sigma)));
  }
  for (float& k : kernel) k /= total;

  const int w = frame.width;
  const int h = frame.height;
  // Rows, then columns; beyond the edges the border pixel repeats. Rows are padded once so that
  // the inner loops need no bounds checks.
  std::vector<float> padded(static_cast<std::size_t>(w + 2 * radius));
  std::vector<float> pass(frame.pixels.size());
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = &frame.pixels[static_cast<std::size_t>(y) * w];
    for (int x = -radius; x < w + radius; ++x) {
      padded[static_cast<std::size_t>(x + radius)] = row[std::clamp(x, 0, w - 1)];
    }
    float* out = &pass[static_cast<std::size_t>(y) * w];
    for (int x = 0; x < w; ++x) {
      float sum = 0;
      for (int i = 0; i <= 2 * radius; ++i)
        sum += kernel[static_cast<std::size_t>(i)] * padded[static_cast<std::size_t>(x + i)];
      out[x] = sum;
    }
  }
  std::vector<float> column(static_cast<std::size_t>(w));
  for (int y = 0; y < h; ++y) {
    std::fill(column.begin(), column.end(), 0.0f);
    for (int i = -radius; i <= radius; ++i) {
      const float k = kernel[static_cast<std::size_t>(i + radius)];
      const float* in = &pass[static_cast<std::size_t>(std::clamp(y + i, 0, h - 1)) * w];
      for (int x = 0; x < w; ++x) column[static_cast<std::size_t>(x)] += k * in[x];
    }
    std::uint8_t* out = &frame.pixels[static_cast<std::size_t>(y) * w];
    for (int x = 0; x < w; ++x) out[x] = clampByte(column[static_cast<std::size_t>(x)]);
  }
}

void addNoise(GreyFrame& frame, double sigma, Random& random) {
  const std::vector<float>& normals = normalTable();
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < frame.pixels.size(); ++i) {
    if (i % 4 == 0) bits = random.next();
    const float deviate = normals[bits & 0xFFFF];
    bits >>= 16;
    frame.pixels[i] = clampByte(frame.pixels[i] + sigma * deviate);
  }
}

void setLevels(GreyFrame& frame, int dark, int light) {
  mapPixels(frame, [&](int, int, double v) { return dark + (light - dark) * v / 255.0; });
}

void addShading(GreyFrame& frame, double leftFactor, double rightFactor) {
  const double span = std::max(1, frame.width - 1);
  mapPixels(frame, [&](int x, int, double v) {
    return v * (leftFactor + (rightFactor - leftFactor) * x / span);
  });
}

void addGlare(GreyFrame& frame, PointF centre, double radius, double strength) {
  const double twoSigmaSquared = 2 * radius * radius;
  mapPixels(frame, [&](int x, int y, double v) {
    const double dx = x + 0.5 - centre.x;
    const double dy = y + 0.5 - centre.y;
    return v + strength * std::exp(-(dx * dx + dy * dy) / twoSigmaSquared);
  });
}

void invert(GreyFrame& frame) {
  for (auto& p : frame.pixels) p = static_cast<std::uint8_t>(255 - p);
}

}  // namespace mikhak::scanner::test
