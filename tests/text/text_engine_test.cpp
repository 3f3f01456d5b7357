#include "mikhak/text/text_engine.hpp"

#include <gtest/gtest.h>

#include "mikhak/text/sdl_surface.hpp"
#include "test_fonts.hpp"

namespace mikhak::text {
namespace {

TextEngine makeEngine(std::size_t capacity = 64) {
  return TextEngine(std::move(FontSet::loadDefault().value()), nullptr, capacity);
}

TEST(TextEngine, RepeatedFramesHitTheCaches) {
  TextEngine engine = makeEngine();
  const std::string text = "نوبت شما: P-017 — Your ticket";
  const auto first = engine.layout(text, TextStyle{32});
  const GreyBitmap a = engine.rasterize(*first);
  const TextCacheStats cold = engine.stats();
  EXPECT_EQ(cold.layoutMisses, 1u);
  EXPECT_GT(cold.glyphMisses, 0u);

  const auto second = engine.layout(text, TextStyle{32});
  const GreyBitmap b = engine.rasterize(*second);
  const TextCacheStats warm = engine.stats();
  EXPECT_EQ(second.get(), first.get());
  EXPECT_EQ(warm.layoutHits, 1u);
  EXPECT_EQ(warm.glyphMisses, cold.glyphMisses);  // no glyph drawn again
  EXPECT_GT(warm.glyphHits, cold.glyphHits);
  EXPECT_EQ(a, b);
}

// A kiosk fits text to its boxes, so new pixel sizes keep coming; the glyph images stay within
// their budget however many there have been, and drawing gives the same pixels after a restart.
TEST(TextEngine, GlyphImagesStayWithinTheirBudget) {
  TextEngine engine = makeEngine();
  const std::string text = "شماره نوبت شما پ-۰۱۷ — Your ticket number P-017, counter 3";
  std::size_t most = 0;
  GreyBitmap first;
  for (int size = 12; size <= 200; size += 2) {
    const auto block = engine.layout(text, TextStyle{size});
    const GreyBitmap drawn = engine.rasterize(*block);
    if (size == 12) first = drawn;
    most = std::max(most, engine.stats().glyphBytes);
  }
  EXPECT_GT(engine.stats().glyphMisses, 0u);
  // One draw may overshoot the budget by the glyphs of one block before the next trims.
  EXPECT_LT(most, kGlyphCacheBudgetBytes + (2u << 20));
  EXPECT_EQ(engine.rasterize(*engine.layout(text, TextStyle{12})), first);
}

// A Persian line in a wide block sits at its right edge: the span says where the glyphs are, not
// where the block is.
TEST(TextEngine, TheHorizontalSpanIsWhereTheGlyphsAre) {
  TextEngine engine = makeEngine();
  const auto rtl = engine.layout("گذرنامه", TextStyle{32}, {.maxWidth = 400});
  const PixelSpan span = horizontalSpan(*rtl);
  EXPECT_GT(span.left, 200);
  EXPECT_EQ(span.right, 400);
  const auto natural = engine.layout("گذرنامه", TextStyle{32});
  EXPECT_EQ(horizontalSpan(*natural).left, 0);
  EXPECT_EQ(horizontalSpan(*natural).width(), span.width());
  EXPECT_EQ(horizontalSpan(*engine.layout("", TextStyle{32})).width(), 0);
}

TEST(TextEngine, OptionsArePartOfTheKey) {
  TextEngine engine = makeEngine();
  const auto a = engine.layout("باجه ۴", TextStyle{32});
  const auto b = engine.layout("باجه ۴", TextStyle{32}, {.maxWidth = 40});
  const auto c = engine.layout("باجه ۴", TextStyle{33});
  EXPECT_NE(a.get(), b.get());
  EXPECT_NE(a.get(), c.get());
  EXPECT_EQ(engine.stats().layoutMisses, 3u);
}

TEST(TextEngine, LeastRecentlyUsedLayoutsGoFirst) {
  TextEngine engine = makeEngine(2);
  engine.layout("یک", TextStyle{20});
  engine.layout("دو", TextStyle{20});
  engine.layout("یک", TextStyle{20});  // hit; "دو" is now the oldest
  engine.layout("سه", TextStyle{20});  // evicts "دو"
  engine.layout("یک", TextStyle{20});  // still there
  engine.layout("دو", TextStyle{20});  // laid out again
  EXPECT_EQ(engine.stats().layoutHits, 2u);
  EXPECT_EQ(engine.stats().layoutMisses, 4u);
}

TEST(TextEngine, ClearedCachesGiveTheSamePixels) {
  TextEngine engine = makeEngine();
  const auto block = engine.layout("Passport — گذرنامه", TextStyle{28});
  const GreyBitmap before = engine.rasterize(*block);
  engine.clearCaches();
  EXPECT_EQ(engine.stats().glyphHits, 0u);
  EXPECT_EQ(engine.rasterize(*engine.layout("Passport — گذرنامه", TextStyle{28})), before);
}

TEST(TextEngine, DrawsInkInsideTheBlock) {
  TextEngine engine = makeEngine();
  const auto block = engine.layout("گذرنامه", TextStyle{48});
  const GreyBitmap bitmap = engine.rasterize(*block);
  EXPECT_EQ(bitmap.width, block->widthPixels());
  EXPECT_EQ(bitmap.height, block->heightPixels());
  int ink = 0;
  for (const auto p : bitmap.pixels) ink += p > 128;
  EXPECT_GT(ink, 200);
  const MonoBitmap paper = threshold(bitmap);
  EXPECT_EQ(paper.width, bitmap.width);
}

TEST(TextEngine, BoldIsHeavier) {
  auto engine = std::move(TextEngine::createDefault().value());
  const auto inkOf = [&](FontWeight weight) {
    long sum = 0;
    const GreyBitmap bitmap = engine.rasterize(*engine.layout("باجه ۴", TextStyle{48, weight}));
    for (const auto p : bitmap.pixels) {
      sum += p;
    }
    return sum;
  };
  EXPECT_GT(inkOf(FontWeight::Bold), inkOf(FontWeight::Regular) * 11 / 10);
}

TEST(SdlSurface, ColourAndCoverageAsAlpha) {
  GreyBitmap coverage(3, 1);
  coverage.at(0, 0) = 255;
  coverage.at(1, 0) = 128;
  const SurfacePtr surface = toSurface(coverage, SDL_Color{0x10, 0x20, 0x30, 0xFF});
  ASSERT_TRUE(surface);
  const auto* row = static_cast<const std::uint32_t*>(surface->pixels);
  EXPECT_EQ(row[0], 0xFF102030u);
  EXPECT_EQ(row[1], 0x80102030u);
  EXPECT_EQ(row[2], 0x00102030u);
  const SurfacePtr halfAlpha = toSurface(coverage, SDL_Color{0, 0, 0, 128});
  EXPECT_EQ(static_cast<const std::uint32_t*>(halfAlpha->pixels)[0] >> 24, 128u);
}

}  // namespace
}  // namespace mikhak::text
