#include "screen_painter.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace mikhak::kiosk {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

SDL_Color sdl(Colour c, std::uint8_t alpha = 255) {
  return {c.r, c.g, c.b, static_cast<std::uint8_t>(c.a * alpha / 255)};
}

// Filled convex shapes and outlines as triangles (SDL_RenderGeometry): SDL has no rounded
// rectangles or circles of its own.
class Shapes {
 public:
  explicit Shapes(SDL_Renderer* renderer) : renderer_(renderer) {}

  // The outline of a rounded rectangle, clockwise, `segments` points a corner.
  static std::vector<SDL_FPoint> rounded(float x, float y, float w, float h, float r) {
    r = std::max(0.0f, std::min({r, w / 2, h / 2}));
    constexpr int segments = 8;
    std::vector<SDL_FPoint> points;
    const struct {
      float cx, cy, start;
    } corners[] = {{x + w - r, y + r, -90},
                   {x + w - r, y + h - r, 0},
                   {x + r, y + h - r, 90},
                   {x + r, y + r, 180}};
    for (const auto& c : corners) {
      for (int i = 0; i <= segments; ++i) {
        const double a = (c.start + 90.0 * i / segments) * std::numbers::pi / 180.0;
        points.push_back({c.cx + r * static_cast<float>(std::cos(a)),
                          c.cy + r * static_cast<float>(std::sin(a))});
      }
    }
    return points;
  }
  static std::vector<SDL_FPoint> circlePoints(float cx, float cy, float r) {
    return rounded(cx - r, cy - r, 2 * r, 2 * r, r);
  }

  void fan(const std::vector<SDL_FPoint>& points, SDL_Color colour) {
    if (points.size() < 3) return;
    std::vector<SDL_Vertex> vertices;
    for (std::size_t i = 1; i + 1 < points.size(); ++i) {
      for (const SDL_FPoint& p : {points[0], points[i], points[i + 1]}) {
        vertices.push_back({p, colour, {0, 0}});
      }
    }
    SDL_RenderGeometry(renderer_, nullptr, vertices.data(), static_cast<int>(vertices.size()),
                       nullptr, 0);
  }
  // The band between two outlines with the same number of points.
  void band(const std::vector<SDL_FPoint>& outer, const std::vector<SDL_FPoint>& inner,
            SDL_Color colour) {
    std::vector<SDL_Vertex> vertices;
    const std::size_t n = std::min(outer.size(), inner.size());
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t j = (i + 1) % n;
      for (const SDL_FPoint& p : {outer[i], outer[j], inner[i], inner[i], outer[j], inner[j]}) {
        vertices.push_back({p, colour, {0, 0}});
      }
    }
    SDL_RenderGeometry(renderer_, nullptr, vertices.data(), static_cast<int>(vertices.size()),
                       nullptr, 0);
  }

  void rect(const Rect& r, SDL_Color colour) {
    SDL_SetRenderDrawColor(renderer_, colour.r, colour.g, colour.b, colour.a);
    const SDL_Rect box{r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(renderer_, &box);
  }
  void roundedRect(const Rect& r, float radius, SDL_Color colour) {
    if (radius <= 0) return rect(r, colour);
    fan(rounded(fx(r.x), fx(r.y), fx(r.w), fx(r.h), radius), colour);
  }
  void roundedOutline(const Rect& r, float radius, float width, SDL_Color colour) {
    band(rounded(fx(r.x), fx(r.y), fx(r.w), fx(r.h), radius),
         rounded(fx(r.x) + width, fx(r.y) + width, fx(r.w) - 2 * width, fx(r.h) - 2 * width,
                 std::max(0.0f, radius - width)),
         colour);
  }
  void circle(float cx, float cy, float r, SDL_Color colour) {
    fan(circlePoints(cx, cy, r), colour);
  }
  void ring(float cx, float cy, float r, float width, SDL_Color colour) {
    band(circlePoints(cx, cy, r), circlePoints(cx, cy, r - width), colour);
  }
  static float fx(int v) { return static_cast<float>(v); }

 private:
  SDL_Renderer* renderer_;
};

