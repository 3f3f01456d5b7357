#include "mikhak/printer/virtual_printer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <vector>

#include "mikhak/printer/escpos.hpp"
#include "random_bitmap.hpp"

namespace mikhak::printer {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr int kFeedRows = 4 * VirtualPrinter::kRowsPerLine;  // EscPosOptions' default 4 lines

// What the printer should cut: the image at the top left of paper `paperWidth` dots wide
// (clipped if wider), then `feedRows` blank rows.
text::MonoBitmap onPaper(const text::MonoBitmap& image, int paperWidth, int feedRows) {
  text::MonoBitmap ticket(paperWidth, image.height + feedRows);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < std::min(image.width, paperWidth); ++x) {
      if (image.at(x, y)) ticket.set(x, y);
    }
  }
  return ticket;
}

text::MonoBitmap topRows(const text::MonoBitmap& image, int rows) {
  text::MonoBitmap out(image.width, rows);
  out.bits.assign(image.bits.begin(),
                  image.bits.begin() + rows * text::MonoBitmap::bytesPerRow(image.width));
  return out;
}

Bytes ticketBytes(const text::MonoBitmap& image) { return encodeRaster(image, EscPosOptions{}); }

std::uint8_t ask(VirtualPrinter& printer, int n) {
  const Bytes answer = printer.receive(statusRequest(n));
  EXPECT_EQ(answer.size(), 1u);
  return answer.empty() ? 0 : answer[0];
}

TEST(VirtualPrinter, PrintedTicketIsTheImageWithTheFeedRowsBelow) {
  VirtualPrinter printer({});
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 300, 1, 0.3);
  EXPECT_TRUE(printer.receive(ticketBytes(image)).empty());
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].width, 576);
  EXPECT_EQ(tickets[0].height, 300 + kFeedRows);
  EXPECT_EQ(tickets[0], onPaper(image, 576, kFeedRows));
  EXPECT_EQ(printer.ticketsCut(), 1);
  EXPECT_TRUE(printer.takeTickets().empty());
}

TEST(VirtualPrinter, BytesArrivingInSmallPiecesPrintTheSameTicket) {
  VirtualPrinter printer({});
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 120, 2, 0.3);
  const Bytes bytes = ticketBytes(image);
  for (std::size_t i = 0; i < bytes.size(); i += 37) {
    (void)printer.receive(std::span(bytes).subspan(i, std::min<std::size_t>(37, bytes.size() - i)));
  }
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 576, kFeedRows));
}

TEST(VirtualPrinter, NarrowImageIsPrintedAtTheLeftOfWiderPaper) {
  VirtualPrinter printer({});
  const text::MonoBitmap image = mikhak::test::randomBitmap(384, 50, 3, 0.3);
  (void)printer.receive(ticketBytes(image));
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 576, kFeedRows));
}

TEST(VirtualPrinter, WideImageIsClippedAtThePaperEdge) {
  VirtualPrinter::Options options;
  options.widthDots = 381;  // not whole bytes either
  VirtualPrinter printer(options);
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 50, 4, 0.3);
  (void)printer.receive(ticketBytes(image));
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 381, kFeedRows));
}

TEST(VirtualPrinter, DoubleWidthAndHeightBandIsPrintedTwiceAsBig) {
  VirtualPrinter printer({});
  // GS v 0 m=3, one byte by one row: 0b10100000, then GS V 1 (cut, no feed).
  (void)printer.receive(Bytes{0x1D, 'v', '0', 3, 1, 0, 1, 0, 0xA0, 0x1D, 'V', 1});
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  text::MonoBitmap expected(576, 2);
  for (const int y : {0, 1}) {
    for (const int x : {0, 1, 4, 5}) expected.set(x, y);
  }
  EXPECT_EQ(tickets[0], expected);
}

TEST(VirtualPrinter, CutWithOnlyFedPaperMakesNoTicket) {
  VirtualPrinter printer({});
  (void)printer.receive(encodeRaster(text::MonoBitmap{}, EscPosOptions{}));
  EXPECT_TRUE(printer.takeTickets().empty());
  EXPECT_EQ(printer.ticketsCut(), 0);
}

TEST(VirtualPrinter, LineFeedAddsOneLineOfBlankRows) {
  VirtualPrinter printer({});
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 10, 5, 0.3);
  EscPosOptions options;
  options.cut = false;
  options.feedLinesBeforeCut = 0;
  Bytes bytes = encodeRaster(image, options);
  bytes.insert(bytes.end(), {0x0A, 0x1D, 'V', 0});
  (void)printer.receive(bytes);
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 576, VirtualPrinter::kRowsPerLine));
}

TEST(VirtualPrinter, StatusRequestIsAnsweredMidJob) {
  VirtualPrinter printer({});
  const Bytes ticket = ticketBytes(mikhak::test::randomBitmap(576, 200, 6, 0.3));
  Bytes first(ticket.begin(), ticket.begin() + 2 + 8 + 72 * 56);  // ESC @ and the first band
  first.insert(first.end(), {0x10, 0x04, 0x01});
  EXPECT_EQ(printer.receive(first), (Bytes{0x12}));
  EXPECT_TRUE(printer.takeTickets().empty());
  EXPECT_EQ(printer.partialTicket().height, 56);
  (void)printer.receive(std::span(ticket).subspan(2 + 8 + 72 * 56));
  EXPECT_EQ(printer.takeTickets().size(), 1u);
}

