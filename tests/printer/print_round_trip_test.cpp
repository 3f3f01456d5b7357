// The whole path a ticket takes at the kiosk: layout, ESC/POS, the TCP transport, the printer
// worker's status checks, and the virtual printer's decoding back to a PNG.

#include <gtest/gtest.h>

#include <unistd.h>

#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/printer/printer_worker.hpp"
#include "mikhak/text/png.hpp"
#include "ticket_support.hpp"
#include "virtual_printer_server.hpp"

namespace mikhak::printer::test {
namespace {

using namespace std::chrono_literals;

class PrintRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = std::filesystem::temp_directory_path() /
           ("mikhak-print-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(out_);
  }
  void TearDown() override { std::filesystem::remove_all(out_); }

  void startPrinter(VirtualPrinter::Options options) {
    auto server = ctl::VirtualPrinterServer::start(
        {.host = "127.0.0.1", .port = 0, .outDir = out_, .printer = options});
    ASSERT_TRUE(server) << server.error().message;
    printer_ = std::move(*server);
    auto uri = drivers::parsePrinterUri("tcp://127.0.0.1:" + std::to_string(printer_->port()));
    worker_ = std::make_unique<PrinterWorker>(std::move(drivers::makeTransport(*uri).value()),
                                              PrinterWorker::Options{});
  }

  // The job's outcome; status events before it are skipped.
  PrintOutcome print(std::uint64_t id, const text::MonoBitmap& image) {
    EXPECT_TRUE(worker_->submit({id, image}));
    for (;;) {
      auto event = worker_->waitEvent(20s);
      if (!event) {
        ADD_FAILURE() << "no outcome for job " << id;
        return {};
      }
      if (event->kind == PrinterEvent::Kind::Outcome) return event->outcome;
    }
  }

  text::MonoBitmap pngAsMono(const std::filesystem::path& file) {
    const auto coverage = text::readPngCoverage(file).value();
    text::MonoBitmap mono(coverage.width, coverage.height);
    for (int y = 0; y < coverage.height; ++y) {
      for (int x = 0; x < coverage.width; ++x) {
        if (coverage.at(x, y) >= 128) mono.set(x, y);
      }
    }
    return mono;
  }

  std::filesystem::path out_;
  std::unique_ptr<ctl::VirtualPrinterServer> printer_;
  std::unique_ptr<PrinterWorker> worker_;  // after printer_: stopped first
};

// The printed ticket is the rendered one, dot for dot (then the blank feed before the cut), and
// a counter's scanner reads its QR code off the paper.
TEST_F(PrintRoundTrip, ThePrintedTicketIsTheRenderedOneDotForDot) {
  startPrinter({});
  const TicketContent content = sampleTicket();
  const RenderedTicket rendered = render(content, text::Language::Persian, 576);
  const PrintOutcome outcome = print(1, rendered.mono);
  ASSERT_TRUE(outcome.printed) << outcome.problem;
  EXPECT_TRUE(outcome.status.ready());
  const text::MonoBitmap paper = pngAsMono(out_ / "ticket-0001.png");
  ASSERT_EQ(paper.width, rendered.mono.width);
  ASSERT_GE(paper.height, rendered.mono.height);
  text::MonoBitmap top(paper.width, rendered.mono.height);
  std::copy_n(paper.bits.begin(), top.bits.size(), top.bits.begin());
  EXPECT_TRUE(top == rendered.mono);
  for (int y = rendered.mono.height; y < paper.height; ++y) {
    for (int x = 0; x < paper.width; ++x) ASSERT_FALSE(paper.at(x, y)) << "ink in the feed";
  }
  const auto read = readTicket(paper);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].text, content.ticketRef);
}

TEST_F(PrintRoundTrip, A58MillimetreTicketComesOutWhole) {
  startPrinter({.widthDots = 384});
  const RenderedTicket rendered = render(sampleTicket(), text::Language::English, 384);
  ASSERT_TRUE(print(7, rendered.mono).printed);
  const text::MonoBitmap paper = pngAsMono(out_ / "ticket-0001.png");
  EXPECT_EQ(paper.width, 384);
  EXPECT_EQ(readTicket(paper).size(), 1u);
}

