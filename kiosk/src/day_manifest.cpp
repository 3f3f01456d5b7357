#include "day_manifest.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mikhak::kiosk {
namespace {

using nlohmann::json;

// Reads with at(), get<>(): a missing field or a wrong type throws json::exception, turned into
// one Error below.
std::vector<OriginalDocument> originals(const json& list) {
  std::vector<OriginalDocument> out;
  for (const auto& o : list)
    out.push_back({o.at("fa").get<std::string>(), o.at("en").get<std::string>()});
  return out;
}

std::chrono::sys_seconds seconds(const json& value) {
  return std::chrono::sys_seconds{std::chrono::seconds(value.get<std::int64_t>())};
}

}  // namespace

const ManifestService* DayManifest::service(std::string_view id) const {
  for (const auto& s : services) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const ManifestBlock* DayManifest::block(std::string_view serviceId) const {
  for (const auto& b : blocks) {
    if (b.serviceId == serviceId) return &b;
  }
  return nullptr;
}

const ManifestAppointment* DayManifest::appointmentByCode(std::string_view digits) const {
  const std::string hash = domain::sha256Hex(codeSalt + std::string(digits));
  for (const auto& a : appointments) {
    if (a.codeSha256 == hash) return &a;
  }
  return nullptr;
}

Result<DayManifest> parseDayManifest(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{"manifest: not a JSON object"};
  try {
    if (j.at("version").get<int>() != DayManifest::kVersion) {
      return Error{"manifest: version " + j.at("version").dump() + ", this kiosk reads version 1"};
    }
    DayManifest m;
    m.consulate = j.at("consulate").get<std::string>();
    m.kiosk = j.at("kiosk").get<std::string>();
    m.day = j.at("day").get<std::string>();
    m.timeZone = j.at("time_zone").get<std::string>();
    m.generatedAt = seconds(j.at("generated_at"));
    const json& w = j.at("window");
    m.window.early = std::chrono::minutes(w.at("early_minutes").get<int>());
    m.window.late = std::chrono::minutes(w.at("late_minutes").get<int>());
    m.window.latePolicy = w.at("admit_late").get<bool>() ? domain::LatePolicy::AdmitLowPriority
                                                         : domain::LatePolicy::Refuse;
    m.codeSalt = j.at("code_salt").get<std::string>();
    for (const auto& s : j.at("services")) {
      m.services.push_back({s.at("id").get<std::string>(), s.at("letter").get<std::string>(),
                            s.at("letter_fa").get<std::string>(),
                            s.at("name_fa").get<std::string>(), s.at("name_en").get<std::string>(),
                            originals(s.at("originals"))});
    }
    for (const auto& b : j.at("blocks")) {
      ManifestBlock block{b.at("service").get<std::string>(), b.at("first").get<int>(),
                          b.at("last").get<int>()};
      if (block.first < 1 || block.last < block.first) {
        return Error{"manifest: the block of " + block.serviceId + " is empty"};
      }
      m.blocks.push_back(std::move(block));
    }
    for (const auto& a : j.at("appointments")) {
      ManifestAppointment appointment;
      appointment.codeSha256 = a.at("code_sha256").get<std::string>();
      appointment.serviceId = a.at("service").get<std::string>();
      if (!m.service(appointment.serviceId)) {
        return Error{"manifest: an appointment for the unknown service " + appointment.serviceId};
      }
      appointment.startsAt = seconds(a.at("starts_at"));
      const auto status = domain::parseAppointmentStatus(a.at("status").get<std::string>());
      if (!status) return Error{"manifest: unknown appointment status " + a.at("status").dump()};
      appointment.status = *status;
      appointment.priority = a.at("priority").get<int>();
      appointment.displayNameFa = a.at("display_name_fa").get<std::string>();
      appointment.displayNameEn = a.at("display_name_en").get<std::string>();
      appointment.extraOriginals = originals(a.at("extra_originals"));
      m.appointments.push_back(std::move(appointment));
    }
    return m;
  } catch (const json::exception& e) {
    // nlohmann's messages name the field's type, never its value.
    return Error{std::string("manifest: ") + e.what()};
  }
}

}  // namespace mikhak::kiosk
