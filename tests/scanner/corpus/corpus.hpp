#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/scanner/barcode.hpp"
#include "mikhak/scanner/grey_frame.hpp"

namespace mikhak::scanner::test {

// The test corpus: camera frames (grey, 1280 x 720 by default) of real appointment notices,
// drawn by ctl::renderNotice for the demo appointments and signed with a fixed key, each class
// with one kind of trouble a kiosk camera meets. Deterministic: fixed seeds, no clock.
enum class FrameClass {
  Clean,        // the notice's QR code square to the camera, sharp, well lit
  Rotated,      // turned in the frame: 15, 45, 90, 180 degrees and others
  Perspective,  // the notice leaning 25-45 degrees away from the lens
  Blurred,      // out of focus: Gaussian, sigma 1-3 pixels
  Noisy,        // sensor noise in dim light, sigma 10-30 levels
  LowContrast,  // 20-50 levels between ink and paper
  Glare,        // a bright reflection over part of the code
  Small,        // held far away: 1.7-2.6 pixels a module
  Jpeg,         // saved as JPEG at quality 20-40 and decoded again
  Inverted,     // light on dark: a phone in dark mode
  Code128,      // the notice's Code 128 (the bare tracking code) rather than its QR code
  Pdf417,       // the payload as PDF417 on a label: a format the notice does not print
  DataMatrix,   // the payload as Data Matrix on a label: likewise
  Nothing,      // blank paper, the notice's text without its codes: nothing may be read
  WrongCode,    // forged payloads and a bad check digit: read exactly, and never valid
};

inline constexpr std::array kFrameClasses{
    FrameClass::Clean,      FrameClass::Rotated,     FrameClass::Perspective, FrameClass::Blurred,
    FrameClass::Noisy,      FrameClass::LowContrast, FrameClass::Glare,       FrameClass::Small,
    FrameClass::Jpeg,       FrameClass::Inverted,    FrameClass::Code128,     FrameClass::Pdf417,
    FrameClass::DataMatrix, FrameClass::Nothing,     FrameClass::WrongCode,
};

std::string_view className(FrameClass frameClass);  // "clean", "low-contrast", ...

enum class Symbology { QrCode, Code128, Pdf417, DataMatrix };

std::string_view symbologyName(Symbology symbology);  // "qr", "code128", "pdf417", "datamatrix"

// The scanner module's format for a symbology.
BarcodeFormat readerFormat(Symbology symbology);
// Every format of the corpus the reader knows.
BarcodeFormat readerFormats();

struct ExpectedCode {
  Symbology symbology = Symbology::QrCode;
  std::string text;
  // What domain::readPayload says of the text with corpusVerifyKey(): Valid for the notices'
  // own codes, Forged or Typo for the wrong ones, NotOurs for nothing of ours.
  domain::PayloadVerdict verdict = domain::PayloadVerdict::Valid;
};

struct CorpusFrame {
  std::string name;  // "<class>-<nn>-<source>", unique: a file name stem
  FrameClass frameClass = FrameClass::Clean;
  GreyFrame image;
  std::optional<ExpectedCode> target;  // the code the frame is of; none for Nothing frames
  // Every text a reader may return for this frame: the target's, and those of the other codes on
  // the same sheet (the notice's Code 128 beside its QR code). Anything else is a wrong read.
  std::vector<std::string> allowed;
};

struct CorpusOptions {
  int framesPerClass = 8;
  int width = 1280;
  int height = 720;
  std::vector<FrameClass> classes{kFrameClasses.begin(), kFrameClasses.end()};
};

// The frames, class by class in the order asked. Errors, as values: no fonts or catalogue to
// draw the notices with, a JPEG that libjpeg refuses.
Result<std::vector<CorpusFrame>> generateCorpus(const CorpusOptions& options = {});

// The public half of the corpus's fixed signing key (a test key: no server holds it).
const domain::VerifyKey& corpusVerifyKey();

// How a reader did on a frame, given every text it returned.
struct Judgement {
  bool read = false;               // the target's text is among them
  std::vector<std::string> wrong;  // texts not allowed for the frame
};
Judgement judge(const CorpusFrame& frame, const std::vector<std::string>& texts);

}  // namespace mikhak::scanner::test
