#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/tracking_code.hpp"

namespace mikhak::domain {

// What an appointment notice's QR code vouches for.
struct NoticeClaims {
  TrackingCode code;
  std::string consulate;        // the consulate's short id, e.g. "LON"; [A-Z0-9-]{2,16}
  std::int64_t appointmentUtc;  // start of the appointment, seconds since the Unix epoch
  bool operator==(const NoticeClaims&) const = default;
};

// The QR text: MKH1.<14 digits>.<consulate>.<appointment UTC seconds>.<base64url Ed25519 signature>
// The signature covers everything before its final dot. ASCII only, so every scanner reads it.
std::string encodeNoticePayload(const NoticeClaims& claims, const SigningKey& key);

enum class PayloadVerdict {
  Valid,      // a well-formed code whose check digit holds; for a QR payload, signed by the key
  Typo,       // 14 digits whose check digit fails: a mistyped or misread code
  Forged,     // a Mikhak QR payload whose signature does not verify: altered or made up
  Malformed,  // looks like ours (the MKH prefix, or digits only) but is broken
  NotOurs,    // some other barcode
};

struct PayloadReading {
  PayloadVerdict verdict = PayloadVerdict::NotOurs;
  std::optional<TrackingCode> code;    // for Valid (and a Forged payload, for the desk's records)
  std::optional<NoticeClaims> claims;  // for a Valid QR payload only
  bool signedPayload = false;          // QR payload rather than a bare code
};

// Reads a bare tracking code (typed, or from the notice's Code 128) or a signed QR payload. Bad
// input of any kind comes back as a verdict, never as an exception.
PayloadReading readPayload(std::string_view text, const VerifyKey& key);

std::string_view verdictName(PayloadVerdict verdict);  // "valid", "typo", "forged", ...

}  // namespace mikhak::domain
