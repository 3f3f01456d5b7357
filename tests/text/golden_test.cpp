// Golden images of blocks a Persian reader has checked. On a mismatch the test writes
// <name>_err.png beside the golden; MIKHAK_UPDATE_GOLDENS=1 rewrites the goldens.
#include <gtest/gtest.h>

#include "golden_image.hpp"
#include "mikhak/text/isolate.hpp"
#include "mikhak/text/text_engine.hpp"
#include "test_fonts.hpp"

namespace mikhak::text {
namespace {

struct Golden {
  const char* name;
  std::string text;
  TextStyle style;
  LayoutOptions options;
};

std::vector<Golden> goldens() {
  return {
      {"mixed_tracking_code",
       "کد رهگیری: " + isolateLeftToRight("4821-0093-17") + " (۳ مدرک)",
       {32},
       {.direction = Direction::RightToLeft}},
      {"mixed_passport", "Passport — گذرنامه", {32}, {.direction = Direction::LeftToRight}},
      {"wrapped_rtl_paragraph",
       test::sentences().at(3),
       {28},
       {.direction = Direction::RightToLeft, .maxWidth = 420}},
      {"digits",
       "شماره ۱۲۳ به باجه ۴\nNumber 123 to counter 4",
       {32, FontWeight::Bold},
       {.direction = Direction::RightToLeft}},
      {"zwnj",
       "می‌خواهم، می‌شود، خانه‌ها، عکس‌دار",
       {40},
       {.direction = Direction::RightToLeft}},
      {"ellipsis",
       test::sentences().at(1),
       {28},
       {.direction = Direction::RightToLeft, .maxWidth = 360, .maxLines = 2}},
  };
}

void PrintTo(const Golden& golden, std::ostream* out) { *out << golden.name; }

class GoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenTest, MatchesTheCheckedImage) {
  const Golden& golden = GetParam();
  static TextEngine engine = std::move(TextEngine::createDefault().value());
  const auto block = engine.layout(golden.text, golden.style, golden.options);
  constexpr int kMargin = 6;
  GreyBitmap image(block->widthPixels() + 2 * kMargin, block->heightPixels() + 2 * kMargin);
  engine.draw(*block, image, kMargin, kMargin);

  if (mikhak::test::checkGolden(image, test::dataDir() / "golden", golden.name, 2000) ==
      mikhak::test::GoldenCheck::Rewritten) {
    GTEST_SKIP() << "rewrote the golden";
  }
}

INSTANTIATE_TEST_SUITE_P(Text, GoldenTest, ::testing::ValuesIn(goldens()),
                         [](const auto& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace mikhak::text
