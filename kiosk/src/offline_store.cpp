#include "offline_store.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "day_manifest.hpp"
#include "mikhak/base/sqlite_database.hpp"
#include "mikhak/domain/check_in_window.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/zone_clock.hpp"
#include "mikhak/text/digits.hpp"

namespace mikhak::kiosk {
namespace {

using nlohmann::json;
using std::chrono::sys_seconds;

// Append only: a released step is never edited, a change is a new step. The version lives in
// PRAGMA user_version.
constexpr std::array<const char*, 1> kSteps{
    // 1: the manifests, the numbers used from each block, the outbox and the print results.
    R"sql(
CREATE TABLE manifest (
  day TEXT PRIMARY KEY,
  time_zone TEXT NOT NULL,
  text TEXT NOT NULL,
  signature TEXT NOT NULL,
  generated_at INTEGER NOT NULL,
  fetched_at INTEGER NOT NULL,
  appointments INTEGER NOT NULL
);
CREATE TABLE block_use (
  day TEXT NOT NULL,
  service TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (day, service)
);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  day TEXT NOT NULL,
  code_key TEXT NOT NULL,
  code TEXT,
  service TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  checked_in_at INTEGER NOT NULL,
  ticket_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','synced','conflict','refused')),
  server_ticket_id INTEGER,
  error TEXT NOT NULL DEFAULT '',
  UNIQUE (day, code_key),
  UNIQUE (day, service, number),
  CHECK ((state = 'pending') = (code IS NOT NULL))
);
CREATE TABLE print_result (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER,
  request_id TEXT REFERENCES outbox(request_id),
  printed INTEGER NOT NULL,
  CHECK ((ticket_id IS NULL) <> (request_id IS NULL))
);
)sql",
};

int schemaVersion(base::Database& db) {
  auto s = db.prepare("PRAGMA user_version");
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

void migrate(base::Database& db) {
  const int latest = static_cast<int>(kSteps.size());
  int version = schemaVersion(db);
  if (version > latest) {
    throw base::SqliteError(SQLITE_ERROR,
                            "OfflineStore: the file has schema " + std::to_string(version) +
                                ", newer than this kiosk's " + std::to_string(latest));
  }
  for (; version < latest; ++version) {
    base::Transaction tx(db);
    db.exec(kSteps[static_cast<std::size_t>(version)]);
    db.exec("PRAGMA user_version=" + std::to_string(version + 1));
    tx.commit();
  }
}

Error storageError(const base::SqliteError& e) {
  if (e.full()) {
    return Error{std::string("OfflineStore: the disk or the store's size limit is full (") +
                 e.what() + ")"};
  }
  return Error{std::string("OfflineStore: ") + e.what()};
}

// The key a repeat check-in is found by: the code itself is not kept once the server has it.
std::string codeKey(std::string_view digits) {
  return domain::sha256Hex("mikhak-kiosk-offline:" + std::string(digits));
}

bool verifySignature(const domain::VerifyKey& key, std::string_view text,
                     std::string_view signature) {
  const auto bytes = domain::base64UrlDecode(signature);
  if (!bytes || bytes->size() != std::tuple_size_v<domain::Signature>) return false;
  domain::Signature s{};
  std::copy(bytes->begin(), bytes->end(), s.begin());
  return key.verify(text, s);
}

std::string paddedNumber(int number) {
  std::array<char, 16> digits{};
  std::snprintf(digits.data(), digits.size(), "%03d", number);
  return digits.data();
}

json originalsJson(const std::vector<OriginalDocument>& originals) {
  json list = json::array();
  for (const auto& o : originals) list.push_back({{"fa", o.fa}, {"en", o.en}});
  return list;
}

std::string ticketJson(const TicketInfo& t) {
  return json{{"letter", t.letter},
              {"letter_fa", t.letterFa},
              {"number", t.number},
              {"label", t.label},
              {"label_fa", t.labelFa},
              {"display_name_fa", t.displayNameFa},
              {"display_name_en", t.displayNameEn},
              {"service_fa", t.serviceFa},
              {"service_en", t.serviceEn},
              {"appointment_day", t.appointmentDay},
              {"appointment_time", t.appointmentTime},
              {"originals", originalsJson(t.originals)}}
      .dump();
}

TicketInfo ticketFromJson(const std::string& text) {
  const json j = json::parse(text);
  TicketInfo t;
  t.letter = j.at("letter");
  t.letterFa = j.at("letter_fa");
  t.number = j.at("number");
  t.label = j.at("label");
  t.labelFa = j.at("label_fa");
  t.displayNameFa = j.at("display_name_fa");
  t.displayNameEn = j.at("display_name_en");
  t.serviceFa = j.at("service_fa");
  t.serviceEn = j.at("service_en");
  t.appointmentDay = j.at("appointment_day");
  t.appointmentTime = j.at("appointment_time");
  for (const auto& o : j.at("originals")) t.originals.push_back({o.at("fa"), o.at("en")});
  t.peopleAhead = kUnknownOffline;
  t.estimatedWaitMinutes = kUnknownOffline;
  return t;
}

CheckInRefusal refusal(std::string_view code) {
  return CheckInRefusal{std::string(code), {}, {}, {}};
}

std::string_view stateName(SyncOutcome::Status status) {
  switch (status) {
    case SyncOutcome::Status::Recorded:
    case SyncOutcome::Status::Duplicate:
      return "synced";
    case SyncOutcome::Status::Conflict:
      return "conflict";
    case SyncOutcome::Status::Refused:
      return "refused";
  }
  return "refused";
}

}  // namespace

