#pragma once

// `mikhakctl enrol`: trades a one-time enrolment code (from the technician's page of the staff
// console) for the kiosk's own token (POST /api/v1/kiosks/enrol), and stores the token where the
// kiosk reads it, readable only by the kiosk's user, with the consulate's public key beside the
// configuration.

#include <chrono>
#include <filesystem>
#include <string>

#include "mikhak/base/result.hpp"

namespace mikhak::ctl {

struct EnrolOptions {
  std::string serverUrl;  // http(s)://host[:port]
  std::string code;       // as the console shows it, e.g. "ABCD-EFGH"
  std::filesystem::path tokenFile = "/var/lib/mikhak/kiosk.token";
  std::filesystem::path publicKeyFile = "/etc/mikhak/consulate.pub.pem";
  // Run as root: the token file is given to this user (if it exists) so that the kiosk can read
  // it and nobody else can.
  std::string kioskUser = "mikhak-kiosk";
  bool force = false;  // replace a token already there
  std::chrono::milliseconds connectTimeout{5000};
  std::chrono::milliseconds readTimeout{10000};
};

struct Enrolment {
  std::string kioskId;  // "kiosk-1a2b3c4d"
  std::string name;     // the name the technician gave the code
  std::string consulate;
  std::filesystem::path tokenFile;
  std::filesystem::path publicKeyFile;
  std::string tokenOwner;  // the user the token file belongs to
};

// Refuses (before asking the server, so the code is not spent) when a token file exists and
// `force` is off. Errors say what to do: a code unknown, expired or used (401), too many wrong
// codes (429), a server out of reach, a file that could not be written. The token is never in a
// message.
Result<Enrolment> enrol(const EnrolOptions& options);

}  // namespace mikhak::ctl
