#include "notice_layout.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include "mikhak/domain/zone_clock.hpp"
#include "mikhak/scanner/barcode_writer.hpp"
#include "mikhak/text/date_format.hpp"
#include "mikhak/text/digits.hpp"
#include "mikhak/text/isolate.hpp"

namespace mikhak::ctl {
namespace {

using text::Align;
using text::Direction;
using text::FontWeight;
using text::Language;
using text::TextBlock;
using text::TextStyle;
using Block = std::shared_ptr<const TextBlock>;

// Geometry at 200 dpi (8 px to the millimetre). English takes the left column and Persian the
// right, so each language reads from its own outer edge.
constexpr int kMargin = 110;  // 14 mm: inside what home printers can reach
constexpr int kLeft = kMargin;
constexpr int kRight = NoticePage::kWidth - kMargin;
constexpr int kTop = kMargin;
constexpr int kBottom = NoticePage::kHeight - kMargin;
constexpr int kContentWidth = kRight - kLeft;
constexpr int kColumnGap = 80;
constexpr int kColumnWidth = (kContentWidth - kColumnGap) / 2;
constexpr int kEnLeft = kLeft;
constexpr int kFaLeft = kRight - kColumnWidth;

// Barcodes: 1 mm QR modules and 0.375 mm Code 128 bars print crisply on any printer and read on
// any kiosk scanner, and both are whole pixels at 200 dpi.
constexpr int kQrModule = 8;
constexpr int kBarModule = 3;
constexpr int kBarHeight = 140;  // 17.5 mm

// Type sizes in pixels (200 dpi: 2.78 px a point).
constexpr int kBody = 30;  // 11 pt
constexpr int kSmall = 24;
// The originals list steps down from body size until it fits above the footer.
constexpr std::array kListSizes{30, 28, 26, 24, 22};

int ascentPx(const TextBlock& block) { return (block.ascent + 32) / text::kUnitsPerPixel; }

// The page being drawn, and a record of what went where.
class Page {
 public:
  explicit Page(text::TextEngine& engine)
      : engine_(engine), bitmap_(NoticePage::kWidth, NoticePage::kHeight) {}

  Block layout(std::string_view utf8, int size, FontWeight weight, Direction direction, int width,
               Align align = Align::Start) {
    return engine_.layout(utf8, TextStyle{size, weight},
                          {.direction = direction, .maxWidth = width, .align = align});
  }
  Block fa(std::string_view utf8, int size, FontWeight weight, int width,
           Align align = Align::Start) {
    return layout(utf8, size, weight, Direction::RightToLeft, width, align);
  }
  Block en(std::string_view utf8, int size, FontWeight weight, int width,
           Align align = Align::Start) {
    return layout(utf8, size, weight, Direction::LeftToRight, width, align);
  }

  // Draws the block with its top-left at (x, y); returns its bottom.
  int draw(const TextBlock& block, int x, int y, std::string what) {
    engine_.draw(block, bitmap_, x, y);
    const text::PixelSpan span = text::horizontalSpan(block);
    const PageBox box{x + span.left, y, x + span.right, y + block.heightPixels()};
    items_.push_back({std::move(what), box});
    return box.bottom;
  }

  struct Cell {
    Block block;
    int x;
    std::string what;
  };
  // Blocks side by side whose first lines share a baseline (sizes may differ); returns the
  // bottom of the tallest.
  int drawRow(std::vector<Cell> cells, int top) {
    int ascent = 0;
    for (const auto& c : cells) ascent = std::max(ascent, ascentPx(*c.block));
    int bottom = top;
    for (auto& c : cells) {
      bottom = std::max(bottom,
                        draw(*c.block, c.x, top + ascent - ascentPx(*c.block), std::move(c.what)));
    }
    return bottom;
  }

  // Barcode pixels go onto the page unscaled, so modules stay whole pixels.
  void blit(const scanner::BarcodeImage& image, int x, int y, std::string what) {
    text::GreyBitmap pixels(image.width, image.height);
    pixels.pixels = image.ink;  // the same convention: coverage, 255 ink
    text::composite(bitmap_, pixels, x, y);
    items_.push_back({std::move(what), {x, y, x + image.width, y + image.height}});
  }

  // A rule across the content width: rules separate sections and are not recorded as items.
  void rule(int y, int thickness) {
    for (int row = y; row < y + thickness; ++row) {
      std::fill_n(&bitmap_.at(kLeft, row), kContentWidth, std::uint8_t{255});
    }
  }

  RenderedNotice finish(int listSize) { return {std::move(bitmap_), std::move(items_), listSize}; }

