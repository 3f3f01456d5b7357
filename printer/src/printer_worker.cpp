#include "mikhak/printer/printer_worker.hpp"

#include <algorithm>
#include <array>

#include "mikhak/text/png.hpp"

namespace mikhak::printer {

PrinterWorker::PrinterWorker(std::unique_ptr<drivers::Transport> transport, Options options)
    : transport_(std::move(transport)),
      options_(std::move(options)),
      description_(transport_->describe()),
      thread_([this] { run(); }) {}

PrinterWorker::~PrinterWorker() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool PrinterWorker::submit(PrintJob job) {
  {
    const std::lock_guard lock(mutex_);
    if (jobs_.size() >= options_.queueLimit) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_all();
  return true;
}

std::vector<PrinterEvent> PrinterWorker::poll() {
  const std::lock_guard lock(mutex_);
  std::vector<PrinterEvent> events(std::make_move_iterator(pending_.begin()),
                                   std::make_move_iterator(pending_.end()));
  pending_.clear();
  return events;
}

std::optional<PrinterEvent> PrinterWorker::waitEvent(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!events_.wait_for(lock, timeout, [this] { return !pending_.empty(); })) return std::nullopt;
  PrinterEvent event = std::move(pending_.front());
  pending_.pop_front();
  return event;
}

std::optional<PrinterStatus> PrinterWorker::status() const {
  const std::lock_guard lock(mutex_);
  return status_;
}

void PrinterWorker::refreshStatus() {
  {
    const std::lock_guard lock(mutex_);
    refresh_ = true;
  }
  wake_.notify_all();
}

std::string PrinterWorker::describe() const { return description_; }

void PrinterWorker::publish(PrinterEvent event) {
  {
    const std::lock_guard lock(mutex_);
    pending_.push_back(std::move(event));
  }
  events_.notify_all();
}

void PrinterWorker::noteStatus(const PrinterStatus& status) {
  bool changed = false;
  {
    const std::lock_guard lock(mutex_);
    changed = !status_ || *status_ != status;
    status_ = status;
  }
  if (changed) publish({PrinterEvent::Kind::Status, {}, status});
}

void PrinterWorker::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (!jobs_.empty()) {
      PrintJob job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      PrintOutcome outcome = print(job);
      noteStatus(outcome.status);
      publish({PrinterEvent::Kind::Outcome, std::move(outcome), {}});
      lock.lock();
      continue;
    }
    if (refresh_) {
      refresh_ = false;
      lock.unlock();
      noteStatus(readStatus());
      lock.lock();
      continue;
    }
    if (!wake_.wait_for(lock, options_.idlePoll,
                        [this] { return stop_ || refresh_ || !jobs_.empty(); })) {
      refresh_ = true;  // idle for a poll period: look at the printer again
    }
  }
}

PrinterStatus PrinterWorker::readStatus() {
  PrinterStatus status;
  if (!transport_->canAnswer()) {
    // A folder cannot say anything; it takes every ticket.
    status.online = true;
    return status;
  }
  // n=1 first: a printer that does not answer it is offline, and the rest would only time out.
  for (const int n : {1, 2, 4, 3}) {
    const auto request = statusRequest(n);
    if (!transport_->write(request, options_.statusTimeout).ok()) return PrinterStatus{};
    bool answered = false;
    // Stray bytes (a late answer to an earlier request, noise) are skipped, within the deadline.
    const auto deadline = std::chrono::steady_clock::now() + options_.statusTimeout;
    while (!answered) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      std::array<std::uint8_t, 1> byte{};
      const auto read = transport_->read(byte, left);
      if (!read.ok() || read.bytes == 0) break;
      answered = applyStatusByte(status, n, byte[0]);
    }
    if (!answered) return PrinterStatus{};
    if (n == 1) status.online = true;  // bit 3 cleared it if the printer says it is offline
  }
  return status;
}

PrintOutcome PrinterWorker::print(const PrintJob& job) {
  PrintOutcome outcome;
  outcome.id = job.id;
  outcome.status = readStatus();
  if (!outcome.status.ready()) {
    outcome.problem = "printer not ready (" + std::string(heartbeatState(outcome.status)) + ")";
    return outcome;
  }
  const std::vector<std::uint8_t> bytes = encodeRaster(job.image, options_.escpos);
  // Written a band's worth at a time, each with its own deadline: a long ticket on a slow
  // printer is not a timeout, a printer that stops taking bytes is.
  const std::size_t chunk =
      static_cast<std::size_t>(std::max(options_.escpos.maxBandBytes, 512)) + 8;
  for (std::size_t at = 0; at < bytes.size(); at += chunk) {
    const std::size_t size = std::min(chunk, bytes.size() - at);
    const auto written = transport_->write(std::span<const std::uint8_t>(bytes.data() + at, size),
                                           options_.writeTimeout);
    if (!written.ok()) {
      outcome.status = readStatus();
      outcome.problem = written.error->message;
      return outcome;
    }
  }
  outcome.file = transport_->endJob();
  if (outcome.file && options_.writePngBesideFiles) {
    auto png = *outcome.file;
    png.replace_extension(".png");
    (void)text::writePng(png, job.image);  // the .bin is the ticket; the picture is a courtesy
  }
  // Paper can run out half way down a ticket: only a printer still ready after it printed it.
  outcome.status = readStatus();
  outcome.printed = outcome.status.online && !outcome.status.paperOut &&
                    !outcome.status.coverOpen && !outcome.status.cutterError;
  if (!outcome.printed) {
    outcome.problem =
        "printer stopped during the ticket (" + std::string(heartbeatState(outcome.status)) + ")";
  }
  return outcome;
}

}  // namespace mikhak::printer
