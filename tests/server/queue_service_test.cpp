#include "queue_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "migrations.hpp"
#include "queue_order.hpp"
#include "sqlite_store.hpp"

namespace mikhak::server {
namespace {

// A store where other counters keep winning the race for the ticket a counter chose: before
// each of the first `races` calls, "counter 9" calls that ticket itself.
class RacingStore : public SqliteStore {
 public:
  using SqliteStore::SqliteStore;
  int races = 0;
  bool applyTransition(const Transition& t) override {
    if (t.action == "call" && races > 0) {
      --races;
      Transition rival = t;
      rival.actor = "rival";
      rival.counter = 9;
      SqliteStore::applyTransition(rival);
    }
    return SqliteStore::applyTransition(t);
  }
};

class QueueServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mikhak-queue-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto db = Database::open(dir_ / "q.db");
    migrate(*db);
    store_ = std::make_unique<RacingStore>(std::move(db), dir_ / "q.db", 2);
    store_->saveConsulate({"LON", "لندن", "London", "UTC"});
    domain::Service passport;
    passport.id = "passport";
    passport.letter = "P";
    passport.letterFa = "گ";
    passport.nameFa = "گذرنامه";
    passport.nameEn = "Passport";
    passport.originals = {{"اصل گذرنامه", "Passport"}};
    store_->saveCatalogue({{passport}});
    store_->saveCounter({1, "باجه ۱", "Counter 1", {"passport"}});
    for (int i = 0; i < 20; ++i) {
      Appointment a;
      a.code = std::to_string(10000000000000LL + i);
      a.consulateId = "LON";
      a.serviceId = "passport";
      a.startsAt = kNow + i;
      ASSERT_TRUE(store_->addAppointment(a));
      store_->issueTicket(
          {a.id, "passport", "2026-11-24", "k", std::to_string(i), kNow, kNow + i, 0, false, {}});
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static constexpr std::int64_t kNow = 1795514400;  // 24 November 2026, 10:00 UTC
  std::filesystem::path dir_;
  std::unique_ptr<RacingStore> store_;
  NowServingHub hub_;
  domain::ZoneClock clock_ = std::move(domain::ZoneClock::create("UTC").value());
};

TEST_F(QueueServiceTest, LosingRacesNeverLooksLikeAnEmptyQueue) {
  QueueService queue(*store_, hub_, clock_,
                     [] { return std::chrono::sys_seconds(std::chrono::seconds(kNow)); });
  store_->races = 12;  // more than any fixed number of retries
  const auto outcome = queue.callNext(1, "clerk");
  ASSERT_TRUE(std::holds_alternative<std::optional<Ticket>>(outcome));
  const auto& ticket = std::get<std::optional<Ticket>>(outcome);
  ASSERT_TRUE(ticket.has_value()) << "told 'nobody waiting' with tickets in the queue";
  EXPECT_EQ(ticket->number, 13);  // the first twelve went to the rival counter
  EXPECT_EQ(ticket->counter, 1);
}

// The store's SQL order (next ticket, people ahead) is the policy's order, on random queues with
// ties on every key.
TEST_F(QueueServiceTest, TheStoreCallsInThePolicysOrder) {
  std::mt19937 random(11);
  std::vector<Ticket> mine;
  for (int i = 0; i < 200; ++i) {
    Appointment a;
    a.code = std::to_string(20000000000000LL + i);
    a.consulateId = "LON";
    a.serviceId = "passport";
    a.startsAt = kNow;
    ASSERT_TRUE(store_->addAppointment(a));
    const auto queueTime = kNow + static_cast<std::int64_t>(random() % 5) * 300;
    const auto arrival = kNow - static_cast<std::int64_t>(random() % 3) * 60;
    mine.push_back(store_->issueTicket({a.id,
                                        "passport",
                                        "2026-11-25",
                                        "k",
                                        "p" + std::to_string(i),
                                        arrival,
                                        queueTime,
                                        static_cast<int>(random() % 4),
                                        false,
                                        {}}));
  }
  for (const Ticket& t : mine) {
    const auto expected =
        std::count_if(mine.begin(), mine.end(), [&](const Ticket& o) { return callsBefore(o, t); });
    ASSERT_EQ(store_->countAhead(t), expected) << "ticket " << t.number;
  }
  std::sort(mine.begin(), mine.end(), callsBefore);
  for (const Ticket& expected : mine) {
    const auto next = store_->nextWaiting("2026-11-25", 1, {"passport"});
    ASSERT_TRUE(next);
    ASSERT_EQ(next->id, expected.id);
    ASSERT_TRUE(store_->applyTransition({next->id,
                                         "call",
                                         TicketState::Waiting,
                                         TicketState::Called,
                                         "t",
                                         kNow,
                                         1,
                                         {},
                                         {},
                                         false}));
  }
  EXPECT_FALSE(store_->nextWaiting("2026-11-25", 1, {"passport"}));
}

}  // namespace
}  // namespace mikhak::server
