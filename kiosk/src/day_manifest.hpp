#pragma once

// The server's signed day manifest (GET /api/v1/manifest), parsed: what a kiosk needs to check
// people in while the server is unreachable. Pure: no I/O.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check_in_flow.hpp"
#include "mikhak/base/result.hpp"
#include "mikhak/domain/check_in_window.hpp"
#include "mikhak/domain/sha256.hpp"

namespace mikhak::kiosk {

struct ManifestService {
  std::string id;
  std::string letter;    // "P"
  std::string letterFa;  // "پ"
  std::string nameFa;
  std::string nameEn;
  std::vector<OriginalDocument> originals;
};

// Ticket numbers the server set aside for this kiosk, service and day.
struct ManifestBlock {
  std::string serviceId;
  int first = 0;
  int last = 0;
};

struct ManifestAppointment {
  std::string codeSha256;  // hex SHA-256 of code_salt + the 14-digit code
  std::string serviceId;
  std::chrono::sys_seconds startsAt{};
  domain::AppointmentStatus status = domain::AppointmentStatus::Booked;
  int priority = 0;
  std::string displayNameFa;
  std::string displayNameEn;
  std::vector<OriginalDocument> extraOriginals;
};

struct DayManifest {
  static constexpr int kVersion = 1;
  std::string consulate;
  std::string kiosk;
  std::string day;       // the consulate's local day, "YYYY-MM-DD"
  std::string timeZone;  // IANA
  std::chrono::sys_seconds generatedAt{};
  domain::CheckInWindow window;
  std::string codeSalt;
  std::vector<ManifestService> services;
  std::vector<ManifestBlock> blocks;
  std::vector<ManifestAppointment> appointments;

  const ManifestService* service(std::string_view id) const;
  const ManifestBlock* block(std::string_view serviceId) const;
  // The appointment whose hash matches this 14-digit code, or nullptr.
  const ManifestAppointment* appointmentByCode(std::string_view digits) const;
};

// Parses and checks the manifest's JSON: version 1, every field present with its type. The error
// names what is wrong (never any personal data).
Result<DayManifest> parseDayManifest(std::string_view text);

}  // namespace mikhak::kiosk
