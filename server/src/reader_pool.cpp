#include "reader_pool.hpp"

namespace mikhak::server {

ReaderPool::ReaderPool(const std::filesystem::path& file, int size) {
  if (file.empty() || file == ":memory:") return;
  for (int i = 0; i < size; ++i) {
    all_.push_back(Database::open(file, Database::Mode::Reader));
    free_.push_back(all_.back().get());
  }
}

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return !free_.empty(); });
  Database* db = free_.back();
  free_.pop_back();
  return Lease(*this, *db);
}

void ReaderPool::release(Database& db) {
  {
    const std::lock_guard lock(mutex_);
    free_.push_back(&db);
  }
  released_.notify_one();
}

}  // namespace mikhak::server
