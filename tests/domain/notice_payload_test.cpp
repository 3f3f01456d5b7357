#include "mikhak/domain/notice_payload.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace mikhak::domain {
namespace {

using V = PayloadVerdict;

constexpr std::string_view kCodeDigits = "48210093175268";
constexpr std::int64_t kAppointment = 1'790'000'000;  // 2026-09-21T13:33:20Z

TrackingCode codeOf(std::string_view digits) {
  return std::get<TrackingCode>(TrackingCode::parse(digits));
}

std::vector<std::string> splitDots(const std::string& text) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    const auto dot = text.find('.', start);
    fields.push_back(text.substr(start, dot - start));
    if (dot == std::string::npos) return fields;
    start = dot + 1;
  }
}

std::string joinDots(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i > 0 ? "." : "") + fields[i];
  return out;
}

std::string withField(const std::string& payload, std::size_t index, const std::string& value) {
  auto fields = splitDots(payload);
  fields.at(index) = value;
  return joinDots(fields);
}

// A payload whose fields the encoder would refuse, signed anyway, as a buggy issuer might.
std::string signRaw(const std::string& body, const SigningKey& key) {
  return body + "." + base64UrlEncode(key.sign(body));
}

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

class NoticePayload : public ::testing::Test {
 protected:
  PayloadReading read(std::string_view text) const {
    PayloadReading reading;
    EXPECT_NO_THROW(reading = readPayload(text, verifyKey_)) << text;
    return reading;
  }
  V verdictOf(std::string_view text) const { return read(text).verdict; }

  SigningKey key_ = SigningKey::generate();
  VerifyKey verifyKey_ = VerifyKey::fromPem(key_.publicKeyPem()).value();
  NoticeClaims claims_{codeOf(kCodeDigits), "LON", kAppointment};
  std::string payload_ = encodeNoticePayload(claims_, key_);
};

// ----- Round trip and format -----

TEST_F(NoticePayload, RoundTrips) {
  const PayloadReading reading = read(payload_);
  EXPECT_EQ(reading.verdict, V::Valid);
  EXPECT_TRUE(reading.signedPayload);
  EXPECT_EQ(reading.code, claims_.code);
  EXPECT_EQ(reading.claims, claims_);
}

