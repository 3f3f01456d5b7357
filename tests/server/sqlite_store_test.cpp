#include "sqlite_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "migrations.hpp"

namespace mikhak::server {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mikhak-store-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<SqliteStore> openWithData() {
    auto store = SqliteStore::open(file());
    store->saveConsulate({"LON", "لندن", "London", "Europe/London"});
    domain::Service passport;
    passport.id = "passport";
    passport.letter = "P";
    passport.letterFa = "گ";
    passport.nameFa = "گذرنامه";
    passport.nameEn = "Passport";
    passport.originals = {{"اصل گذرنامه", "Passport"}};
    store->saveCatalogue({{passport}});
    return store;
  }

  Appointment appointment(std::string code) {
    Appointment a;
    a.code = std::move(code);
    a.consulateId = "LON";
    a.serviceId = "passport";
    a.applicant = {"علی", "کریمی", "Ali", "Karimi", "1234567890"};
    a.startsAt = 1795514400;
    return a;
  }

  std::filesystem::path file() const { return dir_ / "store.db"; }
  std::filesystem::path dir_;
};

TEST_F(SqliteStoreTest, MigratesAFreshFileAndKeepsDataAcrossOpens) {
  {
    auto store = openWithData();
    Appointment a = appointment("12345678901234");
    ASSERT_TRUE(store->addAppointment(a));
    EXPECT_GT(a.id, 0);
  }
  auto db = Database::open(file());
  Statement version = db->prepare("PRAGMA user_version");
  version.step();
  EXPECT_EQ(version.integer(0), latestSchemaVersion());
  Statement journal = db->prepare("PRAGMA journal_mode");
  journal.step();
  EXPECT_EQ(journal.text(0), "wal");
  EXPECT_EQ(migrate(*db), latestSchemaVersion());  // nothing left to do
  auto again = SqliteStore::open(file());
  const auto found = again->appointmentByCode("12345678901234");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->applicant.familyFa, "کریمی");
  EXPECT_EQ(found->applicant.nationalId, "1234567890");
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerProgram) {
  { auto store = SqliteStore::open(file()); }
  {
    auto db = Database::open(file());
    db->exec("PRAGMA user_version = " + std::to_string(latestSchemaVersion() + 1));
  }
  EXPECT_THROW(SqliteStore::open(file()), SqliteError);
}

TEST_F(SqliteStoreTest, DuplicateCodeIsRefusedNotThrown) {
  auto store = openWithData();
  Appointment a = appointment("12345678901234");
  Appointment b = appointment("12345678901234");
  EXPECT_TRUE(store->addAppointment(a));
  EXPECT_FALSE(store->addAppointment(b));
  EXPECT_EQ(store->appointmentCount(), 1);
}

TEST_F(SqliteStoreTest, IssuingATicketIsAllOrNothing) {
  auto store = openWithData();
  Appointment a = appointment("12345678901234");
  ASSERT_TRUE(store->addAppointment(a));
  Store::NewTicket ticket{a.id, "passport", "2026-11-24", "k1", "r1", 100, 100, 0, false, {}};
  const Ticket first = store->issueTicket(ticket);
  EXPECT_EQ(first.number, 1);
  EXPECT_EQ(store->appointmentByCode(a.code)->status, AppointmentStatus::CheckedIn);
  // The same request id again breaks a uniqueness rule: nothing of it may stay.
  Appointment b = appointment("22345678901234");
  ASSERT_TRUE(store->addAppointment(b));
  ticket.appointmentId = b.id;
  EXPECT_THROW(store->issueTicket(ticket), SqliteError);
  EXPECT_EQ(store->appointmentByCode(b.code)->status, AppointmentStatus::Booked);
  EXPECT_FALSE(store->ticketByAppointment(b.id));
  ticket.requestId = "r2";
  EXPECT_EQ(store->issueTicket(ticket).number, 2);  // the failed attempt used no number
  EXPECT_EQ(store->ticketsOfDay("2026-11-24", TicketState::Waiting).size(), 2u);
}

// Many check-ins at once go to disk in shared transactions: each gets its own number, and one that
// breaks a rule (a request id used twice) fails alone.
TEST_F(SqliteStoreTest, ConcurrentTicketsAreCommittedTogetherAndFailAlone) {
  auto store = openWithData();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 64; ++i) {
    Appointment a = appointment(std::to_string(30000000000000LL + i));
    ASSERT_TRUE(store->addAppointment(a));
    ids.push_back(a.id);
  }
  std::vector<int> numbers(ids.size(), 0);
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < ids.size(); i += 8) {
        // Request ids 5 and 6 collide: the second of them to be written fails.
        const std::string requestId = i == 6 ? "r5" : "r" + std::to_string(i);
        try {
          numbers[i] =
              store
                  ->issueTicket(
                      {ids[i], "passport", "2026-11-24", "k", requestId, 1, 1, 0, false, {}})
                  .number;
        } catch (const StoreError& e) {
          EXPECT_TRUE(e.conflict());
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 1);
  std::vector<int> issued;
  for (const int n : numbers) {
    if (n) issued.push_back(n);
  }
  std::sort(issued.begin(), issued.end());
  ASSERT_EQ(issued.size(), 63u);
  for (std::size_t i = 0; i < issued.size(); ++i) EXPECT_EQ(issued[i], static_cast<int>(i) + 1);
  EXPECT_EQ(store->ticketsOfDay("2026-11-24", TicketState::Waiting).size(), 63u);
}

