#include "camera.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace mikhak::scanner::test {
namespace {

// A focal length of 1.1 frame widths: a horizontal field of view of about 50 degrees, as a
// kiosk's document camera or a webcam has.
constexpr double kFocalWidths = 1.1;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

// A plane-to-plane projective map, row-major 3 x 3.
struct Homography {
  std::array<double, 9> m{1, 0, 0, 0, 1, 0, 0, 0, 1};

  Homography then(const Homography& next) const {  // next * this
    Homography out;
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c) {
        double sum = 0;
        for (int k = 0; k < 3; ++k) sum += next.m[r * 3 + k] * m[k * 3 + c];
        out.m[r * 3 + c] = sum;
      }
    }
    return out;
  }
  Homography inverse() const {
    const auto& a = m;
    Homography out;
    out.m = {a[4] * a[8] - a[5] * a[7], a[2] * a[7] - a[1] * a[8], a[1] * a[5] - a[2] * a[4],
             a[5] * a[6] - a[3] * a[8], a[0] * a[8] - a[2] * a[6], a[2] * a[3] - a[0] * a[5],
             a[3] * a[7] - a[4] * a[6], a[1] * a[6] - a[0] * a[7], a[0] * a[4] - a[1] * a[3]};
    const double det = a[0] * out.m[0] + a[1] * out.m[3] + a[2] * out.m[6];
    for (double& v : out.m) v /= det;
    return out;
  }
  // False for a point on or behind the lens's plane.
  bool apply(double x, double y, PointF& out) const {
    const double w = m[6] * x + m[7] * y + m[8];
    if (w <= 1e-9) return false;
    out = {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
    return true;
  }
};

Homography translation(double dx, double dy) { return {{1, 0, dx, 0, 1, dy, 0, 0, 1}}; }
Homography scaling(double s) { return {{s, 0, 0, 0, s, 0, 0, 0, 1}}; }
Homography rotation(double degrees) {
  const double c = std::cos(radians(degrees));
  const double s = std::sin(radians(degrees));
  return {{c, -s, 0, s, c, 0, 0, 0, 1}};  // clockwise on screen, where y points down
}
// The plane turned by angle about an axis lying in it (Rodrigues), then seen through a pinhole at
// the focal length: points nearer the lens grow, farther ones shrink.
Homography tilt(double degrees, double axisDegrees, double focal) {
  const double ax = std::cos(radians(axisDegrees));
  const double ay = std::sin(radians(axisDegrees));
  const double c = std::cos(radians(degrees));
  const double s = std::sin(radians(degrees));
  return {{c + (1 - c) * ax * ax, (1 - c) * ax * ay, 0,  //
           (1 - c) * ax * ay, c + (1 - c) * ay * ay, 0,  //
           -s * ay / focal, s * ax / focal, 1}};
}

Homography sheetToFrame(const CameraPose& pose, int width, int height) {
  return translation(-pose.look.x, -pose.look.y)
      .then(scaling(pose.scale))
      .then(tilt(pose.tiltDegrees, pose.tiltAxisDegrees, kFocalWidths * width))
      .then(rotation(pose.rollDegrees))
      .then(translation(width / 2.0 + pose.shift.x, height / 2.0 + pose.shift.y));
}

// Each output pixel the mean of a factor x factor block (fewer at the right and bottom edges).
GreyFrame boxDownscale(const GreyFrame& in, int factor) {
  GreyFrame out{(in.width + factor - 1) / factor, (in.height + factor - 1) / factor, {}};
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  std::vector<int> sums(static_cast<std::size_t>(out.width));
  for (int oy = 0; oy < out.height; ++oy) {
    std::fill(sums.begin(), sums.end(), 0);
    const int rows = std::min(factor, in.height - oy * factor);
    for (int y = oy * factor; y < oy * factor + rows; ++y) {
      const std::uint8_t* row = &in.pixels[static_cast<std::size_t>(y) * in.width];
      for (int ox = 0, x = 0; ox < out.width; ++ox) {
        const int end = std::min(x + factor, in.width);
        int sum = 0;
        for (; x < end; ++x) sum += row[x];
        sums[static_cast<std::size_t>(ox)] += sum;
      }
    }
    for (int ox = 0; ox < out.width; ++ox) {
      const int columns = std::min(factor, in.width - ox * factor);
      const int count = rows * columns;
      out.pixels[static_cast<std::size_t>(oy) * out.width + ox] =
          static_cast<std::uint8_t>((sums[static_cast<std::size_t>(ox)] + count / 2) / count);
    }
  }
  return out;
}

}  // namespace

