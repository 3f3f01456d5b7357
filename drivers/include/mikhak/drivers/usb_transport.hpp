#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/drivers/usb_backend.hpp"

namespace mikhak::drivers {

// Bits of the printer-class GET_PORT_STATUS byte (USB printer class 1.1, 4.2.2).
inline constexpr std::uint8_t kPortStatusNoError = 0x08;
inline constexpr std::uint8_t kPortStatusSelected = 0x10;
inline constexpr std::uint8_t kPortStatusPaperEmpty = 0x20;

// A USB printer through a UsbBackend (libusb in the kiosk, a fake in the tests).
//
// Selection: usb://VID:PID takes that device's printer-class interface (or, when it has none, its
// first interface with a bulk OUT endpoint: some printers say "vendor specific"); usb://auto takes
// the first interface of class 7 with a bulk OUT endpoint on any device. Devices mostly report
// class 0, so only interfaces are looked at, and auto never picks a non-printer interface (a
// USB stick has bulk OUT too).
//
// Unplugging: a call that meets NO_DEVICE reports Disconnected and closes; the next call lists
// the bus again and opens whatever matches, at whatever address it now has. There are no hot-plug
// callbacks: they run on libusb's event thread, where no I/O is allowed, and would need a thread
// to drive events and hand the news to the printer's worker, which finds out anyway at its next
// call and is the only one who can do anything about it.
class UsbTransport final : public Transport {
 public:
  UsbTransport(PrinterUri uri, std::shared_ptr<UsbBackend> backend);
  ~UsbTransport() override;
  UsbTransport(const UsbTransport&) = delete;
  UsbTransport& operator=(const UsbTransport&) = delete;

  IoOutcome write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
  IoOutcome read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
  void close() override;
  std::string describe() const override;

  // The printer-class GET_PORT_STATUS byte (kPortStatus* bits), for printers that do not answer
  // DLE EOT on bulk IN. bytes is 1 when `status` was set.
  IoOutcome portStatus(std::uint8_t& status, std::chrono::milliseconds timeout);

 private:
  std::optional<IoError> open();
  IoOutcome fail(std::size_t bytes, IoFailure failure, const std::string& message);
  IoOutcome failFromStatus(std::size_t bytes, UsbStatus status, const std::string& doing);

  PrinterUri uri_;
  std::shared_ptr<UsbBackend> backend_;  // before handle_: a handle may need its backend to close
  std::unique_ptr<UsbDeviceHandle> handle_;
  int interface_ = 0;
  std::uint16_t vendorId_ = 0;  // of the open device, for the udev hint
  std::uint8_t endpointOut_ = 0;
  std::optional<std::uint8_t> endpointIn_;
  std::size_t inPacketSize_ = 64;
  std::vector<std::uint8_t> pending_;  // read from bulk IN beyond what the caller asked for
};

}  // namespace mikhak::drivers
