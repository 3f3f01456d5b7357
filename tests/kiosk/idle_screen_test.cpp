#include "idle_screen.hpp"

#include <gtest/gtest.h>

#include <SDL2/SDL.h>

namespace mikhak::kiosk {
namespace {

std::chrono::sys_seconds at(int y, int m, int d, int hh, int mm) {
  using namespace std::chrono;
  return sys_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

TEST(IdleScreen, DateAndClockInTheConsulatesZone) {
  auto screen = IdleScreen::create({"سرکنسولگری", "Consulate", "Asia/Dubai"});
  ASSERT_TRUE(screen);
  const IdleScreenContent content = screen->contentAt(at(2026, 11, 23, 21, 30));  // 01:30 in Dubai
  EXPECT_EQ(content.dateFa, "۳ آذر ۱۴۰۵");
  EXPECT_EQ(content.dateEn, "24 November 2026");
  EXPECT_EQ(content.clockFa, "۰۱:۳۰");
  EXPECT_EQ(content.clockEn, "01:30");
}

TEST(IdleScreen, UnknownZoneIsRefused) {
  EXPECT_FALSE(IdleScreen::create({"", "", "Nowhere/Special"}));
}

TEST(IdleScreen, DrawsWithTheSoftwareRenderer) {
  auto engine = std::move(text::TextEngine::createDefault().value());
  auto screen = IdleScreen::create({"سرکنسولگری", "Consulate", "Europe/London"});
  ASSERT_TRUE(screen);
  constexpr int kWidth = 640;
  constexpr int kHeight = 400;
  SDL_Surface* target =
      SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(target);
  ASSERT_NE(renderer, nullptr) << SDL_GetError();
  {
    TextTextures textures(renderer, engine);
    screen->draw(renderer, textures, screen->contentAt(at(2026, 11, 24, 10, 30)), kWidth, kHeight);
    SDL_RenderPresent(renderer);
  }
  const auto pixel = [&](int x, int y) {
    return static_cast<const std::uint32_t*>(target->pixels)[y * target->pitch / 4 + x] & 0xFFFFFF;
  };
  EXPECT_EQ(pixel(2, 2), 0x0B6E4Fu);            // the consulate's band
  EXPECT_EQ(pixel(2, kHeight / 2), 0xF7F4EEu);  // the page
  int ink = 0;
  for (int y = kHeight / 4; y < kHeight / 2; ++y) {
    for (int x = 0; x < kWidth; ++x) ink += pixel(x, y) == 0x1B263Bu;
  }
  EXPECT_GT(ink, 500);  // the welcome is drawn
  SDL_DestroyRenderer(renderer);
  SDL_FreeSurface(target);
}

}  // namespace
}  // namespace mikhak::kiosk
