#include "mikhak/domain/tracking_code.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mikhak::domain {
namespace {

using ParseError = TrackingCode::ParseError;

// A valid code for checking formats: 4821009317526 with its Verhoeff check digit, 8.
constexpr std::string_view kSample = "48210093175268";

std::optional<TrackingCode> parsed(std::string_view text) {
  auto result = TrackingCode::parse(text);
  if (auto* code = std::get_if<TrackingCode>(&result)) return *code;
  return std::nullopt;
}

std::optional<ParseError> parseError(std::string_view text) {
  const auto result = TrackingCode::parse(text);
  if (const auto* error = std::get_if<ParseError>(&result)) return *error;
  return std::nullopt;
}

// The same ASCII digits written with a script's zero, U+06F0 (Persian) or U+0660 (Arabic-Indic).
std::string inScript(std::string_view ascii, char32_t zero) {
  std::string out;
  for (const char c : ascii) {
    const auto cp = static_cast<unsigned>(zero) + static_cast<unsigned>(c - '0');
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

std::vector<TrackingCode> someCodes() {
  std::vector<TrackingCode> codes;
  codes.reserve(11);
  for (int i = 0; i < 8; ++i) codes.push_back(TrackingCode::generate());
  // All zeros and a run of one digit are where a weak check scheme would be blind.
  for (const std::string prefix : {"0000000000000", "9999999999999", "0123456789012"}) {
    codes.push_back(*parsed(prefix + verhoeffCheckDigit(prefix)));
  }
  return codes;
}

// ----- Verhoeff -----

TEST(TrackingCodeVerhoeff, KnownCheckDigits) {
  // Published examples: Wikipedia ("236" -> 3, "1428570" valid), Rosetta Code ("12345" -> 1,
  // "123456789012" -> 0, "8473643095483728456789" -> 2), Perl Algorithm::CheckDigits ("1456789"
  // -> 4).
  EXPECT_EQ(verhoeffCheckDigit("236"), '3');
  EXPECT_EQ(verhoeffCheckDigit("12345"), '1');
  EXPECT_EQ(verhoeffCheckDigit("142857"), '0');
  EXPECT_EQ(verhoeffCheckDigit("123456789012"), '0');
  EXPECT_EQ(verhoeffCheckDigit("8473643095483728456789"), '2');
  EXPECT_EQ(verhoeffCheckDigit("1456789"), '4');
  EXPECT_EQ(verhoeffCheckDigit("75872"), '2');
}

TEST(TrackingCodeVerhoeff, KnownValidAndInvalidNumbers) {
  EXPECT_TRUE(verhoeffValid("2363"));
  EXPECT_TRUE(verhoeffValid("123451"));
  EXPECT_TRUE(verhoeffValid("1428570"));
  EXPECT_TRUE(verhoeffValid("14567894"));
  EXPECT_TRUE(verhoeffValid("84736430954837284567892"));
  EXPECT_FALSE(verhoeffValid("2364"));
  EXPECT_FALSE(verhoeffValid("2336"));  // "2363" with its last two digits swapped
  EXPECT_FALSE(verhoeffValid("123450"));
  EXPECT_FALSE(verhoeffValid("1428571"));
}

TEST(TrackingCodeVerhoeff, NonDigitsAreInvalidOrAnError) {
  EXPECT_FALSE(verhoeffValid(""));
  EXPECT_FALSE(verhoeffValid("23a3"));
  EXPECT_FALSE(verhoeffValid("236 3"));
  EXPECT_THROW((void)verhoeffCheckDigit("2x6"), std::invalid_argument);
}

TEST(TrackingCodeVerhoeff, EveryAppendedCheckDigitValidates) {
  std::string digits;
  for (int i = 0; i < 200; ++i) {
    digits.push_back(static_cast<char>('0' + (i * 7 + i / 10) % 10));
    EXPECT_TRUE(verhoeffValid(digits + verhoeffCheckDigit(digits))) << digits;
  }
}

// ----- Error detection, exhaustively -----

TEST(TrackingCodeVerhoeff, EverySingleDigitSubstitutionIsCaught) {
  for (const TrackingCode& code : someCodes()) {
    for (std::size_t position = 0; position < TrackingCode::kDigits; ++position) {
      for (char digit = '0'; digit <= '9'; ++digit) {
        if (digit == code.digits()[position]) continue;
        std::string typo = code.digits();
        typo[position] = digit;
        EXPECT_EQ(parseError(typo), ParseError::BadCheckDigit) << code.digits() << " -> " << typo;
      }
    }
  }
}

TEST(TrackingCodeVerhoeff, EveryAdjacentTranspositionIsCaught) {
  for (const TrackingCode& code : someCodes()) {
    for (std::size_t position = 0; position + 1 < TrackingCode::kDigits; ++position) {
      std::string swapped = code.digits();
      if (swapped[position] == swapped[position + 1]) continue;
      std::swap(swapped[position], swapped[position + 1]);
      EXPECT_EQ(parseError(swapped), ParseError::BadCheckDigit)
          << code.digits() << " -> " << swapped;
    }
  }
}

TEST(TrackingCodeVerhoeff, EveryDigitPairSwappedAtEveryPositionIsCaught) {
  // Generated codes meet only some pairs; this builds every ordered pair at every place,
  // including the last random digit and the check digit.
  for (std::size_t position = 0; position + 1 < TrackingCode::kDigits; ++position) {
    for (char a = '0'; a <= '9'; ++a) {
      for (char b = '0'; b <= '9'; ++b) {
        if (a == b) continue;
        std::string prefix = "5039182746150";
        prefix[position] = a;
        if (position + 1 < TrackingCode::kRandomDigits) prefix[position + 1] = b;
        std::string digits = prefix + verhoeffCheckDigit(prefix);
        if (digits[position] == digits[position + 1]) continue;
        std::swap(digits[position], digits[position + 1]);
        EXPECT_FALSE(verhoeffValid(digits)) << digits;
      }
    }
  }
}

// ----- parse -----

TEST(TrackingCodeParse, AsciiDigits) {
  const auto code = parsed(kSample);
  ASSERT_TRUE(code);
  EXPECT_EQ(code->digits(), kSample);
}

TEST(TrackingCodeParse, PersianArabicIndicMixedAndSeparatorsGiveTheSameCode) {
  const std::string persian = inScript(kSample, U'\u06F0');
  const std::string arabic = inScript(kSample, U'\u0660');
  ASSERT_EQ(persian, "۴۸۲۱۰۰۹۳۱۷۵۲۶۸");
  ASSERT_EQ(arabic, "٤٨٢١٠٠٩٣١٧٥٢٦٨");
  const std::vector<std::string> spellings = {
      persian,
      arabic,
      "۴۸۲۱ ۰۰۹۳ ۱۷۵۲ ۶۸",
      "٤٨٢١-٠٠٩٣-١٧٥٢-٦٨",
      "4821 ۰۰۹۳ ١٧٥٢ 68",  // three scripts in one code
      "4821-0093-1752-68",
      "  4821 0093 1752 68  ",
      "48-21--00 93 1752 6 8",
      "\u2066۴۸۲۱ ۰۰۹۳ ۱۷۵۲ ۶۸\u2069",  // LRI ... PDI, as a Persian sentence wraps a code
      "\u206748210093175268\u2069",     // RLI
      "\u2068۴۸۲۱\u2069 \u2068۰۰۹۳\u2069 \u2068۱۷۵۲\u2069 \u2068۶۸\u2069",  // FSI per group
  };
  for (const std::string& text : spellings) {
    const auto code = parsed(text);
    ASSERT_TRUE(code) << text;
    EXPECT_EQ(code->digits(), kSample) << text;
  }
}

TEST(TrackingCodeParse, TypoInAnyScriptIsBadCheckDigit) {
  EXPECT_EQ(parseError("48210093175269"), ParseError::BadCheckDigit);
  EXPECT_EQ(parseError("۴۸۲۱ ۰۰۹۳ ۱۷۵۲ ۶۹"), ParseError::BadCheckDigit);
  EXPECT_EQ(parseError("٤٨٢١٠٠٩٣١٧٥٢٨٦"), ParseError::BadCheckDigit);  // last two swapped
}

TEST(TrackingCodeParse, MalformedInputIsAValueNotAnException) {
  const std::vector<std::string> inputs = {
      "",
      " ",
      "- -",
      "4821009317526",    // 13 digits
      "482100931752680",  // 15 digits
      "4821 0093 1752 6",
      "4821O093175268",  // a letter O for a zero
      "48210093175268a",
      "4821\t0093175268",  // tabs are not among the separators
      "4821_0093_1752_68",
      "4821.0093.1752.68",
      "４８２１００９３１７５２６８",  // fullwidth digits (U+FF10..) are not accepted
      "\u200F48210093175268",          // RLM: only the isolates are dropped
      "\u206548210093175268",          // U+2065, next to the isolates, is unassigned
      "\u206A48210093175268",
      "4821009317526\u06FA",  // U+06FA is a letter, one past Persian nine
      "4821009317526\u066A",  // U+066A ARABIC PERCENT SIGN, one past Arabic-Indic nine
      std::string("4821009317526\0"
                  "8",
                  15),
      "4821009317526\xDB",  // a Persian digit cut short
      "\xDB\xB4\xDB",
      "4821009317526\x80",      // a lone continuation byte
      "4821009317526\xC0\xB8",  // overlong '8'
      "4821009317526\xE0\x80\xB8",
      "\xE2\x81",  // an isolate cut short
      "\xFF\xFE",
  };
  for (const std::string& text : inputs) {
    std::optional<ParseError> error;
    EXPECT_NO_THROW(error = parseError(text)) << text;
    EXPECT_EQ(error, ParseError::Malformed) << text;
  }
}

TEST(TrackingCodeParse, MegabyteInputsAreMalformed) {
  const std::size_t kSize = 1 << 20;
  for (const char fill : {'7', '-', ' ', 'x', '\xDB'}) {
    EXPECT_EQ(parseError(std::string(kSize, fill)), ParseError::Malformed) << int{fill};
  }
  EXPECT_EQ(parseError(std::string(kSample) + std::string(kSize, ' ') + "0"),
            ParseError::Malformed);
  EXPECT_TRUE(parsed(std::string(kSize, ' ') + std::string(kSample) + std::string(kSize, '-')));
}

TEST(TrackingCodeParse, GroupedForPeople) {
  EXPECT_EQ(parsed(kSample)->grouped(), "4821 0093 1752 68");
  const TrackingCode code = TrackingCode::generate();
  EXPECT_EQ(parsed(code.grouped()), code);
}

// ----- generate -----

TEST(TrackingCodeGenerate, TenThousandCodesAreValidDistinctAndUniform) {
  constexpr int kCount = 10'000;
  std::set<std::string> seen;
  std::array<std::array<int, 10>, TrackingCode::kDigits> counts{};
  for (int i = 0; i < kCount; ++i) {
    const TrackingCode code = TrackingCode::generate();
    ASSERT_EQ(code.digits().size(), TrackingCode::kDigits);
    ASSERT_TRUE(verhoeffValid(code.digits())) << code.digits();
    ASSERT_EQ(parsed(code.digits()), code);
    seen.insert(code.digits());
    for (std::size_t position = 0; position < TrackingCode::kDigits; ++position) {
      ++counts[position][code.digits()[position] - '0'];
    }
  }
  // Two equal codes among 10,000 drawn from 10^13 happen with probability 5e-6.
  EXPECT_EQ(seen.size(), std::size_t{kCount});

  // Pearson's chi-square per position, 9 degrees of freedom: its mean is 9 and it exceeds 80 with
  // probability about 1e-12, while a digit that never or always appears pushes it past 1,000.
  constexpr double kExpected = kCount / 10.0;
  for (std::size_t position = 0; position < TrackingCode::kDigits; ++position) {
    double chiSquare = 0;
    for (const int observed : counts[position]) {
      chiSquare += (observed - kExpected) * (observed - kExpected) / kExpected;
    }
    EXPECT_LT(chiSquare, 80.0) << "position " << position;
  }
}

}  // namespace
}  // namespace mikhak::domain
