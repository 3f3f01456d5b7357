#include "mikhak/base/journal.hpp"

#include <sys/stat.h>
#include <sys/uio.h>
// The entry carries its own caller's CODE_FILE/LINE/FUNC, not this file's.
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace mikhak::base {
namespace {

// The byte length of the digit at `at` (ASCII, Persian U+06F0-06F9, Arabic-Indic U+0660-0669),
// or 0 if there is none.
std::size_t digitAt(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  const auto c = static_cast<unsigned char>(text[at]);
  if (c >= '0' && c <= '9') return 1;
  if (at + 1 >= text.size()) return 0;
  const auto next = static_cast<unsigned char>(text[at + 1]);
  if (c == 0xDB && next >= 0xB0 && next <= 0xB9) return 2;
  if (c == 0xD9 && next >= 0xA0 && next <= 0xA9) return 2;
  return 0;
}

constexpr std::size_t kLongestHarmlessRun = 9;  // a national ID has 10 digits, a code 14

class JournalSink final : public LogSink {
 public:
  explicit JournalSink(std::string identifier) : identifier_(std::move(identifier)) {}

  void write(const LogEntry& entry) override {
    std::vector<std::string> lines;
    lines.reserve(entry.fields.size() + 8);
    lines.push_back("MESSAGE=" + entry.message);
    lines.push_back("PRIORITY=" + std::to_string(static_cast<int>(entry.priority)));
    lines.push_back("SYSLOG_IDENTIFIER=" + identifier_);
    lines.push_back("MIKHAK_EVENT=" + entry.event);
    lines.push_back(std::string("CODE_FILE=") + entry.where.file_name());
    lines.push_back("CODE_LINE=" + std::to_string(entry.where.line()));
    lines.push_back(std::string("CODE_FUNC=") + entry.where.function_name());
    for (const LogField& field : entry.fields) {
      lines.push_back("MIKHAK_" + field.name + "=" + field.value);
    }
    std::vector<iovec> parts;
    parts.reserve(lines.size());
    for (std::string& line : lines) parts.push_back({line.data(), line.size()});
    // A journal that is gone (stopped, or a full /run) must not stop the kiosk: the entry is lost.
    sd_journal_sendv(parts.data(), static_cast<int>(parts.size()));
  }

 private:
  std::string identifier_;
};

class StreamSink final : public LogSink {
 public:
  StreamSink(std::string identifier, int fd) : identifier_(std::move(identifier)), fd_(fd) {}

  void write(const LogEntry& entry) override {
    std::string line = identifier_ + ": " + entry.message + '\n';
    // One write per line, so lines from several threads do not interleave.
    std::string_view rest = line;
    while (!rest.empty()) {
      const ssize_t n = ::write(fd_, rest.data(), rest.size());
      if (n <= 0) return;
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
  }

 private:
  std::string identifier_;
  int fd_;
};

// Field names the journal accepts: upper case letters, digits and '_'.
bool goodFieldName(std::string_view name) {
  if (name.empty() || name.size() > 56) return false;
  for (const char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<LogSink> journalSink(std::string identifier) {
  return std::make_unique<JournalSink>(std::move(identifier));
}

std::unique_ptr<LogSink> streamSink(std::string identifier, int fd) {
  return std::make_unique<StreamSink>(std::move(identifier), fd);
}

bool stderrIsJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  struct stat st {};
  if (fstat(STDERR_FILENO, &st) != 0) return false;
  const std::string expected = std::to_string(static_cast<unsigned long>(st.st_dev)) + ":" +
                               std::to_string(static_cast<unsigned long>(st.st_ino));
  return expected == stream;
}

std::unique_ptr<LogSink> defaultSink(std::string identifier) {
  if (stderrIsJournal()) return journalSink(std::move(identifier));
  return streamSink(std::move(identifier), STDERR_FILENO);
}

Journal::Journal(std::unique_ptr<LogSink> sink) : sink_(std::move(sink)) {}

void Journal::error(std::string_view event, std::string_view message,
                    std::initializer_list<LogField> fields, std::source_location where) {
  write(LogPriority::Error, event, message, fields, where);
}

void Journal::warning(std::string_view event, std::string_view message,
                      std::initializer_list<LogField> fields, std::source_location where) {
  write(LogPriority::Warning, event, message, fields, where);
}

void Journal::notice(std::string_view event, std::string_view message,
                     std::initializer_list<LogField> fields, std::source_location where) {
  write(LogPriority::Notice, event, message, fields, where);
}

void Journal::info(std::string_view event, std::string_view message,
                   std::initializer_list<LogField> fields, std::source_location where) {
  write(LogPriority::Info, event, message, fields, where);
}

void Journal::write(LogPriority priority, std::string_view event, std::string_view message,
                    std::initializer_list<LogField> fields, std::source_location where) {
  LogEntry entry{.priority = priority,
                 .event = std::string(event),
                 .message = redactLongNumbers(message),
                 .fields = {},
                 .where = where};
  // A message is one line: the journal shows it so, and a stream reader splits on newlines.
  for (char& c : entry.message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  entry.fields.reserve(fields.size());
  for (const LogField& field : fields) {
    if (!goodFieldName(field.name)) {
      throw std::invalid_argument("Journal: bad field name '" + field.name + "'");
    }
    entry.fields.push_back({field.name, redactLongNumbers(field.value)});
  }
  sink_->write(entry);
}

std::string redactLongNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t width = digitAt(text, at);
    if (width == 0) {
      out += text[at++];
      continue;
    }
    // A run: digits, with single spaces or hyphens between them.
    const std::size_t start = at;
    std::size_t digits = 0;
    std::size_t end = at;
    while (true) {
      ++digits;
      end = at + width;
      at = end;
      if ((width = digitAt(text, at)) != 0) continue;
      if (at < text.size() && (text[at] == ' ' || text[at] == '-') &&
          (width = digitAt(text, at + 1)) != 0) {
        ++at;
        continue;
      }
      break;
    }
    at = end;
    if (digits > kLongestHarmlessRun) {
      out += "[hidden]";
    } else {
      out.append(text.substr(start, end - start));
    }
  }
  return out;
}

}  // namespace mikhak::base
