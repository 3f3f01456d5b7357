#include "display_screen.hpp"

#include <gtest/gtest.h>

#include <SDL2/SDL.h>

#include "golden_image.hpp"
#include "mikhak/text/png.hpp"

namespace mikhak::kiosk {
namespace {

using namespace std::chrono_literals;

std::chrono::sys_seconds at(int y, int m, int d, int hh, int mm) {
  using namespace std::chrono;
  return sys_days{year{y} / m / d} + hours{hh} + minutes{mm};
}

Call call(std::string letter, std::string letterFa, int number, int counter, std::string serviceFa,
          std::string serviceEn, bool recall = false) {
  Call c;
  c.letter = std::move(letter);
  c.letterFa = std::move(letterFa);
  c.number = number;
  c.counter = counter;
  char digits[8];
  std::snprintf(digits, sizeof digits, "%03d", number);
  c.label = c.letter + "-" + digits;
  c.serviceFa = std::move(serviceFa);
  c.serviceEn = std::move(serviceEn);
  c.recall = recall;
  return c;
}

// Newest first, as the server sends them; P-012 is called twice (a recall), listed once.
std::vector<Call> hall() {
  return {call("P", "گ", 17, 3, "گذرنامه", "Passport"),
          call("V", "و", 8, 1, "وکالت‌نامه", "Power of attorney"),
          call("P", "گ", 12, 2, "گذرنامه", "Passport", true),
          call("A", "س", 104, 4, "امور سجلی", "Personal status"),
          call("P", "گ", 12, 2, "گذرنامه", "Passport"),
          call("M", "ز", 3, 5, "ثبت ازدواج", "Marriage registration"),
          call("S", "د", 21, 4, "تأیید گواهی اشتغال به تحصیل", "Student enrolment verification"),
          call("D", "ط", 2, 5, "ثبت طلاق", "Divorce registration")};
}

DisplayScreen londonScreen() {
  return std::move(DisplayScreen::create("سرکنسولگری جمهوری اسلامی ایران در لندن",
                                         "Consulate General of the I.R. of Iran in London",
                                         "Europe/London")
                       .value());
}

TEST(DisplayScreen, WordsTheLatestCallAsTheBrowserDisplayDoes) {
  const DisplayContent c =
      londonScreen().contentAt(hall(), at(2026, 11, 24, 10, 30), Emphasis::None, true);
  ASSERT_TRUE(c.latest);
  EXPECT_EQ(c.latest->labelFa, "گ-۰۱۷");
  EXPECT_EQ(c.latest->labelEn, "P-017");
  EXPECT_EQ(c.latest->counterFa, "به باجه ۳");
  EXPECT_EQ(c.latest->counterEn, "to counter 3");
  EXPECT_EQ(c.clockFa, "۱۰:۳۰");
  EXPECT_EQ(c.clockEn, "10:30");
  EXPECT_EQ(c.dateFa, "سه‌شنبه، ۳ آذر ۱۴۰۵");
  EXPECT_EQ(c.dateEn, "Tuesday, 24 November 2026");
}

TEST(DisplayScreen, ListsEarlierTicketsOnceAndAtMostFive) {
  const DisplayContent c =
      londonScreen().contentAt(hall(), at(2026, 11, 24, 10, 30), Emphasis::None, true);
  std::vector<std::string> labels;
  for (const auto& v : c.previous) labels.push_back(v.labelEn);
  EXPECT_EQ(labels, (std::vector<std::string>{"V-008", "P-012", "A-104", "M-003", "S-021"}));
  EXPECT_EQ(c.previous[0].counterFa, "باجه ۱");
  EXPECT_EQ(c.previous[0].counterEn, "Counter 1");
}

TEST(DisplayScreen, NothingCalledYetShowsNoLatest) {
  const DisplayContent c =
      londonScreen().contentAt({}, at(2026, 11, 24, 10, 30), Emphasis::None, false);
  EXPECT_FALSE(c.latest);
  EXPECT_TRUE(c.previous.empty());
}

TEST(DisplayScreen, ANewCallFlashesThenStaysOutlined) {
  EXPECT_EQ(emphasisAfter(0ms), Emphasis::FlashOn);
  EXPECT_EQ(emphasisAfter(600ms), Emphasis::FlashOff);
  EXPECT_EQ(emphasisAfter(2900ms), Emphasis::FlashOff);
  EXPECT_EQ(emphasisAfter(3000ms), Emphasis::Outline);
  EXPECT_EQ(emphasisAfter(11999ms), Emphasis::Outline);
  EXPECT_EQ(emphasisAfter(12000ms), Emphasis::None);
}

TEST(DisplayScreen, LayoutFitsTheScreenAtBothSizes) {
  for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1280, 720}}) {
    const DisplayLayout l = layoutDisplay(w, h);
    const SDL_Rect screen{0, 0, w, h};
    ASSERT_EQ(l.previousRows.size(), DisplayScreen::kPrevious);
    for (const SDL_Rect& r : std::vector<SDL_Rect>{l.header, l.latest, l.previousTitle,
                                                   l.previousRows.back(), l.streamMark}) {
      SDL_Rect inside{};
      ASSERT_TRUE(SDL_IntersectRect(&r, &screen, &inside));
      EXPECT_TRUE(SDL_RectEquals(&inside, &r)) << w << "x" << h;
    }
    for (const SDL_Rect& row : l.previousRows) {
      EXPECT_FALSE(SDL_HasIntersection(&row, &l.latest));
      EXPECT_FALSE(SDL_HasIntersection(&row, &l.header));
    }
    EXPECT_GT(l.latest.x, l.previousTitle.x);  // right to left: the latest call on the right
  }
}

