#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "sqlite_db.hpp"

namespace mikhak::server {

// Read-only connections beside the store's one writer. Under WAL a reader sees every transaction
// committed before its statement began and never waits for the writer's fsync, so look-ups and
// counts go on while a batch of check-ins is being flushed to disk.
class ReaderPool {
 public:
  // No connections for an in-memory database: each connection to ":memory:" is a database of
  // its own, so reads must share the writer's.
  ReaderPool(const std::filesystem::path& file, int size);
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  bool empty() const { return all_.empty(); }

  // A connection for the caller alone until the lease ends.
  class Lease {
   public:
    Lease(ReaderPool& pool, Database& db) : pool_(&pool), db_(&db) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), db_(other.db_) { other.pool_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_) pool_->release(*db_);
    }
    Database& db() const { return *db_; }

   private:
    ReaderPool* pool_;
    Database* db_;
  };
  // Waits while every connection is leased.
  Lease acquire();

 private:
  void release(Database& db);

  std::vector<std::unique_ptr<Database>> all_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<Database*> free_;
};

}  // namespace mikhak::server
