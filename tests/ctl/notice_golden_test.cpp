// Golden images of demo notices a Persian reader has checked: fixed appointments signed with the
// fixed test key (Ed25519 signatures are deterministic), so the QR code is the same on every run.
// On a mismatch the test writes <name>_err.png beside the golden; MIKHAK_UPDATE_GOLDENS=1
// rewrites the goldens.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "mikhak/text/png.hpp"
#include "notice.hpp"
#include "notice_support.hpp"
#include "sqlite_store.hpp"

namespace mikhak::ctl {
namespace {

struct Golden {
  const char* name;
  std::size_t demoIndex;  // into demoAppointments()
};

void PrintTo(const Golden& golden, std::ostream* out) { *out << golden.name; }

struct Difference {
  int pixels = 0;  // pixels whose coverage differs by more than a quarter
  int worst = 0;
};

Difference compare(const text::GreyBitmap& a, const text::GreyBitmap& b) {
  Difference d;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    const int delta = std::abs(a.pixels[i] - b.pixels[i]);
    d.worst = std::max(d.worst, delta);
    if (delta > 64) ++d.pixels;
  }
  return d;
}

class NoticeGoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(NoticeGoldenTest, MatchesTheCheckedImage) {
  const Golden& golden = GetParam();
  const auto store = server::SqliteStore::open(":memory:");
  ASSERT_TRUE(seedDemoStore(*store, loadDefaultCatalogue().value()));
  const auto code = demoAppointments().at(golden.demoIndex).code;
  auto content = noticeFromStore(*store, code, test::testKey());
  ASSERT_TRUE(content) << content.error().message;
  auto notice = renderNotice(test::engine(), *content);
  ASSERT_TRUE(notice) << notice.error().message;
  const text::GreyBitmap& image = notice->page;

  const auto file = test::dataDir() / "golden" / (std::string(golden.name) + ".png");
  if (std::getenv("MIKHAK_UPDATE_GOLDENS")) {
    ASSERT_TRUE(text::writePng(file, image));
    GTEST_SKIP() << "rewrote " << file;
  }
  auto expected = text::readPngCoverage(file);
  ASSERT_TRUE(expected) << expected.error().message;
  const auto errFile = test::dataDir() / "golden" / (std::string(golden.name) + "_err.png");
  if (expected->width != image.width || expected->height != image.height) {
    (void)text::writePng(errFile, image);
    FAIL() << golden.name << ": size " << image.width << "x" << image.height << ", golden "
           << expected->width << "x" << expected->height << "; wrote " << errFile;
  }
  const Difference d = compare(*expected, image);
  // Antialiasing may move with a FreeType update; a changed glyph or position moves hundreds,
  // a moved line or barcode module thousands.
  if (d.pixels > image.width * image.height / 4000) {
    (void)text::writePng(errFile, image);
    FAIL() << golden.name << ": " << d.pixels << " pixels differ (worst " << d.worst << "); wrote "
           << errFile;
  }
  std::remove(errFile.c_str());
}

// The marriage notice: the longest list (the catalogue's eight and three of its own), so the
// list's type steps down and every part of the page is in use.
INSTANTIATE_TEST_SUITE_P(Ctl, NoticeGoldenTest, ::testing::Values(Golden{"notice_marriage", 2}),
                         [](const auto& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace mikhak::ctl
