#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/domain/catalogue.hpp"
#include "mikhak/domain/tracking_code.hpp"
#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/text_engine.hpp"

namespace mikhak::ctl {

// What an applicant's appointment notice (اطلاعیه وقت حضور) shows, as plain values: the page can
// be drawn, and tested, without a database or a key.
struct NoticeContent {
  std::string consulateFa;
  std::string consulateEn;
  std::string timeZone;  // the consulate's, IANA: the date and time are shown in it
  domain::TrackingCode code;
  std::string applicantFa;  // full name; never the national ID
  std::string applicantEn;
  std::string serviceFa;
  std::string serviceEn;
  std::chrono::sys_seconds startsAt;
  std::vector<domain::OriginalDocument> originals;  // the catalogue's, then the appointment's own
  // The QR text, made by the caller (encodeNoticePayload): a test can pass a fixed one, so that
  // the page does not change with the signature.
  std::string qrPayload;
};

// A4 portrait at 200 dpi, the paper applicants print on at home.
struct NoticePage {
  static constexpr int kDpi = 200;
  static constexpr int kWidth = 1654;   // 210 mm
  static constexpr int kHeight = 2339;  // 297 mm
};

// A rectangle on the page, in pixels; right and bottom exclusive.
struct PageBox {
  int left = 0;
  int top = 0;
  int right = 0;
  int bottom = 0;
  bool intersects(const PageBox& o) const {
    return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
  }
};

struct PlacedItem {
  std::string what;  // "qr", "code128", "fa.title", "en.original.3", ...
  PageBox box;       // the ink's extent horizontally, the lines' extent vertically
};

struct RenderedNotice {
  text::GreyBitmap page;          // coverage: 0 paper, 255 ink
  std::vector<PlacedItem> items;  // everything drawn, for tests: nothing overlaps or spills
  int originalsPixelSize = 0;     // the list's type size, smaller when the list is long
};

// Draws the notice: consulate and title, the QR code (payload) and a Code 128 of the 14 digits
// with the grouped code under it, the applicant, service, date (Jalali and Gregorian) and time in
// the consulate's time zone, and the originals to bring; Persian on the right, English on the
// left. Errors, as values: an unknown time zone, a payload the QR code cannot hold, or an
// originals list too long for the page even in the smallest type.
Result<RenderedNotice> renderNotice(text::TextEngine& engine, const NoticeContent& content);

}  // namespace mikhak::ctl
