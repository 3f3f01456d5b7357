#include "corpus.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <utility>

#include "camera.hpp"
#include "frame_effects.hpp"
#include "jpeg_encoder.hpp"
#include "mikhak/scanner/barcode_writer.hpp"
#include "mikhak/scanner/frame_convert.hpp"
#include "mikhak/text/text_engine.hpp"
#include "notice.hpp"
#include "notice_layout.hpp"
#include "random.hpp"
#include "sqlite_store.hpp"
#include "symbol_writer.hpp"

namespace mikhak::scanner::test {
namespace {

// Fixed Ed25519 keys (test keys: no server holds them). Signatures are deterministic, so the
// notices, and the corpus, are the same on every run. The foreign key signs forgeries.
constexpr const char* kCorpusKeyPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIEs0jmZFEWqdP+z7C1RgA+kTZJM9UDhJPK7A8RiMR6go\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kForeignKeyPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINfcMe1MInQHUqEKlsIXEHkhPG3c9cEkzzahll9nmU+B\n"
    "-----END PRIVATE KEY-----\n";

// Pixels a module on the page, as ctl::renderNotice draws them (checked against the layout's
// boxes when the notices are drawn): the frames' scale is set from them.
constexpr double kNoticeQrModule = 8;
constexpr double kNoticeBarModule = 3;

using domain::PayloadVerdict;

struct Box {
  double left = 0;
  double top = 0;
  double right = 0;
  double bottom = 0;
  PointF centre() const { return {(left + right) / 2, (top + bottom) / 2}; }
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

// A flat thing the camera looks at: a notice page or a label, as luminance (255 paper, 0 ink),
// with the code it is about.
struct Sheet {
  std::string source;  // "passport", "pdf417", ...
  GreyFrame image;
  Box codeBox;  // the target's symbol, without its quiet zone
  ExpectedCode target;
  std::vector<std::string> allowed;
};

GreyFrame luminanceOf(const text::GreyBitmap& coverage) {
  GreyFrame out{coverage.width, coverage.height, coverage.pixels};
  for (auto& p : out.pixels) p = static_cast<std::uint8_t>(255 - p);
  return out;
}

// A barcode alone on a white label, a quiet margin of paper around it. Linear codes have their
// quiet zone left and right only.
Sheet labelOf(std::string source, const BarcodeImage& code, ExpectedCode target,
              bool linear = false) {
  constexpr int kMargin = 60;
  Sheet sheet{
      std::move(source),
      {code.width + 2 * kMargin, code.height + 2 * kMargin,
       std::vector<std::uint8_t>(
           static_cast<std::size_t>(code.width + 2 * kMargin) * (code.height + 2 * kMargin), 255)},
      {},
      std::move(target),
      {}};
  for (int y = 0; y < code.height; ++y) {
    for (int x = 0; x < code.width; ++x) {
      sheet.image.pixels[static_cast<std::size_t>(y + kMargin) * sheet.image.width + x + kMargin] =
          static_cast<std::uint8_t>(255 - code.at(x, y));
    }
  }
  const int qx = code.quietZonePixels;
  const int qy = linear ? 0 : qx;
  sheet.codeBox = {static_cast<double>(kMargin + qx), static_cast<double>(kMargin + qy),
                   static_cast<double>(kMargin + code.width - qx),
                   static_cast<double>(kMargin + code.height - qy)};
  sheet.allowed = {sheet.target.text};
  return sheet;
}

Box boxOf(const ctl::RenderedNotice& notice, const std::string& what) {
  for (const auto& item : notice.items) {
    if (item.what == what) {
      return {static_cast<double>(item.box.left), static_cast<double>(item.box.top),
              static_cast<double>(item.box.right), static_cast<double>(item.box.bottom)};
    }
  }
  return {};
}

struct Notice {
  std::string service;
  std::string payload;
  std::string digits;
  GreyFrame page;
  Box qr;
  Box code128;
};

text::TextEngine& engine() {
  static text::TextEngine instance = std::move(text::TextEngine::createDefault().value());
  return instance;
}

// Everything the frames are made from: three demo notices, two forged ones, and the keys.
struct Material {
  std::vector<Notice> notices;
  std::vector<Notice> forged;  // a payload with a changed time; one signed by another key
};

Result<Notice> drawNotice(const ctl::NoticeContent& content, std::string service) {
  auto rendered = ctl::renderNotice(engine(), content);
  if (!rendered) return rendered.error();
  Notice notice{std::move(service),          content.qrPayload,      content.code.digits(),
                luminanceOf(rendered->page), boxOf(*rendered, "qr"), boxOf(*rendered, "code128")};
  if (notice.qr.width() <= 0 || notice.code128.width() <= 0) {
    return Error{"corpus: the notice layout has no 'qr' or 'code128' item"};
  }
  // The boxes hold the symbols with their quiet zones, drawn at these sizes if the layout has
  // not changed.
  const auto qr = renderQr(notice.payload, {.modulePixels = static_cast<int>(kNoticeQrModule)});
  const auto bars =
      renderCode128(notice.digits, {.modulePixels = static_cast<int>(kNoticeBarModule)});
  if (!qr || !bars || qr->width != notice.qr.width() || bars->width != notice.code128.width()) {
    return Error{
        "corpus: the notice's codes are no longer drawn at kNoticeQrModule and "
        "kNoticeBarModule pixels a module"};
  }
  return notice;
}

Result<Material> drawMaterial() {
  auto catalogue = ctl::loadDefaultCatalogue();
  if (!catalogue) return catalogue.error();
  const auto store = server::SqliteStore::open(":memory:");
  if (auto seeded = ctl::seedDemoStore(*store, *catalogue); !seeded) return seeded.error();
  const domain::SigningKey key = domain::SigningKey::fromPem(kCorpusKeyPem).value();
  const domain::SigningKey foreign = domain::SigningKey::fromPem(kForeignKeyPem).value();

  Material material;
  const auto appointments = ctl::demoAppointments();
  // Three of the demo's services: the long originals list (marriage) is the third.
  for (std::size_t i = 0; i < 3 && i < appointments.size(); ++i) {
    auto content = ctl::noticeFromStore(*store, appointments[i].code, key);
    if (!content) return content.error();
    auto notice = drawNotice(*content, appointments[i].serviceId);
    if (!notice) return notice.error();
    material.notices.push_back(std::move(*notice));
  }
  // Forgeries of the first notice: its time moved an hour earlier in the payload, the signature
  // kept; and a payload made up and signed with a key that is not the consulate's.
  auto content = ctl::noticeFromStore(*store, appointments[0].code, key);
  if (!content) return content.error();
  domain::NoticeClaims claims{content->code, "LON", appointments[0].startsAt};
  const std::string genuine = domain::encodeNoticePayload(claims, key);
  const std::string time = std::to_string(claims.appointmentUtc);
  std::string moved = genuine;
  moved.replace(moved.find(time), time.size(), std::to_string(claims.appointmentUtc - 3600));
  content->qrPayload = moved;
  auto altered = drawNotice(*content, "altered");
  if (!altered) return altered.error();
  material.forged.push_back(std::move(*altered));
  content->qrPayload = domain::encodeNoticePayload(claims, foreign);
  auto foreignSigned = drawNotice(*content, "foreign-key");
  if (!foreignSigned) return foreignSigned.error();
  material.forged.push_back(std::move(*foreignSigned));
  return material;
}

Sheet noticeQrSheet(const Notice& n, PayloadVerdict verdict = PayloadVerdict::Valid) {
  return {n.service, n.page, n.qr, {Symbology::QrCode, n.payload, verdict}, {n.payload, n.digits}};
}

Sheet noticeCode128Sheet(const Notice& n) {
  return {n.service,
          n.page,
          n.code128,
          {Symbology::Code128, n.digits, PayloadVerdict::Valid},
          {n.payload, n.digits}};
}

// A code with its last (check) digit changed: a misprint or a typo, never a valid code.
std::string badCheckDigit(const std::string& digits) {
  std::string bad = digits;
  bad.back() = static_cast<char>('0' + (bad.back() - '0' + 3) % 10);
  return bad;
}

// The camera's view of a sheet: what a frame of each class starts from.
struct Shot {
  CameraPose pose;
  int dark = 40;  // the levels ink and paper come out at
  int light = 215;
  double opticsSigma = 0.5;  // even a focused lens spreads a point a little
  double noiseSigma = 0;
};

// A pose looking at the code at the given scale, turned and leaning as asked, the
// code moved about the frame at random but wholly inside it.
CameraPose aimAt(const Sheet& sheet, double scale, double roll, double tiltDegrees, double tiltAxis,
                 Random& random, int width, int height) {
  CameraPose pose{sheet.codeBox.centre(), scale, roll, tiltDegrees, tiltAxis, {}, 70};
  const double reach = 0.5 * scale * std::hypot(sheet.codeBox.width(), sheet.codeBox.height());
  const double spareX = std::max(0.0, width / 2.0 - reach - 24);
  const double spareY = std::max(0.0, height / 2.0 - reach - 24);
  pose.shift = {random.uniform(-spareX, spareX), random.uniform(-spareY, spareY)};
  return pose;
}

// Whether the whole symbol is in the frame, with a few pixels to spare.
bool inView(const Sheet& sheet, const CameraPose& pose, int width, int height) {
  const Box& b = sheet.codeBox;
  for (PointF corner : {PointF{b.left, b.top}, PointF{b.right, b.top}, PointF{b.right, b.bottom},
                        PointF{b.left, b.bottom}}) {
    const PointF p = project(pose, width, height, corner);
    if (p.x < 4 || p.y < 4 || p.x > width - 4 || p.y > height - 4) return false;
  }
  return true;
}

GreyFrame develop(const GreyFrame& sheet, const Shot& shot, Random& random, int width, int height) {
  GreyFrame frame = photograph(sheet, shot.pose, width, height);
  setLevels(frame, shot.dark, shot.light);
  gaussianBlur(frame, shot.opticsSigma);
  if (shot.noiseSigma > 0) addNoise(frame, shot.noiseSigma, random);
  return frame;
}

class Generator {
 public:
  Generator(const Material& material, const CorpusOptions& options)
      : m_(material), width_(options.width), height_(options.height) {}

