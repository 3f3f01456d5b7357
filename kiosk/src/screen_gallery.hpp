#pragma once

// Every screen with fixed demo data, drawn off screen: for people to look at
// (mikhak-kiosk --gallery DIR, make run on a machine without a display) and for golden tests.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mikhak/base/result.hpp"
#include "screen_layout.hpp"

namespace mikhak::kiosk {

struct GalleryScreen {
  std::string name;  // "idle_fa", "checked_in_printing_en", "refused_other_day_fa", ...
  std::variant<FlowState, StaffView> view;
  bool offline = false;  // shows the staff's offline mark
};

// Each applicant screen in Persian and English (each refusal, each print status) and the staff
// screens, with demo applicants «مریم ر.» (passport) and «علی ک.» (marriage, eight originals).
std::vector<GalleryScreen> galleryScreens();
// The gallery's fixed clock: Sunday 29 November 2026, 10:32 in London.
std::chrono::sys_seconds galleryTime();
// Offline since 10:05 that day.
std::chrono::sys_seconds galleryOfflineSince();

// The screen laid out in the context; its now and offlineSince are the gallery's.
ScreenLayout layoutGalleryScreen(const GalleryScreen& screen, ScreenContext context);

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // row-major, 4 bytes a pixel
};
// Draws the layout with SDL's software renderer onto a surface of its size (no window, no video
// driver needed).
Result<RgbaImage> renderOffscreen(const ScreenLayout& layout, text::TextEngine& engine);

struct GalleryOptions {
  int width = 1280;
  int height = 800;
  double pixelsPerMm = kDefaultPixelsPerMm;
  Theme theme = Theme::Standard;
};
// Writes <folder>/<name>.png for every gallery screen (the folder is made if missing); returns
// the files written.
Result<std::vector<std::filesystem::path>> renderAllScreens(const std::filesystem::path& folder,
                                                            text::TextEngine& engine,
                                                            const KioskWording& wording,
                                                            const ConsulateClock& consulate,
                                                            const GalleryOptions& options = {});

}  // namespace mikhak::kiosk
