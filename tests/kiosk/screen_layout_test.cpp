#include "screen_layout.hpp"

#include <gtest/gtest.h>

#include "mikhak/text/digits.hpp"
#include "screen_test_support.hpp"

namespace mikhak::kiosk::test {
namespace {

using text::Language;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// An action as text, to compare two actions.
std::string describe(const UiAction& action) {
  return std::visit(Overloaded{
                        [](const FlowEvent& e) {
                          std::string s = "flow." + std::to_string(e.index());
                          if (const auto* d = std::get_if<KeypadDigit>(&e)) s += "." + d->digit;
                          return s;
                        },
                        [](const StaffAction& a) {
                          std::string s = "staff." + std::to_string(a.index());
                          if (const auto* d = std::get_if<staff::EnterDigit>(&a))
                            s += "." + std::to_string(d->digit);
                          return s;
                        },
                    },
                    action);
}

struct Case {
  std::string screen;
  Panel panel;
  Theme theme;
};

std::vector<Case> everyScreenOnEveryPanel() {
  std::vector<Case> cases;
  for (const auto& screen : galleryScreens()) {
    for (const auto& panel : panels()) {
      cases.push_back({screen.name, panel, Theme::Standard});
    }
    cases.push_back({screen.name, panels()[0], Theme::HighContrast});
  }
  return cases;
}

ScreenLayout layoutOf(const Case& c) {
  return layoutGalleryScreen(
      galleryScreen(c.screen),
      ScreenWorld::get().context(c.panel.width, c.panel.height, c.panel.pixelsPerMm, c.theme));
}

ScreenLayout layoutOf(const std::string& screen) {
  return layoutOf(Case{screen, panels()[0], Theme::Standard});
}

std::string caseName(const Case& c) {
  return c.screen + "_" + c.panel.name + (c.theme == Theme::HighContrast ? "_contrast" : "");
}

// Each check runs over every gallery screen on every panel (and in high contrast) in one test:
// one process for all of them, not 1,200 under CTest.

TEST(EveryScreen, ButtonsAreAtLeastFifteenMillimetres) {
  for (const Case& c : everyScreenOnEveryPanel()) {
    SCOPED_TRACE(caseName(c));
    const ScreenLayout layout = layoutOf(c);
    const int minimum = static_cast<int>(15 * c.panel.pixelsPerMm);
    for (const Button& b : layout.buttons) {
      EXPECT_GE(b.rect.w, minimum) << b.name;
      EXPECT_GE(b.rect.h, minimum) << b.name;
    }
  }
}

TEST(EveryScreen, ButtonsStayOnScreenAndDoNotOverlap) {
  for (const Case& c : everyScreenOnEveryPanel()) {
    SCOPED_TRACE(caseName(c));
    const ScreenLayout layout = layoutOf(c);
    const Rect screen{0, 0, layout.width, layout.height};
    for (std::size_t i = 0; i < layout.buttons.size(); ++i) {
      const Rect& a = layout.buttons[i].rect;
      EXPECT_TRUE(a.x >= 0 && a.y >= 0 && a.right() <= screen.w && a.bottom() <= screen.h)
          << layout.buttons[i].name;
      for (std::size_t j = i + 1; j < layout.buttons.size(); ++j) {
        EXPECT_FALSE(a.overlaps(layout.buttons[j].rect))
            << layout.buttons[i].name << " and " << layout.buttons[j].name;
      }
    }
  }
}

// Laid out again as the painter will, every text fits its box (no line cut, no ink outside)
// and every box is on the screen.
TEST(EveryScreen, NoTextOverflowsItsBoxOrTheScreen) {
  for (const Case& c : everyScreenOnEveryPanel()) {
    SCOPED_TRACE(caseName(c));
    const ScreenLayout layout = layoutOf(c);
    auto& engine = ScreenWorld::get().engine;
    for (const TextItem* t : texts(layout)) {
      const auto block = engine.layout(t->utf8, t->style, t->options());
      const text::PixelSpan span = text::horizontalSpan(*block);
      EXPECT_FALSE(block->truncated) << t->utf8;
      EXPECT_LE(block->heightPixels(), t->box.h) << t->utf8;
      EXPECT_GE(span.left, 0) << t->utf8;
      EXPECT_LE(span.right, t->box.w) << t->utf8;
      EXPECT_TRUE(t->box.x >= 0 && t->box.y >= 0 && t->box.right() <= layout.width &&
                  t->box.bottom() <= layout.height)
          << t->utf8 << " at " << t->box.x << "," << t->box.y << " " << t->box.w << "x" << t->box.h;
    }
  }
}

// Text is either a button's label, inside it, or clear of every button.
TEST(EveryScreen, TextDoesNotRunIntoButtons) {
  for (const Case& c : everyScreenOnEveryPanel()) {
    SCOPED_TRACE(caseName(c));
    const ScreenLayout layout = layoutOf(c);
    for (const TextItem* t : texts(layout)) {
      for (const Button& b : layout.buttons) {
        const bool inside = t->box.x >= b.rect.x && t->box.right() <= b.rect.right() &&
                            t->box.y >= b.rect.y && t->box.bottom() <= b.rect.bottom();
        EXPECT_TRUE(inside || !t->box.overlaps(b.rect)) << t->utf8 << " and " << b.name;
      }
    }
  }
}

TEST(EveryScreen, TouchingAButtonsCentreDoesWhatItSays) {
  for (const Case& c : everyScreenOnEveryPanel()) {
    SCOPED_TRACE(caseName(c));
    const ScreenLayout layout = layoutOf(c);
    for (const Button& b : layout.buttons) {
      const auto hit = hitTest(layout, b.rect.centreX(), b.rect.centreY());
      if (b.kind == ButtonKind::Disabled) {
        EXPECT_FALSE(hit) << b.name;
      } else {
        ASSERT_TRUE(hit) << b.name;
        EXPECT_EQ(describe(*hit), describe(b.action)) << b.name;
      }
    }
  }
}

// A national ID is ten digits: nothing on any screen may show such a run.
TEST(EveryScreen, ShowsNoRunOfTenDigits) {
  for (const Case& c : everyScreenOnEveryPanel()) {
    SCOPED_TRACE(caseName(c));
    const ScreenLayout layout = layoutOf(c);
    for (const TextItem* t : texts(layout)) {
      const std::string latin = text::latinDigits(t->utf8);
      int run = 0;
      for (const char ch : latin) {
        run = (ch >= '0' && ch <= '9') ? run + 1 : 0;
        EXPECT_LT(run, 10) << t->utf8;
      }
    }
  }
}

TEST(EveryScreen, TextIsLargeEnoughToRead) {
  for (const Case& c : everyScreenOnEveryPanel()) {
    SCOPED_TRACE(caseName(c));
    const ScreenLayout layout = layoutOf(c);
    // Applicants' body text stays at 3.5 mm or more even when squeezed; staff may read smaller.
    const double minimum = (c.screen.starts_with("staff") ? 3.0 : 3.5) * c.panel.pixelsPerMm;
    for (const TextItem* t : texts(layout)) {
      if (t->colour == ColourRole::Quiet) continue;  // the offline mark is for staff
      EXPECT_GE(t->style.pixelSize, static_cast<int>(minimum)) << t->utf8;
    }
  }
}

TEST(ScreenLayout, EveryApplicantScreenHasTheLanguageButtonNamingTheOtherLanguage) {
  for (const auto& screen : galleryScreens()) {
    const auto* state = std::get_if<FlowState>(&screen.view);
    if (state == nullptr) continue;
    const ScreenLayout layout = layoutOf(screen.name);
    const Button* language = layout.button("language");
    ASSERT_NE(language, nullptr) << screen.name;
    EXPECT_EQ(language->label, state->language == Language::Persian ? "English" : "فارسی");
    EXPECT_EQ(describe(language->action), describe(FlowEvent{LanguageTapped{}}));
  }
}

TEST(ScreenLayout, ResultScreensHaveADoneButton) {
  for (const auto& screen : galleryScreens()) {
    const auto* state = std::get_if<FlowState>(&screen.view);
    if (state == nullptr) continue;
    const bool result = std::holds_alternative<CheckedIn>(state->screen) ||
                        std::holds_alternative<AlreadyCheckedIn>(state->screen) ||
                        std::holds_alternative<Refused>(state->screen);
    if (!result) continue;
    const ScreenLayout layout = layoutOf(screen.name);
    const Button* done = layout.button("done");
    ASSERT_NE(done, nullptr) << screen.name;
    EXPECT_EQ(describe(done->action), describe(FlowEvent{BackTapped{}}));
  }
}

// Persian is the mirror of English: the language and done buttons swap sides, and so do the
// ticket's card and the list of originals.
TEST(ScreenLayout, PersianMirrorsEnglish) {
  const ScreenLayout fa = layoutOf("checked_in_failed_fa");
  const ScreenLayout en = layoutOf("checked_in_failed_en");
  const int w = fa.width;
  for (const char* name : {"language", "done", "reprint"}) {
    const Rect& f = fa.button(name)->rect;
    const Rect& e = en.button(name)->rect;
    EXPECT_LT(f.centreX(), w / 2) << name;
    EXPECT_GT(e.centreX(), w / 2) << name;
    EXPECT_EQ(f.y, e.y) << name;
  }
  EXPECT_EQ(fa.button("language")->rect.x, w - en.button("language")->rect.right());
  EXPECT_EQ(fa.button("done")->rect.x, w - en.button("done")->rect.right());
  // The reprint button sits on the start side of done in both.
  EXPECT_GT(fa.button("reprint")->rect.x, fa.button("done")->rect.x);
  EXPECT_LT(en.button("reprint")->rect.x, en.button("done")->rect.x);

  // Ticket number on the start side: right in Persian, left in English.
  const auto numberBox = [](const ScreenLayout& layout, const std::string& label) {
    for (const TextItem* t : texts(layout)) {
      if (t->utf8.find(label) != std::string::npos) return t->box;
    }
    return Rect{};
  };
  EXPECT_GT(numberBox(fa, "گ-۰۱۷").centreX(), w / 2);
  EXPECT_LT(numberBox(en, "P-017").centreX(), w / 2);
  // List numbers on the start side of their entries.
  const Rect faNumber = numberBox(fa, "۱.");
  const Rect faEntry = numberBox(fa, "اصل گذرنامه فعلی");
  EXPECT_GE(faNumber.x, faEntry.right());
  const Rect enNumber = numberBox(en, "1.");
  const Rect enEntry = numberBox(en, "Current passport");
  EXPECT_LE(enNumber.right(), enEntry.x);
}

TEST(ScreenLayout, KeypadShowsPersianDigitsInPersianAndLatinInEnglish) {
  const ScreenLayout fa = layoutOf("keypad_fa");
  const ScreenLayout en = layoutOf("keypad_en");
  for (int d = 0; d <= 9; ++d) {
    const std::string name = "digit." + std::to_string(d);
    EXPECT_EQ(fa.button(name)->label, text::formatInteger(d, Language::Persian));
    EXPECT_EQ(en.button(name)->label, std::to_string(d));
    EXPECT_EQ(describe(fa.button(name)->action),
              describe(FlowEvent{KeypadDigit{std::to_string(d)}}));
  }
  // 482100931 typed: grouped in fours, the rest shown as dashes.
  EXPECT_TRUE(showsText(fa, "۴۸۲۱ ۰۰۹۳ ۱–––"));
  EXPECT_TRUE(showsText(en, "4821 0093 1––– ––"));
}

TEST(ScreenLayout, OkIsLiveOnlyForFourteenDigitsThatHoldTogether) {
  EXPECT_EQ(layoutOf("keypad_fa").button("ok")->kind, ButtonKind::Disabled);
  EXPECT_EQ(layoutOf("keypad_typo_fa").button("ok")->kind, ButtonKind::Disabled);
  EXPECT_EQ(layoutOf("keypad_complete_fa").button("ok")->kind, ButtonKind::Primary);
  const ScreenLayout layout = layoutOf("keypad_fa");
  const Rect ok = layout.button("ok")->rect;
  EXPECT_FALSE(hitTest(layout, ok.centreX(), ok.centreY()));
}

TEST(ScreenLayout, ATypoIsSaidAtOnce) {
  const auto& words = ScreenWorld::get().wording;
  EXPECT_TRUE(showsText(layoutOf("keypad_typo_fa"), words.fa.keypadTypo));
  EXPECT_TRUE(showsText(layoutOf("keypad_typo_en"), words.en.keypadTypo));
  EXPECT_FALSE(showsText(layoutOf("keypad_complete_en"), words.en.keypadTypo));
}

TEST(ScreenLayout, CheckingShowsItsWordsAtOnceAndTheSpinnerOnlyWhenSlow) {
  const auto spinners = [](const ScreenLayout& layout) {
    return std::count_if(layout.items.begin(), layout.items.end(),
                         [](const DrawItem& i) { return std::holds_alternative<SpinnerItem>(i); });
  };
  const auto& words = ScreenWorld::get().wording;
  EXPECT_TRUE(showsText(layoutOf("checking_fa"), words.fa.checking));
  EXPECT_EQ(spinners(layoutOf("checking_fa")), 0);
  EXPECT_EQ(spinners(layoutOf("checking_spinner_fa")), 1);
}

TEST(ScreenLayout, TheTicketShowsTheNumberInBothScriptsTheServiceAndTheWait) {
  const ScreenLayout fa = layoutOf("checked_in_printing_fa");
  EXPECT_TRUE(showsText(fa, "مریم ر."));
  EXPECT_TRUE(showsText(fa, "گ-۰۱۷"));
  EXPECT_TRUE(showsText(fa, "P-017"));
  EXPECT_TRUE(showsText(fa, "گذرنامه"));
  EXPECT_TRUE(showsText(fa, "۱۰:۳۰"));
  EXPECT_TRUE(showsText(fa, "۳ نفر پیش از شما هستند"));
  EXPECT_TRUE(showsText(fa, "زمان تقریبی انتظار: ۱۲ دقیقه"));
  // The number is by far the largest text, larger in its own script than in the other.
  int faSize = 0;
  int latinSize = 0;
  int largestOther = 0;
  for (const TextItem* t : texts(fa)) {
    if (t->utf8.find("گ-۰۱۷") != std::string::npos) {
      faSize = t->style.pixelSize;
    } else if (t->utf8.find("P-017") != std::string::npos) {
      latinSize = t->style.pixelSize;
    } else {
      largestOther = std::max(largestOther, t->style.pixelSize);
    }
  }
  EXPECT_GT(faSize * 2, 3 * largestOther);
  EXPECT_GT(faSize, 3 * latinSize);
  const ScreenLayout en = layoutOf("checked_in_printing_en");
  EXPECT_TRUE(showsText(en, "Welcome, "));
  EXPECT_TRUE(showsText(en, "3 people ahead of you"));
}

TEST(ScreenLayout, PeopleAheadReadsRightForNoneOneAndMany) {
  auto& world = ScreenWorld::get();
  const auto screenWith = [&](int ahead, Language language) {
    CheckedIn checkedIn;
    checkedIn.ticket = std::get<CheckedIn>(
                           std::get<FlowState>(galleryScreen("checked_in_printing_fa").view).screen)
                           .ticket;
    checkedIn.ticket.peopleAhead = ahead;
    FlowState state;
    state.screen = checkedIn;
    state.language = language;
    return layoutScreen(state, world.context(1280, 800, panels()[0].pixelsPerMm));
  };
  EXPECT_TRUE(showsText(screenWith(0, Language::Persian), "نفر بعدی شما هستید"));
  EXPECT_TRUE(showsText(screenWith(1, Language::Persian), "یک نفر پیش از شماست"));
  EXPECT_TRUE(showsText(screenWith(25, Language::Persian), "۲۵ نفر پیش از شما هستند"));
  EXPECT_TRUE(showsText(screenWith(0, Language::English), "You are next"));
  EXPECT_TRUE(showsText(screenWith(1, Language::English), "1 person ahead of you"));
  EXPECT_TRUE(showsText(screenWith(25, Language::English), "25 people ahead of you"));
  EXPECT_FALSE(showsText(screenWith(0, Language::English), "Estimated wait"));
}

TEST(ScreenLayout, PrintStatusIsSaidAndAFailedPrintOffersAReprint) {
  const auto& words = ScreenWorld::get().wording;
  EXPECT_TRUE(showsText(layoutOf("checked_in_printing_fa"), words.fa.printing));
  EXPECT_TRUE(showsText(layoutOf("checked_in_printed_fa"), words.fa.printed));
  const ScreenLayout failed = layoutOf("checked_in_failed_fa");
  EXPECT_TRUE(showsText(failed, words.fa.printFailed));
  EXPECT_TRUE(showsText(failed, "گ-۰۱۷"));  // the number stays
  ASSERT_NE(failed.button("reprint"), nullptr);
  EXPECT_EQ(describe(failed.button("reprint")->action), describe(FlowEvent{ReprintTapped{}}));
  EXPECT_EQ(layoutOf("checked_in_printing_fa").button("reprint"), nullptr);
  EXPECT_NE(layoutOf("already_checked_in_fa").button("reprint"), nullptr);
  EXPECT_TRUE(showsText(layoutOf("already_checked_in_en"), words.en.alreadyCheckedIn));
}

TEST(ScreenLayout, EightLongOriginalsAllShowNumberedOnOneScreen) {
  for (const char* name : {"checked_in_eight_originals_fa", "already_checked_in_en"}) {
    for (const auto& panel : panels()) {
      const ScreenLayout layout = layoutOf(Case{name, panel, Theme::Standard});
      const TicketScreen ticket =
          std::visit(Overloaded{[](const CheckedIn& c) -> TicketScreen { return c; },
                                [](const AlreadyCheckedIn& c) -> TicketScreen { return c; },
                                [](const auto&) { return TicketScreen{}; }},
                     std::get<FlowState>(galleryScreen(name).view).screen);
      ASSERT_EQ(ticket.ticket.originals.size(), 8u);
      const bool persian = std::string(name).ends_with("_fa");
      for (std::size_t i = 0; i < 8; ++i) {
        const auto& original = ticket.ticket.originals[i];
        EXPECT_TRUE(showsText(layout, persian ? original.fa : original.en)) << name << " " << i;
        EXPECT_TRUE(
            showsText(layout, text::formatInteger(static_cast<int>(i + 1),
                                                  persian ? Language::Persian : Language::English) +
                                  "."));
      }
    }
  }
}

TEST(ScreenLayout, EveryRefusalSaysWhatHappenedAndWhatToDo) {
  const auto& fa = ScreenWorld::get().wording.fa;
  const auto& en = ScreenWorld::get().wording.en;
  EXPECT_TRUE(showsText(layoutOf("refused_check_your_code_fa"), fa.checkYourCodeTodo));
  EXPECT_TRUE(showsText(layoutOf("refused_unreadable_en"), en.unreadableTodo));
  EXPECT_TRUE(showsText(layoutOf("refused_not_a_notice_en"), en.notANoticeTodo));
  for (const char* desk : {"forged", "unknown_code", "cancelled", "too_late", "closed",
                           "server_not_answering", "server_problem"}) {
    EXPECT_TRUE(showsText(layoutOf(std::string("refused_") + desk + "_fa"), fa.seeDesk)) << desk;
    EXPECT_TRUE(showsText(layoutOf(std::string("refused_") + desk + "_en"), en.seeDesk)) << desk;
  }
  // Each desk refusal has its own first sentence.
  EXPECT_TRUE(showsText(layoutOf("refused_forged_en"), en.forged));
  EXPECT_TRUE(showsText(layoutOf("refused_server_not_answering_en"), en.serverNotAnswering));
  // The day in the screen's calendar, times in its digits.
  EXPECT_TRUE(showsText(layoutOf("refused_other_day_fa"), "۱۲ آذر ۱۴۰۵"));
  EXPECT_TRUE(showsText(layoutOf("refused_other_day_fa"), "۱۱:۴۵"));
  EXPECT_TRUE(showsText(layoutOf("refused_other_day_en"), "3 December 2026"));
  EXPECT_TRUE(showsText(layoutOf("refused_too_early_fa"), "۱۰:۵۰"));
  EXPECT_TRUE(showsText(layoutOf("refused_too_early_en"), "10:50"));
  // A typed or misread code can be typed again from the refusal.
  EXPECT_NE(layoutOf("refused_check_your_code_fa").button("type_code"), nullptr);
  EXPECT_EQ(layoutOf("refused_forged_fa").button("type_code"), nullptr);
}

TEST(ScreenLayout, IdleShowsBothLanguagesTheConsulateAndBothCalendars) {
  const ScreenLayout layout = layoutOf("idle_fa");
  const auto& words = ScreenWorld::get().wording;
  EXPECT_TRUE(showsText(layout, words.fa.welcome));
  EXPECT_TRUE(showsText(layout, words.en.welcome));
  EXPECT_TRUE(showsText(layout, words.fa.scanInstruction));
  EXPECT_TRUE(showsText(layout, "سرکنسولگری جمهوری اسلامی ایران در لندن"));
  EXPECT_TRUE(showsText(layout, "۸ آذر ۱۴۰۵"));
  EXPECT_TRUE(showsText(layout, "29 November 2026"));
  EXPECT_TRUE(showsText(layout, "۱۰:۳۲"));
  EXPECT_NE(layout.button("type_code"), nullptr);
  EXPECT_NE(layout.button("help"), nullptr);
  EXPECT_EQ(
      std::count_if(layout.items.begin(), layout.items.end(),
                    [](const DrawItem& i) { return std::holds_alternative<PictogramItem>(i); }),
      1);
}

TEST(ScreenLayout, TheOfflineMarkIsSmallQuietAndOnlyWhenOffline) {
  const auto quiet = [](const ScreenLayout& layout) {
    std::vector<const TextItem*> out;
    for (const TextItem* t : texts(layout)) {
      if (t->colour == ColourRole::Quiet) out.push_back(t);
    }
    return out;
  };
  const ScreenLayout online = layoutOf("idle_en");
  EXPECT_TRUE(quiet(online).empty());
  const ScreenLayout offline = layoutOf("idle_offline_en");
  const auto marks = quiet(offline);
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0]->utf8, "Offline since 10:05");
  EXPECT_LT(marks[0]->style.pixelSize, 4 * panels()[0].pixelsPerMm);
  const ScreenLayout faOffline = layoutOf("idle_offline_fa");
  const auto faMarks = quiet(faOffline);
  ASSERT_EQ(faMarks.size(), 1u);
  EXPECT_NE(faMarks[0]->utf8.find("۱۰:۰۵"), std::string::npos);
}