  Result<CorpusFrame> frame(FrameClass frameClass, int index) {
    // A seed per class and frame: a class's frames do not change when another class does.
    Random random(0x4D494B48414Bull ^ (static_cast<std::uint64_t>(frameClass) << 32) ^
                  static_cast<std::uint64_t>(index) * 0x9E3779B97F4A7C15ull);
    const Notice& notice = m_.notices[static_cast<std::size_t>(index) % m_.notices.size()];
    Sheet sheet =
        frameClass == FrameClass::Code128 ? noticeCode128Sheet(notice) : noticeQrSheet(notice);
    Shot shot;
    shot.noiseSigma = 2;
    switch (frameClass) {
      case FrameClass::Clean:
        shot.noiseSigma = 0;
        return simple(frameClass, index, sheet, shot, random, random.uniform(3.5, 7));
      case FrameClass::Rotated: {
        static constexpr double kAngles[] = {15, 45, 90, 180, 30, 135, 270, 330, 60, 225};
        const double roll = kAngles[index % std::size(kAngles)];
        sheet.source += "-" + number("%.0fdeg", roll);
        shot.pose = aimAt(sheet, random.uniform(4, 6) / kNoticeQrModule, roll, 0, 0, random, width_,
                          height_);
        return finish(frameClass, index, sheet, shot, random);
      }
      case FrameClass::Perspective: {
        const double roll = random.uniform(-15, 15);
        const double lean = random.uniform(25, 45);
        sheet.source += "-" + number("tilt%.0f", lean);
        shot.pose = aimAt(sheet, random.uniform(4.5, 6.5) / kNoticeQrModule, roll, lean,
                          random.uniform(0, 180), random, width_, height_);
        return finish(frameClass, index, sheet, shot, random);
      }
      case FrameClass::Blurred:
        shot.opticsSigma = random.uniform(1.0, 3.0);
        shot.noiseSigma = 1.5;
        sheet.source += "-" + number("sigma%.1f", shot.opticsSigma);
        return simple(frameClass, index, sheet, shot, random, random.uniform(4.5, 6.5));
      case FrameClass::Noisy:
        shot.noiseSigma = random.uniform(10, 30);
        sheet.source += "-" + number("sigma%.0f", shot.noiseSigma);
        return simple(frameClass, index, sheet, shot, random, random.uniform(4, 6));
      case FrameClass::LowContrast: {
        const int span = random.uniformInt(20, 50);
        const int middle = random.uniformInt(90, 170);
        shot.dark = middle - span / 2;
        shot.light = shot.dark + span;
        shot.noiseSigma = 1.5;
        sheet.source += "-" + number("range%.0f", span);
        return simple(frameClass, index, sheet, shot, random, random.uniform(4, 6));
      }
      case FrameClass::Glare:
        return glare(index, sheet, random);
      case FrameClass::Small: {
        const double module = random.uniform(1.7, 2.6);
        sheet.source += "-" + number("module%.1f", module);
        return simple(frameClass, index, sheet, shot, random, module);
      }
      case FrameClass::Jpeg:
        return jpeg(index, sheet, random);
      case FrameClass::Inverted:
        return inverted(index, sheet, random);
      case FrameClass::Code128: {
        shot.opticsSigma = 0.6;
        const double roll = random.uniform(-8, 8) + (index % 4 == 3 ? 180 : 0);
        shot.pose = aimAt(sheet, random.uniform(1.6, 3.2) / kNoticeBarModule, roll, 0, 0, random,
                          width_, height_);
        return finish(frameClass, index, sheet, shot, random);
      }
      case FrameClass::Pdf417:
      case FrameClass::DataMatrix:
        return otherSymbology(frameClass, index, notice, random);
      case FrameClass::Nothing:
        return nothing(index, notice, random);
      case FrameClass::WrongCode:
        return wrong(index, random);
    }
    return Error{"corpus: unknown frame class"};
  }

