#pragma once

// Day manifests as the server writes them (server/src/offline_service.cpp), signed with a key
// made for the test, for the offline store's tests.

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "day_manifest.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/tracking_code.hpp"

namespace mikhak::kiosk::test {

// 10:00 in London (GMT in November) on the manifest's day: "now" for the offline tests.
inline const std::chrono::sys_seconds kManifestMorning =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 24} + std::chrono::hours{10};

struct MadeAppointment {
  std::string code;  // 14 digits
  std::string service = "passport";
  std::chrono::sys_seconds startsAt{};
  std::string status = "booked";
  std::string nameFa = "مریم ر.";
  std::string nameEn = "Maryam R.";
  nlohmann::json extraOriginals = nlohmann::json::array();
};

class ManifestMaker {
 public:
  ManifestMaker() : key_(domain::SigningKey::generate()) {}

  domain::VerifyKey verifyKey() const {
    return std::move(domain::VerifyKey::fromPem(key_.publicKeyPem()).value());
  }
  const domain::SigningKey& signingKey() const { return key_; }

  // An appointment with a fresh code, added to the next manifest made.
  MadeAppointment add(std::chrono::sys_seconds startsAt, std::string status = "booked",
                      std::string service = "passport") {
    MadeAppointment a;
    a.code = domain::TrackingCode::generate().digits();
    a.startsAt = startsAt;
    a.status = std::move(status);
    a.service = std::move(service);
    appointments_.push_back(std::move(a));
    return appointments_.back();
  }
  std::vector<MadeAppointment>& appointments() { return appointments_; }

  nlohmann::json json(const std::string& day = "2026-11-24",
                      std::int64_t generatedAt = 1000) const {
    using nlohmann::json;
    const std::string salt = "salt-" + day + "-" + std::to_string(generatedAt);
    json appointments = json::array();
    for (const auto& a : appointments_) {
      appointments.push_back({{"code_sha256", domain::sha256Hex(salt + a.code)},
                              {"service", a.service},
                              {"starts_at", a.startsAt.time_since_epoch().count()},
                              {"status", a.status},
                              {"priority", 0},
                              {"display_name_fa", a.nameFa},
                              {"display_name_en", a.nameEn},
                              {"extra_originals", a.extraOriginals}});
    }
    const json passport = {
        {"id", "passport"},
        {"letter", "P"},
        {"letter_fa", "پ"},
        {"name_fa", "گذرنامه"},
        {"name_en", "Passport"},
        {"typical_minutes", 8},
        {"originals", json::array({{{"fa", "گذرنامهٔ قبلی"}, {"en", "Previous passport"}}})}};
    const json visa = {{"id", "visa"},
                       {"letter", "V"},
                       {"letter_fa", "و"},
                       {"name_fa", "روادید"},
                       {"name_en", "Visa"},
                       {"typical_minutes", 5},
                       {"originals", json::array({{{"fa", "عکس"}, {"en", "Photograph"}}})}};
    return {{"version", 1},
            {"consulate", "LON"},
            {"kiosk", "kiosk-1"},
            {"day", day},
            {"time_zone", "Europe/London"},
            {"generated_at", generatedAt},
            {"window", {{"early_minutes", 60}, {"late_minutes", 15}, {"admit_late", false}}},
            {"code_salt", salt},
            {"services", json::array({passport, visa})},
            {"blocks",
             json::array({{{"service", "passport"}, {"first", blockFirst}, {"last", blockLast}},
                          {{"service", "visa"}, {"first", 1}, {"last", 30}}})},
            {"appointments", appointments}};
  }

  // {text, signature} as GET /api/v1/manifest carries them.
  std::pair<std::string, std::string> signedText(const nlohmann::json& manifest) const {
    return sign(manifest.dump());
  }
  std::pair<std::string, std::string> sign(std::string text) const {
    std::string signature = domain::base64UrlEncode(key_.sign(text));
    return {std::move(text), std::move(signature)};
  }

  int blockFirst = 31;
  int blockLast = 60;

 private:
  domain::SigningKey key_;
  std::vector<MadeAppointment> appointments_;
};

}  // namespace mikhak::kiosk::test
