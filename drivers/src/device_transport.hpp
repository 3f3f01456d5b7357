#pragma once

#include <optional>

#include "mikhak/drivers/transport.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {

// A character device: the kernel's usblp (/dev/usb/lp0), a parallel port, a serial line. Opened
// non-blocking so every write and read is bounded by poll(); read-write if allowed, else
// write-only, and then reads time out (nothing can come back).
class DeviceTransport final : public Transport {
 public:
  explicit DeviceTransport(PrinterUri uri);

  IoOutcome write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
  IoOutcome read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
  void close() override;
  std::string describe() const override;

 private:
  std::optional<IoError> open();
  IoOutcome fail(std::size_t bytes, int error, const std::string& doing);

  PrinterUri uri_;
  UniqueFd fd_;
  bool readable_ = false;
};

}  // namespace mikhak::drivers