// Paper runs out half way down the second ticket: the worker reports it not printed, with the
// printer's state; after a new roll, the reprint of the same job comes out whole.
TEST_F(PrintRoundTrip, PaperOutMidTicketIsReportedAndTheReprintWorks) {
  startPrinter({.paperOutAfter = 1, .tailRows = 300});
  const RenderedTicket rendered = render(sampleTicket(), text::Language::Persian, 576);
  ASSERT_TRUE(print(1, rendered.mono).printed);

  const PrintOutcome torn = print(2, rendered.mono);
  EXPECT_FALSE(torn.printed);
  EXPECT_TRUE(torn.status.paperOut);
  EXPECT_EQ(heartbeatState(torn.status), "paper_out");
  EXPECT_FALSE(torn.problem.empty());
  EXPECT_EQ(printer_->ticketsWritten(), 1);

  // While out of paper, a job is refused before a byte is sent.
  const PrintOutcome refused = print(3, rendered.mono);
  EXPECT_FALSE(refused.printed);
  EXPECT_NE(refused.problem.find("not ready"), std::string::npos) << refused.problem;

  printer_->refill();
  const PrintOutcome reprint = print(2, rendered.mono);
  ASSERT_TRUE(reprint.printed) << reprint.problem;
  EXPECT_EQ(printer_->ticketsWritten(), 2);
  const text::MonoBitmap paper = pngAsMono(out_ / "ticket-0002.png");
  text::MonoBitmap top(paper.width, rendered.mono.height);
  std::copy_n(paper.bits.begin(), top.bits.size(), top.bits.begin());
  EXPECT_TRUE(top == rendered.mono);
}

TEST_F(PrintRoundTrip, AnOfflinePrinterOrAnOpenCoverPrintsNothingAndSaysWhy) {
  startPrinter({.coverOpen = true});
  const RenderedTicket rendered = render(sampleTicket(), text::Language::English, 576);
  const PrintOutcome outcome = print(1, rendered.mono);
  EXPECT_FALSE(outcome.printed);
  EXPECT_EQ(heartbeatState(outcome.status), "cover_open");
  EXPECT_EQ(printer_->ticketsWritten(), 0);
}

// Nobody listening: the worker reports the printer offline within its bounded waits, and the
// job comes back as not printed rather than hanging.
TEST_F(PrintRoundTrip, APrinterThatIsNotThereIsOfflineNotAHang) {
  auto uri = drivers::parsePrinterUri("tcp://127.0.0.1:1");
  worker_ = std::make_unique<PrinterWorker>(std::move(drivers::makeTransport(*uri).value()),
                                            PrinterWorker::Options{});
  const PrintOutcome outcome = print(1, render(sampleTicket(), text::Language::English, 576).mono);
  EXPECT_FALSE(outcome.printed);
  EXPECT_FALSE(outcome.status.online);
  EXPECT_EQ(heartbeatState(outcome.status), "offline");
}

// The demo's folder printer: the bytes as ticket-N.bin, and the ticket's picture beside them.
TEST_F(PrintRoundTrip, AFolderPrinterKeepsTheBytesAndThePicture) {
  auto uri = drivers::parsePrinterUri("dir://" + out_.string());
  worker_ = std::make_unique<PrinterWorker>(std::move(drivers::makeTransport(*uri).value()),
                                            PrinterWorker::Options{});
  const RenderedTicket rendered = render(sampleTicket(), text::Language::Persian, 576);
  const PrintOutcome outcome = print(1, rendered.mono);
  ASSERT_TRUE(outcome.printed) << outcome.problem;
  ASSERT_TRUE(outcome.file);
  EXPECT_EQ(std::filesystem::file_size(*outcome.file), encodeRaster(rendered.mono, {}).size());
  auto png = *outcome.file;
  png.replace_extension(".png");
  EXPECT_TRUE(pngAsMono(png) == rendered.mono);
}

}  // namespace
}  // namespace mikhak::printer::test
