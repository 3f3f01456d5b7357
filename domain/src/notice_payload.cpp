#include "mikhak/domain/notice_payload.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace mikhak::domain {
namespace {

constexpr std::string_view kVersion = "MKH1";
constexpr std::string_view kFamily = "MKH";  // any version: ours, even if this build can't read it
constexpr std::size_t kFields = 5;
constexpr std::size_t kSignatureChars = 86;  // 64 bytes, unpadded base64url
constexpr std::size_t kMaxConsulate = 16;
// MKH1.<14>.<16>.<10>.<86>: anything longer cannot be ours, so it is turned away before any work.
constexpr std::size_t kMaxPayload =
    kVersion.size() + TrackingCode::kDigits + kMaxConsulate + 10 + kSignatureChars + kFields - 1;
// Appointments from 2000-01-01T00:00:00Z up to, not including, 2101-01-01T00:00:00Z: a time
// outside is a bug or tampering, never a real booking.
constexpr std::int64_t kEarliestAppointment = 946'684'800;
constexpr std::int64_t kLatestAppointment = 4'133'980'800;

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool validConsulate(std::string_view id) {
  if (id.size() < 2 || id.size() > kMaxConsulate) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || isAsciiDigit(c) || c == '-'; });
}

bool validAppointment(std::int64_t utc) {
  return utc >= kEarliestAppointment && utc < kLatestAppointment;
}

// Decimal seconds as the encoder writes them: digits only, no sign, no leading zero.
std::optional<std::int64_t> parseAppointment(std::string_view text) {
  if (text.empty() || text.front() == '0' || !std::all_of(text.begin(), text.end(), isAsciiDigit)) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (!validAppointment(value)) return std::nullopt;
  return value;
}

