#include "server_api_json.hpp"

#include <algorithm>

#include "json_fields.hpp"

namespace mikhak::kiosk {
namespace {

using namespace json_fields;

Result<json> parseObject(std::string_view body, std::string_view what) {
  if (body.size() > kMaxAnswerBytes) {
    return Error{"ServerClient: the " + std::string(what) + " answer is too large"};
  }
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Error{"ServerClient: the " + std::string(what) + " answer is not a JSON object"};
  }
  return parsed;
}

Error malformed(std::string_view what, std::string_view detail) {
  return Error{"ServerClient: the " + std::string(what) + " answer " + std::string(detail)};
}

// Sent strings are the kiosk's own, but a scanned code may hold bytes that are not UTF-8:
// replaced, so that dumping never throws.
std::string dumpBody(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<domain::Service> service(const json& item) {
  auto id = stringField(item, "id");
  auto letter = stringField(item, "letter");
  auto letterFa = stringField(item, "letter_fa");
  auto nameFa = stringField(item, "name_fa");
  auto nameEn = stringField(item, "name_en");
  const auto minutes = integerField(item, "typical_minutes", 0, 24 * 60);
  const json* originals = arrayField(item, "originals");
  if (!id || !letter || !letterFa || !nameFa || !nameEn || !minutes || !originals) {
    return std::nullopt;
  }
  domain::Service s;
  s.id = std::move(*id);
  s.letter = std::move(*letter);
  s.letterFa = std::move(*letterFa);
  s.nameFa = std::move(*nameFa);
  s.nameEn = std::move(*nameEn);
  s.typicalDuration = std::chrono::minutes(*minutes);
  for (const json& o : *originals) {
    auto fa = stringField(o, "fa");
    auto en = stringField(o, "en");
    if (!fa || !en) return std::nullopt;
    s.originals.push_back({std::move(*fa), std::move(*en)});
  }
  return s;
}

}  // namespace

std::optional<std::string> errorCode(std::string_view body) {
  if (body.size() > kMaxAnswerBytes) return std::nullopt;
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  const json* error = objectField(parsed, "error");
  if (error == nullptr) return std::nullopt;
  return stringField(*error, "code");
}

Result<ServicesInfo> parseServices(std::string_view body) {
  constexpr std::string_view kWhat = "services";
  auto parsed = parseObject(body, kWhat);
  if (!parsed) return parsed.error();
  const json* consulate = objectField(*parsed, "consulate");
  const json* services = arrayField(*parsed, "services");
  if (consulate == nullptr || services == nullptr) {
    return malformed(kWhat, "lacks the consulate or the services");
  }
  auto id = stringField(*consulate, "id");
  auto nameFa = stringField(*consulate, "name_fa");
  auto nameEn = stringField(*consulate, "name_en");
  auto timeZone = stringField(*consulate, "time_zone");
  if (!id || !nameFa || !nameEn || !timeZone) return malformed(kWhat, "has a malformed consulate");
  ServicesInfo info;
  info.consulate = {std::move(*id), std::move(*nameFa), std::move(*nameEn), std::move(*timeZone)};
  for (const json& item : *services) {
    auto s = service(item);
    if (!s) return malformed(kWhat, "has a malformed service");
    info.catalogue.services.push_back(std::move(*s));
  }
  return info;
}

Result<SignedDayManifest> parseManifest(std::string_view body) {
  constexpr std::string_view kWhat = "manifest";
  auto parsed = parseObject(body, kWhat);
  if (!parsed) return parsed.error();
  auto manifestText = stringField(*parsed, "manifest");
  auto signature = stringField(*parsed, "signature");
  if (!manifestText || !signature) return malformed(kWhat, "lacks the manifest or its signature");
  return SignedDayManifest{std::move(*manifestText), std::move(*signature)};
}

bool verifyManifest(const SignedDayManifest& manifest, const domain::VerifyKey& key) {
  const auto bytes = domain::base64UrlDecode(manifest.signature);
  domain::Signature signature{};
  if (!bytes || bytes->size() != signature.size()) return false;
  std::copy(bytes->begin(), bytes->end(), signature.begin());
  return key.verify(manifest.text, signature);
}

std::string heartbeatRequestBody(const KioskHealth& health) {
  return dumpBody({{"version", health.version},
                   {"printer", health.printer},
                   {"scanner", health.scanner},
                   {"manifest_age_seconds", health.manifestAgeSeconds},
                   {"outbox_depth", health.outboxDepth}});
}

std::string printResultRequestBody(bool printed) { return dumpBody({{"printed", printed}}); }

}  // namespace mikhak::kiosk