 private:
  // Square to the camera, the notice's QR code at the given pixels a module somewhere in the
  // frame.
  Result<CorpusFrame> simple(FrameClass frameClass, int index, const Sheet& sheet, Shot shot,
                             Random& random, double modulePixels) {
    shot.pose = aimAt(sheet, modulePixels / kNoticeQrModule, 0, 0, 0, random, width_, height_);
    return finish(frameClass, index, sheet, shot, random);
  }

  Result<CorpusFrame> finish(FrameClass frameClass, int index, const Sheet& sheet, Shot shot,
                             Random& random) {
    keepInView(sheet, shot.pose);
    return CorpusFrame{nameOf(frameClass, index, sheet.source), frameClass,
                       develop(sheet.image, shot, random, width_, height_), sheet.target,
                       sheet.allowed};
  }

  // Leaning sheets can swing a corner out of the frame: centre the code, then move closer in.
  void keepInView(const Sheet& sheet, CameraPose& pose) const {
    if (inView(sheet, pose, width_, height_)) return;
    pose.shift = {};
    while (!inView(sheet, pose, width_, height_) && pose.scale > 0.05) pose.scale *= 0.9;
  }

  Result<CorpusFrame> glare(int index, const Sheet& sheet, Random& random) {
    Shot shot;
    shot.noiseSigma = 2;
    shot.pose = aimAt(sheet, random.uniform(4.5, 6.5) / kNoticeQrModule, random.uniform(-5, 5), 0,
                      0, random, width_, height_);
    keepInView(sheet, shot.pose);
    GreyFrame frame = photograph(sheet.image, shot.pose, width_, height_);
    setLevels(frame, shot.dark, shot.light);
    // The reflection lands on the code: somewhere over its middle two thirds.
    const PointF centre = project(shot.pose, width_, height_, sheet.codeBox.centre());
    const double side = sheet.codeBox.width() * shot.pose.scale;
    const PointF spot{centre.x + random.uniform(-side / 3, side / 3),
                      centre.y + random.uniform(-side / 3, side / 3)};
    addShading(frame, random.uniform(0.85, 1.0), random.uniform(0.95, 1.1));
    addGlare(frame, spot, side * random.uniform(0.08, 0.16), random.uniform(150, 255));
    gaussianBlur(frame, shot.opticsSigma);
    addNoise(frame, shot.noiseSigma, random);
    return CorpusFrame{nameOf(FrameClass::Glare, index, sheet.source), FrameClass::Glare,
                       std::move(frame), sheet.target, sheet.allowed};
  }

