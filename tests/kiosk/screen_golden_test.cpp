#include <gtest/gtest.h>

#include <filesystem>

#include "golden_image.hpp"
#include "screen_painter.hpp"
#include "screen_test_support.hpp"

namespace mikhak::kiosk::test {
namespace {

std::filesystem::path goldenDir() {
  return std::filesystem::path(MIKHAK_TEST_DATA) / "kiosk" / "golden";
}

// Ink coverage (255 - luminance), as the golden check compares.
text::GreyBitmap coverage(const RgbaImage& image) {
  text::GreyBitmap grey(image.width, image.height);
  for (std::size_t i = 0; i < grey.pixels.size(); ++i) {
    const auto* p = &image.rgba[i * 4];
    const int luminance = (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000;
    grey.pixels[i] = static_cast<std::uint8_t>(255 - luminance);
  }
  return grey;
}

struct Golden {
  const char* screen;  // a gallery screen
  int width;
  int height;
  Theme theme;
  const char* file;
};

std::vector<Golden> goldens() {
  std::vector<Golden> all;
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const char* screen : {"idle", "idle_offline", "keypad_typo", "help", "checking_spinner",
                               "checked_in_printing", "checked_in_failed", "already_checked_in",
                               "refused_other_day", "refused_check_your_code", "out_of_service"}) {
      for (const char* language : {"_fa", "_en"}) n.push_back(std::string(screen) + language);
    }
    return n;
  }();
  for (const auto& name : names) {
    all.push_back({name.c_str(), 1280, 800, Theme::Standard, name.c_str()});
  }
  static const std::vector<std::string> extra{"idle_fa",
                                              "idle_en",
                                              "checked_in_printing_fa",
                                              "checked_in_printing_en",
                                              "checked_in_printing_fa",
                                              "checked_in_printing_en",
                                              "refused_too_early_fa",
                                              "refused_too_early_en",
                                              "staff_pin",
                                              "staff_panel"};
  static const std::vector<std::string> extraFiles{"idle_fa_1080p",
                                                   "idle_en_1080p",
                                                   "checked_in_printing_fa_1080p",
                                                   "checked_in_printing_en_1080p",
                                                   "checked_in_printing_fa_contrast",
                                                   "checked_in_printing_en_contrast",
                                                   "refused_too_early_fa_contrast",
                                                   "refused_too_early_en_contrast",
                                                   "staff_pin",
                                                   "staff_panel"};
  for (std::size_t i = 0; i < extra.size(); ++i) {
    const bool hd = extraFiles[i].ends_with("1080p");
    const bool contrast = extraFiles[i].ends_with("contrast");
    all.push_back({extra[i].c_str(), hd ? 1920 : 1280, hd ? 1080 : 800,
                   contrast ? Theme::HighContrast : Theme::Standard, extraFiles[i].c_str()});
  }
  return all;
}

class ScreenGolden : public ::testing::TestWithParam<Golden> {};

// Opened and read when made: Persian right to left and joined, digits in the screen's script,
// nothing clipped or overlapping.
TEST_P(ScreenGolden, MatchesTheGolden) {
  const Golden g = GetParam();
  ScreenWorld& world = ScreenWorld::get();
  const double ppmm = g.width == 1920 ? kDefaultPixelsPerMm : pixelsPerMm(g.width, g.height, 10.1);
  const ScreenLayout layout =
      layoutGalleryScreen(galleryScreen(g.screen), world.context(g.width, g.height, ppmm, g.theme));
  const auto image = renderOffscreen(layout, world.engine);
  ASSERT_TRUE(image) << image.error().message;
  const auto check = mikhak::test::checkGolden(coverage(*image), goldenDir(), g.file, 1000);
  if (check == mikhak::test::GoldenCheck::Rewritten) GTEST_SKIP() << "golden rewritten";
}

INSTANTIATE_TEST_SUITE_P(Screens, ScreenGolden, ::testing::ValuesIn(goldens()),
                         [](const auto& param) { return std::string(param.param.file); });

struct SoftwareTarget {
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_RGBA32);
  SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
  ~SoftwareTarget() {
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
  }
};

// A frame that shows what the last one showed lays out and rasterises nothing new: the text
// engine's layouts and the painter's textures are reused.
TEST(ScreenPainter, AnUnchangedFrameShapesAndRasterisesNothing) {
  ScreenWorld& world = ScreenWorld::get();
  SoftwareTarget target;
  ASSERT_NE(target.renderer, nullptr) << SDL_GetError();
  ScreenPainter painter(target.renderer, world.engine);
  const ScreenContext context = world.context(1920, 1080, kDefaultPixelsPerMm);
  const GalleryScreen& screen = galleryScreen("checked_in_printing_fa");
  painter.paint(layoutGalleryScreen(screen, context));
  const std::size_t made = painter.texturesMade();
  const std::size_t misses = world.engine.stats().layoutMisses;
  painter.paint(layoutGalleryScreen(screen, context));
  EXPECT_EQ(painter.texturesMade(), made);
  EXPECT_EQ(world.engine.stats().layoutMisses, misses);
}

// The idle clock changes once a minute: only its text is drawn anew.
TEST(ScreenPainter, TheNextMinuteRedrawsOnlyTheClock) {
  ScreenWorld& world = ScreenWorld::get();
  SoftwareTarget target;
  ScreenPainter painter(target.renderer, world.engine);
  ScreenContext context = world.context(1920, 1080, kDefaultPixelsPerMm);
  FlowState idle;
  context.now = galleryTime();
  painter.paint(layoutScreen(idle, context));
  const std::size_t made = painter.texturesMade();
  context.now = galleryTime() + std::chrono::minutes{1};
  painter.paint(layoutScreen(idle, context));
  EXPECT_EQ(painter.texturesMade(), made + 1);
}

TEST(ScreenPainter, DrawsTheThemesColours) {
  ScreenWorld& world = ScreenWorld::get();
  for (const Theme theme : {Theme::Standard, Theme::HighContrast}) {
    const ScreenLayout layout = layoutGalleryScreen(galleryScreen("checked_in_printing_en"),
                                                    world.context(1280, 800, 5.88, theme));
    const auto image = renderOffscreen(layout, world.engine);
    ASSERT_TRUE(image);
    const Colour page = colourOf(ColourRole::Page, theme);
    const auto* corner = &image->rgba[(790 * 1280 + 640) * 4];  // the bottom margin
    EXPECT_EQ(corner[0], page.r);
    EXPECT_EQ(corner[1], page.g);
    EXPECT_EQ(corner[2], page.b);
  }
}

TEST(ScreenGallery, WritesEveryScreenToTheFolder) {
  ScreenWorld& world = ScreenWorld::get();
  const auto folder = std::filesystem::temp_directory_path() / "mikhak-gallery";
  std::filesystem::remove_all(folder);
  GalleryOptions options;
  options.pixelsPerMm = pixelsPerMm(1280, 800, 10.1);
  const auto written =
      renderAllScreens(folder, world.engine, world.wording, world.consulate, options);
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(written->size(), galleryScreens().size());
  for (const auto& file : *written) {
    EXPECT_GT(std::filesystem::file_size(file), 1000u) << file;
  }
}

}  // namespace
}  // namespace mikhak::kiosk::test