GreyFrame photograph(const GreyFrame& sheet, const CameraPose& pose, int width, int height) {
  const Homography toSheet = sheetToFrame(pose, width, height).inverse();
  // Seen smaller than 1:1, a frame pixel covers several sheet pixels: sample a copy averaged
  // over blocks of about that size, or the code's edges would alias into noise.
  const int factor = std::max(1, static_cast<int>(std::floor(1.0 / pose.scale)));
  GreyFrame reduced;
  if (factor > 1) reduced = boxDownscale(sheet, factor);
  const GreyFrame& source = factor > 1 ? reduced : sheet;
  const double background = pose.background;
  const auto fetch = [&](int x, int y) -> double {
    if (x < 0 || y < 0 || x >= source.width || y >= source.height) return background;
    return source.pixels[static_cast<std::size_t>(y) * source.width + x];
  };

  GreyFrame frame{width, height,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height)};
  // Frame pixel centre to source position, pixel centres at whole numbers; along a row the
  // homogeneous coordinates grow by constant steps, so a pixel costs one division.
  const Homography toSource = toSheet.then(scaling(1.0 / factor)).then(translation(-0.5, -0.5));
  const auto& h = toSource.m;
  for (int v = 0; v < height; ++v) {
    const double cy = v + 0.5;
    double hx = h[0] * 0.5 + h[1] * cy + h[2];
    double hy = h[3] * 0.5 + h[4] * cy + h[5];
    double hw = h[6] * 0.5 + h[7] * cy + h[8];
    std::uint8_t* out = &frame.pixels[static_cast<std::size_t>(v) * width];
    for (int u = 0; u < width; ++u, hx += h[0], hy += h[3], hw += h[6]) {
      double value = background;
      if (hw > 1e-9) {  // else behind the lens
        // Bilinear between the four source pixels around the point.
        const double sx = hx / hw;
        const double sy = hy / hw;
        const double fx0 = std::floor(sx);
        const double fy0 = std::floor(sy);
        if (fx0 > -2 && fy0 > -2 && fx0 < source.width + 1 && fy0 < source.height + 1) {
          const int x0 = static_cast<int>(fx0);
          const int y0 = static_cast<int>(fy0);
          const double fx = sx - fx0;
          const double fy = sy - fy0;
          double p00, p10, p01, p11;
          if (x0 >= 0 && y0 >= 0 && x0 + 1 < source.width && y0 + 1 < source.height) {
            const std::uint8_t* at =
                &source.pixels[static_cast<std::size_t>(y0) * source.width + x0];
            p00 = at[0];
            p10 = at[1];
            p01 = at[source.width];
            p11 = at[source.width + 1];
          } else {  // at the sheet's edge: what lies beyond is background
            p00 = fetch(x0, y0);
            p10 = fetch(x0 + 1, y0);
            p01 = fetch(x0, y0 + 1);
            p11 = fetch(x0 + 1, y0 + 1);
          }
          value = (p00 * (1 - fx) + p10 * fx) * (1 - fy) + (p01 * (1 - fx) + p11 * fx) * fy;
        }
      }
      out[u] = static_cast<std::uint8_t>(std::clamp(value, 0.0, 255.0) + 0.5);
    }
  }
  return frame;
}

PointF project(const CameraPose& pose, int width, int height, PointF sheetPoint) {
  PointF out{-1e9, -1e9};  // behind the lens: nowhere in the frame
  sheetToFrame(pose, width, height).apply(sheetPoint.x, sheetPoint.y, out);
  return out;
}

}  // namespace mikhak::scanner::test