// The screen drawn offscreen, as grey levels for the golden comparison, and in colour in
// $TMPDIR/mikhak-display-screens for people to look at.
text::GreyBitmap render(const DisplayContent& content, int width, int height,
                        const std::string& name) {
  auto engine = std::move(text::TextEngine::createDefault().value());
  SDL_Surface* target =
      SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
  SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(target);
  EXPECT_NE(renderer, nullptr) << SDL_GetError();
  {
    TextTextures textures(renderer, engine);
    londonScreen().draw(renderer, textures, engine, content, width, height);
    SDL_RenderPresent(renderer);
  }
  const auto* pixels = static_cast<const std::uint8_t*>(target->pixels);
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * height * 4);
  text::GreyBitmap grey(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const std::uint8_t* p = pixels + y * target->pitch + x * 4;
      std::copy(p, p + 4, rgba.begin() + (static_cast<std::ptrdiff_t>(y) * width + x) * 4);
      rgba[(static_cast<std::size_t>(y) * width + x) * 4 + 3] = 0xff;
      const int luminance = (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000;
      grey.at(x, y) = static_cast<std::uint8_t>(255 - luminance);
    }
  }
  const auto colourDir = std::filesystem::temp_directory_path() / "mikhak-display-screens";
  std::filesystem::create_directories(colourDir);
  EXPECT_TRUE(text::writeRgbaPng(colourDir / (name + ".png"), width, height, rgba));
  SDL_DestroyRenderer(renderer);
  SDL_FreeSurface(target);
  return grey;
}

TEST(DisplayScreen, GoldenAt1920x1080) {
  const DisplayContent c =
      londonScreen().contentAt(hall(), at(2026, 11, 24, 10, 30), Emphasis::Outline, true);
  const auto image = render(c, 1920, 1080, "display_1920x1080");
  const auto check =
      mikhak::test::checkGolden(image, std::filesystem::path(MIKHAK_TEST_DATA) / "kiosk" / "golden",
                                "display_1920x1080", 500);
  if (check == mikhak::test::GoldenCheck::Rewritten) GTEST_SKIP() << "golden rewritten";
}

TEST(DisplayScreen, GoldenAt1280x720WithARecallWhileReconnecting) {
  auto calls = hall();
  calls.insert(calls.begin(), call("P", "گ", 12, 2, "گذرنامه", "Passport", true));
  const DisplayContent c =
      londonScreen().contentAt(calls, at(2026, 11, 24, 10, 30), Emphasis::FlashOn, false);
  const auto image = render(c, 1280, 720, "display_1280x720");
  const auto check = mikhak::test::checkGolden(
      image, std::filesystem::path(MIKHAK_TEST_DATA) / "kiosk" / "golden", "display_1280x720", 500);
  if (check == mikhak::test::GoldenCheck::Rewritten) GTEST_SKIP() << "golden rewritten";
}

TEST(DisplayScreen, GoldenAt1280x720BeforeAnyCall) {
  const DisplayContent c =
      londonScreen().contentAt({}, at(2026, 11, 24, 10, 30), Emphasis::None, true);
  const auto image = render(c, 1280, 720, "display_empty_1280x720");
  const auto check =
      mikhak::test::checkGolden(image, std::filesystem::path(MIKHAK_TEST_DATA) / "kiosk" / "golden",
                                "display_empty_1280x720", 500);
  if (check == mikhak::test::GoldenCheck::Rewritten) GTEST_SKIP() << "golden rewritten";
}

}  // namespace
}  // namespace mikhak::kiosk
