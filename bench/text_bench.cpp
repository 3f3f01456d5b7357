// Times the text engine on the kiosk's heaviest common screen, the list of documents to bring,
// against Pango (pangocairo) laying out and drawing the same text in the same font at the same
// size. The Mikhak/Pango ratio is the number to watch: absolute times vary with the machine.

#include <benchmark/benchmark.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/layout.hpp"
#include "mikhak/text/text_engine.hpp"

namespace mikhak::text {
namespace {

constexpr int kPixelSize = 32;
constexpr int kMaxWidth = 1000;

// The originals a consulate asks for, one paragraph a line, as the kiosk shows them: Persian with
// English glosses (so the bidi runs and wrapping), Persian digits, a ZWNJ in most lines, and a
// Latin code kept in order by an isolate.
// Unformatted: clang-format splits these lines unstably (it miscounts the zero-width non-joiner).
// clang-format off
constexpr std::string_view kDocumentList =
    "اصل گذرنامه معتبر — Valid passport (original)\n"
    "شناسنامه عکس‌دار زوجین — both spouses' photo shenasnamehs\n"
    "کارت ملی هوشمند — National smart ID card\n"
    "دو قطعه عکس ۴×۳ رنگی با زمینه سفید — Two 3×4 colour photos, white background\n"
    "گواهی عدم سوء پیشینه — Criminal-record certificate\n"
    "سند ازدواج ترجمه‌شده با مهر دارالترجمه — Translated marriage certificate\n"
    "کارت پایان خدمت یا معافیت — Military service completion or exemption card\n"
    "اجاره‌نامه یا قبض آب و برق — Proof of address (lease or utility bill)\n"
    "فرم درخواست تکمیل‌شده و امضاشده — Completed and signed application form\n"
    "رسید پرداخت هزینه کنسولی: ۴۵ یورو — Consular fee receipt: €45\n"
    "وکالت‌نامه محضری (در صورت لزوم) — Notarised power of attorney, if needed\n"
    "کد رهگیری: \u20664821-0093-17\u2069 (۳ مدرک)";
// clang-format on

TextStyle documentStyle() { return TextStyle{.pixelSize = kPixelSize}; }

LayoutOptions documentOptions() {
  LayoutOptions options;
  options.direction = Direction::RightToLeft;
  options.maxWidth = kMaxWidth;
  return options;
}

// One engine for the whole run: loading fonts is start-up cost, not what a frame costs.
TextEngine& engine() {
  static TextEngine instance = [] {
    auto created = TextEngine::createDefault();
    if (!created) {
      std::fprintf(stderr, "text_bench: %s\n", created.error().message.c_str());
      std::exit(EXIT_FAILURE);
    }
    return std::move(*created);
  }();
  return instance;
}

// Both libraries draw into a surface of this size, so neither gets a cheaper target.
const TextBlock& referenceBlock() {
  static const TextBlock block = layoutText(engine().fonts(FontWeight::Regular), kDocumentList,
                                            documentStyle(), documentOptions());
  return block;
}

void setSizeCounters(benchmark::State& state, int width, int height, int lines) {
  state.counters["width_px"] = width;
  state.counters["height_px"] = height;
  state.counters["lines"] = lines;
}

// Lays out and draws the document list each iteration; cold empties the engine's own caches first
// (laid-out blocks and glyph images) while the font files stay open and HarfBuzz keeps its per-size
// fonts, as after a language switch on a running kiosk. Warm is a redrawn frame: the block comes
// from the layout cache and every glyph from the glyph cache.
void runMikhak(benchmark::State& state, bool cold) {
  TextEngine& e = engine();
  const TextStyle style = documentStyle();
  const LayoutOptions options = documentOptions();
  e.clearCaches();
  e.rasterize(*e.layout(kDocumentList, style, options));
  int width = 0;
  int height = 0;
  int lines = 0;
  for (auto _ : state) {
    if (cold) e.clearCaches();
    const auto block = e.layout(kDocumentList, style, options);
    GreyBitmap bitmap = e.rasterize(*block);
    benchmark::DoNotOptimize(bitmap.pixels.data());
    benchmark::ClobberMemory();
    width = bitmap.width;
    height = bitmap.height;
    lines = static_cast<int>(block->lines.size());
  }
  setSizeCounters(state, width, height, lines);
}

void BM_MikhakCold(benchmark::State& state) { runMikhak(state, true); }
BENCHMARK(BM_MikhakCold)->Unit(benchmark::kMicrosecond);

void BM_MikhakWarm(benchmark::State& state) { runMikhak(state, false); }
BENCHMARK(BM_MikhakWarm)->Unit(benchmark::kMicrosecond);

// Layout alone (bidi, shaping, line breaking), no cache: cold minus this is the cost of drawing.
void BM_MikhakLayoutOnly(benchmark::State& state) {
  const FontSet& fonts = engine().fonts(FontWeight::Regular);
  const TextStyle style = documentStyle();
  const LayoutOptions options = documentOptions();
  int width = 0;
  int height = 0;
  int lines = 0;
  for (auto _ : state) {
    TextBlock block = layoutText(fonts, kDocumentList, style, options);
    benchmark::DoNotOptimize(block.lines.data());
    benchmark::ClobberMemory();
    width = block.widthPixels();
    height = block.heightPixels();
    lines = static_cast<int>(block.lines.size());
  }
  setSizeCounters(state, width, height, lines);
}
BENCHMARK(BM_MikhakLayoutOnly)->Unit(benchmark::kMicrosecond);

// The peer: Pango set up as the kiosk would use it, with options matched to the engine (Vazirmatn
// at 32 px, grey antialiasing, no hinting, unrounded positions, right-to-left, right-aligned, 1000
// px).
class PangoPeer {
 public:
  PangoPeer(int width, int height) : width_(width), height_(height) {
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
    cr_ = cairo_create(surface_);
    context_ = pango_cairo_create_context(cr_);
    pango_context_set_base_dir(context_, PANGO_DIRECTION_RTL);
    pango_context_set_round_glyph_positions(context_, FALSE);
    cairo_font_options_t* fontOptions = cairo_font_options_create();
    cairo_font_options_set_antialias(fontOptions, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fontOptions, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fontOptions, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_, fontOptions);
    cairo_font_options_destroy(fontOptions);
    font_ = pango_font_description_new();
    pango_font_description_set_family(font_, "Vazirmatn");
    pango_font_description_set_absolute_size(font_, kPixelSize * PANGO_SCALE);
  }
  ~PangoPeer() {
    pango_font_description_free(font_);
    g_object_unref(context_);
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  PangoPeer(const PangoPeer&) = delete;
  PangoPeer& operator=(const PangoPeer&) = delete;

  // The caller owns the layout (g_object_unref).
  PangoLayout* newLayout() const {
    PangoLayout* layout = pango_layout_new(context_);
    pango_layout_set_auto_dir(layout, FALSE);
    pango_layout_set_font_description(layout, font_);
    pango_layout_set_width(layout, kMaxWidth * PANGO_SCALE);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
    pango_layout_set_text(layout, kDocumentList.data(), static_cast<int>(kDocumentList.size()));
    return layout;
  }

  // Clears the surface, as the engine's fresh bitmap is clear, then draws the layout.
  void render(PangoLayout* layout) {
    cairo_save(cr_);
    cairo_set_operator(cr_, CAIRO_OPERATOR_CLEAR);
    cairo_paint(cr_);
    cairo_restore(cr_);
    cairo_move_to(cr_, 0, 0);
    pango_cairo_show_layout(cr_, layout);
    cairo_surface_flush(surface_);
  }

  // The families Pango actually drew with, so a missing Vazirmatn (fontconfig silently falling
  // back to another font) cannot pass for a fair comparison.
  std::set<std::string> resolvedFamilies(PangoLayout* layout) const {
    std::set<std::string> families;
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
      const PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
      if (run == nullptr) continue;  // the end of a line
      PangoFontDescription* described = pango_font_describe(run->item->analysis.font);
      families.insert(pango_font_description_get_family(described));
      pango_font_description_free(described);
    } while (pango_layout_iter_next_run(iter));
    pango_layout_iter_free(iter);
    return families;
  }