  Result<CorpusFrame> jpeg(int index, const Sheet& sheet, Random& random) {
    Shot shot;
    shot.noiseSigma = 3;  // sensor noise first: it is what costs a JPEG its detail
    shot.opticsSigma = 0.6;
    shot.pose = aimAt(sheet, random.uniform(3.5, 6) / kNoticeQrModule, random.uniform(-5, 5), 0, 0,
                      random, width_, height_);
    keepInView(sheet, shot.pose);
    const GreyFrame raw = develop(sheet.image, shot, random, width_, height_);
    const int quality = random.uniformInt(20, 40);
    auto bytes = encodeJpeg(raw, quality);
    if (!bytes) return bytes.error();
    auto frame = greyFromJpeg(*bytes);  // the scanner module's own decoder, as for a .jpg file
    if (!frame) return frame.error();
    return CorpusFrame{
        nameOf(FrameClass::Jpeg, index, sheet.source + "-q" + std::to_string(quality)),
        FrameClass::Jpeg, std::move(*frame), sheet.target, sheet.allowed};
  }

  // The notice on a phone in dark mode: its page shown light on dark, lit from within.
  Result<CorpusFrame> inverted(int index, Sheet sheet, Random& random) {
    invert(sheet.image);
    Shot shot;
    shot.noiseSigma = 3;
    shot.opticsSigma = 0.7;
    shot.dark = random.uniformInt(25, 45);
    shot.light = random.uniformInt(180, 220);
    shot.pose = aimAt(sheet, random.uniform(3.5, 6) / kNoticeQrModule, random.uniform(-10, 10), 0,
                      0, random, width_, height_);
    shot.pose.background = 20;  // the phone's black edge, a dark hand
    return finish(FrameClass::Inverted, index, sheet, shot, random);
  }