TEST(VirtualPrinter, HealthyPrinterAnswersAllClear) {
  VirtualPrinter printer({});
  for (int n = 1; n <= 4; ++n) EXPECT_EQ(ask(printer, n), 0x12) << n;
  EXPECT_TRUE(printer.status().ready());
}

TEST(VirtualPrinter, PaperRunsOutPartWayThroughTheTicketAfterN) {
  VirtualPrinter::Options options;
  options.paperOutAfter = 2;
  options.tailRows = 160;
  VirtualPrinter printer(options);
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 300, 7, 0.3);
  (void)printer.receive(ticketBytes(image));
  EXPECT_EQ(ask(printer, 4), 0x12);
  (void)printer.receive(ticketBytes(image));
  EXPECT_EQ(ask(printer, 4), 0x1E) << "the last roll's tail: near end";
  ASSERT_EQ(printer.takeTickets().size(), 2u);

  (void)printer.receive(ticketBytes(image));
  EXPECT_TRUE(printer.takeTickets().empty()) << "cut without paper: no ticket";
  EXPECT_EQ(printer.ticketsCut(), 2);
  EXPECT_EQ(printer.partialTicket(), topRows(image, 160)) << "the torn stub";
}

TEST(VirtualPrinter, PaperOutIsReportedByPaperOfflineCauseAndPrinterAnswers) {
  VirtualPrinter::Options options;
  options.paperOutAfter = 0;
  VirtualPrinter printer(options);
  (void)printer.receive(ticketBytes(mikhak::test::randomBitmap(576, 300, 8, 0.3)));
  EXPECT_EQ(ask(printer, 4) & 0x60, 0x60);
  EXPECT_EQ(ask(printer, 2) & 0x20, 0x20);
  EXPECT_EQ(ask(printer, 1) & 0x08, 0x08);
  EXPECT_EQ(heartbeatState(printer.status()), "paper_out");
}

TEST(VirtualPrinter, RefillLetsTheReprintComeOutWhole) {
  VirtualPrinter::Options options;
  options.paperOutAfter = 1;
  VirtualPrinter printer(options);
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 300, 9, 0.3);
  (void)printer.receive(ticketBytes(image));
  (void)printer.receive(ticketBytes(image));
  ASSERT_EQ(printer.takeTickets().size(), 1u);
  ASSERT_TRUE(printer.status().paperOut);

  printer.refill();
  for (int n = 1; n <= 4; ++n) EXPECT_EQ(ask(printer, n), 0x12) << n;
  EXPECT_EQ(printer.partialTicket().height, 0) << "the stub went with the old roll";
  (void)printer.receive(ticketBytes(image));
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 576, kFeedRows));
}

TEST(VirtualPrinter, OfflinePrinterSaysSoAndPrintsNothing) {
  VirtualPrinter::Options options;
  options.offline = true;
  VirtualPrinter printer(options);
  (void)printer.receive(ticketBytes(mikhak::test::randomBitmap(576, 100, 10, 0.3)));
  EXPECT_TRUE(printer.takeTickets().empty());
  EXPECT_EQ(ask(printer, 1), 0x1A);
  EXPECT_EQ(heartbeatState(printer.status()), "offline");
}

TEST(VirtualPrinter, OpenCoverIsReportedAndNothingPrintsUntilItCloses) {
  VirtualPrinter::Options options;
  options.coverOpen = true;
  VirtualPrinter printer(options);
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 100, 11, 0.3);
  (void)printer.receive(ticketBytes(image));
  EXPECT_TRUE(printer.takeTickets().empty());
  EXPECT_EQ(ask(printer, 2), 0x16);
  EXPECT_EQ(ask(printer, 1), 0x1A);
  EXPECT_EQ(heartbeatState(printer.status()), "cover_open");

  printer.setCoverOpen(false);
  (void)printer.receive(ticketBytes(image));
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 576, kFeedRows));
}

TEST(VirtualPrinter, InitTearsOffAnUnfinishedPage) {
  VirtualPrinter printer({});
  const Bytes abandoned = ticketBytes(mikhak::test::randomBitmap(576, 200, 12, 0.3));
  (void)printer.receive(std::span(abandoned).first(2 + 2 * (8 + 72 * 56)));  // two bands
  EXPECT_EQ(printer.partialTicket().height, 112);
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 80, 13, 0.3);
  (void)printer.receive(ticketBytes(image));
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 576, kFeedRows));
}

TEST(VirtualPrinter, EndOfStreamForgetsABandHalfSent) {
  VirtualPrinter printer({});
  const Bytes abandoned = ticketBytes(mikhak::test::randomBitmap(576, 200, 14, 0.3));
  (void)printer.receive(std::span(abandoned).first(500));  // mid-band
  printer.endOfStream();
  const text::MonoBitmap image = mikhak::test::randomBitmap(576, 80, 15, 0.3);
  (void)printer.receive(ticketBytes(image));
  const auto tickets = printer.takeTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], onPaper(image, 576, kFeedRows));
}

}  // namespace
}  // namespace mikhak::printer
