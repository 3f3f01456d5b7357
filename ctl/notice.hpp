#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/domain/catalogue.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "notice_layout.hpp"
#include "store.hpp"

namespace mikhak::ctl {

// The notice of one booked appointment, read through the server's storage API, its QR payload
// signed with the consulate's key. Errors, as values: a code that is not a tracking code, no such
// appointment, one that is not booked (cancelled, checked in, ...), an unknown consulate or
// service.
Result<NoticeContent> noticeFromStore(server::Store& store, std::string_view code,
                                      const domain::SigningKey& key);

// Where mikhak-server keeps the signing key when not told: beside the database, FILE.key.pem.
std::filesystem::path defaultKeyFile(const std::filesystem::path& database);

// Reads the consulate's signing key (PKCS#8 PEM). Never makes one: a notice signed with a key
// the server does not hold would be turned away at the kiosk as forged.
Result<domain::SigningKey> readSigningKey(const std::filesystem::path& file);

// `mikhakctl notice --db`: opens an existing database (never creates one), reads the key, draws
// the notice and writes the PNG.
Result<Ok> writeNoticeFromDatabase(text::TextEngine& engine, const std::filesystem::path& database,
                                   std::string_view code, const std::filesystem::path& keyFile,
                                   const std::filesystem::path& out);

// The catalogue mikhak-server reads when not told: the source tree's, else the installed one.
Result<domain::Catalogue> loadDefaultCatalogue();

// The demo: a London consulate and a few booked appointments of different services, one with a
// long list of originals. Fixed codes, names and times, so that a demo notice can be a golden.
server::Consulate demoConsulate();
std::vector<server::Appointment> demoAppointments();
// The demo consulate, the catalogue and the demo appointments, written into an empty store.
Result<Ok> seedDemoStore(server::Store& store, const domain::Catalogue& catalogue);

struct DemoNotice {
  std::string code;
  std::string serviceId;
  std::filesystem::path file;
};

// `mikhakctl notice --demo`: a fresh in-memory store and a new key, the public half written to
// DIR/consulate.pub.pem for the scanner tests, and DIR/notice-<code>.png for each appointment.
Result<std::vector<DemoNotice>> writeDemoNotices(text::TextEngine& engine,
                                                 const std::filesystem::path& dir);

}  // namespace mikhak::ctl