TEST(ScreenLayout, TextColoursMeetContrastAAInBothThemes) {
  using R = ColourRole;
  const std::pair<R, R> pairs[] = {
      {R::Ink, R::Page},
      {R::MutedInk, R::Page},
      {R::Accent, R::Page},
      {R::Quiet, R::Page},
      {R::OnBand, R::Band},
      {R::OnCard, R::Card},
      {R::Accent, R::Card},
      {R::OnNotice, R::Notice},
      {R::OnPrimary, R::Primary},
      {R::OnSecondary, R::Secondary},
      {R::OnDisabled, R::Disabled},
      {R::Ink, R::Field},
  };
  for (const Theme theme : {Theme::Standard, Theme::HighContrast}) {
    for (const auto& [text, background] : pairs) {
      EXPECT_GE(contrastRatio(colourOf(text, theme), colourOf(background, theme)), 4.5)
          << static_cast<int>(text) << " on " << static_cast<int>(background) << " theme "
          << static_cast<int>(theme);
    }
  }
  EXPECT_NEAR(contrastRatio({0, 0, 0}, {255, 255, 255}), 21.0, 0.01);
}

TEST(ScreenLayout, StaffPinShowsDotsNeverDigits) {
  auto& world = ScreenWorld::get();
  const ScreenLayout layout =
      layoutStaff(StaffPinEntry{4, std::nullopt, false}, world.context(1280, 800, 5.88));
  const auto dots = std::count_if(layout.items.begin(), layout.items.end(), [](const DrawItem& i) {
    return std::holds_alternative<DotItem>(i);
  });
  EXPECT_EQ(dots, 4);
  const Button* seven = layout.button("digit.7");
  ASSERT_NE(seven, nullptr);
  EXPECT_EQ(describe(seven->action), describe(StaffAction{staff::EnterDigit{7}}));
  EXPECT_EQ(layout.button("submit")->kind, ButtonKind::Primary);
  const ScreenLayout locked =
      layoutStaff(StaffPinEntry{0, 840, false}, world.context(1280, 800, 5.88));
  EXPECT_EQ(locked.button("submit")->kind, ButtonKind::Disabled);
  EXPECT_TRUE(showsText(locked, "۸۴۰"));
  EXPECT_TRUE(showsText(locked, "840"));
}

