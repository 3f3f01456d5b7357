#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <thread>

#include "api.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "recording_journal.hpp"
#include "sqlite_store.hpp"
#include "token.hpp"

namespace mikhak::server::test {

inline constexpr std::int64_t kMinute = 60;  // seconds, as the store keeps times

// A real server on a loopback port over a real SQLite file, with a clock the test sets.
class ServerFixture : public ::testing::Test {
 protected:
  static constexpr std::string_view kToken = "test-kiosk-token-0123456789abcdefghijklmnop";

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mikhak-server-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = SqliteStore::open(dir_ / "server.db");
    store_->saveConsulate(consulate_);
    store_->saveCatalogue(domain::loadCatalogue(std::filesystem::path(MIKHAK_SOURCE_ASSETS) /
                                                "catalogue/services.toml")
                              .value());
    store_->addKiosk({.id = "kiosk-1", .name = "hall", .tokenHash = tokenHash(kToken)});
    store_->addKiosk({.id = "kiosk-old",
                      .name = "retired",
                      .tokenHash = tokenHash("revoked-token"),
                      .revoked = true});
    verify_ = std::make_unique<domain::VerifyKey>(
        std::move(domain::VerifyKey::fromPem(key_.publicKeyPem()).value()));
    checkIn_ = std::make_unique<CheckInService>(
        *store_, *verify_, consulate_,
        std::move(domain::ZoneClock::create(consulate_.timeZone).value()), window(),
        [this] { return std::chrono::sys_seconds(std::chrono::seconds(now_.load())); });
    const auto clock = [this] {
      return std::chrono::sys_seconds(std::chrono::seconds(now_.load()));
    };
    queue_ = std::make_unique<QueueService>(*store_, hub_, checkIn_->zoneClock(), clock);
    offline_ = std::make_unique<OfflineService>(*store_, key_, consulate_, checkIn_->zoneClock(),
                                                window(), clock);
    api_ = std::make_unique<Api>(*store_, *checkIn_, *queue_, *offline_, hub_, key_, log_.journal(),
                                 clock);
    api_->setStreamKeepAlive(std::chrono::milliseconds(100));  // displays that left free up fast
    api_->mount(http_);
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void TearDown() override {
    hub_.shutdown();
    http_.stop();
    thread_.join();
    api_.reset();
    offline_.reset();
    queue_.reset();
    checkIn_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  virtual CheckInWindow window() const { return {}; }

  // Books an appointment starting at `start` (UTC seconds) and returns its tracking code.
  domain::TrackingCode book(std::int64_t start, std::string service = "passport",
                            AppointmentStatus status = AppointmentStatus::Booked,
                            std::string consulate = "LON", int priority = kPriorityNone) {
    const domain::TrackingCode code = domain::TrackingCode::generate();
    Appointment a;
    a.code = code.digits();
    a.consulateId = consulate;
    a.serviceId = std::move(service);
    a.applicant = {"مریم", "رضایی", "Maryam", "Rezaei", "0012345678"};
    a.startsAt = start;
    a.status = status;
    a.priority = priority;
    a.extraOriginals = {{"اصل حکم دادگاه", "Court order (original)"}};
    EXPECT_TRUE(store_->addAppointment(a));
    return code;
  }

  std::string payloadFor(const domain::TrackingCode& code, std::int64_t start) const {
    return domain::encodeNoticePayload({code, consulate_.id, start}, key_);
  }

  httplib::Result post(const std::string& path, const std::string& body,
                       std::string_view token = kToken) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + std::string(token));
    return client.Post(path, headers, body, "application/json");
  }

  httplib::Result checkIn(const std::string& requestId, const std::string& code) {
    return post("/api/v1/check-ins",
                nlohmann::json{{"request_id", requestId}, {"code", code}}.dump());
  }

  std::int64_t ticketCount() {
    auto db = Database::open(dir_ / "server.db");
    Statement q = db->prepare("SELECT count(*) FROM ticket");
    q.step();
    return q.integer(0);
  }

  Consulate consulate_{"LON", "سرکنسولگری لندن", "London consulate", "Europe/London"};
  domain::SigningKey key_ = domain::SigningKey::generate();
  // 24 November 2026, 10:00 in London (GMT).
  std::atomic<std::int64_t> now_{1795514400};
  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<domain::VerifyKey> verify_;
  std::unique_ptr<CheckInService> checkIn_;
  NowServingHub hub_;
  std::unique_ptr<QueueService> queue_;
  std::unique_ptr<OfflineService> offline_;
  mikhak::test::RecordingJournal log_;  // before api_, which writes to it
  std::unique_ptr<Api> api_;
  httplib::Server http_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace mikhak::server::test
