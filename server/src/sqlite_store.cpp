#include "sqlite_store.hpp"

#include <nlohmann/json.hpp>

#include "catalogue_json.hpp"
#include "migrations.hpp"

namespace mikhak::server {
namespace {

using Lock = std::lock_guard<std::mutex>;

std::vector<domain::OriginalDocument> originalsFromJson(const std::string& text) {
  std::vector<domain::OriginalDocument> originals;
  for (const auto& o : nlohmann::json::parse(text)) {
    originals.push_back({o.at("fa").get<std::string>(), o.at("en").get<std::string>()});
  }
  return originals;
}

constexpr std::string_view kTicketColumns =
    "id, appointment_id, service_id, day, number, kiosk_id, request_id, checked_in_at, "
    "queue_time, priority, late, state, reprints, counter_number, pinned_counter, recalls, "
    "coalesce(called_at, 0), printed";

Ticket readTicket(const Statement& row) {
  Ticket t;
  t.id = row.integer(0);
  t.appointmentId = row.integer(1);
  t.serviceId = row.text(2);
  t.day = row.text(3);
  t.number = static_cast<int>(row.integer(4));
  t.kioskId = row.text(5);
  t.requestId = row.text(6);
  t.checkedInAt = row.integer(7);
  t.queueTime = row.integer(8);
  t.priority = static_cast<int>(row.integer(9));
  t.late = row.integer(10) != 0;
  t.state = parseTicketState(row.text(11)).value_or(TicketState::Waiting);
  t.reprints = static_cast<int>(row.integer(12));
  if (!row.isNull(13)) t.counter = static_cast<int>(row.integer(13));
  if (!row.isNull(14)) t.pinnedCounter = static_cast<int>(row.integer(14));
  t.recalls = static_cast<int>(row.integer(15));
  t.calledAt = row.integer(16);
  if (!row.isNull(17)) t.printed = row.integer(17) != 0;
  return t;
}

// Runs an INSERT; false if it broke a uniqueness rule (a taken code or login).
bool insertUnlessTaken(Statement& statement) {
  try {
    statement.run();
  } catch (const SqliteError& e) {
    if (e.constraint()) return false;
    throw;
  }
  return true;
}

std::string ticketQuery(std::string_view where) {
  return "SELECT " + std::string(kTicketColumns) + " FROM ticket WHERE " + std::string(where);
}

}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::open(const std::filesystem::path& file) {
  auto db = Database::open(file);
  migrate(*db);
  // Enough readers for the request workers that read at the same time on a small machine.
  constexpr int kReaders = 4;
  return std::make_unique<SqliteStore>(std::move(db), file, kReaders);
}

std::unique_ptr<SqliteStore> SqliteStore::openReadOnly(const std::filesystem::path& file) {
  auto db = Database::open(file, Database::Mode::ReadOnly);
  if (const int version = schemaVersion(*db); version != latestSchemaVersion()) {
    throw SqliteError(0, "storage: " + file.string() + " is at schema " + std::to_string(version) +
                             "; this program reads schema " +
                             std::to_string(latestSchemaVersion()) +
                             " (start the server once to migrate it)");
  }
  return std::make_unique<SqliteStore>(std::move(db), file, 0);
}

SqliteStore::SqliteStore(std::unique_ptr<Database> writer, const std::filesystem::path& file,
                         int readers)
    : db_(std::move(writer)), readers_(file, readers) {}

SqliteStore::ReadConnection SqliteStore::forReading() {
  if (readers_.empty()) return ReadConnection(mutex_, *db_);
  return ReadConnection(readers_.acquire());
}

void SqliteStore::saveConsulate(const Consulate& c) {
  const Lock lock(mutex_);
  db_->prepare(
         "INSERT INTO consulate (id, name_fa, name_en, time_zone) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT (id) DO UPDATE SET name_fa = ?2, name_en = ?3, time_zone = ?4")
      .bind(1, c.id)
      .bind(2, c.nameFa)
      .bind(3, c.nameEn)
      .bind(4, c.timeZone)
      .run();
}

std::optional<Consulate> SqliteStore::consulate(std::string_view id) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare("SELECT id, name_fa, name_en, time_zone FROM consulate WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return Consulate{q.text(0), q.text(1), q.text(2), q.text(3)};
}

void SqliteStore::saveCatalogue(const domain::Catalogue& catalogue) {
  const Lock lock(mutex_);
  Transaction transaction(*db_);
  for (const auto& s : catalogue.services) {
    db_->prepare(
           "INSERT INTO service (id, letter, letter_fa, name_fa, name_en, typical_seconds, "
           "originals_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET "
           "letter = ?2, letter_fa = ?3, name_fa = ?4, name_en = ?5, typical_seconds = ?6, "
           "originals_json = ?7")
        .bind(1, s.id)
        .bind(2, s.letter)
        .bind(3, s.letterFa)
        .bind(4, s.nameFa)
        .bind(5, s.nameEn)
        .bind(6, static_cast<std::int64_t>(s.typicalDuration.count() * 60))
        .bind(7, originalsJson(s.originals).dump())
        .run();
  }
  transaction.commit();
}

domain::Catalogue SqliteStore::catalogue() {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  domain::Catalogue catalogue;
  Statement q = db.prepare(
      "SELECT id, letter, letter_fa, name_fa, name_en, typical_seconds, originals_json FROM "
      "service ORDER BY id");
  while (q.step()) {
    domain::Service s;
    s.id = q.text(0);
    s.letter = q.text(1);
    s.letterFa = q.text(2);
    s.nameFa = q.text(3);
    s.nameEn = q.text(4);
    s.typicalDuration = std::chrono::minutes(q.integer(5) / 60);
    s.originals = originalsFromJson(q.text(6));
    catalogue.services.push_back(std::move(s));
  }
  return catalogue;
}

bool SqliteStore::addAppointment(Appointment& a) {
  const Lock lock(mutex_);
  Statement insert = db_->prepare(
      "INSERT INTO appointment (code, consulate_id, service_id, given_name_fa, "
      "family_name_fa, given_name_en, family_name_en, national_id, starts_at, status, "
      "priority, extra_originals_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "?11, ?12)");
  insert.bind(1, a.code)
      .bind(2, a.consulateId)
      .bind(3, a.serviceId)
      .bind(4, a.applicant.givenFa)
      .bind(5, a.applicant.familyFa)
      .bind(6, a.applicant.givenEn)
      .bind(7, a.applicant.familyEn)
      .bind(8, a.applicant.nationalId)
      .bind(9, a.startsAt)
      .bind(10, toString(a.status))
      .bind(11, a.priority)
      .bind(12, originalsJson(a.extraOriginals).dump());
  if (!insertUnlessTaken(insert)) return false;
  a.id = db_->lastInsertId();
  return true;
}

namespace {
constexpr std::string_view kAppointmentColumns =
    "id, code, consulate_id, service_id, given_name_fa, family_name_fa, given_name_en, "
    "family_name_en, national_id, starts_at, status, priority, extra_originals_json";

Appointment readAppointment(const Statement& q) {
  Appointment a;
  a.id = q.integer(0);
  a.code = q.text(1);
  a.consulateId = q.text(2);
  a.serviceId = q.text(3);
  a.applicant = {q.text(4), q.text(5), q.text(6), q.text(7), q.text(8)};
  a.startsAt = q.integer(9);
  a.status = parseAppointmentStatus(q.text(10)).value_or(AppointmentStatus::Booked);
  a.priority = static_cast<int>(q.integer(11));
  a.extraOriginals = originalsFromJson(q.text(12));
  return a;
}
}  // namespace

std::optional<Appointment> SqliteStore::appointmentByCode(std::string_view code) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare("SELECT " + std::string(kAppointmentColumns) +
                           " FROM appointment WHERE code = ?1");
  q.bind(1, code);
  if (!q.step()) return std::nullopt;
  return readAppointment(q);
}