TEST_F(NoticePayload, FormatIsAsDocumented) {
  const std::string body = "MKH1.48210093175268.LON.1790000000";
  ASSERT_TRUE(payload_.starts_with(body + ".")) << payload_;
  const std::string signature = payload_.substr(body.size() + 1);
  EXPECT_EQ(signature.size(), 86u);
  EXPECT_EQ(signature.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  // The signature covers everything before the final dot, and is Ed25519 by the key.
  const auto bytes = base64UrlDecode(signature).value();
  ASSERT_EQ(bytes.size(), 64u);
  Signature raw{};
  std::copy(bytes.begin(), bytes.end(), raw.begin());
  EXPECT_TRUE(verifyKey_.verify(body, raw));
  EXPECT_EQ(raw, key_.sign(body));  // Ed25519 is deterministic
}

TEST_F(NoticePayload, ValidAtTheEdgesOfTheYearRange) {
  for (const std::int64_t utc : {std::int64_t{946'684'800}, std::int64_t{4'133'980'799}}) {
    NoticeClaims claims = claims_;
    claims.appointmentUtc = utc;
    const PayloadReading reading = read(encodeNoticePayload(claims, key_));
    EXPECT_EQ(reading.verdict, V::Valid) << utc;
    EXPECT_EQ(reading.claims, claims);
  }
  NoticeClaims longId = claims_;
  longId.consulate = "ABCDEFGH-1234567";  // 16, the most
  EXPECT_EQ(read(encodeNoticePayload(longId, key_)).claims, longId);
}

TEST_F(NoticePayload, EncodeRejectsClaimsItCouldNotReadBack) {
  for (const std::string consulate :
       {"", "L", "lon", "Lon", "LON.X", "LON X", "ABCDEFGH-12345678", "LÖN", "LON\n"}) {
    NoticeClaims claims = claims_;
    claims.consulate = consulate;
    EXPECT_THROW((void)encodeNoticePayload(claims, key_), std::invalid_argument) << consulate;
  }
  for (const std::int64_t utc : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{946'684'799},
                                 std::int64_t{4'133'980'800}}) {
    NoticeClaims claims = claims_;
    claims.appointmentUtc = utc;
    EXPECT_THROW((void)encodeNoticePayload(claims, key_), std::invalid_argument) << utc;
  }
}

// ----- Tampering -----

TEST_F(NoticePayload, ChangedCodeIsForgedEvenWithAGoodCheckDigit) {
  std::string prefix(kCodeDigits.substr(0, TrackingCode::kRandomDigits));
  prefix[5] = prefix[5] == '9' ? '1' : static_cast<char>(prefix[5] + 1);
  const std::string otherCode = prefix + verhoeffCheckDigit(prefix);
  ASSERT_TRUE(verhoeffValid(otherCode));
  const PayloadReading reading = read(withField(payload_, 1, otherCode));
  EXPECT_EQ(reading.verdict, V::Forged);
  EXPECT_TRUE(reading.signedPayload);
  EXPECT_EQ(reading.code, codeOf(otherCode));  // kept for the desk's records
  EXPECT_FALSE(reading.claims);

  // A typo'd code inside a payload is forged too, with no code to record.
  std::string typo(kCodeDigits);
  typo.back() = typo.back() == '0' ? '1' : '0';
  const PayloadReading typoReading = read(withField(payload_, 1, typo));
  EXPECT_EQ(typoReading.verdict, V::Forged);
  EXPECT_FALSE(typoReading.code);
}

TEST_F(NoticePayload, ChangedConsulateIsForged) {
  EXPECT_EQ(verdictOf(withField(payload_, 2, "LOM")), V::Forged);
  EXPECT_EQ(verdictOf(withField(payload_, 2, "LONDON")), V::Forged);
}

TEST_F(NoticePayload, TimeChangedByOneSecondIsForged) {
  EXPECT_EQ(verdictOf(withField(payload_, 3, std::to_string(kAppointment + 1))), V::Forged);
  EXPECT_EQ(verdictOf(withField(payload_, 3, std::to_string(kAppointment - 1))), V::Forged);
}

TEST_F(NoticePayload, ChangedSignatureCharacterIsForged) {
  const std::string signature = splitDots(payload_)[4];
  for (std::size_t i = 0; i + 1 < signature.size(); ++i) {  // the last one is tested below
    std::string altered = signature;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    EXPECT_EQ(verdictOf(withField(payload_, 4, altered)), V::Forged) << i;
  }
}

TEST_F(NoticePayload, SignatureEndingInSpareBitsIsMalformed) {
  // 64 bytes leave four spare bits in the last character; setting one would spell the same bytes
  // another way, so it is refused before the signature is even checked.
  std::string signature = splitDots(payload_)[4];
  const std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto value = alphabet.find(signature.back());
  ASSERT_EQ(value % 16, 0u);
  signature.back() = alphabet[value + 1];
  EXPECT_EQ(verdictOf(withField(payload_, 4, signature)), V::Malformed);
}

TEST_F(NoticePayload, AnotherKeysSignatureIsForged) {
  const SigningKey other = SigningKey::generate();
  const PayloadReading reading = read(encodeNoticePayload(claims_, other));
  EXPECT_EQ(reading.verdict, V::Forged);
  EXPECT_EQ(reading.code, claims_.code);
  EXPECT_FALSE(reading.claims);
}

TEST_F(NoticePayload, NoSingleCharacterChangeIsValid) {
  // Every position, replaced by every character the payload alphabet and its separators use.
  const std::string_view replacements =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_. ";
  for (std::size_t i = 0; i < payload_.size(); ++i) {
    for (const char c : replacements) {
      if (c == payload_[i]) continue;
      std::string altered = payload_;
      altered[i] = c;
      EXPECT_NE(verdictOf(altered), V::Valid) << altered;
    }
  }
}

// ----- Broken payloads -----

TEST_F(NoticePayload, SignedButBadFieldsAreMalformed) {
  // Our key vouches for these, so they are not forgeries, but no correct issuer writes them.
  const std::string code(kCodeDigits);
  std::string badCheck = code;
  badCheck.back() = badCheck.back() == '0' ? '1' : '0';
  const std::vector<std::string> bodies = {
      "MKH1." + badCheck + ".LON.1790000000",
      "MKH1.4821009317526.LON.1790000000",
      "MKH1.482100931752680.LON.1790000000",
      "MKH1.4821 0093 1752 68.LON.1790000000",
      "MKH1.۴۸۲۱۰۰۹۳۱۷۵۲۶۸.LON.1790000000",
      "MKH1." + code + ".lon.1790000000",
      "MKH1." + code + ".L.1790000000",
      "MKH1." + code + ".ABCDEFGH-12345678.1790000000",
      "MKH1." + code + "..1790000000",
      "MKH1." + code + ".LON.",
      "MKH1." + code + ".LON.01790000000",
      "MKH1." + code + ".LON.+1790000000",
      "MKH1." + code + ".LON.-1790000000",
      "MKH1." + code + ".LON. 1790000000",
      "MKH1." + code + ".LON.1790000000.5",
      "MKH1." + code + ".LON.1.79e9",
      "MKH1." + code + ".LON.0",
      "MKH1." + code + ".LON.946684799",
      "MKH1." + code + ".LON.4133980800",
      "MKH1." + code + ".LON.99999999999999999999999",
  };
  for (const std::string& body : bodies) {
    const PayloadReading reading = read(signRaw(body, key_));
    EXPECT_EQ(reading.verdict, V::Malformed) << body;
    EXPECT_TRUE(reading.signedPayload) << body;
    EXPECT_FALSE(reading.claims) << body;
  }
}

TEST_F(NoticePayload, BrokenEnvelopeIsMalformed) {
  const std::string signature = splitDots(payload_)[4];
  const std::vector<std::string> inputs = {
      "MKH",
      "MKH1",
      "MKH1.",
      "MKH1....",
      payload_.substr(0, payload_.size() - 1),  // truncated signature
      payload_.substr(0, payload_.size() / 2),  // truncated in the middle
      payload_.substr(0, payload_.rfind('.')),  // no signature
      payload_ + ".",                           // six fields
      payload_ + ".extra",
      withField(payload_, 3, "1790000000.1"),  // six fields, signature intact
      withField(payload_, 0, "MKH2"),          // a version this build cannot read
      withField(payload_, 0, "MKH"),
      withField(payload_, 0, "MKH10"),
      withField(payload_, 4, signature + "=="),           // padded
      withField(payload_, 4, signature + "A"),            // 87 characters
      withField(payload_, 4, signature.substr(1)),        // 85 characters
      withField(payload_, 4, "+" + signature.substr(1)),  // standard base64, not url-safe
      withField(payload_, 4, ""),
      "MKH1." + std::string(1 << 20, 'A'),  // huge
      "MKH1." + std::string(1 << 20, '.'),
      std::string("MKH1.\0\xFF\xFE.LON.1.", 15),
  };
  for (const std::string& text : inputs) {
    const PayloadReading reading = read(text);
    EXPECT_EQ(reading.verdict, V::Malformed) << text.substr(0, 200);
    EXPECT_TRUE(reading.signedPayload);
    EXPECT_FALSE(reading.code);
    EXPECT_FALSE(reading.claims);
  }
}

TEST_F(NoticePayload, ScannerLineEndingsAreTrimmed) {
  for (const std::string suffix : {"\r\n", "\n", "\r", " ", "\t\r\n", "\r\n\r\n"}) {
    const PayloadReading reading = read(payload_ + suffix);
    EXPECT_EQ(reading.verdict, V::Valid);
    EXPECT_EQ(reading.claims, claims_);
    EXPECT_EQ(verdictOf(std::string(kCodeDigits) + suffix), V::Valid);
  }
  EXPECT_EQ(verdictOf("  " + payload_), V::Valid);
}

// ----- Bare codes -----

TEST_F(NoticePayload, BareCodeInAnyScriptIsValid) {
  for (const std::string text : {"48210093175268", "4821 0093 1752 68", "4821-0093-1752-68",
                                 "۴۸۲۱ ۰۰۹۳ ۱۷۵۲ ۶۸", "٤٨٢١٠٠٩٣١٧٥٢٦٨", "48210093175268\r\n"}) {
    const PayloadReading reading = read(text);
    EXPECT_EQ(reading.verdict, V::Valid) << text;
    EXPECT_FALSE(reading.signedPayload);
    EXPECT_EQ(reading.code, claims_.code);
    EXPECT_FALSE(reading.claims);  // a bare code vouches for nothing but itself
  }
}

TEST_F(NoticePayload, TypoedBareCodeIsTypo) {
  for (const std::string text : {"48210093175269", "48210093175286", "۴۸۲۱ ۰۰۹۳ ۱۷۵۲ ۶۹"}) {
    const PayloadReading reading = read(text);
    EXPECT_EQ(reading.verdict, V::Typo) << text;
    EXPECT_FALSE(reading.code);
    EXPECT_FALSE(reading.signedPayload);
  }
}

TEST_F(NoticePayload, DigitsOfTheWrongLengthAreMalformed) {
  for (const std::string text :
       {"4006381333931",  // an EAN-13 product barcode: 13 digits, so a code missing one
        "482100931752680", "4821 0093 1752", "۴۸۲۱", "", "\r\n", "   ", "--", "0"}) {
    EXPECT_EQ(verdictOf(text), V::Malformed) << text;
  }
  EXPECT_EQ(verdictOf(std::string(1 << 20, '7')), V::Malformed);
}

TEST_F(NoticePayload, OtherTextIsNotOurs) {
  const std::string byteOrderMark = "\xEF\xBB\xBF";
  for (const std::string& text :
       {std::string("https://example.org"), std::string("hello"), std::string("4821-0093-1752-6X"),
        std::string("mkh1.48210093175268.LON.1"), std::string("WIFI:S:consulate;T:WPA;P:secret;;"),
        std::string("48210093175268?"), std::string("4821\t0093175268"),
        std::string("MKX1.48210093175268"), byteOrderMark + "48210093175268"}) {
    const PayloadReading reading = read(text);
    EXPECT_EQ(reading.verdict, V::NotOurs) << text;
    EXPECT_FALSE(reading.signedPayload);
    EXPECT_FALSE(reading.code);
  }
  EXPECT_EQ(verdictOf(std::string("\0\x01\xFF\xFE", 4)), V::NotOurs);
  EXPECT_EQ(verdictOf(std::string(1 << 20, 'a')), V::NotOurs);
}

TEST(NoticePayloadVerdict, Names) {
  EXPECT_EQ(verdictName(V::Valid), "valid");
  EXPECT_EQ(verdictName(V::Typo), "typo");
  EXPECT_EQ(verdictName(V::Forged), "forged");
  EXPECT_EQ(verdictName(V::Malformed), "malformed");
  EXPECT_EQ(verdictName(V::NotOurs), "not-ours");
}

// ----- Fuzzing, in the style of libFuzzer, with fixed seeds -----

TEST_F(NoticePayload, RandomBytesNeverThrowOrPass) {
  std::mt19937 random(20260921);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> length(0, 200);
  for (int i = 0; i < 20'000; ++i) {
    // A quarter start like a payload, to get past the first check.
    std::string text = i % 4 == 0 ? "MKH1." : "";
    for (std::size_t n = length(random); n > 0; --n)
      text.push_back(static_cast<char>(byte(random)));
    EXPECT_NE(verdictOf(text), V::Valid) << i;
  }
}

// One libFuzzer-like mutation: flip a bit, overwrite, insert, erase, duplicate or truncate.
void mutate(std::string& text, std::mt19937& random) {
  const auto below = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  const auto anyByte = [&] { return static_cast<char>(below(256)); };
  const auto payloadChar = [&] {
    constexpr std::string_view kChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \r\n";
    return kChars[below(kChars.size())];
  };
  if (text.empty()) {
    text.push_back(anyByte());
    return;
  }
  const std::size_t at = below(text.size());
  switch (below(7)) {
    case 0:
      text[at] = static_cast<char>(text[at] ^ (1 << below(8)));
      break;
    case 1:
      text[at] = anyByte();
      break;
    case 2:
      text[at] = payloadChar();
      break;
    case 3:
      text.insert(at, 1, below(2) == 0 ? anyByte() : payloadChar());
      break;
    case 4:
      text.erase(at, 1 + below(4));
      break;
    case 5:
      text.insert(below(text.size() + 1), text.substr(at, 1 + below(8)));
      break;
    default:
      text.resize(at);
      break;
  }
}

TEST_F(NoticePayload, MutatedPayloadsNeverThrowOrPassUnlessUnchanged) {
  std::mt19937 random(1405);
  int forged = 0;
  int malformed = 0;
  for (int i = 0; i < 20'000; ++i) {
    std::string text = payload_;
    const int rounds = 1 + static_cast<int>(random() % 4);
    for (int round = 0; round < rounds; ++round) mutate(text, random);
    const PayloadReading reading = read(text);
    if (reading.verdict == V::Valid) {
      // Only trimmable whitespace may have changed.
      EXPECT_EQ(trimmed(text), payload_) << text;
      EXPECT_EQ(reading.claims, claims_);
    }
    forged += reading.verdict == V::Forged;
    malformed += reading.verdict == V::Malformed;
  }
  // The mutations reach both the signature check and the envelope checks.
  EXPECT_GT(forged, 1000);
  EXPECT_GT(malformed, 1000);
}

}  // namespace
}  // namespace mikhak::domain