TEST(ScreenLayout, StaffPanelMasksTheScannersLastRead) {
  const ScreenLayout layout = layoutOf(Case{"staff_panel", panels()[0], Theme::Standard});
  EXPECT_FALSE(showsText(layout, "48210093175268"));
  EXPECT_TRUE(showsText(layout, "**********5268"));
  for (const char* name : {"test_print", "scanner_test", "out_of_service", "exit"}) {
    EXPECT_NE(layout.button(name), nullptr) << name;
  }
  EXPECT_EQ(describe(layout.button("out_of_service")->action),
            describe(StaffAction{staff::ToggleOutOfService{}}));
}

TEST(ScreenLayout, NothingHappensOutsideTheButtons) {
  const ScreenLayout layout = layoutOf("idle_fa");
  EXPECT_FALSE(hitTest(layout, layout.width / 2, layout.height / 2));
  EXPECT_FALSE(hitTest(layout, -5, -5));
}

TEST(ScreenLayout, PanelDensityFromSizeAndDiagonal) {
  EXPECT_NEAR(pixelsPerMm(1920, 1080, 15.6), kDefaultPixelsPerMm, 0.02);
  EXPECT_NEAR(pixelsPerMm(1280, 800, 10.1), 5.88, 0.01);
}

}  // namespace
}  // namespace mikhak::kiosk::test