std::vector<Appointment> SqliteStore::appointmentsBetween(std::string_view consulateId,
                                                          std::int64_t from, std::int64_t to) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare("SELECT " + std::string(kAppointmentColumns) +
                           " FROM appointment WHERE consulate_id = ?1 AND starts_at >= ?2 AND "
                           "starts_at < ?3 ORDER BY starts_at, id");
  q.bind(1, consulateId).bind(2, from).bind(3, to);
  std::vector<Appointment> list;
  while (q.step()) list.push_back(readAppointment(q));
  return list;
}

std::int64_t SqliteStore::appointmentCount() {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare("SELECT count(*) FROM appointment");
  q.step();
  return q.integer(0);
}

namespace {
constexpr std::string_view kKioskColumns =
    "id, name, token_hash, revoked, coalesce(last_seen, 0), status_json, enrolled_by, "
    "coalesce(enrolled_at, 0), revoked_by, coalesce(revoked_at, 0)";

KioskRecord readKiosk(const Statement& q) {
  return {q.text(0), q.text(1), q.text(2),    q.integer(3) != 0, q.integer(4),
          q.text(5), q.text(6), q.integer(7), q.text(8),         q.integer(9)};
}
}  // namespace

void SqliteStore::addKiosk(const KioskRecord& k) {
  const Lock lock(mutex_);
  db_->prepare(
         "INSERT INTO kiosk (id, name, token_hash, revoked, enrolled_by, enrolled_at) VALUES (?1, "
         "?2, ?3, ?4, ?5, ?6)")
      .bind(1, k.id)
      .bind(2, k.name)
      .bind(3, k.tokenHash)
      .bind(4, k.revoked ? 1 : 0)
      .bind(5, k.enrolledBy)
      .bind(6, k.enrolledAt ? std::optional<std::int64_t>(k.enrolledAt) : std::nullopt)
      .run();
}

