#include "mikhak/domain/catalogue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace mikhak::domain {
namespace {

const std::filesystem::path kShipped =
    std::filesystem::path(MIKHAK_SOURCE_ASSETS) / "catalogue" / "services.toml";

// One valid service; the bad-input tests change one thing in it.
constexpr std::string_view kPassport = R"([[service]]
id = "passport"
letter = "P"
letter_fa = "گ"
name_fa = "گذرنامه"
name_en = "Passport"
group_fa = "وکالت‌نامه و گذرنامه"
group_en = "Power of attorney and passport"
typical_minutes = 5

[[service.original]]
fa = "اصل گذرنامه فعلی"
en = "Current passport"
)";

constexpr std::string_view kDeath = R"(
[[service]]
id = "death_registration"
letter = "F"
letter_fa = "ف"
name_fa = "ثبت فوت"
name_en = "Death registration"
group_fa = "امور سجلی"
group_en = "Civil registration"
typical_minutes = 10

[[service.original]]
fa = "اصل گواهی فوت"
en = "Local death certificate"
)";

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const auto at = out.find(from);
  EXPECT_NE(at, std::string::npos) << "test setup: " << from << " not in the TOML";
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

std::string passportWith(std::string_view from, std::string_view to) {
  return replaced(kPassport, from, to);
}

// The error text for input that must be rejected.
std::string errorFor(std::string_view toml) {
  auto catalogue = parseCatalogue(toml, "test.toml");
  EXPECT_FALSE(catalogue.ok()) << "accepted:\n" << toml;
  return catalogue.ok() ? std::string() : catalogue.error().message;
}

