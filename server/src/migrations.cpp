#include "migrations.hpp"

#include <array>
#include <string>

namespace mikhak::server {
namespace {

// Append only: a released step is never edited, a change is a new step.
constexpr std::array<const char*, 8> kSteps{
    // 1: the consulate, its catalogue, appointments, tickets and kiosks.
    R"sql(
CREATE TABLE consulate (
  id TEXT PRIMARY KEY,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  time_zone TEXT NOT NULL
);
CREATE TABLE service (
  id TEXT PRIMARY KEY,
  letter TEXT NOT NULL UNIQUE,
  letter_fa TEXT NOT NULL,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  typical_seconds INTEGER NOT NULL CHECK (typical_seconds > 0),
  originals_json TEXT NOT NULL
);
CREATE TABLE appointment (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 14),
  consulate_id TEXT NOT NULL REFERENCES consulate(id),
  service_id TEXT NOT NULL REFERENCES service(id),
  given_name_fa TEXT NOT NULL,
  family_name_fa TEXT NOT NULL,
  given_name_en TEXT NOT NULL,
  family_name_en TEXT NOT NULL,
  national_id TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked','cancelled','checked_in','served','no_show')),
  priority INTEGER NOT NULL DEFAULT 0,
  extra_originals_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX appointment_by_start ON appointment(consulate_id, starts_at);
CREATE TABLE kiosk (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ticket (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointment(id),
  service_id TEXT NOT NULL REFERENCES service(id),
  day TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  kiosk_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  checked_in_at INTEGER NOT NULL,
  queue_time INTEGER NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  late INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('waiting','called','serving','done','no_show')),
  reprints INTEGER NOT NULL DEFAULT 0,
  called_at INTEGER,
  done_at INTEGER,
  UNIQUE (service_id, day, number),
  UNIQUE (kiosk_id, request_id)
);
CREATE INDEX ticket_waiting ON ticket(service_id, state, queue_time);
)sql",
    // 2: counters, staff and their sessions, calling tickets, and the audit trail.
    R"sql(
CREATE TABLE counter (
  number INTEGER PRIMARY KEY CHECK (number > 0),
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  services_json TEXT NOT NULL
);
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('counter','supervisor','technician')),
  password_hash TEXT NOT NULL
);
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
);
ALTER TABLE ticket ADD COLUMN counter_number INTEGER;
ALTER TABLE ticket ADD COLUMN pinned_counter INTEGER;
ALTER TABLE ticket ADD COLUMN recalls INTEGER NOT NULL DEFAULT 0;
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  from_service TEXT NOT NULL,
  to_service TEXT NOT NULL,
  counter_number INTEGER
);
CREATE INDEX audit_by_ticket ON audit(ticket_id);
)sql",
    // 3: kiosk health, one-time enrolment codes, and ticket-number blocks for offline kiosks.
    R"sql(
ALTER TABLE kiosk ADD COLUMN last_seen INTEGER;
ALTER TABLE kiosk ADD COLUMN status_json TEXT NOT NULL DEFAULT '{}';
CREATE TABLE enrolment (
  code_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE ticket_block (
  kiosk_id TEXT NOT NULL REFERENCES kiosk(id),
  service_id TEXT NOT NULL REFERENCES service(id),
  day TEXT NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL CHECK (last >= first),
  PRIMARY KEY (kiosk_id, service_id, day)
);
)sql",
    // 4: a day's waiting tickets without reading the whole day.
    R"sql(
CREATE INDEX ticket_by_day_state ON ticket(day, state);
)sql",
    // 5: the calling order (queue_order.hpp) as an index, for the next ticket and people ahead.
    R"sql(
CREATE INDEX ticket_call_order ON ticket(day, state, queue_time, priority DESC, checked_in_at, id);
)sql",
    // 6: people ahead in one service's queue, counted over that service's tickets only.
    R"sql(
CREATE INDEX ticket_ahead ON ticket(day, service_id, state, queue_time, priority DESC,
                                    checked_in_at, id);
)sql",
    // 7: who enrolled and who revoked each kiosk, and when.
    R"sql(
ALTER TABLE kiosk ADD COLUMN enrolled_by TEXT NOT NULL DEFAULT '';
ALTER TABLE kiosk ADD COLUMN enrolled_at INTEGER;
ALTER TABLE kiosk ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';
ALTER TABLE kiosk ADD COLUMN revoked_at INTEGER;
)sql",
    // 8: whether the kiosk's printer put the ticket on paper (NULL: not reported yet).
    R"sql(
ALTER TABLE ticket ADD COLUMN printed INTEGER CHECK (printed IN (0, 1));
)sql",
};

}  // namespace

int schemaVersion(Database& db) {
  Statement query = db.prepare("PRAGMA user_version");
  query.step();
  return static_cast<int>(query.integer(0));
}

int latestSchemaVersion() { return static_cast<int>(kSteps.size()); }

int migrate(Database& db) {
  int version = schemaVersion(db);
  if (version > latestSchemaVersion()) {
    throw SqliteError(0, "storage: the database is at schema " + std::to_string(version) +
                             ", newer than this program (" + std::to_string(latestSchemaVersion()) +
                             ")");
  }
  for (; version < latestSchemaVersion(); ++version) {
    Transaction transaction(db);
    db.exec(kSteps[static_cast<std::size_t>(version)]);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    transaction.commit();
  }
  return version;
}

}  // namespace mikhak::server