  Result<CorpusFrame> otherSymbology(FrameClass frameClass, int index, const Notice& notice,
                                     Random& random) {
    const bool pdf = frameClass == FrameClass::Pdf417;
    constexpr int kSheetModule = 4;
    auto code = pdf ? renderPdf417(notice.payload, kSheetModule)
                    : renderDataMatrix(notice.payload, kSheetModule);
    if (!code) return code.error();
    const Sheet sheet = labelOf(
        std::string(pdf ? "pdf417-" : "datamatrix-") + notice.service, *code,
        {pdf ? Symbology::Pdf417 : Symbology::DataMatrix, notice.payload, PayloadVerdict::Valid});
    Shot shot;
    shot.noiseSigma = 2;
    shot.opticsSigma = 0.6;
    const double module = pdf ? random.uniform(2, 3.5) : random.uniform(3.5, 6);
    const double roll = pdf ? random.uniform(-8, 8) : random.uniform(-30, 30);
    shot.pose = aimAt(sheet, module / kSheetModule, roll, 0, 0, random, width_, height_);
    return finish(frameClass, index, sheet, shot, random);
  }

  // Blank paper under uneven light; the notice's text seen from near or far, its codes out of
  // the frame.
  Result<CorpusFrame> nothing(int index, const Notice& notice, Random& random) {
    CorpusFrame out{"", FrameClass::Nothing, {}, std::nullopt, {}};
    Shot shot;
    shot.noiseSigma = random.uniform(2, 6);
    if (index % 3 == 0) {
      out.name = nameOf(FrameClass::Nothing, index, "blank");
      const GreyFrame paper{64, 64, std::vector<std::uint8_t>(64 * 64, 255)};
      shot.pose = {{32, 32}, 40, 0, 0, 0, {random.uniform(-200, 200), 0}, 70};
      GreyFrame frame = photograph(paper, shot.pose, width_, height_);
      setLevels(frame, shot.dark, shot.light);
      addShading(frame, random.uniform(0.7, 1.0), random.uniform(0.9, 1.1));
      addNoise(frame, shot.noiseSigma, random);
      out.image = std::move(frame);
      return out;
    }
    out.name = nameOf(FrameClass::Nothing, index, "text-" + notice.service);
    // Far (the whole width of the page) or near (a few lines of the originals list), always
    // below the codes: the frame's top edge stays under the Code 128 and the QR code.
    const double scale = index % 3 == 1 ? random.uniform(0.45, 0.7) : random.uniform(0.9, 1.4);
    const double codesBottom = std::max(notice.qr.bottom, notice.code128.bottom) + 60;
    const double top = codesBottom + height_ / 2.0 / scale;
    const double bottom = notice.page.height - 150.0;
    shot.pose = {{random.uniform(500, notice.page.width - 500.0),
                  random.uniform(top, std::max(top, bottom))},
                 scale,
                 random.uniform(-5, 5),
                 0,
                 0,
                 {},
                 70};
    out.image = develop(notice.page, shot, random, width_, height_);
    return out;
  }

