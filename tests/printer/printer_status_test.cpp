#include "mikhak/printer/printer_status.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace mikhak::printer {
namespace {

PrinterStatus afterAnswer(int n, std::uint8_t answer) {
  PrinterStatus status;
  EXPECT_TRUE(applyStatusByte(status, n, answer)) << "n=" << n << " answer " << int{answer};
  return status;
}

TEST(PrinterStatus, FixedBitRuleHoldsForEveryByte) {
  int recognised = 0;
  for (int b = 0; b < 256; ++b) {
    const auto byte = static_cast<std::uint8_t>(b);
    EXPECT_EQ(isStatusByte(byte), (b & 0x93) == 0x12) << b;
    recognised += isStatusByte(byte) ? 1 : 0;
  }
  EXPECT_EQ(recognised, 16);  // the four free bits
  EXPECT_TRUE(isStatusByte(0x12));
  EXPECT_TRUE(isStatusByte(0x7E));
  EXPECT_FALSE(isStatusByte(0x00));
  EXPECT_FALSE(isStatusByte(0xFF));
  EXPECT_FALSE(isStatusByte(0x92));  // bit 7 set
}

TEST(PrinterStatus, StrayByteIsRejectedAndChangesNothing) {
  for (int n = 1; n <= 4; ++n) {
    for (int b = 0; b < 256; ++b) {
      if ((b & 0x93) == 0x12) continue;
      PrinterStatus status;
      status.online = true;
      const PrinterStatus before = status;
      EXPECT_FALSE(applyStatusByte(status, n, static_cast<std::uint8_t>(b))) << n << " " << b;
      EXPECT_EQ(status, before);
    }
  }
}

TEST(PrinterStatus, RequestOtherThanOneToFourIsRejected) {
  PrinterStatus status;
  EXPECT_FALSE(applyStatusByte(status, 0, 0x12));
  EXPECT_FALSE(applyStatusByte(status, 5, 0x12));
  EXPECT_EQ(status, PrinterStatus{});
}

TEST(PrinterStatus, PrinterAnswerTellsOnlineFromOffline) {
  EXPECT_TRUE(afterAnswer(1, 0x12).online);
  EXPECT_TRUE(afterAnswer(1, 0x16).online);  // bit 2 is the drawer, not ours
  EXPECT_FALSE(afterAnswer(1, 0x1A).online);
}

TEST(PrinterStatus, OfflineCauseAnswerReadsCoverFeedButtonAndPaperEndStop) {
  EXPECT_EQ(afterAnswer(2, 0x12), PrinterStatus{});
  EXPECT_TRUE(afterAnswer(2, 0x16).coverOpen);
  EXPECT_TRUE(afterAnswer(2, 0x1A).feedButton);
  EXPECT_TRUE(afterAnswer(2, 0x32).paperOut);
  // Bit 6 (an error) sets nothing: n=3 says which.
  EXPECT_EQ(afterAnswer(2, 0x52), PrinterStatus{});
}

TEST(PrinterStatus, PaperEndStopNeverClearsWhatThePaperSensorSaid) {
  PrinterStatus status;
  ASSERT_TRUE(applyStatusByte(status, 4, 0x72));
  ASSERT_TRUE(applyStatusByte(status, 2, 0x12));
  EXPECT_TRUE(status.paperOut);
}

TEST(PrinterStatus, ErrorAnswerReadsCutterUnrecoverableAndRecoverable) {
  EXPECT_EQ(afterAnswer(3, 0x12), PrinterStatus{});
  EXPECT_TRUE(afterAnswer(3, 0x1A).cutterError);
  EXPECT_TRUE(afterAnswer(3, 0x32).unrecoverableError);
  EXPECT_TRUE(afterAnswer(3, 0x52).recoverableError);
}

TEST(PrinterStatus, PaperAnswerReadsNearEndAndEndFromEitherBitOfEachPair) {
  EXPECT_EQ(afterAnswer(4, 0x12), PrinterStatus{});
  for (const std::uint8_t nearEnd : std::array<std::uint8_t, 3>{0x16, 0x1A, 0x1E}) {
    const PrinterStatus status = afterAnswer(4, nearEnd);
    EXPECT_TRUE(status.paperNearEnd) << int{nearEnd};
    EXPECT_FALSE(status.paperOut) << int{nearEnd};
  }
  for (const std::uint8_t end : std::array<std::uint8_t, 3>{0x32, 0x52, 0x72}) {
    const PrinterStatus status = afterAnswer(4, end);
    EXPECT_TRUE(status.paperOut) << int{end};
    EXPECT_FALSE(status.paperNearEnd) << int{end};
  }
  const PrinterStatus both = afterAnswer(4, 0x7E);
  EXPECT_TRUE(both.paperOut);
  EXPECT_TRUE(both.paperNearEnd);
}

TEST(PrinterStatus, EveryStateRoundTripsThroughTheFourAnswers) {
  for (int flags = 0; flags < 256; ++flags) {
    PrinterStatus status;
    status.online = flags & 1;
    status.coverOpen = flags & 2;
    status.paperNearEnd = flags & 4;
    status.paperOut = flags & 8;
    status.cutterError = flags & 16;
    status.unrecoverableError = flags & 32;
    status.recoverableError = flags & 64;
    status.feedButton = flags & 128;
    PrinterStatus read;
    for (int n = 1; n <= 4; ++n) {
      const std::uint8_t answer = statusByte(status, n);
      EXPECT_TRUE(isStatusByte(answer)) << flags << " n=" << n;
      EXPECT_TRUE(applyStatusByte(read, n, answer));
    }
    EXPECT_EQ(read, status) << "flags " << flags;
  }
}

TEST(PrinterStatus, ReadyNeedsOnlineClosedPaperAndNoHardError) {
  PrinterStatus status;
  EXPECT_FALSE(status.ready());
  status.online = true;
  EXPECT_TRUE(status.ready());
  status.paperNearEnd = true;
  EXPECT_TRUE(status.ready());
  status.cutterError = true;
  EXPECT_FALSE(status.ready());
}

TEST(HeartbeatState, HealthyPrinterIsOk) {
  PrinterStatus status;
  status.online = true;
  EXPECT_EQ(heartbeatState(status), "ok");
  status.recoverableError = true;  // passes by itself
  EXPECT_EQ(heartbeatState(status), "ok");
}

TEST(HeartbeatState, WorstConditionWins) {
  PrinterStatus status;
  status.online = true;
  status.paperNearEnd = true;
  EXPECT_EQ(heartbeatState(status), "paper_near_end");
  status.paperOut = true;
  EXPECT_EQ(heartbeatState(status), "paper_out");
  status.coverOpen = true;
  EXPECT_EQ(heartbeatState(status), "cover_open");
  status.cutterError = true;
  EXPECT_EQ(heartbeatState(status), "offline");
}

TEST(HeartbeatState, OfflineWithoutAKnownCauseIsOffline) {
  PrinterStatus status;  // nothing answered
  EXPECT_EQ(heartbeatState(status), "offline");
  status.paperNearEnd = true;
  EXPECT_EQ(heartbeatState(status), "offline");
}

TEST(HeartbeatState, OfflineBecauseOfCoverOrPaperNamesTheCause) {
  PrinterStatus status;  // a real printer reports offline while its cover is open or paper out
  status.paperOut = true;
  EXPECT_EQ(heartbeatState(status), "paper_out");
  status.coverOpen = true;
  EXPECT_EQ(heartbeatState(status), "cover_open");
}

TEST(HeartbeatState, CutterOrUnrecoverableErrorCountsAsOffline) {
  PrinterStatus status;
  status.online = true;
  status.unrecoverableError = true;
  EXPECT_EQ(heartbeatState(status), "offline");
  status.unrecoverableError = false;
  status.cutterError = true;
  EXPECT_EQ(heartbeatState(status), "offline");
}

}  // namespace
}  // namespace mikhak::printer
