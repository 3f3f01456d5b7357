#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "consulate_clock.hpp"
#include "kiosk_wording.hpp"
#include "mikhak/text/text_engine.hpp"
#include "screen_gallery.hpp"
#include "screen_layout.hpp"

namespace mikhak::kiosk::test {

// The engine, wording and consulate every screen test lays out with; made once (fonts and ICU
// formatters are slow to load).
struct ScreenWorld {
  text::TextEngine engine = text::TextEngine::createDefault().value();
  KioskWording wording = loadKioskWording(defaultKioskWordingFile()).value();
  ConsulateClock consulate =
      ConsulateClock::create("سرکنسولگری جمهوری اسلامی ایران در لندن",
                             "Consulate General of the Islamic Republic of Iran, London",
                             "Europe/London")
          .value();

  static ScreenWorld& get() {
    static ScreenWorld world;
    return world;
  }

  ScreenContext context(int width, int height, double pixelsPerMm, Theme theme = Theme::Standard) {
    ScreenContext c(engine, wording, consulate);
    c.width = width;
    c.height = height;
    c.pixelsPerMm = pixelsPerMm;
    c.theme = theme;
    c.now = galleryTime();
    return c;
  }
};

struct Panel {
  int width;
  int height;
  double pixelsPerMm;
  const char* name;
};
// A 10.1" 1280x800 panel and a 15.6" 1920x1080 one.
inline const std::vector<Panel>& panels() {
  static const std::vector<Panel> all{{1280, 800, pixelsPerMm(1280, 800, 10.1), "800p"},
                                      {1920, 1080, kDefaultPixelsPerMm, "1080p"}};
  return all;
}

inline std::vector<const TextItem*> texts(const ScreenLayout& layout) {
  std::vector<const TextItem*> out;
  for (const auto& item : layout.items) {
    if (const auto* t = std::get_if<TextItem>(&item)) out.push_back(t);
  }
  return out;
}

inline bool showsText(const ScreenLayout& layout, const std::string& needle) {
  for (const TextItem* t : texts(layout)) {
    if (t->utf8.find(needle) != std::string::npos) return true;
  }
  return false;
}

inline const GalleryScreen& galleryScreen(const std::string& name) {
  static const std::vector<GalleryScreen> screens = galleryScreens();
  for (const auto& s : screens) {
    if (s.name == name) return s;
  }
  throw std::invalid_argument("no gallery screen " + name);
}

}  // namespace mikhak::kiosk::test