  cairo_surface_t* surface() const { return surface_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  int width_;
  int height_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  PangoFontDescription* font_ = nullptr;
};

// Prints what Pango resolved once, and stops the run if it is not Vazirmatn.
void checkPangoFont(const PangoPeer& peer) {
  PangoLayout* layout = peer.newLayout();
  const std::set<std::string> families = peer.resolvedFamilies(layout);
  int width = 0;
  int height = 0;
  pango_layout_get_pixel_size(layout, &width, &height);
  std::string list;
  for (const std::string& family : families) list += (list.empty() ? "" : ", ") + family;
  std::fprintf(stderr, "Pango resolved font families: %s; Pango layout %dx%d px, %d lines\n",
               list.c_str(), width, height, pango_layout_get_line_count(layout));
  g_object_unref(layout);
  if (!families.contains("Vazirmatn")) {
    std::fprintf(stderr, "text_bench: Pango did not find Vazirmatn; the comparison is void\n");
    std::exit(EXIT_FAILURE);
  }
}

PangoPeer& pangoPeer() {
  static PangoPeer peer(referenceBlock().widthPixels(), referenceBlock().heightPixels());
  [[maybe_unused]] static const bool checked = (checkPangoFont(peer), true);
  return peer;
}

// New layout per frame, fontmap warm: Pango keeps fonts in its fontmap and cairo keeps glyph images
// in its scaled fonts, neither of which can be emptied from here, so this is warmer than
// BM_MikhakCold (which also drops its glyph images) and costs Pango its itemising and shaping.
void BM_PangoCold(benchmark::State& state) {
  PangoPeer& peer = pangoPeer();
  int lines = 0;
  for (auto _ : state) {
    PangoLayout* layout = peer.newLayout();
    peer.render(layout);
    benchmark::DoNotOptimize(cairo_image_surface_get_data(peer.surface()));
    benchmark::ClobberMemory();
    lines = pango_layout_get_line_count(layout);
    g_object_unref(layout);
  }
  setSizeCounters(state, peer.width(), peer.height(), lines);
}
BENCHMARK(BM_PangoCold)->Unit(benchmark::kMicrosecond);

// A redrawn frame: the layout keeps its lines and glyphs, so only drawing is left.
void BM_PangoWarm(benchmark::State& state) {
  PangoPeer& peer = pangoPeer();
  PangoLayout* layout = peer.newLayout();
  peer.render(layout);
  for (auto _ : state) {
    peer.render(layout);
    benchmark::DoNotOptimize(cairo_image_surface_get_data(peer.surface()));
    benchmark::ClobberMemory();
  }
  setSizeCounters(state, peer.width(), peer.height(), pango_layout_get_line_count(layout));
  g_object_unref(layout);
}
BENCHMARK(BM_PangoWarm)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace mikhak::text

int main(int argc, char** argv) {
  // Vazirmatn ships in the source tree, not in the system's fonts; fontconfig must be told before
  // Pango makes its fontmap, or Pango silently draws with a fallback font.
  const char* fontDir = MIKHAK_SOURCE_ASSETS "/fonts";
  if (!FcConfigAppFontAddDir(nullptr, reinterpret_cast<const FcChar8*>(fontDir))) {
    std::fprintf(stderr, "text_bench: fontconfig cannot add %s\n", fontDir);
    return EXIT_FAILURE;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return EXIT_FAILURE;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return EXIT_SUCCESS;
}
