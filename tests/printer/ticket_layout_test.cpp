#include "mikhak/printer/ticket_layout.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "golden_image.hpp"
#include "mikhak/text/png.hpp"
#include "ticket_support.hpp"

namespace mikhak::printer::test {
namespace {

using text::Language;

struct Variant {
  Language language;
  int width;
  const char* name;
};
constexpr Variant kVariants[] = {
    {Language::Persian, 576, "ticket_80mm_fa"},
    {Language::English, 576, "ticket_80mm_en"},
    {Language::Persian, 384, "ticket_58mm_fa"},
    {Language::English, 384, "ticket_58mm_en"},
};

class TicketLayoutTest : public ::testing::TestWithParam<Variant> {};

// Golden images of the sample ticket, opened and read when they were made: Persian right to left
// and joined, the number large, nothing cut off.
TEST_P(TicketLayoutTest, MatchesTheGolden) {
  const Variant v = GetParam();
  const RenderedTicket ticket = render(sampleTicket(), v.language, v.width);
  const auto check =
      mikhak::test::checkGolden(toGrey(ticket.mono), dataDir() / "golden", v.name, 500);
  if (check == mikhak::test::GoldenCheck::Rewritten) GTEST_SKIP() << "golden rewritten";
}

TEST_P(TicketLayoutTest, EverythingStaysOnThePaperWithoutOverlapping) {
  const Variant v = GetParam();
  const RenderedTicket ticket = render(sampleTicket(), v.language, v.width);
  EXPECT_EQ(ticket.mono.width, v.width);
  ASSERT_FALSE(ticket.items.empty());
  for (std::size_t i = 0; i < ticket.items.size(); ++i) {
    const TicketBox& a = ticket.items[i].box;
    EXPECT_GE(a.left, 0) << ticket.items[i].what;
    EXPECT_LE(a.right, v.width) << ticket.items[i].what;
    EXPECT_LE(a.bottom, ticket.mono.height) << ticket.items[i].what;
    for (std::size_t j = i + 1; j < ticket.items.size(); ++j) {
      const TicketBox& b = ticket.items[j].box;
      const bool overlap =
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      EXPECT_FALSE(overlap) << ticket.items[i].what << " and " << ticket.items[j].what;
    }
  }
}

TEST_P(TicketLayoutTest, TheCountersScannerReadsTheTicketsQrCode) {
  const Variant v = GetParam();
  const TicketContent content = sampleTicket();
  const auto found = readTicket(render(content, v.language, v.width).mono);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, content.ticketRef);
}

INSTANTIATE_TEST_SUITE_P(Sample, TicketLayoutTest, ::testing::ValuesIn(kVariants),
                         [](const auto& variant) { return std::string(variant.param.name); });

TEST(TicketLayout, TheNumberIsWrittenInEachScript) {
  TicketContent t = sampleTicket();
  EXPECT_EQ(ticketNumberText(t, Language::English), "P-017");
  EXPECT_EQ(ticketNumberText(t, Language::Persian), "گ-۰۱۷");
  t.number = 1234;
  EXPECT_EQ(ticketNumberText(t, Language::English), "P-1234");
}

TEST(TicketLayout, NoNationalIdOrFullNameCanReachThePaper) {
  // The content has no field for them: the JSON's extra fields are ignored, never printed.
  auto ticket = ticketFromJson(R"({"consulate_fa":"ک","consulate_en":"C","time_zone":"UTC",
    "letter":"P","letter_fa":"گ","number":1,"service_fa":"گ","service_en":"P","issued_at":0,
    "people_ahead":0,"estimated_wait_minutes":0,"ticket_ref":"r","originals":[],
    "national_id":"1234567890","family_name":"Karimi"})");
  ASSERT_TRUE(ticket);
  const RenderedTicket rendered = render(*ticket, Language::English, 576);
  for (const auto& item : rendered.items) EXPECT_EQ(item.what.find("name"), std::string::npos);
}

TEST(TicketLayout, ThePeopleAheadLineFollowsTheCount) {
  TicketContent t = sampleTicket();
  for (const int ahead : {0, 1, 2}) {
    t.peopleAhead = ahead;
    const RenderedTicket r = render(t, Language::Persian, 576);
    bool wait = false;
    for (const auto& item : r.items) wait = wait || item.what == "wait";
    EXPECT_EQ(wait, ahead > 0) << ahead;  // no wait to announce to the next in line
  }
}

TEST(TicketLayout, RefusesAnUnknownTimeZoneAndATooNarrowRoll) {
  TicketContent t = sampleTicket();
  const TicketWording wording = loadTicketWording(wordingFile(), Language::English).value();
  EXPECT_FALSE(renderTicket(engine(), t, wording, {.widthDots = 200}));
  t.timeZone = "Mars/Olympus_Mons";
  EXPECT_FALSE(renderTicket(engine(), t, wording, {}));
}

TEST(TicketWording, EveryKeyIsRequiredAndNoneUnknown) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto file = dir / "mikhak-ticket-wording-test.toml";
  const auto write = [&](const std::string& text) { std::ofstream(file) << text; };
  write("[en]\nheading = \"x\"\n");
  auto missing = loadTicketWording(file, Language::English);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("people_ahead"), std::string::npos);
  std::string full;
  for (const char* key : {"heading", "people_ahead", "one_ahead", "you_are_next", "estimated_wait",
                          "checked_in_at", "originals_heading", "footer"}) {
    full += std::string(key) + " = \"x\"\n";
  }
  write("[en]\n" + full + "foter = \"typo\"\n");
  auto unknown = loadTicketWording(file, Language::English);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("foter"), std::string::npos);
  write("[en]\n" + full);
  EXPECT_TRUE(loadTicketWording(file, Language::English));
  EXPECT_FALSE(loadTicketWording(file, Language::Persian));  // no [fa]
  std::filesystem::remove(file);
}

TEST(TicketJson, MistakesAreRefusedWithTheirReason) {
  EXPECT_FALSE(ticketFromJson("not json"));
  EXPECT_FALSE(ticketFromJson("[]"));
  EXPECT_FALSE(ticketFromJson(R"({"consulate_fa": 3})"));
  std::string bad = sampleTicketJson();
  bad.replace(bad.find("\"number\": 17"), 12, "\"number\": 0");
  EXPECT_FALSE(ticketFromJson(bad));
}

}  // namespace
}  // namespace mikhak::printer::test