std::string_view trimAsciiSpace(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::vector<std::string_view> splitDots(std::string_view text) {
  std::vector<std::string_view> fields;
  for (;;) {
    const auto dot = text.find('.');
    fields.push_back(text.substr(0, dot));
    if (dot == std::string_view::npos) return fields;
    text.remove_prefix(dot + 1);
  }
}

std::optional<Signature> decodeSignature(std::string_view text) {
  if (text.size() != kSignatureChars) return std::nullopt;
  auto bytes = base64UrlDecode(text);
  if (!bytes || bytes->size() != Signature{}.size()) return std::nullopt;
  Signature signature{};
  std::copy(bytes->begin(), bytes->end(), signature.begin());
  return signature;
}

std::optional<TrackingCode> codeIn(std::string_view field) {
  // Only plain ASCII digits inside a payload: the encoder writes nothing else.
  if (field.size() != TrackingCode::kDigits ||
      !std::all_of(field.begin(), field.end(), isAsciiDigit)) {
    return std::nullopt;
  }
  auto parsed = TrackingCode::parse(field);
  if (const auto* code = std::get_if<TrackingCode>(&parsed)) return *code;
  return std::nullopt;
}

PayloadReading makeReading(PayloadVerdict v, bool signedPayload) {
  PayloadReading reading;
  reading.verdict = v;
  reading.signedPayload = signedPayload;
  return reading;
}

// A QR payload is checked in three steps, so each verdict means one thing:
//  1. the envelope (version MKH1, five fields, an 86-character base64url signature), else
//     Malformed: without it there is nothing to verify, and another version is not a forgery;
//  2. the signature over the bytes before the last dot, else Forged, whatever the fields hold,
//     since any change to a field is exactly what a forgery looks like;
//  3. the fields themselves, else Malformed: a payload our key signed but with bad fields is a
//     bug at the issuing end, not an attack.
PayloadReading readSignedPayload(std::string_view text, const VerifyKey& key) {
  if (text.size() > kMaxPayload) return makeReading(PayloadVerdict::Malformed, true);
  const auto fields = splitDots(text);
  if (fields.size() != kFields || fields[0] != kVersion) {
    return makeReading(PayloadVerdict::Malformed, true);
  }
  const auto signature = decodeSignature(fields[4]);
  if (!signature) return makeReading(PayloadVerdict::Malformed, true);

  const auto code = codeIn(fields[1]);
  const std::string_view signedBytes = text.substr(0, text.rfind('.'));
  if (!key.verify(signedBytes, *signature)) {
    PayloadReading reading = makeReading(PayloadVerdict::Forged, true);
    reading.code = code;  // for the desk's records, when it is a well-formed code
    return reading;
  }

  const auto appointment = parseAppointment(fields[3]);
  if (!code || !validConsulate(fields[2]) || !appointment) {
    return makeReading(PayloadVerdict::Malformed, true);
  }
  PayloadReading reading = makeReading(PayloadVerdict::Valid, true);
  reading.code = code;
  reading.claims = NoticeClaims{*code, std::string(fields[2]), *appointment};
  return reading;
}

// True if the text holds only what a tracking code may: ASCII, Persian (DB B0-B9) or Arabic-Indic
// (D9 A0-A9) digits, spaces, hyphens and bidi isolates (E2 81 A6-A9). Mirrors TrackingCode::parse.
bool onlyCodeCharacters(std::string_view text) {
  const auto byte = [&](std::size_t at) -> unsigned {
    return at < text.size() ? static_cast<unsigned char>(text[at]) : 0U;
  };
  for (std::size_t at = 0; at < text.size();) {
    if (isAsciiDigit(text[at]) || text[at] == ' ' || text[at] == '-') {
      at += 1;
    } else if ((byte(at) == 0xDB && byte(at + 1) >= 0xB0 && byte(at + 1) <= 0xB9) ||
               (byte(at) == 0xD9 && byte(at + 1) >= 0xA0 && byte(at + 1) <= 0xA9)) {
      at += 2;
    } else if (byte(at) == 0xE2 && byte(at + 1) == 0x81 && byte(at + 2) >= 0xA6 &&
               byte(at + 2) <= 0xA9) {
      at += 3;
    } else {
      return false;
    }
  }
  return true;
}

// A bare code, typed or from the notice's Code 128. When it does not parse, the rule is: text made
// only of digits and separators (empty included) is ours but broken, so Malformed, and the kiosk
// asks to scan or type again; text with any other character (a URL, a word, binary) is NotOurs.
// A 13-digit EAN product barcode is therefore Malformed: it cannot be told from a code missing a
// digit.
PayloadReading readBareCode(std::string_view text) {
  auto parsed = TrackingCode::parse(text);
  if (auto* code = std::get_if<TrackingCode>(&parsed)) {
    PayloadReading reading = makeReading(PayloadVerdict::Valid, false);
    reading.code = std::move(*code);
    return reading;
  }
  if (std::get<TrackingCode::ParseError>(parsed) == TrackingCode::ParseError::BadCheckDigit) {
    return makeReading(PayloadVerdict::Typo, false);
  }
  return makeReading(onlyCodeCharacters(text) ? PayloadVerdict::Malformed : PayloadVerdict::NotOurs,
                     false);
}

}  // namespace

std::string encodeNoticePayload(const NoticeClaims& claims, const SigningKey& key) {
  // Claims the reader would reject are a bug in the caller, so they throw rather than print.
  if (!validConsulate(claims.consulate)) {
    throw std::invalid_argument("encodeNoticePayload: consulate id must match [A-Z0-9-]{2,16}");
  }
  if (!validAppointment(claims.appointmentUtc)) {
    throw std::invalid_argument("encodeNoticePayload: appointment outside the years 2000-2100");
  }
  std::string text = std::string(kVersion) + '.' + claims.code.digits() + '.' + claims.consulate +
                     '.' + std::to_string(claims.appointmentUtc);
  const Signature signature = key.sign(text);
  text += '.';
  text += base64UrlEncode(signature);
  return text;
}

PayloadReading readPayload(std::string_view text, const VerifyKey& key) {
  // Scanners end a read with Enter (CR, LF or both); people type stray spaces.
  text = trimAsciiSpace(text);
  if (text.starts_with(kFamily)) return readSignedPayload(text, key);
  return readBareCode(text);
}

std::string_view verdictName(PayloadVerdict verdict) {
  switch (verdict) {
    case PayloadVerdict::Valid:
      return "valid";
    case PayloadVerdict::Typo:
      return "typo";
    case PayloadVerdict::Forged:
      return "forged";
    case PayloadVerdict::Malformed:
      return "malformed";
    case PayloadVerdict::NotOurs:
      return "not-ours";
  }
  return "unknown";  // only for a value cast from outside the enumeration
}

}  // namespace mikhak::domain