  // Codes that read, but must never pass: the forged notices (Forged), and the tracking code
  // with a wrong check digit, as a Code 128 and as a QR code (Typo).
  Result<CorpusFrame> wrong(int index, Random& random) {
    const Notice& first = m_.notices.front();
    Sheet sheet;
    switch (index % 4) {
      case 0:
      case 1:
        sheet =
            noticeQrSheet(m_.forged[static_cast<std::size_t>(index % 4)], PayloadVerdict::Forged);
        break;
      case 2: {
        auto bars =
            renderCode128(badCheckDigit(first.digits), {.modulePixels = 3, .heightPixels = 140});
        if (!bars) return bars.error();
        sheet =
            labelOf("bad-check-digit-code128", *bars,
                    {Symbology::Code128, badCheckDigit(first.digits), PayloadVerdict::Typo}, true);
        break;
      }
      default: {
        auto qr = renderQr(badCheckDigit(first.digits), {.modulePixels = 8});
        if (!qr) return qr.error();
        sheet = labelOf("bad-check-digit-qr", *qr,
                        {Symbology::QrCode, badCheckDigit(first.digits), PayloadVerdict::Typo});
        break;
      }
    }
    const bool bars = sheet.target.symbology == Symbology::Code128;
    const double module =
        bars ? random.uniform(2, 3) / kNoticeBarModule : random.uniform(4, 6) / kNoticeQrModule;
    Shot shot;
    shot.noiseSigma = 2;
    shot.pose = aimAt(sheet, module, random.uniform(-5, 5), 0, 0, random, width_, height_);
    return finish(FrameClass::WrongCode, index, sheet, shot, random);
  }

  static std::string number(const char* format, double value) {
    char text[32];
    std::snprintf(text, sizeof text, format, value);
    return text;
  }

  static std::string nameOf(FrameClass frameClass, int index, const std::string& source) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%02d", index);
    return std::string(className(frameClass)) + "-" + digits + "-" + source;
  }

  const Material& m_;
  int width_;
  int height_;
};

}  // namespace

std::string_view className(FrameClass frameClass) {
  switch (frameClass) {
    case FrameClass::Clean:
      return "clean";
    case FrameClass::Rotated:
      return "rotated";
    case FrameClass::Perspective:
      return "perspective";
    case FrameClass::Blurred:
      return "blurred";
    case FrameClass::Noisy:
      return "noisy";
    case FrameClass::LowContrast:
      return "low-contrast";
    case FrameClass::Glare:
      return "glare";
    case FrameClass::Small:
      return "small";
    case FrameClass::Jpeg:
      return "jpeg";
    case FrameClass::Inverted:
      return "inverted";
    case FrameClass::Code128:
      return "code128";
    case FrameClass::Pdf417:
      return "pdf417";
    case FrameClass::DataMatrix:
      return "datamatrix";
    case FrameClass::Nothing:
      return "nothing";
    case FrameClass::WrongCode:
      return "wrong-code";
  }
  return "unknown";
}

std::string_view symbologyName(Symbology symbology) {
  switch (symbology) {
    case Symbology::QrCode:
      return "qr";
    case Symbology::Code128:
      return "code128";
    case Symbology::Pdf417:
      return "pdf417";
    case Symbology::DataMatrix:
      return "datamatrix";
  }
  return "unknown";
}

BarcodeFormat readerFormat(Symbology symbology) {
  switch (symbology) {
    case Symbology::QrCode:
      return BarcodeFormat::QrCode;
    case Symbology::Code128:
      return BarcodeFormat::Code128;
    case Symbology::Pdf417:
      return BarcodeFormat::Pdf417;
    case Symbology::DataMatrix:
      return BarcodeFormat::DataMatrix;
  }
  return BarcodeFormat::None;
}

BarcodeFormat readerFormats() { return scanner::kAllFormats; }

Result<std::vector<CorpusFrame>> generateCorpus(const CorpusOptions& options) {
  if (options.framesPerClass < 0 || options.width < 64 || options.height < 64) {
    return Error{"corpus: frames per class or frame size out of range"};
  }
  // Drawn once a process: the notices do not depend on the options, and a test program asks
  // for one class at a time.
  static const Result<Material> material = drawMaterial();
  if (!material) return material.error();
  Generator generator(*material, options);
  std::vector<CorpusFrame> frames;
  for (FrameClass frameClass : options.classes) {
    for (int i = 0; i < options.framesPerClass; ++i) {
      auto frame = generator.frame(frameClass, i);
      if (!frame) return frame.error();
      frames.push_back(std::move(*frame));
    }
  }
  return frames;
}

const domain::VerifyKey& corpusVerifyKey() {
  static const domain::VerifyKey key = std::move(
      domain::VerifyKey::fromPem(domain::SigningKey::fromPem(kCorpusKeyPem).value().publicKeyPem())
          .value());
  return key;
}

Judgement judge(const CorpusFrame& frame, const std::vector<std::string>& texts) {
  Judgement out;
  for (const std::string& text : texts) {
    if (frame.target && text == frame.target->text) out.read = true;
    if (std::find(frame.allowed.begin(), frame.allowed.end(), text) == frame.allowed.end()) {
      out.wrong.push_back(text);
    }
  }
  return out;
}

}  // namespace mikhak::scanner::test