// A QR-like pattern: three finder squares and a fixed scatter of modules; a picture, not a code.
void qrPicture(Shapes& shapes, float x, float y, float side, SDL_Color ink, SDL_Color paper) {
  const float m = side / 11;
  const auto square = [&](float cx, float cy, float n, SDL_Color colour) {
    shapes.rect({static_cast<int>(x + cx * m), static_cast<int>(y + cy * m),
                 static_cast<int>(std::ceil(n * m)), static_cast<int>(std::ceil(n * m))},
                colour);
  };
  const auto cell = [&](int cx, int cy, int n) {
    square(static_cast<float>(cx), static_cast<float>(cy), static_cast<float>(n), ink);
  };
  for (const auto& [fx, fy] :
       {std::pair{0.0f, 0.0f}, std::pair{8.0f, 0.0f}, std::pair{0.0f, 8.0f}}) {
    square(fx, fy, 3, ink);
    square(fx + 0.5f, fy + 0.5f, 2, paper);
    square(fx + 1, fy + 1, 1, ink);
  }
  constexpr int kModules[][2] = {
      {4, 0}, {5, 1}, {4, 2},  {6, 3}, {4, 4}, {5, 5},  {7, 4},  {9, 5},   {0, 5}, {2, 4}, {1, 6},
      {6, 6}, {8, 7}, {10, 8}, {5, 8}, {4, 9}, {6, 10}, {8, 10}, {10, 10}, {9, 9}, {3, 6}, {7, 8}};
  for (const auto& [mx, my] : kModules) cell(mx, my, 1);
}

// Hold the notice or the phone under the scanner: the scanner above, its light on the code.
void scanNotice(Shapes& shapes, const PictogramItem& item, Theme theme) {
  const Rect& b = item.box;
  const float s = static_cast<float>(std::min(b.w, b.h));
  const float x0 = static_cast<float>(b.x) + (static_cast<float>(b.w) - s) / 2;
  const float y0 = static_cast<float>(b.y) + (static_cast<float>(b.h) - s) / 2;
  const auto at = [&](float fx, float fy, float fw, float fh) {
    // Mirrored on right-to-left screens, so the phone is on the side read last.
    const float left = item.mirrored ? 1 - fx - fw : fx;
    return Rect{static_cast<int>(x0 + left * s), static_cast<int>(y0 + fy * s),
                static_cast<int>(fw * s), static_cast<int>(fh * s)};
  };
  const SDL_Color ink = sdl(colourOf(ColourRole::Ink, theme));
  const SDL_Color outline = sdl(colourOf(ColourRole::Outline, theme));
  const SDL_Color accent = sdl(colourOf(ColourRole::Accent, theme));
  const SDL_Color paper = sdl(colourOf(ColourRole::Field, theme));
  const float line = std::max(2.0f, s * 0.012f);

  // The scanner: a head across the top with its window.
  const Rect head = at(0.12f, 0.02f, 0.76f, 0.14f);
  shapes.roundedRect(head, s * 0.03f, ink);
  const Rect window = at(0.3f, 0.13f, 0.4f, 0.03f);
  shapes.rect(window, accent);
  // The light: a soft fan from the window down to the codes.
  const float beamTop = static_cast<float>(window.bottom());
  const float beamBottom = y0 + 0.5f * s;
  shapes.fan({{static_cast<float>(window.x), beamTop},
              {static_cast<float>(window.right()), beamTop},
              {x0 + 0.92f * s, beamBottom},
              {x0 + 0.08f * s, beamBottom}},
             sdl(colourOf(ColourRole::Accent, theme), 60));

  // The notice, a sheet with lines of text and its QR code.
  const Rect sheet = at(0.06f, 0.42f, 0.5f, 0.56f);
  shapes.roundedRect(sheet, s * 0.015f, paper);
  shapes.roundedOutline(sheet, s * 0.015f, line, outline);
  const Rect code = at(0.14f, 0.48f, 0.2f, 0.2f);
  qrPicture(shapes, static_cast<float>(code.x), static_cast<float>(code.y),
            static_cast<float>(code.w), ink, paper);
  for (int i = 0; i < 4; ++i) {
    const float y = 0.73f + 0.055f * static_cast<float>(i);
    shapes.rect(at(0.12f, y, i == 3 ? 0.22f : 0.36f, 0.018f),
                sdl(colourOf(ColourRole::MutedInk, theme)));
  }

  // The phone, showing a QR code.
  const Rect phone = at(0.62f, 0.46f, 0.3f, 0.5f);
  shapes.roundedRect(phone, s * 0.04f, ink);
  const Rect screen = at(0.645f, 0.51f, 0.25f, 0.38f);
  shapes.rect(screen, paper);
  const Rect phoneCode = at(0.67f, 0.58f, 0.2f, 0.2f);
  qrPicture(shapes, static_cast<float>(phoneCode.x), static_cast<float>(phoneCode.y),
            static_cast<float>(phoneCode.w), ink, paper);
}

