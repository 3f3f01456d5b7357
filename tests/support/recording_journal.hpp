#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mikhak/base/journal.hpp"

namespace mikhak::test {

// A journal whose entries stay in memory for a test to read; safe across threads.
class RecordingJournal {
 public:
  RecordingJournal() : journal_(std::make_unique<Sink>(*this)) {}

  base::Journal& journal() { return journal_; }

  std::vector<base::LogEntry> entries() const {
    const std::lock_guard lock(mutex_);
    return entries_;
  }
  std::vector<base::LogEntry> entries(std::string_view event) const {
    std::vector<base::LogEntry> found;
    for (auto& e : entries()) {
      if (e.event == event) found.push_back(e);
    }
    return found;
  }
  // Every message and field value, one per line: what a search for personal data reads.
  std::string allText() const {
    std::string text;
    for (const auto& e : entries()) {
      text += e.message + '\n';
      for (const auto& f : e.fields) text += f.name + '=' + f.value + '\n';
    }
    return text;
  }
  // The value of `name` in `entry`, or "" when it has none.
  static std::string field(const base::LogEntry& entry, std::string_view name) {
    for (const auto& f : entry.fields) {
      if (f.name == name) return f.value;
    }
    return {};
  }

 private:
  class Sink final : public base::LogSink {
   public:
    explicit Sink(RecordingJournal& owner) : owner_(owner) {}
    void write(const base::LogEntry& entry) override {
      const std::lock_guard lock(owner_.mutex_);
      owner_.entries_.push_back(entry);
    }

   private:
    RecordingJournal& owner_;
  };

  mutable std::mutex mutex_;
  std::vector<base::LogEntry> entries_;
  base::Journal journal_;
};

}  // namespace mikhak::test