std::optional<KioskRecord> SqliteStore::kioskByTokenHash(std::string_view tokenHash) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q =
      db.prepare("SELECT " + std::string(kKioskColumns) + " FROM kiosk WHERE token_hash = ?1");
  q.bind(1, tokenHash);
  if (!q.step()) return std::nullopt;
  return readKiosk(q);
}

std::vector<KioskRecord> SqliteStore::kiosks() {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare("SELECT " + std::string(kKioskColumns) + " FROM kiosk ORDER BY id");
  std::vector<KioskRecord> list;
  while (q.step()) {
    list.push_back(readKiosk(q));
  }
  return list;
}

bool SqliteStore::revokeKiosk(std::string_view id, std::int64_t at, std::string_view by) {
  const Lock lock(mutex_);
  Transaction transaction(*db_);
  Statement q = db_->prepare("SELECT revoked FROM kiosk WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return false;
  if (q.integer(0) == 0) {
    db_->prepare("UPDATE kiosk SET revoked = 1, revoked_at = ?2, revoked_by = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, at)
        .bind(3, by)
        .run();
  }
  q.reset();
  transaction.commit();
  return true;
}

void SqliteStore::recordHeartbeat(std::string_view kioskId, std::int64_t at,
                                  std::string_view statusJson) {
  const Lock lock(mutex_);
  db_->prepare("UPDATE kiosk SET last_seen = ?2, status_json = ?3 WHERE id = ?1")
      .bind(1, kioskId)
      .bind(2, at)
      .bind(3, statusJson)
      .run();
}

void SqliteStore::addEnrolmentCode(std::string_view codeHash, std::string_view name,
                                   std::int64_t expiresAt, std::string_view createdBy) {
  const Lock lock(mutex_);
  db_->prepare(
         "INSERT INTO enrolment (code_hash, name, expires_at, created_by) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, codeHash)
      .bind(2, name)
      .bind(3, expiresAt)
      .bind(4, createdBy)
      .run();
}

std::optional<EnrolmentGrant> SqliteStore::takeEnrolmentCode(std::string_view codeHash,
                                                             std::int64_t now) {
  const Lock lock(mutex_);
  Transaction transaction(*db_);
  Statement q =
      db_->prepare("SELECT name, expires_at, created_by FROM enrolment WHERE code_hash = ?1");
  q.bind(1, codeHash);
  if (!q.step()) return std::nullopt;
  EnrolmentGrant grant{q.text(0), q.text(2)};
  const bool valid = q.integer(1) > now;
  q.reset();
  db_->prepare("DELETE FROM enrolment WHERE code_hash = ?1").bind(1, codeHash).run();
  transaction.commit();
  if (!valid) return std::nullopt;
  return grant;
}

int SqliteStore::nextNumber(std::string_view serviceId, std::string_view day) {
  Statement next = db_->prepare(
      "SELECT max(coalesce((SELECT max(number) FROM ticket WHERE service_id = ?1 AND day = ?2), "
      "0), coalesce((SELECT max(last) FROM ticket_block WHERE service_id = ?1 AND day = ?2), 0)) "
      "+ 1");
  next.bind(1, serviceId).bind(2, day);
  next.step();
  return static_cast<int>(next.integer(0));
}

TicketBlock SqliteStore::reserveBlock(std::string_view kioskId, std::string_view serviceId,
                                      std::string_view day, int size) {
  const Lock lock(mutex_);
  Transaction transaction(*db_);
  Statement q = db_->prepare(
      "SELECT first, last FROM ticket_block WHERE kiosk_id = ?1 AND service_id = ?2 AND day = ?3");
  q.bind(1, kioskId).bind(2, serviceId).bind(3, day);
  if (q.step()) {
    return {std::string(kioskId), std::string(serviceId), std::string(day),
            static_cast<int>(q.integer(0)), static_cast<int>(q.integer(1))};
  }
  const int first = nextNumber(serviceId, day);
  TicketBlock block{std::string(kioskId), std::string(serviceId), std::string(day), first,
                    first + size - 1};
  db_->prepare(
         "INSERT INTO ticket_block (kiosk_id, service_id, day, first, last) VALUES (?1, ?2, ?3, "
         "?4, ?5)")
      .bind(1, kioskId)
      .bind(2, serviceId)
      .bind(3, day)
      .bind(4, block.first)
      .bind(5, block.last)
      .run();
  transaction.commit();
  return block;
}

std::optional<TicketBlock> SqliteStore::blockOf(std::string_view kioskId,
                                                std::string_view serviceId, std::string_view day) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(
      "SELECT first, last FROM ticket_block WHERE kiosk_id = ?1 AND service_id = ?2 AND day = ?3");
  q.bind(1, kioskId).bind(2, serviceId).bind(3, day);
  if (!q.step()) return std::nullopt;
  return TicketBlock{std::string(kioskId), std::string(serviceId), std::string(day),
                     static_cast<int>(q.integer(0)), static_cast<int>(q.integer(1))};
}

Ticket SqliteStore::issueTicket(const NewTicket& r) {
  Ticket ticket;
  commitInGroup([&] { ticket = insertTicket(r); });
  return ticket;
}

// Group commit: writes that arrive while one transaction is being written (and fsync'd) wait,
// and the next writer records all of them in one transaction, each under a savepoint of its own
// so that one conflict fails only its own request. Acknowledged means committed, as before; the
// disk is flushed once per batch instead of once per write.
void SqliteStore::commitInGroup(std::function<void()> work) {
  PendingWrite mine{std::move(work), {}, false};
  std::unique_lock queue(queueMutex_);
  pending_.push_back(&mine);
  while (!mine.finished) {
    if (writing_) {
      written_.wait(queue);
      continue;
    }
    writing_ = true;
    std::vector<PendingWrite*> batch;
    batch.swap(pending_);
    queue.unlock();
    writeBatch(batch);
    queue.lock();
    writing_ = false;
    written_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

void SqliteStore::writeBatch(const std::vector<PendingWrite*>& batch) {
  const Lock lock(mutex_);
  try {
    Transaction transaction(*db_);
    for (PendingWrite* p : batch) {
      db_->exec("SAVEPOINT write");
      try {
        p->work();
        db_->exec("RELEASE write");
      } catch (const StoreError&) {
        p->error = std::current_exception();
        db_->exec("ROLLBACK TO write");
        db_->exec("RELEASE write");
      }
    }
    transaction.commit();
  } catch (...) {
    // Nothing of the batch is on disk: every request in it fails.
    for (PendingWrite* p : batch) {
      if (!p->error) p->error = std::current_exception();
    }
  }
  for (PendingWrite* p : batch) p->finished = true;
}

Ticket SqliteStore::insertTicket(const NewTicket& r) {
  const int number = r.number ? *r.number : nextNumber(r.serviceId, r.day);
  db_->prepare(
         "INSERT INTO ticket (appointment_id, service_id, day, number, kiosk_id, request_id, "
         "checked_in_at, queue_time, priority, late, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
         "?8, ?9, ?10, 'waiting')")
      .bind(1, r.appointmentId)
      .bind(2, r.serviceId)
      .bind(3, r.day)
      .bind(4, number)
      .bind(5, r.kioskId)
      .bind(6, r.requestId)
      .bind(7, r.checkedInAt)
      .bind(8, r.queueTime)
      .bind(9, r.priority)
      .bind(10, r.late ? 1 : 0)
      .run();
  const std::int64_t id = db_->lastInsertId();
  db_->prepare("UPDATE appointment SET status = 'checked_in' WHERE id = ?1")
      .bind(1, r.appointmentId)
      .run();
  db_->prepare(
         "INSERT INTO audit (at, actor, ticket_id, action, from_state, to_state, from_service, "
         "to_service) VALUES (?1, ?2, ?3, 'check_in', 'booked', 'waiting', ?4, ?4)")
      .bind(1, r.checkedInAt)
      .bind(2, r.kioskId)
      .bind(3, id)
      .bind(4, r.serviceId)
      .run();
  Statement read = db_->prepare(ticketQuery("id = ?1"));
  read.bind(1, id);
  read.step();
  return readTicket(read);
}

std::optional<Ticket> SqliteStore::firstTicket(Statement& query) {
  if (!query.step()) return std::nullopt;
  return readTicket(query);
}

std::optional<Ticket> SqliteStore::ticketByRequest(std::string_view kioskId,
                                                   std::string_view requestId) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(ticketQuery("kiosk_id = ?1 AND request_id = ?2"));
  q.bind(1, kioskId).bind(2, requestId);
  return firstTicket(q);
}

std::optional<Ticket> SqliteStore::ticketByAppointment(std::int64_t appointmentId) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(ticketQuery("appointment_id = ?1"));
  q.bind(1, appointmentId);
  return firstTicket(q);
}

Ticket SqliteStore::countReprint(std::int64_t ticketId) {
  const Lock lock(mutex_);
  db_->prepare("UPDATE ticket SET reprints = reprints + 1 WHERE id = ?1").bind(1, ticketId).run();
  Statement q = db_->prepare(ticketQuery("id = ?1"));
  q.bind(1, ticketId);
  q.step();
  return readTicket(q);
}

bool SqliteStore::recordPrint(std::int64_t ticketId, bool printed, std::string_view kioskId,
                              std::int64_t at) {
  bool found = false;
  commitInGroup([&] {
    Statement read = db_->prepare("SELECT state, service_id FROM ticket WHERE id = ?1");
    read.bind(1, ticketId);
    if (!read.step()) return;
    const std::string state = read.text(0);
    const std::string service = read.text(1);
    read.reset();
    found = true;
    db_->prepare("UPDATE ticket SET printed = ?2 WHERE id = ?1")
        .bind(1, ticketId)
        .bind(2, printed ? 1 : 0)
        .run();
    db_->prepare(
           "INSERT INTO audit (at, actor, ticket_id, action, from_state, to_state, from_service, "
           "to_service) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6)")
        .bind(1, at)
        .bind(2, kioskId)
        .bind(3, ticketId)
        .bind(4, printed ? "printed" : "print_failed")
        .bind(5, state)
        .bind(6, service)
        .run();
  });
  return found;
}

std::optional<Ticket> SqliteStore::nextWaiting(std::string_view day, int counter,
                                               const std::vector<std::string>& services) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(ticketQuery(
      "day = ?1 AND state = 'waiting' AND (pinned_counter = ?2 OR (pinned_counter IS NULL AND "
      "service_id IN (SELECT value FROM json_each(?3)))) ORDER BY queue_time, priority DESC, "
      "checked_in_at, id LIMIT 1"));
  q.bind(1, day).bind(2, counter).bind(3, nlohmann::json(services).dump());
  return firstTicket(q);
}

int SqliteStore::countAhead(const Ticket& t) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  // Spelled out rather than as a row value, so that SQLite walks the ticket_ahead index.
  Statement q = db.prepare(
      "SELECT count(*) FROM ticket WHERE day = ?1 AND service_id = ?2 AND state = 'waiting' AND "
      "(queue_time < ?3 OR (queue_time = ?3 AND (priority > ?4 OR (priority = ?4 AND "
      "(checked_in_at < ?5 OR (checked_in_at = ?5 AND id < ?6))))))");
  q.bind(1, t.day)
      .bind(2, t.serviceId)
      .bind(3, t.queueTime)
      .bind(4, t.priority)
      .bind(5, t.checkedInAt)
      .bind(6, t.id);
  q.step();
  return static_cast<int>(q.integer(0));
}

