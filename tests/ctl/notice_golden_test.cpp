// Golden images of demo notices a Persian reader has checked: fixed appointments signed with the
// fixed test key (Ed25519 signatures are deterministic), so the QR code is the same on every run.
// On a mismatch the test writes <name>_err.png beside the golden; MIKHAK_UPDATE_GOLDENS=1
// rewrites the goldens.
#include <gtest/gtest.h>

#include "golden_image.hpp"
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

  // A moved line or barcode module changes thousands of pixels.
  if (mikhak::test::checkGolden(image, test::dataDir() / "golden", golden.name, 4000) ==
      mikhak::test::GoldenCheck::Rewritten) {
    GTEST_SKIP() << "rewrote the golden";
  }
}

// The marriage notice: the longest list (the catalogue's eight and three of its own), so the
// list's type steps down and every part of the page is in use.
INSTANTIATE_TEST_SUITE_P(Ctl, NoticeGoldenTest, ::testing::Values(Golden{"notice_marriage", 2}),
                         [](const auto& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace mikhak::ctl
