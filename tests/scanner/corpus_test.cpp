// The corpus of notice frames (tests/scanner/corpus) through the kiosk's reader: per class, at
// least the share of frames the reader was measured to read, a little below (kExpectations says
// what it read and why the floor is where it is), and never a text that is not on the frame.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/scanner/barcode_reader.hpp"

namespace mikhak::scanner::test {
namespace {

using domain::PayloadVerdict;

// Small, as the suite also runs under the sanitizers; the benchmark reads more.
constexpr int kFramesPerClass = 10;

// A class's frames, made on first use: CTest runs each test in a process of its own.
const std::vector<CorpusFrame>& framesOf(FrameClass frameClass) {
  static std::map<FrameClass, std::vector<CorpusFrame>> made;
  auto it = made.find(frameClass);
  if (it == made.end()) {
    auto frames = generateCorpus({.framesPerClass = kFramesPerClass, .classes = {frameClass}});
    it = made.emplace(frameClass, std::move(frames).value()).first;
  }
  return it->second;
}

// As the kiosk reads: every format of the corpus the reader has, phones in dark mode included.
ReadOptions kioskOptions() {
  return {.formats = readerFormats(), .tryInverted = true, .tryHarder = true};
}

std::vector<std::string> textsOf(const std::vector<Decoded>& decoded) {
  std::vector<std::string> texts;
  for (const Decoded& d : decoded) texts.push_back(d.text);
  return texts;
}

struct Expectation {
  FrameClass frameClass;
  int minimumRead;  // frames of kFramesPerClass
  const char* why;
};

void PrintTo(const Expectation& e, std::ostream* out) { *out << className(e.frameClass); }

// Measured with ZXing 1.4 (Debian 12) through the scanner adapter; the floor is the measure
// where the issue asks for every frame, else one frame below it, so that a small change in the
// library or the build does not fail the suite while a real loss does.
constexpr Expectation kExpectations[] = {
    {FrameClass::Clean, 10, "measured 10/10; a clean frame must always read"},
    {FrameClass::Rotated, 10, "measured 10/10; any angle must read"},
    {FrameClass::Perspective, 9, "measured 10/10 at 25-45 degrees of lean"},
    {FrameClass::Blurred, 7,
     "measured 8/10: both frames at sigma 2.8 px (4.5-6.5 px a module) are lost"},
    {FrameClass::Noisy, 9, "measured 10/10 at sigma 10-30"},
    // ZXing 1.4's binarizer gives up on these: the adapter reads a narrow-contrast frame again,
    // stretched (it read 0/10 before that).
    {FrameClass::LowContrast, 10, "measured 10/10 at 20-50 levels between ink and paper"},
    {FrameClass::Glare, 9, "measured 10/10"},
    {FrameClass::Small, 9, "measured 10/10 at 1.7-2.6 px a module"},
    {FrameClass::Jpeg, 9, "measured 10/10 at quality 20-40"},
    {FrameClass::Inverted, 10, "measured 10/10; dark mode must always read"},
    {FrameClass::Code128, 9, "measured 10/10 at 1.6-3.2 px a bar module"},
    // Labels from other issuers, small and turned: ZXing 1.4's Data Matrix detector loses most
    // of the turned ones (ZXingReader itself reads about half in the benchmark).
    {FrameClass::Pdf417, 7, "measured 8/10"},
    {FrameClass::DataMatrix, 2, "measured 3/10: lost when turned at about 2 px a module"},
    {FrameClass::Nothing, 0, "nothing to read: only wrong reads count"},
    {FrameClass::WrongCode, 10, "measured 10/10: sharp codes, read exactly, never valid"},
};

class CorpusClass : public ::testing::TestWithParam<Expectation> {};

TEST_P(CorpusClass, ReadsTheMeasuredShareAndNothingWrong) {
  const Expectation& expected = GetParam();
  const std::vector<CorpusFrame>& frames = framesOf(expected.frameClass);
  ASSERT_EQ(frames.size(), static_cast<std::size_t>(kFramesPerClass));
  int read = 0;
  std::string unread;
  for (const CorpusFrame& frame : frames) {
    const std::vector<std::string> texts =
        textsOf(readBarcodes(frame.image.view(), kioskOptions()));
    const Judgement judgement = judge(frame, texts);
    for (const std::string& text : judgement.wrong) {
      ADD_FAILURE() << frame.name << ": read \"" << text << "\", which is not on the frame";
    }
    if (!judgement.read) {
      if (frame.target) unread += " " + frame.name;
      continue;
    }
    ++read;
    // Read exactly, so the kiosk's verdict is the one the code deserves: a forgery or a bad
    // check digit never passes as valid.
    EXPECT_EQ(domain::readPayload(frame.target->text, corpusVerifyKey()).verdict,
              frame.target->verdict)
        << frame.name;
  }
  std::printf("%-13s %d/%d read%s%s\n", std::string(className(expected.frameClass)).c_str(), read,
              kFramesPerClass, unread.empty() ? "" : "; not read:", unread.c_str());
  EXPECT_GE(read, expected.minimumRead) << expected.why << "; not read:" << unread;
}

INSTANTIATE_TEST_SUITE_P(Notices, CorpusClass, ::testing::ValuesIn(kExpectations),
                         [](const ::testing::TestParamInfo<Expectation>& param) {
                           std::string name(className(param.param.frameClass));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(Corpus, EveryClassHasAnExpectation) {
  for (FrameClass c : kFrameClasses) {
    EXPECT_TRUE(std::any_of(std::begin(kExpectations), std::end(kExpectations),
                            [&](const Expectation& e) { return e.frameClass == c; }))
        << className(c);
  }
}

// Its ground truth holds: the notices' codes are valid with the corpus key, the wrong codes are
// forged or typos, frames are camera-sized and named once.
TEST(Corpus, GroundTruthIsConsistent) {
  std::set<std::string> names;
  for (FrameClass c : {FrameClass::Clean, FrameClass::Code128, FrameClass::Pdf417,
                       FrameClass::Nothing, FrameClass::WrongCode}) {
    for (const CorpusFrame& frame : framesOf(c)) {
      EXPECT_TRUE(names.insert(frame.name).second) << "two frames named " << frame.name;
      EXPECT_EQ(frame.image.width, 1280);
      EXPECT_EQ(frame.image.height, 720);
      EXPECT_EQ(frame.image.pixels.size(), 1280u * 720u);
      if (c == FrameClass::Nothing) {
        EXPECT_FALSE(frame.target) << frame.name;
        EXPECT_TRUE(frame.allowed.empty()) << frame.name;
        continue;
      }
      ASSERT_TRUE(frame.target) << frame.name;
      const PayloadVerdict verdict =
          domain::readPayload(frame.target->text, corpusVerifyKey()).verdict;
      EXPECT_EQ(verdict, frame.target->verdict) << frame.name;
      if (c == FrameClass::WrongCode) {
        EXPECT_NE(verdict, PayloadVerdict::Valid) << frame.name;
      } else {
        EXPECT_EQ(verdict, PayloadVerdict::Valid) << frame.name;
      }
    }
  }
  // The wrong codes cover both kinds: payloads that were tampered with, and a bad check digit.
  std::set<PayloadVerdict> kinds;
  for (const CorpusFrame& frame : framesOf(FrameClass::WrongCode))
    kinds.insert(frame.target->verdict);
  EXPECT_EQ(kinds, (std::set<PayloadVerdict>{PayloadVerdict::Forged, PayloadVerdict::Typo}));
}

// The same options make the same pixels, and a frame does not depend on how many frames or
// which other classes were asked for (each has a seed of its own).
TEST(Corpus, IsDeterministic) {
  const auto small =
      generateCorpus({.framesPerClass = 2, .classes = {FrameClass::Jpeg, FrameClass::Glare}})
          .value();
  ASSERT_EQ(small.size(), 4u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(small[static_cast<std::size_t>(i)].name,
              framesOf(FrameClass::Jpeg)[static_cast<std::size_t>(i)].name);
    EXPECT_TRUE(small[static_cast<std::size_t>(i)].image.pixels ==
                framesOf(FrameClass::Jpeg)[static_cast<std::size_t>(i)].image.pixels);
    EXPECT_TRUE(small[static_cast<std::size_t>(2 + i)].image.pixels ==
                framesOf(FrameClass::Glare)[static_cast<std::size_t>(i)].image.pixels);
  }
}

// The inverted class really needs the inverted pass: without it, none of its frames reads.
TEST(Corpus, InvertedFramesNeedTheInvertedPass) {
  for (const CorpusFrame& frame : framesOf(FrameClass::Inverted)) {
    const auto plain =
        readBarcodes(frame.image.view(), {.formats = readerFormats(), .tryInverted = false});
    EXPECT_FALSE(judge(frame, textsOf(plain)).read) << frame.name;
  }
}

}  // namespace
}  // namespace mikhak::scanner::test