std::vector<std::int64_t> SqliteStore::recentServiceSeconds(std::string_view serviceId, int limit) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(
      "SELECT done_at - called_at FROM ticket WHERE service_id = ?1 AND state = 'done' AND "
      "called_at IS NOT NULL AND done_at IS NOT NULL ORDER BY done_at DESC LIMIT ?2");
  q.bind(1, serviceId).bind(2, limit);
  std::vector<std::int64_t> seconds;
  while (q.step()) seconds.push_back(q.integer(0));
  return seconds;
}

std::optional<Ticket> SqliteStore::ticketById(std::int64_t id) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(ticketQuery("id = ?1"));
  q.bind(1, id);
  return firstTicket(q);
}

std::vector<Ticket> SqliteStore::ticketsOfDay(std::string_view day) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(ticketQuery("day = ?1"));
  q.bind(1, day);
  std::vector<Ticket> tickets;
  while (q.step()) tickets.push_back(readTicket(q));
  return tickets;
}

std::vector<Ticket> SqliteStore::ticketsOfDay(std::string_view day, TicketState state) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(ticketQuery("day = ?1 AND state = ?2"));
  q.bind(1, day).bind(2, toString(state));
  std::vector<Ticket> tickets;
  while (q.step()) tickets.push_back(readTicket(q));
  return tickets;
}