// Error messages are checked by substring, so wording around the named parts may change.
::testing::AssertionResult contains(std::string_view text, std::string_view part) {
  if (text.find(part) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\" lacks \"" << part << "\"";
}

bool hasArabicYehOrKaf(std::string_view text) {
  return text.find("\u064A") != std::string_view::npos ||
         text.find("\u0643") != std::string_view::npos;
}

std::size_t codePoints(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// --- The shipped file -------------------------------------------------------------------------

TEST(CatalogueShipped, LoadsTheNineServices) {
  auto catalogue = loadCatalogue(kShipped);
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  std::set<std::string> ids;
  for (const Service& service : catalogue->services) ids.insert(service.id);
  EXPECT_EQ(ids, (std::set<std::string>{"marriage_registration", "divorce_registration",
                                        "death_registration", "student_enrolment",
                                        "medical_documents", "power_of_attorney", "personal_status",
                                        "passport", "criminal_record"}));
  EXPECT_EQ(catalogue->services.size(), 9u);
}

TEST(CatalogueShipped, LettersAreUniqueOnBothSides) {
  auto catalogue = loadCatalogue(kShipped);
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  std::set<std::string> latin;
  std::set<std::string> persian;
  for (const Service& service : catalogue->services) {
    EXPECT_TRUE(latin.insert(service.letter).second) << service.letter;
    EXPECT_TRUE(persian.insert(service.letterFa).second) << service.letterFa;
  }
}

TEST(CatalogueShipped, EveryServiceHasOriginalsThatFitAReceiptLine) {
  auto catalogue = loadCatalogue(kShipped);
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  for (const Service& service : catalogue->services) {
    EXPECT_FALSE(service.originals.empty()) << service.id;
    for (const OriginalDocument& original : service.originals) {
      EXPECT_LE(codePoints(original.fa), 60u) << service.id << ": " << original.fa;
      EXPECT_LE(codePoints(original.en), 70u) << service.id << ": " << original.en;
    }
  }
}

TEST(CatalogueShipped, PassportAsksForCurrentPassportAndShenasnameh) {
  auto catalogue = loadCatalogue(kShipped);
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  const Service* passport = catalogue->find("passport");
  ASSERT_NE(passport, nullptr);
  auto asks = [&](std::string_view fa, std::string_view en) {
    return std::any_of(passport->originals.begin(), passport->originals.end(),
                       [&](const OriginalDocument& original) {
                         return original.fa.find(fa) != std::string::npos &&
                                original.en.find(en) != std::string::npos;
                       });
  };
  EXPECT_TRUE(asks("گذرنامه فعلی", "Current passport"));
  EXPECT_TRUE(asks("شناسنامه", "Shenasnameh"));
}

TEST(CatalogueShipped, HasNoArabicYehOrKaf) {
  auto catalogue = loadCatalogue(kShipped);
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  for (const Service& service : catalogue->services) {
    for (std::string_view text :
         {std::string_view(service.letterFa), std::string_view(service.nameFa),
          std::string_view(service.groupFa), std::string_view(service.nameEn)}) {
      EXPECT_FALSE(hasArabicYehOrKaf(text)) << service.id << ": " << text;
    }
    for (const OriginalDocument& original : service.originals) {
      EXPECT_FALSE(hasArabicYehOrKaf(original.fa)) << service.id << ": " << original.fa;
      EXPECT_FALSE(hasArabicYehOrKaf(original.en)) << service.id << ": " << original.en;
    }
  }
}

TEST(CatalogueShipped, DurationsAreWithinRange) {
  auto catalogue = loadCatalogue(kShipped);
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  for (const Service& service : catalogue->services) {
    EXPECT_GE(service.typicalDuration.count(), 1) << service.id;
    EXPECT_LE(service.typicalDuration.count(), 240) << service.id;
  }
  EXPECT_GT(catalogue->find("marriage_registration")->typicalDuration,
            catalogue->find("passport")->typicalDuration);
}

TEST(CatalogueShipped, FindsByIdAndLetter) {
  auto catalogue = loadCatalogue(kShipped);
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  const Service* passport = catalogue->find("passport");
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->letter, "P");
  EXPECT_EQ(passport->nameEn, "Passport");
  EXPECT_EQ(catalogue->findByLetter("P"), passport);
  EXPECT_EQ(catalogue->findByLetter(passport->letterFa), passport);
  const Service* attorney = catalogue->findByLetter("V");
  ASSERT_NE(attorney, nullptr);
  EXPECT_EQ(attorney->id, "power_of_attorney");
  EXPECT_EQ(catalogue->find("visa"), nullptr);
  EXPECT_EQ(catalogue->find(""), nullptr);
  EXPECT_EQ(catalogue->findByLetter("p"), nullptr);
  EXPECT_EQ(catalogue->findByLetter("Q"), nullptr);
}

// --- Parsing ----------------------------------------------------------------------------------

TEST(CatalogueParse, ReadsEveryField) {
  auto catalogue = parseCatalogue(std::string(kPassport) + std::string(kDeath), "test.toml");
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  ASSERT_EQ(catalogue->services.size(), 2u);
  const Service& passport = catalogue->services[0];
  EXPECT_EQ(passport.id, "passport");
  EXPECT_EQ(passport.letter, "P");
  EXPECT_EQ(passport.letterFa, "گ");
  EXPECT_EQ(passport.nameFa, "گذرنامه");
  EXPECT_EQ(passport.nameEn, "Passport");
  EXPECT_EQ(passport.groupFa, "وکالت\u200Cنامه و گذرنامه");
  EXPECT_EQ(passport.groupEn, "Power of attorney and passport");
  EXPECT_EQ(passport.typicalDuration, std::chrono::minutes(5));
  EXPECT_EQ(passport.originals,
            (std::vector<OriginalDocument>{{"اصل گذرنامه فعلی", "Current passport"}}));
  EXPECT_EQ(catalogue->services[1].typicalDuration, std::chrono::minutes(10));
}

TEST(CatalogueParse, TypicalMinutesDefaultsToFive) {
  auto catalogue = parseCatalogue(passportWith("typical_minutes = 5\n", ""), "test.toml");
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  EXPECT_EQ(catalogue->services[0].typicalDuration, std::chrono::minutes(5));
}

TEST(CatalogueParse, NormalisesArabicYehAndKaf) {
  // «كارت ملي» and «ك» as typed on an Arabic keyboard layout.
  std::string toml = passportWith("letter_fa = \"گ\"", "letter_fa = \"\u0643\"");
  toml = replaced(toml, "name_fa = \"گذرنامه\"", "name_fa = \"\u0643ارت مل\u064A\"");
  toml = replaced(toml, "fa = \"اصل گذرنامه فعلی\"", "fa = \"اصل \u0643ارت مل\u064A\"");
  auto catalogue = parseCatalogue(toml, "test.toml");
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  const Service& service = catalogue->services[0];
  EXPECT_EQ(service.letterFa, "\u06A9");
  EXPECT_EQ(service.nameFa, "\u06A9ارت مل\u06CC");
  EXPECT_EQ(service.originals[0].fa, "اصل \u06A9ارت مل\u06CC");
}

TEST(CatalogueParse, ArabicAndPersianKafAreTheSameLetter) {
  std::string second = replaced(kDeath, "letter_fa = \"ف\"", "letter_fa = \"\u0643\"");
  std::string first = passportWith("letter_fa = \"گ\"", "letter_fa = \"\u06A9\"");
  EXPECT_TRUE(contains(errorFor(first + second), "letter_fa"));
}

TEST(CatalogueParse, LeavesEnglishAndIdsAlone) {
  auto catalogue =
      parseCatalogue(passportWith("Current passport", "Current passport \u0643"), "test.toml");
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  EXPECT_EQ(catalogue->services[0].originals[0].en, "Current passport \u0643");
}

// --- Bad input --------------------------------------------------------------------------------

TEST(CatalogueParse, SyntaxErrorReportsLineAndColumn) {
  const std::string message = errorFor(passportWith("letter = \"P\"", "letter = \"P"));
  EXPECT_TRUE(contains(message, "catalogue: test.toml: line 3, column"));
}

TEST(CatalogueParse, RejectsDuplicateId) {
  const std::string message =
      errorFor(std::string(kPassport) + replaced(kDeath, "\"death_registration\"", "\"passport\""));
  EXPECT_TRUE(contains(message, "catalogue: test.toml: "));
  EXPECT_TRUE(contains(message, "service \"passport\": id: \"passport\" is already used"));
}

TEST(CatalogueParse, RejectsDuplicateLetter) {
  const std::string message =
      errorFor(std::string(kPassport) + replaced(kDeath, "letter = \"F\"", "letter = \"P\""));
  EXPECT_TRUE(contains(message,
                       "service \"death_registration\": letter: \"P\" is already used "
                       "by service \"passport\""));
}

TEST(CatalogueParse, RejectsDuplicatePersianLetter) {
  const std::string message =
      errorFor(std::string(kPassport) + replaced(kDeath, "letter_fa = \"ف\"", "letter_fa = \"گ\""));
  EXPECT_TRUE(contains(message, "service \"death_registration\": letter_fa: "));
}

TEST(CatalogueParse, RejectsLetterThatIsNotOneCapital) {
  for (std::string_view bad : {"p", "PA", "", "1", "Ö", "گ"}) {
    const std::string message =
        errorFor(passportWith("letter = \"P\"", "letter = \"" + std::string(bad) + "\""));
    EXPECT_TRUE(contains(message, "catalogue: test.toml: ")) << bad;
    EXPECT_TRUE(contains(message, "service \"passport\": letter: ")) << bad;
  }
}

TEST(CatalogueParse, RejectsPersianLetterThatIsNotOneLetter) {
  for (std::string_view bad : {"گذ", "P", "۱", "\u200C", "گ\u200C"}) {
    const std::string message =
        errorFor(passportWith("letter_fa = \"گ\"", "letter_fa = \"" + std::string(bad) + "\""));
    EXPECT_TRUE(contains(message, "service \"passport\": letter_fa: ")) << bad;
  }
}

TEST(CatalogueParse, RejectsMissingEnglishName) {
  const std::string message = errorFor(passportWith("name_en = \"Passport\"\n", ""));
  EXPECT_TRUE(contains(message, "catalogue: test.toml: "));
  EXPECT_TRUE(contains(message, "service \"passport\": name_en: missing"));
}

TEST(CatalogueParse, RejectsBlankPersianName) {
  const std::string message = errorFor(passportWith("name_fa = \"گذرنامه\"", "name_fa = \"  \""));
  EXPECT_TRUE(contains(message, "service \"passport\": name_fa: must not be empty"));
}

TEST(CatalogueParse, RejectsServiceWithoutOriginals) {
  const std::string noOriginals =
      std::string(kPassport.substr(0, kPassport.find("\n[[service.original]]")));
  EXPECT_TRUE(contains(errorFor(noOriginals), "service \"passport\": original: none listed"));
  EXPECT_TRUE(contains(errorFor(noOriginals + "\noriginal = []\n"),
                       "service \"passport\": original: none listed"));
}

TEST(CatalogueParse, RejectsOriginalWithoutEnglish) {
  const std::string message = errorFor(passportWith("en = \"Current passport\"\n", ""));
  EXPECT_TRUE(contains(message, "service \"passport\": original #1 en: missing"));
}

TEST(CatalogueParse, RejectsTypicalMinutesOutOfRange) {
  EXPECT_TRUE(contains(errorFor(passportWith("typical_minutes = 5", "typical_minutes = 0")),
                       "service \"passport\": typical_minutes: 0 is outside 1-240"));
  EXPECT_TRUE(contains(errorFor(passportWith("typical_minutes = 5", "typical_minutes = 500")),
                       "service \"passport\": typical_minutes: 500 is outside 1-240"));
  EXPECT_TRUE(contains(errorFor(passportWith("typical_minutes = 5", "typical_minutes = \"5\"")),
                       "service \"passport\": typical_minutes: must be a whole number"));
}

TEST(CatalogueParse, RejectsUnknownKey) {
  const std::string message = errorFor(passportWith("[[service.original]]", "[[service.orignal]]"));
  EXPECT_TRUE(contains(message, "catalogue: test.toml: "));
  EXPECT_TRUE(contains(message, "service \"passport\": unknown key \"orignal\""));
  EXPECT_TRUE(
      contains(errorFor(passportWith("en = \"Current passport\"", "en = \"x\"\nnote = \"y\"")),
               "service \"passport\": original #1: unknown key \"note\""));
  EXPECT_TRUE(
      contains(errorFor("title = \"x\"\n" + std::string(kPassport)), "unknown key \"title\""));
}

TEST(CatalogueParse, RejectsIdThatIsNotSnakeCase) {
  EXPECT_TRUE(contains(errorFor(passportWith("id = \"passport\"", "id = \"Pass port\"")),
                       "service #1: id: \"Pass port\" must be snake_case"));
  EXPECT_TRUE(
      contains(errorFor(passportWith("id = \"passport\"\n", "")), "service #1: id: missing"));
}

TEST(CatalogueParse, NamesTheLineOfTheBadField) {
  EXPECT_TRUE(contains(errorFor(passportWith("typical_minutes = 5", "typical_minutes = 0")),
                       "catalogue: test.toml: line 9: service \"passport\""));
}

TEST(CatalogueParse, RejectsEmptyFile) {
  EXPECT_TRUE(contains(errorFor(""), "catalogue: test.toml: no services"));
  EXPECT_TRUE(contains(errorFor("# only a comment\n"), "catalogue: test.toml: no services"));
}

TEST(CatalogueParse, ErrorsAreValuesNotExceptions) {
  for (std::string_view bad :
       {"[[service]]\nid = 5\n", "service = 5\n", "service = [1, 2]\n", "[service]\nid = \"x\"\n",
        "\xFF\xFE", "[[service]]\n[[service]]\n"}) {
    EXPECT_NO_THROW({ EXPECT_FALSE(parseCatalogue(bad, "test.toml").ok()) << bad; });
  }
}

// --- Loading ----------------------------------------------------------------------------------

TEST(CatalogueLoad, MissingFileNamesThePath) {
  const std::filesystem::path missing =
      std::filesystem::temp_directory_path() / "mikhak-no-such-catalogue.toml";
  auto catalogue = loadCatalogue(missing);
  ASSERT_FALSE(catalogue.ok());
  EXPECT_TRUE(contains(catalogue.error().message, "catalogue: " + missing.string() + ": "));
}

TEST(CatalogueLoad, DirectoryIsAnError) {
  auto catalogue = loadCatalogue(std::filesystem::temp_directory_path());
  ASSERT_FALSE(catalogue.ok());
  EXPECT_TRUE(contains(catalogue.error().message, "is a directory"));
}

}  // namespace
}  // namespace mikhak::domain
