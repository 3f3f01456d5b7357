#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "mikhak/drivers/transport.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {

// The demo's printer: each ticket becomes a file in a folder. A job is written to a hidden
// temporary file and renamed to ticket-NNNNNN.bin at endJob(), so whoever watches the folder
// never sees half a ticket. Numbers continue after a restart (highest existing + 1). The folder
// is made at the first write. It cannot answer: reads time out at once.
class DirectoryTransport final : public Transport {
 public:
  explicit DirectoryTransport(PrinterUri uri);
  ~DirectoryTransport() override;
  DirectoryTransport(const DirectoryTransport&) = delete;
  DirectoryTransport& operator=(const DirectoryTransport&) = delete;

  // A failed write throws the unfinished ticket away (bytes 0); the caller sends it again from
  // the start.
  IoOutcome write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
  IoOutcome read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
  // The finished file, or nothing when no bytes were written since the last endJob() (or the
  // file could not be finished: then the ticket is discarded).
  std::optional<std::filesystem::path> endJob() override;
  bool canAnswer() const override { return false; }
  // Throws an unfinished ticket away.
  void close() override;
  std::string describe() const override;

 private:
  std::optional<IoError> beginJob();
  void discardJob();
  std::uint64_t firstFreeNumber() const;

  PrinterUri uri_;
  UniqueFd job_;
  std::filesystem::path jobPath_;
  std::optional<std::uint64_t> next_;  // the next ticket number, read from the folder once
};

}  // namespace mikhak::drivers