bool SqliteStore::applyTransition(const Transition& t) {
  bool applied = false;
  commitInGroup([&] { applied = transitionTicket(t); });
  return applied;
}

bool SqliteStore::transitionTicket(const Transition& t) {
  Statement read = db_->prepare("SELECT state, service_id FROM ticket WHERE id = ?1");
  read.bind(1, t.ticketId);
  if (!read.step() || read.text(0) != toString(t.from)) return false;
  const std::string fromService = read.text(1);
  const std::string toService = t.toService.empty() ? fromService : t.toService;
  // Done and no-show close the appointment too; a transfer puts the ticket back in a queue.
  db_->prepare(
         "UPDATE ticket SET state = ?2, service_id = ?3, "
         "counter_number = CASE WHEN ?4 IS NULL THEN counter_number ELSE ?4 END, "
         "pinned_counter = ?5, recalls = recalls + ?6, "
         "called_at = CASE WHEN ?2 = 'called' AND ?7 = 'call' THEN ?8 ELSE called_at END, "
         "done_at = CASE WHEN ?2 IN ('done', 'no_show') THEN ?8 ELSE done_at END "
         "WHERE id = ?1")
      .bind(1, t.ticketId)
      .bind(2, toString(t.to))
      .bind(3, toService)
      .bind(4, t.counter)
      .bind(5, t.pinnedCounter)
      .bind(6, t.countRecall ? 1 : 0)
      .bind(7, t.action)
      .bind(8, t.at)
      .run();
  if (t.to == TicketState::Done || t.to == TicketState::NoShow) {
    db_->prepare(
           "UPDATE appointment SET status = ?2 WHERE id = (SELECT appointment_id FROM ticket "
           "WHERE id = ?1)")
        .bind(1, t.ticketId)
        .bind(2, t.to == TicketState::Done ? "served" : "no_show")
        .run();
  }
  db_->prepare(
         "INSERT INTO audit (at, actor, ticket_id, action, from_state, to_state, from_service, "
         "to_service, counter_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(1, t.at)
      .bind(2, t.actor)
      .bind(3, t.ticketId)
      .bind(4, t.action)
      .bind(5, toString(t.from))
      .bind(6, toString(t.to))
      .bind(7, fromService)
      .bind(8, toService)
      .bind(9, t.counter ? t.counter : t.pinnedCounter)
      .run();
  return true;
}

std::vector<AuditEntry> SqliteStore::auditOf(std::int64_t ticketId) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare(
      "SELECT at, actor, action, from_state, to_state, from_service, to_service, counter_number "
      "FROM audit WHERE ticket_id = ?1 ORDER BY id");
  q.bind(1, ticketId);
  std::vector<AuditEntry> entries;
  while (q.step()) {
    AuditEntry e{q.integer(0), q.text(1), q.text(2), q.text(3),
                 q.text(4),    q.text(5), q.text(6), {}};
    if (!q.isNull(7)) e.counter = static_cast<int>(q.integer(7));
    entries.push_back(std::move(e));
  }
  return entries;
}