 private:
  text::TextEngine& engine_;
  text::GreyBitmap bitmap_;
  std::vector<PlacedItem> items_;
};

// "London time" from "Europe/London", "New York time" from "America/New_York".
std::string cityTime(std::string_view zone) {
  std::string city(zone.substr(zone.rfind('/') + 1));
  std::replace(city.begin(), city.end(), '_', ' ');
  return city + " time";
}

std::string persianDigitsIsolated(std::string_view text) {
  // Digits inside Persian text: isolated, or "4821 0093" would come out as "0093 4821".
  return text::isolateLeftToRight(text::localizeDigits(text, Language::Persian));
}

// The paired rows of the originals list at one type size.
struct ListRow {
  Block faNumber, faText, enNumber, enText;
};

struct ListLayout {
  std::vector<ListRow> rows;
  int numberWidth = 0;  // the widest number and a gap: where the text starts
  int height = 0;
};

constexpr int kListRowGap = 10;

ListLayout layoutList(Page& page, const std::vector<domain::OriginalDocument>& originals,
                      int size) {
  // The numbers hang outside the text, so wrapped lines stay clear of them: natural width each,
  // the text column starting after the widest.
  ListLayout list;
  for (std::size_t i = 0; i < originals.size(); ++i) {
    const auto n = static_cast<std::int64_t>(i + 1);
    ListRow row{
        page.fa(text::formatInteger(n, Language::Persian) + ".", size, FontWeight::Regular, 0),
        nullptr,
        page.en(text::formatInteger(n, Language::English) + ".", size, FontWeight::Regular, 0),
        nullptr};
    list.numberWidth =
        std::max({list.numberWidth, row.faNumber->widthPixels(), row.enNumber->widthPixels()});
    list.rows.push_back(std::move(row));
  }
  list.numberWidth += size / 2;
  for (std::size_t i = 0; i < originals.size(); ++i) {
    ListRow& row = list.rows[i];
    row.faText =
        page.fa(originals[i].fa, size, FontWeight::Regular, kColumnWidth - list.numberWidth);
    row.enText =
        page.en(originals[i].en, size, FontWeight::Regular, kColumnWidth - list.numberWidth);
    list.height += std::max(row.faText->heightPixels(), row.enText->heightPixels()) + kListRowGap;
  }
  return list;
}

}  // namespace

Result<RenderedNotice> renderNotice(text::TextEngine& engine, const NoticeContent& content) {
  auto faDates =
      text::DateFormatter::create(Language::Persian, text::Calendar::Jalali, content.timeZone);
  if (!faDates) return faDates.error();
  auto enDates =
      text::DateFormatter::create(Language::English, text::Calendar::Gregorian, content.timeZone);
  if (!enDates) return enDates.error();
  auto clock = domain::ZoneClock::create(content.timeZone);
  if (!clock) return clock.error();
  auto qr =
      scanner::renderQr(content.qrPayload, {.modulePixels = kQrModule,
                                            .quietZoneModules = 4,
                                            .errorCorrection = scanner::QrErrorCorrection::Medium});
  if (!qr) return qr.error();
  auto bars = scanner::renderCode128(
      content.code.digits(),
      {.modulePixels = kBarModule, .heightPixels = kBarHeight, .quietZoneModules = 10});
  if (!bars) return bars.error();

  Page page(engine);
  using W = FontWeight;

  // Header: the consulate, Persian above English, centred; then the title, one per column.
  int y = kTop;
  y = page.draw(*page.fa(content.consulateFa, 44, W::Bold, kContentWidth, Align::Center), kLeft, y,
                "header.fa");
  y = page.draw(*page.en(content.consulateEn, kBody, W::Regular, kContentWidth, Align::Center),
                kLeft, y + 4, "header.en");
  y += 24;
  page.rule(y, 4);
  y += 4 + 24;
  y = page.drawRow(
      {{page.fa("اطلاعیه وقت حضور", 60, W::Bold, kColumnWidth), kFaLeft, "fa.title"},
       {page.en("Appointment notice", 50, W::Bold, kColumnWidth), kEnLeft, "en.title"}},
      y);
  y += 20;
  page.rule(y, 2);
  y += 2;

  // The codes: the QR code at the Persian (right) side, its symbol flush with the text edge and
  // its quiet zone in the margin; the Code 128 and the code as people read it on the left.
  y += 40;
  const int qrX = kRight - qr->width + qr->quietZonePixels;
  const int qrY = y - qr->quietZonePixels;
  page.blit(*qr, qrX, qrY, "qr");
  const int symbolTop = y;
  const int symbolBottom = qrY + qr->height - qr->quietZonePixels;
  const int codesLeft = kLeft;
  const int codesWidth = qrX - 40 - codesLeft;
  const Block caption =
      page.fa("کد رهگیری · Tracking code", kSmall, W::Regular, codesWidth, Align::Center);
  const Block latin = page.en(content.code.grouped(), 54, W::Bold, codesWidth, Align::Center);
  const int stackHeight = caption->heightPixels() + 12 + bars->height + 8 + latin->heightPixels();
  const int stackTop = symbolTop + (symbolBottom - symbolTop - stackHeight) / 2;
  const int barsY = page.draw(*caption, codesLeft, stackTop, "code.caption") + 12;
  page.blit(*bars, codesLeft + (codesWidth - bars->width) / 2, barsY, "code128");
  page.draw(*latin, codesLeft, barsY + bars->height + 8, "code.digits");
  y = std::max(symbolBottom, stackTop + stackHeight) + 40;
  page.rule(y, 2);
  y += 2 + 32;

  // The appointment, one row per fact: label at the outer edge, value beside it.
  const std::string faTime =
      persianDigitsIsolated(clock->hoursMinutes(content.startsAt)) + " به وقت محلی";
  const std::string enTime =
      clock->hoursMinutes(content.startsAt) + ", " + cityTime(content.timeZone);
  struct Fact {
    const char* faLabel;
    std::string faValue;
    const char* enLabel;
    std::string enValue;
    const char* key;
  };
  const std::vector<Fact> facts{
      {"کد رهگیری", persianDigitsIsolated(content.code.grouped()), "Tracking code",
       content.code.grouped(), "code"},
      {"نام متقاضی", content.applicantFa, "Applicant", content.applicantEn, "applicant"},
      {"خدمت", content.serviceFa, "Service", content.serviceEn, "service"},
      {"تاریخ", faDates->date(content.startsAt), "Date", enDates->date(content.startsAt), "date"},
      {"ساعت", faTime, "Time", enTime, "time"},
  };
  constexpr int kFaLabelWidth = 190;
  constexpr int kEnLabelWidth = 220;
  for (const Fact& f : facts) {
    const std::string key = f.key;
    y = page.drawRow(
        {{page.fa(f.faLabel, kBody, W::Regular, kFaLabelWidth), kRight - kFaLabelWidth,
          "fa.label." + key},
         {page.fa(f.faValue, kBody, W::Bold, kColumnWidth - kFaLabelWidth), kFaLeft, "fa." + key},
         {page.en(f.enLabel, kBody, W::Regular, kEnLabelWidth), kEnLeft, "en.label." + key},
         {page.en(f.enValue, kBody, W::Bold, kColumnWidth - kEnLabelWidth), kEnLeft + kEnLabelWidth,
          "en." + key}},
        y);
    y += 14;
  }
  y += 18;
  page.rule(y, 2);
  y += 2 + 32;

  // The footer sits on the bottom margin; the list takes what is left between.
  const Block faFooter = page.fa(
      "روز مراجعه، کد QR این اطلاعیه را "
      "(چاپ‌شده یا روی تلفن همراه) "
      "زیر اسکنر کیوسک ورودی بگیرید "
      "تا برگه نوبت خود را دریافت کنید. "
      "لطفاً سر وقت حاضر شوید.",
      kSmall, W::Regular, kColumnWidth);
  const Block enFooter = page.en(
      "On the day, hold this notice's QR code (printed or on your phone) under the scanner of "
      "the kiosk at the entrance to get your queue ticket. Please be on time.",
      kSmall, W::Regular, kColumnWidth);
  const int footerTop = kBottom - std::max(faFooter->heightPixels(), enFooter->heightPixels());
  const int footerRule = footerTop - 24;

  y = page.drawRow(
      {{page.fa("این اطلاعیه و اصل مدارک زیر را همراه داشته باشید:", kBody, W::Bold, kColumnWidth),
        kFaLeft, "fa.originals"},
       {page.en("Bring this notice and the ORIGINALS of:", kBody, W::Bold, kColumnWidth), kEnLeft,
        "en.originals"}},
      y);
  y += 16;

  ListLayout list;
  int listSize = 0;
  for (const int size : kListSizes) {
    list = layoutList(page, content.originals, size);
    listSize = size;
    if (y + list.height <= footerRule - 24) break;
  }
  if (y + list.height > footerRule - 24) {
    return Error{"notice: " + std::to_string(content.originals.size()) +
                 " originals do not fit on one page"};
  }
  for (std::size_t i = 0; i < list.rows.size(); ++i) {
    const ListRow& r = list.rows[i];
    const std::string n = std::to_string(i + 1);
    y = page.drawRow({{r.faNumber, kRight - r.faNumber->widthPixels(), "fa.number." + n},
                      {r.faText, kFaLeft, "fa.original." + n},
                      {r.enNumber, kEnLeft, "en.number." + n},
                      {r.enText, kEnLeft + list.numberWidth, "en.original." + n}},
                     y);
    y += kListRowGap;
  }

  page.rule(footerRule, 2);
  page.drawRow({{faFooter, kFaLeft, "fa.footer"}, {enFooter, kEnLeft, "en.footer"}}, footerTop);
  return page.finish(listSize);
}

}  // namespace mikhak::ctl
