#include "idle_screen.hpp"

#include <algorithm>

namespace mikhak::kiosk {
namespace {

constexpr SDL_Color kBackground{0xF7, 0xF4, 0xEE, 0xFF};
constexpr SDL_Color kInk{0x1B, 0x26, 0x3B, 0xFF};
constexpr SDL_Color kAccent{0x0B, 0x6E, 0x4F, 0xFF};
constexpr SDL_Color kMuted{0x4A, 0x55, 0x68, 0xFF};

}  // namespace

IdleScreen::IdleScreen(Consulate consulate, text::DateFormatter persian,
                       text::DateFormatter english)
    : consulate_(std::move(consulate)),
      persian_(std::move(persian)),
      english_(std::move(english)) {}

Result<IdleScreen> IdleScreen::create(const Consulate& consulate) {
  auto persian = text::DateFormatter::create(text::Language::Persian, text::Calendar::Jalali,
                                             consulate.timeZone);
  if (!persian) return persian.error();
  auto english = text::DateFormatter::create(text::Language::English, text::Calendar::Gregorian,
                                             consulate.timeZone);
  if (!english) return english.error();
  return IdleScreen(consulate, std::move(*persian), std::move(*english));
}

IdleScreenContent IdleScreen::contentAt(std::chrono::sys_seconds now) const {
  return {consulate_.nameFa,  consulate_.nameEn,  persian_.date(now),
          english_.date(now), persian_.time(now), english_.time(now)};
}

void IdleScreen::draw(SDL_Renderer* renderer, TextTextures& textures,
                      const IdleScreenContent& content, int width, int height) const {
  SDL_SetRenderDrawColor(renderer, kBackground.r, kBackground.g, kBackground.b, kBackground.a);
  SDL_RenderClear(renderer);
  // Sizes follow the screen's height so that a 1080p panel and a small 800p one both read well.
  const auto px = [&](int designPixels) { return std::max(12, designPixels * height / 1080); };
  const int centre = width / 2;
  const int textWidth = width * 9 / 10;
  using text::Direction;
  const text::LayoutOptions rtl{
      .direction = Direction::RightToLeft, .maxWidth = textWidth, .align = text::Align::Center};
  const text::LayoutOptions ltr{
      .direction = Direction::LeftToRight, .maxWidth = textWidth, .align = text::Align::Center};

  SDL_SetRenderDrawColor(renderer, kAccent.r, kAccent.g, kAccent.b, kAccent.a);
  const SDL_Rect band{0, 0, width, px(150)};
  SDL_RenderFillRect(renderer, &band);
  constexpr SDL_Color kWhite{0xFF, 0xFF, 0xFF, 0xFF};
  textures.drawCentred(content.consulateFa, {px(44), text::FontWeight::Bold}, rtl, kWhite, centre,
                       px(18));
  textures.drawCentred(content.consulateEn, {px(30)}, ltr, kWhite, centre, px(88));

  int y = px(230);
  y += textures.drawCentred("خوش آمدید", {px(96), text::FontWeight::Bold}, rtl, kInk, centre, y)
           .height;
  y += textures.drawCentred("Welcome", {px(56)}, ltr, kMuted, centre, y).height + px(60);
  y += textures
           .drawCentred("کد رهگیری روی اطلاعیه یا گوشی خود را زیر اسکنر بگیرید", {px(52)}, rtl,
                        kInk, centre, y)
           .height;
  textures.drawCentred("Hold the tracking code on your notice or phone under the scanner", {px(36)},
                       ltr, kMuted, centre, y + px(10));

  const int footer = height - px(150);
  textures.drawCentred(content.dateFa + "  ·  " + content.clockFa, {px(44)}, rtl, kInk, centre,
                       footer);
  textures.drawCentred(content.dateEn + "  ·  " + content.clockEn, {px(32)}, ltr, kMuted, centre,
                       footer + px(70));
}

}  // namespace mikhak::kiosk