void SqliteStore::saveCounter(const Counter& c) {
  const Lock lock(mutex_);
  const Lock cache(countersMutex_);
  counters_.reset();
  db_->prepare(
         "INSERT INTO counter (number, name_fa, name_en, services_json) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT (number) DO UPDATE SET name_fa = ?2, name_en = ?3, services_json = ?4")
      .bind(1, c.number)
      .bind(2, c.nameFa)
      .bind(3, c.nameEn)
      .bind(4, nlohmann::json(c.services).dump())
      .run();
}

std::vector<Counter> SqliteStore::counters() {
  {
    const Lock cache(countersMutex_);
    if (counters_) return *counters_;
  }
  const Lock lock(mutex_);  // a saveCounter() in between cannot leave a stale list cached
  Statement q =
      db_->prepare("SELECT number, name_fa, name_en, services_json FROM counter ORDER BY number");
  std::vector<Counter> list;
  while (q.step()) {
    list.push_back({static_cast<int>(q.integer(0)), q.text(1), q.text(2),
                    nlohmann::json::parse(q.text(3)).get<std::vector<std::string>>()});
  }
  const Lock cache(countersMutex_);
  counters_ = list;
  return list;
}

bool SqliteStore::addStaff(StaffMember& m) {
  const Lock lock(mutex_);
  Statement insert = db_->prepare(
      "INSERT INTO staff (login, display_name, role, password_hash) VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, m.login).bind(2, m.displayName).bind(3, toString(m.role)).bind(4, m.passwordHash);
  if (!insertUnlessTaken(insert)) return false;
  m.id = db_->lastInsertId();
  return true;
}

namespace {
constexpr std::string_view kStaffColumns = "s.id, s.login, s.display_name, s.role, s.password_hash";
StaffMember readStaff(const Statement& q) {
  return {q.integer(0), q.text(1), q.text(2), parseRole(q.text(3)).value_or(Role::Counter),
          q.text(4)};
}
}  // namespace

std::optional<StaffMember> SqliteStore::staffByLogin(std::string_view login) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q =
      db.prepare("SELECT " + std::string(kStaffColumns) + " FROM staff s WHERE login = ?1");
  q.bind(1, login);
  if (!q.step()) return std::nullopt;
  return readStaff(q);
}

void SqliteStore::addSession(std::string_view tokenHash, std::int64_t staffId,
                             std::int64_t expiresAt) {
  const Lock lock(mutex_);
  db_->prepare("INSERT INTO session (token_hash, staff_id, expires_at) VALUES (?1, ?2, ?3)")
      .bind(1, tokenHash)
      .bind(2, staffId)
      .bind(3, expiresAt)
      .run();
}

std::optional<StaffMember> SqliteStore::staffBySession(std::string_view tokenHash,
                                                       std::int64_t now) {
  const ReadConnection connection = forReading();
  Database& db = connection.db();
  Statement q = db.prepare("SELECT " + std::string(kStaffColumns) +
                           " FROM session JOIN staff s ON s.id = session.staff_id WHERE "
                           "token_hash = ?1 AND expires_at > ?2");
  q.bind(1, tokenHash).bind(2, now);
  if (!q.step()) return std::nullopt;
  return readStaff(q);
}

void SqliteStore::deleteSession(std::string_view tokenHash) {
  const Lock lock(mutex_);
  db_->prepare("DELETE FROM session WHERE token_hash = ?1").bind(1, tokenHash).run();
}

}  // namespace mikhak::server