struct OfflineStore::Loaded {
  DayManifest manifest;
  domain::ZoneClock clock;
};

OfflineStore::OfflineStore(std::unique_ptr<base::Database> db, domain::VerifyKey key,
                           std::string consulateId)
    : db_(std::move(db)), key_(std::move(key)), consulateId_(std::move(consulateId)) {}

OfflineStore::~OfflineStore() = default;

Result<std::unique_ptr<OfflineStore>> OfflineStore::open(const std::filesystem::path& file,
                                                         domain::VerifyKey key,
                                                         std::string consulateId,
                                                         OfflineStoreOptions options) {
  try {
    auto db = base::Database::open(file);
    if (sqlite3_db_readonly(db->handle(), "main") == 1) {
      return Error{"OfflineStore: " + file.string() + " is read-only"};
    }
    // Reading the schema version is the first read of the file: a file that is not a database
    // fails here.
    migrate(*db);
    auto pageSize = db->prepare("PRAGMA page_size");
    pageSize.step();
    const auto pages = options.maxBytes / static_cast<std::uint64_t>(pageSize.integer(0));
    db->exec("PRAGMA max_page_count=" + std::to_string(std::max<std::uint64_t>(pages, 1)));
    return std::unique_ptr<OfflineStore>(
        new OfflineStore(std::move(db), std::move(key), std::move(consulateId)));
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

Result<ManifestInfo> OfflineStore::saveManifest(std::string text, std::string signature,
                                                sys_seconds fetchedAt) {
  if (!verifySignature(key_, text, signature)) {
    return Error{
        "OfflineStore: the manifest's signature does not verify (forged or damaged); the stored "
        "manifest is kept"};
  }
  auto parsed = parseDayManifest(text);
  if (!parsed) return Error{"OfflineStore: " + parsed.error().message};
  const DayManifest& m = *parsed;
  if (m.consulate != consulateId_) {
    return Error{"OfflineStore: the manifest is for consulate " + m.consulate +
                 ", this kiosk is at " + consulateId_};
  }
  if (auto zone = domain::ZoneClock::create(m.timeZone); !zone) {
    return Error{"OfflineStore: the manifest's time zone: " + zone.error().message};
  }
  ManifestInfo info{m.day, m.generatedAt, fetchedAt, static_cast<int>(m.appointments.size())};
  std::lock_guard lock(mutex_);
  try {
    base::Transaction tx(*db_);
    auto newer =
        db_->prepare("SELECT generated_at, fetched_at, appointments FROM manifest WHERE day = ?");
    newer.bind(1, m.day);
    if (newer.step() && newer.integer(0) > m.generatedAt.time_since_epoch().count()) {
      // Generated before the one kept (answers crossed on the network): the newer stays.
      return ManifestInfo{m.day, sys_seconds{std::chrono::seconds(newer.integer(0))},
                          sys_seconds{std::chrono::seconds(newer.integer(1))},
                          static_cast<int>(newer.integer(2))};
    }
    db_->prepare(
           "INSERT OR REPLACE INTO manifest (day, time_zone, text, signature, generated_at, "
           "fetched_at, appointments) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, m.day)
        .bind(2, m.timeZone)
        .bind(3, text)
        .bind(4, signature)
        .bind(5, static_cast<std::int64_t>(m.generatedAt.time_since_epoch().count()))
        .bind(6, static_cast<std::int64_t>(fetchedAt.time_since_epoch().count()))
        .bind(7, info.appointments)
        .run();
    // Earlier days are over: what the server has answered for goes, with their manifests; what it
    // has not (pending check-ins, their print results) and what staff must see stays.
    db_->prepare("DELETE FROM manifest WHERE day < ?").bind(1, m.day).run();
    db_->prepare("DELETE FROM block_use WHERE day < ?").bind(1, m.day).run();
    db_->prepare(
           "DELETE FROM outbox WHERE day < ? AND state = 'synced' AND request_id NOT IN "
           "(SELECT request_id FROM print_result WHERE request_id IS NOT NULL)")
        .bind(1, m.day)
        .run();
    tx.commit();
    loaded_.reset();
    return info;
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

std::optional<ManifestInfo> OfflineStore::manifestInfo() {
  std::lock_guard lock(mutex_);
  try {
    auto s = db_->prepare(
        "SELECT day, generated_at, fetched_at, appointments FROM manifest ORDER BY day DESC LIMIT "
        "1");
    if (!s.step()) return std::nullopt;
    return ManifestInfo{s.text(0), sys_seconds{std::chrono::seconds(s.integer(1))},
                        sys_seconds{std::chrono::seconds(s.integer(2))},
                        static_cast<int>(s.integer(3))};
  } catch (const base::SqliteError&) {
    return std::nullopt;
  }
}

const OfflineStore::Loaded* OfflineStore::manifestFor(sys_seconds now) {
  if (loaded_ && loaded_->clock.day(now) == loaded_->manifest.day) return loaded_.get();
  loaded_.reset();
  auto zoneRow = db_->prepare("SELECT time_zone FROM manifest ORDER BY day DESC LIMIT 1");
  if (!zoneRow.step()) return nullptr;
  auto clock = domain::ZoneClock::create(zoneRow.text(0));
  if (!clock) return nullptr;
  auto row = db_->prepare("SELECT text, signature FROM manifest WHERE day = ?");
  row.bind(1, clock->day(now));
  if (!row.step()) return nullptr;
  // Checked again as read: the file is on the kiosk's disk, within reach of anyone who opens it.
  const std::string text = row.text(0);
  if (!verifySignature(key_, text, row.text(1))) return nullptr;
  auto manifest = parseDayManifest(text);
  if (!manifest || manifest->consulate != consulateId_) return nullptr;
  loaded_ = std::make_unique<Loaded>(Loaded{std::move(*manifest), std::move(*clock)});
  return loaded_.get();
}

Result<CheckInAnswer> OfflineStore::checkInOffline(std::string_view code,
                                                   const std::string& requestId, sys_seconds now) {
  std::lock_guard lock(mutex_);
  try {
    return checkInLocked(code, requestId, now);
  } catch (const base::SqliteError& e) {
    return storageError(e);
  } catch (const json::exception& e) {
    return Error{std::string("OfflineStore: a stored ticket does not read back: ") + e.what()};
  }
}

Result<CheckInAnswer> OfflineStore::checkInLocked(std::string_view code,
                                                  const std::string& requestId, sys_seconds now) {
  const domain::PayloadReading reading = domain::readPayload(code, key_);
  switch (reading.verdict) {
    case domain::PayloadVerdict::Valid:
      break;
    case domain::PayloadVerdict::Typo:
      return CheckInAnswer{refusal("bad_check_digit")};
    case domain::PayloadVerdict::Forged:
      return CheckInAnswer{refusal("forged")};
    case domain::PayloadVerdict::Malformed:
    case domain::PayloadVerdict::NotOurs:
      return CheckInAnswer{refusal("malformed_code")};
  }
  const std::string digits = reading.code->digits();
  const Loaded* loaded = manifestFor(now);
  if (loaded == nullptr) return CheckInAnswer{refusal(kOfflineNoManifest)};
  const DayManifest& manifest = loaded->manifest;
  const domain::ZoneClock& clock = loaded->clock;
  const std::string key = codeKey(digits);

  // Reads and the writes that depend on them in one transaction: a number is taken once.
  base::Transaction tx(*db_);
  const auto stored = [&](base::Statement& row, bool again) {
    CheckInAccepted answer{again, ticketFromJson(row.text(0)), AnswerSource::OfflineManifest};
    if (!row.isNull(1) && row.text(2) == "synced") answer.ticket.ticketId = row.integer(1);
    return CheckInAnswer{std::move(answer)};
  };
  // A retried request gets the answer it had; a request id sent with another code is the
  // kiosk's bug, refused as the server refuses it.
  auto retried = db_->prepare(
      "SELECT ticket_json, server_ticket_id, state, code_key FROM outbox WHERE request_id = ?");
  retried.bind(1, requestId);
  if (retried.step()) {
    if (retried.text(3) != key) return CheckInAnswer{refusal("request_id_reused")};
    return stored(retried, false);
  }
  auto earlier = db_->prepare(
      "SELECT ticket_json, server_ticket_id, state FROM outbox WHERE day = ? AND code_key = ?");
  earlier.bind(1, manifest.day).bind(2, key);
  if (earlier.step()) return stored(earlier, true);

  const ManifestAppointment* appointment = manifest.appointmentByCode(digits);
  if (appointment == nullptr) {
    // Today's manifest lists today's appointments only; a notice's signed claims still tell
    // another consulate or another day, as the server would.
    if (reading.claims) {
      const sys_seconds start{std::chrono::seconds(reading.claims->appointmentUtc)};
      if (reading.claims->consulate != manifest.consulate) {
        return CheckInAnswer{refusal("other_consulate")};
      }
      if (clock.day(start) != manifest.day) {
        return CheckInAnswer{
            CheckInRefusal{"other_day", clock.day(start), clock.hoursMinutes(start), {}}};
      }
    }
    return CheckInAnswer{refusal("unknown_code")};
  }
  CheckInRefusal refused;
  refused.appointmentDay = clock.day(appointment->startsAt);
  refused.appointmentTime = clock.hoursMinutes(appointment->startsAt);
  if (reading.claims &&
      (reading.claims->consulate != manifest.consulate ||
       reading.claims->appointmentUtc != appointment->startsAt.time_since_epoch().count())) {
    // Signed by the consulate, yet not the booking: an old notice for a moved appointment.
    refused.code = "forged";
    return CheckInAnswer{refused};
  }
  const domain::WindowDecision decision =
      domain::decideCheckInWindow({manifest.consulate, appointment->startsAt, appointment->status},
                                  consulateId_, now, clock, manifest.window);
  switch (decision.verdict) {
    case domain::WindowVerdict::Admit:
      break;
    case domain::WindowVerdict::AlreadyCheckedIn:
      refused.code = kOfflineAlreadyCheckedIn;
      return CheckInAnswer{refused};
    default:
      refused.code = domain::refusalCode(decision.verdict);
      if (decision.verdict == domain::WindowVerdict::TooEarly) {
        refused.opensAt = clock.hoursMinutes(decision.opensAt);
      }
      return CheckInAnswer{refused};
  }

  const ManifestService* service = manifest.service(appointment->serviceId);
  const ManifestBlock* block = manifest.block(appointment->serviceId);
  if (block == nullptr) return CheckInAnswer{refusal(kOfflineBlockUsedUp)};
  auto used = db_->prepare("SELECT last_number FROM block_use WHERE day = ? AND service = ?");
  used.bind(1, manifest.day).bind(2, block->serviceId);
  const int number =
      std::max(block->first, used.step() ? static_cast<int>(used.integer(0)) + 1 : block->first);
  if (number > block->last) return CheckInAnswer{refusal(kOfflineBlockUsedUp)};

  TicketInfo ticket;
  ticket.letter = service->letter;
  ticket.letterFa = service->letterFa;
  ticket.number = number;
  ticket.label = service->letter + "-" + paddedNumber(number);
  ticket.labelFa =
      service->letterFa + "-" + text::localizeDigits(paddedNumber(number), Language::Persian);
  ticket.displayNameFa = appointment->displayNameFa;
  ticket.displayNameEn = appointment->displayNameEn;
  ticket.serviceFa = service->nameFa;
  ticket.serviceEn = service->nameEn;
  ticket.appointmentDay = refused.appointmentDay;
  ticket.appointmentTime = refused.appointmentTime;
  ticket.originals = service->originals;
  ticket.originals.insert(ticket.originals.end(), appointment->extraOriginals.begin(),
                          appointment->extraOriginals.end());
  ticket.peopleAhead = kUnknownOffline;
  ticket.estimatedWaitMinutes = kUnknownOffline;

  db_->prepare(
         "INSERT INTO block_use (day, service, last_number) VALUES (?, ?, ?) "
         "ON CONFLICT (day, service) DO UPDATE SET last_number = excluded.last_number")
      .bind(1, manifest.day)
      .bind(2, block->serviceId)
      .bind(3, number)
      .run();
  db_->prepare(
         "INSERT INTO outbox (request_id, day, code_key, code, service, number, checked_in_at, "
         "ticket_json, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')")
      .bind(1, requestId)
      .bind(2, manifest.day)
      .bind(3, key)
      .bind(4, digits)
      .bind(5, block->serviceId)
      .bind(6, number)
      .bind(7, static_cast<std::int64_t>(now.time_since_epoch().count()))
      .bind(8, ticketJson(ticket))
      .run();
  tx.commit();
  return CheckInAnswer{CheckInAccepted{false, std::move(ticket), AnswerSource::OfflineManifest}};
}

Result<std::vector<OutboxEntry>> OfflineStore::pendingSync(std::size_t max) {
  std::lock_guard lock(mutex_);
  try {
    auto s = db_->prepare(
        "SELECT request_id, code, service, number, checked_in_at FROM outbox "
        "WHERE state = 'pending' ORDER BY seq LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(max));
    std::vector<OutboxEntry> entries;
    while (s.step()) {
      entries.push_back(
          {s.text(0), s.text(1), s.text(2), static_cast<int>(s.integer(3)), s.integer(4)});
    }
    return entries;
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

Result<Ok> OfflineStore::applySyncResults(const std::vector<SyncOutcome>& results) {
  std::lock_guard lock(mutex_);
  try {
    base::Transaction tx(*db_);
    for (const auto& r : results) {
      // A recorded or duplicate ticket with another number than ours is the server's own (the
      // online request went through after all, its answer lost): the applicant holds our number,
      // so staff must see it, as a conflict.
      auto update = db_->prepare(
          "UPDATE outbox SET state = CASE WHEN ? = 'synced' AND number <> ? THEN 'conflict' "
          "ELSE ? END, server_ticket_id = ?, error = ?, code = NULL "
          "WHERE request_id = ? AND state = 'pending'");
      update.bind(1, stateName(r.status)).bind(2, r.ticketNumber).bind(3, stateName(r.status));
      if (r.ticketId) {
        update.bind(4, *r.ticketId);
      } else {
        update.bind(4, std::nullopt);
      }
      update.bind(5, r.error).bind(6, r.requestId).run();
      // The server holds no ticket of ours for a conflict or a refusal: no print result to send.
      db_->prepare(
             "DELETE FROM print_result WHERE request_id = ? AND request_id IN "
             "(SELECT request_id FROM outbox WHERE state IN ('conflict', 'refused'))")
          .bind(1, r.requestId)
          .run();
    }
    tx.commit();
    return Ok{};
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

Result<std::size_t> OfflineStore::outboxDepth() {
  std::lock_guard lock(mutex_);
  try {
    auto s = db_->prepare("SELECT count(*) FROM outbox WHERE state = 'pending'");
    s.step();
    return static_cast<std::size_t>(s.integer(0));
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

Result<std::vector<OutboxAttention>> OfflineStore::outboxAttention() {
  std::lock_guard lock(mutex_);
  try {
    auto s = db_->prepare(
        "SELECT request_id, ticket_json, service, checked_in_at, state, error, server_ticket_id "
        "FROM outbox WHERE state IN ('conflict', 'refused') ORDER BY seq");
    std::vector<OutboxAttention> list;
    while (s.step()) {
      OutboxAttention a;
      a.requestId = s.text(0);
      a.label = json::parse(s.text(1)).at("label").get<std::string>();
      a.serviceId = s.text(2);
      a.checkedInAt = s.integer(3);
      a.status =
          s.text(4) == "conflict" ? SyncOutcome::Status::Conflict : SyncOutcome::Status::Refused;
      a.error = s.text(5);
      if (!s.isNull(6)) a.ticketId = s.integer(6);
      list.push_back(std::move(a));
    }
    return list;
  } catch (const base::SqliteError& e) {
    return storageError(e);
  } catch (const json::exception& e) {
    return Error{std::string("OfflineStore: a stored ticket does not read back: ") + e.what()};
  }
}

Result<Ok> OfflineStore::recordPrintResult(std::int64_t ticketId, bool printed) {
  std::lock_guard lock(mutex_);
  try {
    db_->prepare("INSERT INTO print_result (ticket_id, printed) VALUES (?, ?)")
        .bind(1, ticketId)
        .bind(2, printed ? 1 : 0)
        .run();
    return Ok{};
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

Result<Ok> OfflineStore::recordOfflinePrintResult(std::string_view requestId, bool printed) {
  std::lock_guard lock(mutex_);
  try {
    base::Transaction tx(*db_);
    auto state = db_->prepare("SELECT state FROM outbox WHERE request_id = ?");
    state.bind(1, requestId);
    if (!state.step()) {
      return Error{"OfflineStore: no offline check-in " + std::string(requestId)};
    }
    const std::string s = state.text(0);
    if (s == "conflict" || s == "refused") return Ok{};  // the server has no ticket of ours
    db_->prepare("INSERT INTO print_result (request_id, printed) VALUES (?, ?)")
        .bind(1, requestId)
        .bind(2, printed ? 1 : 0)
        .run();
    tx.commit();
    return Ok{};
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

Result<std::vector<PendingPrintResult>> OfflineStore::pendingPrintResults(std::size_t max) {
  std::lock_guard lock(mutex_);
  try {
    auto s = db_->prepare(
        "SELECT p.id, coalesce(p.ticket_id, o.server_ticket_id), p.printed FROM print_result p "
        "LEFT JOIN outbox o ON o.request_id = p.request_id "
        "WHERE p.ticket_id IS NOT NULL OR (o.state = 'synced' AND o.server_ticket_id IS NOT NULL) "
        "ORDER BY p.id LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(max));
    std::vector<PendingPrintResult> list;
    while (s.step()) list.push_back({s.integer(0), s.integer(1), s.integer(2) != 0});
    return list;
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

Result<Ok> OfflineStore::markPrintResultSent(std::int64_t id) {
  std::lock_guard lock(mutex_);
  try {
    db_->prepare("DELETE FROM print_result WHERE id = ?").bind(1, id).run();
    return Ok{};
  } catch (const base::SqliteError& e) {
    return storageError(e);
  }
}

}  // namespace mikhak::kiosk
