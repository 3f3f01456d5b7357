#pragma once

// The kiosk's other exchanges with the consulate server as pure functions: the request bodies
// exactly as server/src/api.cpp checks them, and the answers read into plain types. No I/O; a
// malformed answer is an Error, never an exception.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/domain/catalogue.hpp"
#include "mikhak/domain/signing_key.hpp"

namespace mikhak::kiosk {

// The largest answer read at all: a day manifest of a busy consulate is a few hundred KB.
inline constexpr std::size_t kMaxAnswerBytes = 8 * 1024 * 1024;

// The error code of any error answer ({"error": {"code", ...}}), or nothing if there is none.
std::optional<std::string> errorCode(std::string_view body);

// ---------------------------------------------------------------------------------------------
// GET /api/v1/services

// The consulate as its screens and tickets name it, and the zone its times are in.
struct ConsulateInfo {
  std::string id;
  std::string nameFa;
  std::string nameEn;
  std::string timeZone;  // IANA, e.g. "Europe/London"
  bool operator==(const ConsulateInfo&) const = default;
};

struct ServicesInfo {
  ConsulateInfo consulate;
  domain::Catalogue catalogue;  // without the counter groups, which the API does not send
};
Result<ServicesInfo> parseServices(std::string_view body);

// ---------------------------------------------------------------------------------------------
// GET /api/v1/manifest

struct SignedDayManifest {
  std::string text;       // the manifest JSON, exactly the bytes the signature covers
  std::string signature;  // base64url Ed25519
};
Result<SignedDayManifest> parseManifest(std::string_view body);
// True if the consulate's key signed exactly these bytes.
bool verifyManifest(const SignedDayManifest& manifest, const domain::VerifyKey& key);

// POST /api/v1/sync: sync_json.hpp (the offline store's outbox speaks it).

// ---------------------------------------------------------------------------------------------
// POST /api/v1/heartbeat and POST /api/v1/tickets/{id}/print-result

struct KioskHealth {
  std::string version;                  // at most 32 characters
  std::string printer = "ok";           // printer::heartbeatState(): ok, paper_near_end, ...
  std::string scanner = "ok";           // ok, offline, none
  std::int64_t manifestAgeSeconds = 0;  // how old the kiosk's day manifest is
  std::int64_t outboxDepth = 0;         // offline check-ins not yet synced
};
std::string heartbeatRequestBody(const KioskHealth& health);

std::string printResultRequestBody(bool printed);

}  // namespace mikhak::kiosk
