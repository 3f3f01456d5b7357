#pragma once

#include <initializer_list>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::base {

// syslog(3) levels, as the journal's PRIORITY= takes them.
enum class LogPriority { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

// One MIKHAK_<name>=<value> field of an entry. Names are upper case, digits and '_'; values are
// ids, states and counts, never what identifies a person.
struct LogField {
  std::string name;
  std::string value;
};

// An entry as it leaves the program, already redacted.
struct LogEntry {
  LogPriority priority = LogPriority::Info;
  std::string event;    // MIKHAK_EVENT: what happened, snake_case ("check_in", "printer")
  std::string message;  // MESSAGE: one line a technician reads
  std::vector<LogField> fields;
  std::source_location where;
};

// Where entries go. Implementations are safe to call from any thread.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void write(const LogEntry& entry) = 0;
};

// The journal's native protocol (sd_journal_sendv): MESSAGE, PRIORITY, SYSLOG_IDENTIFIER,
// CODE_FILE/LINE/FUNC, MIKHAK_EVENT and the entry's MIKHAK_* fields, each searchable with
// `journalctl MIKHAK_EVENT=check_in`.
std::unique_ptr<LogSink> journalSink(std::string identifier);
// "identifier: message" lines on a file descriptor, one write(2) each: for a terminal or a test.
std::unique_ptr<LogSink> streamSink(std::string identifier, int fd);
// The journal when standard error is the journal's own stream (systemd says so in JOURNAL_STREAM
// for a service), else lines on standard error.
std::unique_ptr<LogSink> defaultSink(std::string identifier);
// True when JOURNAL_STREAM names the file standard error is open on.
bool stderrIsJournal();

// A program's log. What it is given is redacted before it is written: a run of ten digits or
// more (a tracking code, a national ID), even grouped by spaces or hyphens, never reaches a sink.
class Journal {
 public:
  explicit Journal(std::unique_ptr<LogSink> sink);

  void error(std::string_view event, std::string_view message,
             std::initializer_list<LogField> fields = {},
             std::source_location where = std::source_location::current());
  void warning(std::string_view event, std::string_view message,
               std::initializer_list<LogField> fields = {},
               std::source_location where = std::source_location::current());
  void notice(std::string_view event, std::string_view message,
              std::initializer_list<LogField> fields = {},
              std::source_location where = std::source_location::current());
  void info(std::string_view event, std::string_view message,
            std::initializer_list<LogField> fields = {},
            std::source_location where = std::source_location::current());
  // For a priority chosen at run time.
  void write(LogPriority priority, std::string_view event, std::string_view message,
             std::initializer_list<LogField> fields = {},
             std::source_location where = std::source_location::current());

 private:
  std::unique_ptr<LogSink> sink_;
};

// `text` with every run of ten or more digits (ASCII, Persian or Arabic-Indic; single spaces and
// hyphens between groups count as part of the run) replaced by "[hidden]".
std::string redactLongNumbers(std::string_view text);

}  // namespace mikhak::base