TEST_F(SqliteStoreTest, NumbersStartAgainEachDay) {
  auto store = openWithData();
  Appointment a = appointment("12345678901234");
  Appointment b = appointment("22345678901234");
  ASSERT_TRUE(store->addAppointment(a));
  ASSERT_TRUE(store->addAppointment(b));
  EXPECT_EQ(
      store->issueTicket({a.id, "passport", "2026-11-24", "k", "1", 1, 1, 0, false, {}}).number, 1);
  EXPECT_EQ(
      store->issueTicket({b.id, "passport", "2026-11-25", "k", "2", 1, 1, 0, false, {}}).number, 1);
}

TEST_F(SqliteStoreTest, QuotesAndInjectionTextAreJustData) {
  auto store = openWithData();
  Appointment a = appointment("12345678901234");
  a.applicant.givenEn = "Robert'); DROP TABLE appointment;--";
  ASSERT_TRUE(store->addAppointment(a));
  EXPECT_EQ(store->appointmentByCode(a.code)->applicant.givenEn, a.applicant.givenEn);
  EXPECT_FALSE(store->appointmentByCode("' OR '1'='1"));
  EXPECT_FALSE(store->kioskByTokenHash("' OR '1'='1"));
}

// Reads go to a pool of connections beside the writer: whatever a write acknowledged, any read
// begun after it sees, from whichever thread.
TEST_F(SqliteStoreTest, EveryAcknowledgedWriteIsSeenByTheNextRead) {
  auto store = openWithData();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 96; ++i) {
    Appointment a = appointment(std::to_string(40000000000000LL + i));
    ASSERT_TRUE(store->addAppointment(a));
    ids.push_back(a.id);
  }
  std::atomic<int> unseen = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < ids.size(); i += 8) {
        const Ticket ticket = store->issueTicket(
            {ids[i], "passport", "2026-11-24", "k", "r" + std::to_string(i), 1, 1, 0, false, {}});
        const auto byRequest = store->ticketByRequest("k", "r" + std::to_string(i));
        if (!byRequest || byRequest->id != ticket.id) ++unseen;
        // Everyone ahead was acknowledged before this ticket, so is counted.
        if (store->countAhead(ticket) != ticket.number - 1) ++unseen;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(unseen, 0);
}

// Two counters claiming the same ticket in one group commit: one of them wins, and the audit trail
// has one call.
TEST_F(SqliteStoreTest, OneOfManyClaimsOnATicketWins) {
  auto store = openWithData();
  Appointment a = appointment("12345678901234");
  ASSERT_TRUE(store->addAppointment(a));
  const Ticket ticket =
      store->issueTicket({a.id, "passport", "2026-11-24", "k", "r", 1, 1, 0, false, {}});
  std::atomic<int> wins = 0;
  std::vector<std::thread> threads;
  for (int counter = 1; counter <= 8; ++counter) {
    threads.emplace_back([&, counter] {
      if (store->applyTransition({ticket.id,
                                  "call",
                                  TicketState::Waiting,
                                  TicketState::Called,
                                  "staff" + std::to_string(counter),
                                  2,
                                  counter,
                                  {},
                                  {},
                                  false})) {
        ++wins;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(store->ticketById(ticket.id)->state, TicketState::Called);
  EXPECT_EQ(store->auditOf(ticket.id).size(), 2u);  // the check-in and one call
}

TEST_F(SqliteStoreTest, AToolOpensTheFileReadOnly) {
  {
    auto store = openWithData();
    Appointment a = appointment("12345678901234");
    ASSERT_TRUE(store->addAppointment(a));
  }
  const auto sizeBefore = std::filesystem::file_size(file());
  auto reader = SqliteStore::openReadOnly(file());
  ASSERT_TRUE(reader->appointmentByCode("12345678901234"));
  EXPECT_EQ(reader->consulate("LON")->nameEn, "London");
  Appointment b = appointment("22345678901234");
  EXPECT_THROW(reader->addAppointment(b), SqliteError);
  EXPECT_FALSE(reader->appointmentByCode("22345678901234"));
  EXPECT_EQ(std::filesystem::file_size(file()), sizeBefore);
}

TEST_F(SqliteStoreTest, AToolRefusesAFileItWouldHaveToMigrate) {
  { auto db = Database::open(file()); }  // a database, but no schema yet
  try {
    SqliteStore::openReadOnly(file());
    FAIL() << "opened a file at schema 0";
  } catch (const SqliteError& e) {
    EXPECT_NE(std::string(e.what()).find("schema 0"), std::string::npos) << e.what();
  }
  EXPECT_THROW(SqliteStore::openReadOnly(dir_ / "missing.db"), SqliteError);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing.db"));
}

}  // namespace
}  // namespace mikhak::server
