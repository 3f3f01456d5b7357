#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "mikhak/drivers/transport.hpp"
#include "mikhak/printer/escpos.hpp"
#include "mikhak/printer/printer_status.hpp"
#include "mikhak/text/bitmap.hpp"

namespace mikhak::printer {

// One ticket to print. The caller keeps it until it hears the outcome: a ticket that failed is
// printed again by submitting the same job (the number is on screen all the while).
struct PrintJob {
  std::uint64_t id = 0;  // the caller's, echoed in the outcome
  text::MonoBitmap image;
};

// What became of a job. `printed` false means it may be missing or torn: offer a reprint.
struct PrintOutcome {
  std::uint64_t id = 0;
  bool printed = false;
  PrinterStatus status;                       // as read after the job (or before, if refused)
  std::string problem;                        // why not printed, for logs and the staff screen
  std::optional<std::filesystem::path> file;  // dir:// transports: the ticket's .bin
};

// Events for the UI thread, which polls them once a frame and never waits.
struct PrinterEvent {
  enum class Kind { Outcome, Status };
  Kind kind = Kind::Status;
  PrintOutcome outcome;  // Kind::Outcome
  PrinterStatus status;  // Kind::Status: the printer's state changed
};

// Owns a transport on a thread of its own: prints jobs in order, checks the printer's status
// before each ticket and after it (paper can run out half way), and every `idlePoll` when idle,
// so the kiosk and the server's heartbeat always know the printer's state. Every I/O call has a
// bounded wait: a dead printer never holds up anything but this thread.
class PrinterWorker {
 public:
  struct Options {
    std::chrono::milliseconds writeTimeout{4000};  // per band: a slow printer prints ~100 mm/s
    std::chrono::milliseconds statusTimeout{400};  // per DLE EOT answer
    std::chrono::milliseconds idlePoll{5000};
    EscPosOptions escpos = {};
    std::size_t queueLimit = 8;       // jobs waiting; more are refused at once, not queued for ever
    bool writePngBesideFiles = true;  // dir:// (the demo): ticket-N.png beside ticket-N.bin
  };
  PrinterWorker(std::unique_ptr<drivers::Transport> transport, Options options);
  ~PrinterWorker();
  PrinterWorker(const PrinterWorker&) = delete;
  PrinterWorker& operator=(const PrinterWorker&) = delete;

  // Queues the job; false if the queue is full (the caller shows the number and offers a
  // reprint later).
  bool submit(PrintJob job);
  // Events since the last call; never blocks.
  std::vector<PrinterEvent> poll();
  // Waits for the next event (for tools and tests; the UI thread uses poll()). Nothing within the
  // timeout: nullopt.
  std::optional<PrinterEvent> waitEvent(std::chrono::milliseconds timeout);
  // The last status read, and whether any has been read yet.
  std::optional<PrinterStatus> status() const;
  // Asks for a status check now instead of at the next idle poll.
  void refreshStatus();
  std::string describe() const;

 private:
  void run();
  PrintOutcome print(const PrintJob& job);
  PrinterStatus readStatus();
  void publish(PrinterEvent event);
  void noteStatus(const PrinterStatus& status);

  std::unique_ptr<drivers::Transport> transport_;  // used by the worker thread only
  const Options options_;
  const std::string description_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;    // jobs or a stop for the worker
  std::condition_variable events_;  // events for waitEvent()
  std::deque<PrintJob> jobs_;
  std::deque<PrinterEvent> pending_;
  std::optional<PrinterStatus> status_;
  bool refresh_ = true;
  bool stop_ = false;
  std::thread thread_;  // last: starts after everything it uses
};

}  // namespace mikhak::printer
