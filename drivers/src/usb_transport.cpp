#include "mikhak/drivers/usb_transport.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "deadline.hpp"
#include "io_outcome.hpp"

namespace mikhak::drivers {
namespace {

// Bulk OUT goes in pieces of this size, each with the time left as its timeout, so a ticket
// that does not fit in the time stops with a count the caller can resume from.
constexpr std::size_t kChunkBytes = 16 * 1024;

// Printer class request GET_PORT_STATUS: class, interface, device-to-host.
constexpr std::uint8_t kRequestTypeClassInterfaceIn = 0xA1;
constexpr std::uint8_t kRequestGetPortStatus = 1;

std::string hexId(std::uint16_t vendor, std::uint16_t product) {
  char text[16];
  std::snprintf(text, sizeof text, "%04x:%04x", static_cast<unsigned>(vendor),
                static_cast<unsigned>(product));
  return text;
}

std::string udevHint(std::uint16_t vendor) {
  char text[160];
  std::snprintf(text, sizeof text,
                "install a udev rule giving the kiosk user the device, e.g. "
                "SUBSYSTEM==\"usb\", ATTRS{idVendor}==\"%04x\", MODE=\"0660\", GROUP=\"lp\"",
                static_cast<unsigned>(vendor));
  return text;
}

unsigned timeoutMs(std::chrono::milliseconds left) {
  // libusb waits forever on 0; callers stop before that.
  return static_cast<unsigned>(std::clamp<long long>(left.count(), 1, 24 * 60 * 60 * 1000));
}

const UsbEndpointInfo* findBulk(const UsbInterfaceInfo& interface, bool in) {
  for (const auto& endpoint : interface.endpoints) {
    if (endpoint.type == UsbTransferType::Bulk && endpoint.isIn() == in) return &endpoint;
  }
  return nullptr;
}

struct Selection {
  const UsbDeviceInfo* device = nullptr;
  const UsbInterfaceInfo* interface = nullptr;
};

// The interface to print through on one device: printer class, with a back channel if an
// alternate setting offers one (protocol 2, bidirectional), else the first printer-class one.
const UsbInterfaceInfo* printerInterface(const UsbDeviceInfo& device, bool anyClass) {
  const UsbInterfaceInfo* firstPrinter = nullptr;
  const UsbInterfaceInfo* firstAny = nullptr;
  for (const auto& interface : device.interfaces) {
    if (!findBulk(interface, false)) continue;
    if (!firstAny) firstAny = &interface;
    if (interface.interfaceClass != kUsbClassPrinter) continue;
    if (findBulk(interface, true)) return &interface;
    if (!firstPrinter) firstPrinter = &interface;
  }
  if (firstPrinter) return firstPrinter;
  return anyClass ? firstAny : nullptr;
}

}  // namespace

UsbTransport::UsbTransport(PrinterUri uri, std::shared_ptr<UsbBackend> backend)
    : uri_(std::move(uri)), backend_(std::move(backend)) {}

UsbTransport::~UsbTransport() { close(); }

std::string UsbTransport::describe() const { return uri_.text(); }

void UsbTransport::close() {
  if (handle_) {
    // Releasing lets auto-detach give the interface back to usblp. A vanished device answers
    // NO_DEVICE, which is fine: there is nothing left to release.
    (void)handle_->releaseInterface(interface_);
    handle_.reset();
  }
  endpointIn_.reset();
  pending_.clear();
}

IoOutcome UsbTransport::fail(std::size_t bytes, IoFailure failure, const std::string& message) {
  if (failure != IoFailure::Timeout) close();  // a timeout leaves a busy printer, not a broken one
  return failed(bytes, failure, describe() + ": " + message);
}

IoOutcome UsbTransport::failFromStatus(std::size_t bytes, UsbStatus status,
                                       const std::string& doing) {
  switch (status) {
    case UsbStatus::NoDevice:
      return fail(bytes, IoFailure::Disconnected,
                  "printer unplugged while " + doing + " (" + std::to_string(bytes) +
                      " bytes moved); it is opened again at the next call");
    case UsbStatus::Access:
      return fail(bytes, IoFailure::Denied,
                  "permission denied while " + doing + ": " + udevHint(vendorId_));
    default:
      return fail(bytes, IoFailure::Io, doing + " failed: " + usbStatusName(status));
  }
}

std::optional<IoError> UsbTransport::open() {
  const auto error = [this](IoFailure failure, const std::string& message) {
    return IoError{failure, describe() + ": " + message};
  };
  std::vector<UsbDeviceInfo> devices;
  if (const auto status = backend_->listDevices(devices); status != UsbStatus::Success) {
    return error(IoFailure::Io, "cannot list USB devices: " + usbStatusName(status));
  }
  Selection chosen;
  bool deviceSeen = false;
  for (const auto& device : devices) {
    const bool byId = uri_.vendorId && uri_.productId;
    if (byId && (device.vendorId != *uri_.vendorId || device.productId != *uri_.productId)) {
      continue;
    }
    deviceSeen = true;
    if (const auto* interface = printerInterface(device, byId)) {
      chosen = {&device, interface};
      break;
    }
  }
  if (!chosen.device) {
    if (!uri_.vendorId || !uri_.productId) {
      return error(IoFailure::NotFound,
                   "no USB printer (no interface of class 7 with a bulk OUT endpoint); is it "
                   "plugged in and switched on?");
    }
    return error(IoFailure::NotFound,
                 deviceSeen ? "the device has no interface with a bulk OUT endpoint"
                            : "no USB device " + hexId(*uri_.vendorId, *uri_.productId) +
                                  "; is the printer plugged in and switched on?");
  }

  const auto& device = *chosen.device;
  const auto& interface = *chosen.interface;
  const std::string where = hexId(device.vendorId, device.productId) + " on bus " +
                            std::to_string(device.busNumber) + " address " +
                            std::to_string(device.address);
  std::unique_ptr<UsbDeviceHandle> handle;
  if (const auto status = backend_->open(device, handle); status != UsbStatus::Success || !handle) {
    if (status == UsbStatus::Access) {
      return error(IoFailure::Denied,
                   "permission denied opening " + where + ": " + udevHint(device.vendorId));
    }
    if (status == UsbStatus::NoDevice || status == UsbStatus::NotFound) {
      return error(IoFailure::NotFound, where + " went away while being opened");
    }
    return error(IoFailure::Io, "cannot open " + where + ": " + usbStatusName(status));
  }
  // usblp holds printer interfaces; libusb detaches it for the claim and re-attaches it at the
  // release. Platforms without kernel drivers answer NOT_SUPPORTED, which is fine.
  (void)handle->setAutoDetachKernelDriver(true);
  const int number = interface.number;
  if (const auto status = handle->claimInterface(number); status != UsbStatus::Success) {
    switch (status) {
      case UsbStatus::Access:
        return error(IoFailure::Denied, "permission denied claiming interface " +
                                            std::to_string(number) + " of " + where + ": " +
                                            udevHint(device.vendorId));
      case UsbStatus::Busy:
        return error(IoFailure::Io, "interface " + std::to_string(number) + " of " + where +
                                        " is held by another program (CUPS? a second kiosk?)");
      case UsbStatus::NoDevice:
        return error(IoFailure::NotFound, where + " went away while being opened");
      default:
        return error(IoFailure::Io, "cannot claim interface " + std::to_string(number) + " of " +
                                        where + ": " + usbStatusName(status));
    }
  }
  if (interface.alternateSetting != 0) {
    if (const auto status = handle->setInterfaceAltSetting(number, interface.alternateSetting);
        status != UsbStatus::Success) {
      (void)handle->releaseInterface(number);
      return error(IoFailure::Io, "cannot select alternate setting " +
                                      std::to_string(interface.alternateSetting) + " of " + where +
                                      ": " + usbStatusName(status));
    }
  }
  handle_ = std::move(handle);
  interface_ = number;
  vendorId_ = device.vendorId;
  endpointOut_ = findBulk(interface, false)->address;
  endpointIn_.reset();
  if (const auto* in = findBulk(interface, true)) {
    endpointIn_ = in->address;
    inPacketSize_ = std::max<std::size_t>(in->maxPacketSize, 1);
  }
  pending_.clear();
  return std::nullopt;
}

IoOutcome UsbTransport::write(std::span<const std::uint8_t> data,
                              std::chrono::milliseconds timeout) {
  if (data.empty()) return succeeded(0);
  if (!handle_) {
    if (auto error = open()) return IoOutcome{0, std::move(error)};
  }
  const Deadline deadline(timeout);
  std::size_t sent = 0;
  bool haltCleared = false;  // one clear per stall; a second stall in a row is a real fault
  while (sent < data.size()) {
    const auto left = deadline.remaining();
    if (left.count() == 0) {
      return fail(sent, IoFailure::Timeout,
                  "bulk write timed out after " + std::to_string(timeout.count()) + " ms with " +
                      std::to_string(sent) + " of " + std::to_string(data.size()) + " bytes sent");
    }
    const auto piece = data.subspan(sent, std::min(kChunkBytes, data.size() - sent));
    int transferred = 0;
    const auto status = handle_->bulkWrite(endpointOut_, piece, transferred, timeoutMs(left));
    // A transfer that failed may still have moved part of the piece: count it.
    const auto moved =
        static_cast<std::size_t>(std::clamp<int>(transferred, 0, static_cast<int>(piece.size())));
    sent += moved;
    if (moved > 0) haltCleared = false;
    switch (status) {
      case UsbStatus::Success:
        continue;  // a short write goes on with the rest
      case UsbStatus::Timeout:
        return fail(sent, IoFailure::Timeout,
                    "bulk write timed out after " + std::to_string(timeout.count()) + " ms with " +
                        std::to_string(sent) + " of " + std::to_string(data.size()) +
                        " bytes sent");
      case UsbStatus::Pipe: {
        if (haltCleared) {
          return fail(sent, IoFailure::Io, "bulk OUT endpoint stalled again after clearing it");
        }
        const auto cleared = handle_->clearHalt(endpointOut_);
        if (cleared != UsbStatus::Success) return failFromStatus(sent, cleared, "clearing a stall");
        haltCleared = true;
        continue;
      }
      default:
        return failFromStatus(sent, status, "writing");
    }
  }
  return succeeded(sent);
}

IoOutcome UsbTransport::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) {
  if (buffer.empty()) return succeeded(0);
  const auto takePending = [this, buffer] {
    const auto count = std::min(buffer.size(), pending_.size());
    std::copy_n(pending_.begin(), count, buffer.begin());
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
    return succeeded(count);
  };
  if (!pending_.empty()) return takePending();
  if (!handle_) {
    if (auto error = open()) return IoOutcome{0, std::move(error)};
  }
  if (!endpointIn_) {
    return failed(0, IoFailure::Timeout,
                  describe() + ": the printer interface has no bulk IN endpoint; it cannot answer");
  }
  // Whole packets: a device sending a full packet into a smaller buffer is an OVERFLOW error.
  const auto packets = (buffer.size() + inPacketSize_ - 1) / inPacketSize_;
  std::vector<std::uint8_t> scratch(packets * inPacketSize_);
  const Deadline deadline(timeout);
  bool haltCleared = false;
  for (;;) {
    const auto left = deadline.remaining();
    if (left.count() == 0) break;
    int transferred = 0;
    const auto status = handle_->bulkRead(*endpointIn_, scratch, transferred, timeoutMs(left));
    const auto moved =
        static_cast<std::size_t>(std::clamp<int>(transferred, 0, static_cast<int>(scratch.size())));
    if (moved > 0) {
      pending_.assign(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(moved));
      return takePending();
    }
    switch (status) {
      case UsbStatus::Success:
        continue;  // a zero-length packet: keep waiting
      case UsbStatus::Timeout:
        return fail(0, IoFailure::Timeout,
                    "no answer within " + std::to_string(timeout.count()) + " ms");
      case UsbStatus::Pipe: {
        if (haltCleared) {
          return fail(0, IoFailure::Io, "bulk IN endpoint stalled again after clearing it");
        }
        const auto cleared = handle_->clearHalt(*endpointIn_);
        if (cleared != UsbStatus::Success) return failFromStatus(0, cleared, "clearing a stall");
        haltCleared = true;
        continue;
      }
      default:
        return failFromStatus(0, status, "reading");
    }
  }
  return fail(0, IoFailure::Timeout, "no answer within " + std::to_string(timeout.count()) + " ms");
}

IoOutcome UsbTransport::portStatus(std::uint8_t& status, std::chrono::milliseconds timeout) {
  if (!handle_) {
    if (auto error = open()) return IoOutcome{0, std::move(error)};
  }
  std::uint8_t answer = 0;
  int transferred = 0;
  const auto result = handle_->controlRead(kRequestTypeClassInterfaceIn, kRequestGetPortStatus, 0,
                                           static_cast<std::uint16_t>(interface_),
                                           std::span(&answer, 1), transferred, timeoutMs(timeout));
  switch (result) {
    case UsbStatus::Success:
      if (transferred < 1) return fail(0, IoFailure::Io, "GET_PORT_STATUS answered no bytes");
      status = answer;
      return succeeded(1);
    case UsbStatus::Timeout:
      return fail(0, IoFailure::Timeout,
                  "no GET_PORT_STATUS answer within " + std::to_string(timeout.count()) + " ms");
    case UsbStatus::Pipe:
      // A control request the device does not know stalls endpoint 0, which clears itself.
      return failed(0, IoFailure::Io, describe() + ": the printer does not answer GET_PORT_STATUS");
    default:
      return failFromStatus(0, result, "asking GET_PORT_STATUS");
  }
}

}  // namespace mikhak::drivers