void info(Shapes& shapes, const PictogramItem& item, Theme theme) {
  const Rect& b = item.box;
  const float r = static_cast<float>(std::min(b.w, b.h)) / 2;
  const float cx = static_cast<float>(b.x) + static_cast<float>(b.w) / 2;
  const float cy = static_cast<float>(b.y) + static_cast<float>(b.h) / 2;
  const SDL_Color accent = sdl(colourOf(ColourRole::Accent, theme));
  shapes.ring(cx, cy, r, r * 0.12f, accent);
  shapes.circle(cx, cy - r * 0.45f, r * 0.12f, accent);
  shapes.roundedRect({static_cast<int>(cx - r * 0.1f), static_cast<int>(cy - r * 0.2f),
                      static_cast<int>(r * 0.2f), static_cast<int>(r * 0.75f)},
                     r * 0.05f, accent);
}

void spinner(Shapes& shapes, const SpinnerItem& item, Theme theme) {
  constexpr int kDots = 12;
  const Rect& b = item.box;
  const float r = static_cast<float>(std::min(b.w, b.h)) / 2;
  const float cx = static_cast<float>(b.x) + static_cast<float>(b.w) / 2;
  const float cy = static_cast<float>(b.y) + static_cast<float>(b.h) / 2;
  const Colour colour = colourOf(item.colour, theme);
  const double head = item.phase - std::floor(item.phase);
  for (int i = 0; i < kDots; ++i) {
    const double turn = static_cast<double>(i) / kDots;
    // Brightest at the head, fading behind it.
    const double behind = head - turn - std::floor(head - turn);
    const auto alpha = static_cast<std::uint8_t>(255 - 200 * behind);
    const double angle = 2 * std::numbers::pi * turn;
    shapes.circle(cx + 0.8f * r * static_cast<float>(std::sin(angle)),
                  cy - 0.8f * r * static_cast<float>(std::cos(angle)), r * 0.13f,
                  sdl(colour, alpha));
  }
}

}  // namespace

ScreenPainter::ScreenPainter(SDL_Renderer* renderer, text::TextEngine& engine)
    : renderer_(renderer), textures_(renderer, engine) {}

void ScreenPainter::paint(const ScreenLayout& layout) {
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
  const SDL_Color page = sdl(colourOf(ColourRole::Page, layout.theme));
  SDL_SetRenderDrawColor(renderer_, page.r, page.g, page.b, 255);
  SDL_RenderClear(renderer_);
  Shapes shapes(renderer_);
  for (const DrawItem& item : layout.items) {
    std::visit(Overloaded{
                   [&](const FillItem& f) {
                     const SDL_Color c = sdl(colourOf(f.colour, layout.theme));
                     const auto radius = static_cast<float>(f.radius);
                     if (f.outline > 0) {
                       shapes.roundedOutline(f.rect, radius, static_cast<float>(f.outline), c);
                     } else {
                       shapes.roundedRect(f.rect, radius, c);
                     }
                   },
                   [&](const TextItem& t) {
                     textures_.drawAt(t.utf8, t.style, t.options(),
                                      sdl(colourOf(t.colour, layout.theme)), t.box.x, t.box.y);
                   },
                   [&](const SpinnerItem& s) { spinner(shapes, s, layout.theme); },
                   [&](const PictogramItem& p) {
                     if (p.kind == Pictogram::ScanNotice) {
                       scanNotice(shapes, p, layout.theme);
                     } else {
                       info(shapes, p, layout.theme);
                     }
                   },
                   [&](const DotItem& d) {
                     const float r = static_cast<float>(std::min(d.box.w, d.box.h)) / 2;
                     shapes.circle(static_cast<float>(d.box.x) + r, static_cast<float>(d.box.y) + r,
                                   r, sdl(colourOf(d.colour, layout.theme)));
                   },
               },
               item);
  }
  textures_.endFrame();
}

}  // namespace mikhak::kiosk
