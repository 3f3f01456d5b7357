#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <vector>

#include "mikhak/drivers/usb_backend.hpp"

namespace mikhak::drivers::test {

// A USB receipt printer as libusb would show it: device class 0, one printer-class interface
// with bulk OUT and bulk IN, held by usblp until someone asks libusb to detach it. It answers
// DLE EOT n with a status byte on bulk IN and GET_PORT_STATUS on the control pipe, and can be
// told to misbehave the ways real ones do.
class FakeUsbPrinter {
 public:
  struct Options {
    std::uint16_t vendorId = 0x04b8;
    std::uint16_t productId = 0x0202;
    std::uint8_t busNumber = 1;
    std::uint8_t address = 7;
    std::uint8_t interfaceNumber = 0;
    bool bulkIn = true;
    std::uint8_t statusAnswer = 0x12;               // DLE EOT n answer: fixed bits only, all well
    std::optional<std::uint8_t> portStatus = 0x18;  // GET_PORT_STATUS; none: the request stalls
  };
  static constexpr std::uint8_t kOut = 0x01;
  static constexpr std::uint8_t kIn = 0x82;

  explicit FakeUsbPrinter(Options options) : options_(options) {}

  UsbDeviceInfo info() const {
    UsbInterfaceInfo interface;
    interface.number = options_.interfaceNumber;
    interface.interfaceClass = kUsbClassPrinter;
    interface.interfaceSubClass = 1;
    interface.interfaceProtocol = options_.bulkIn ? 2 : 1;
    interface.endpoints.push_back({kOut, UsbTransferType::Bulk, 64});
    if (options_.bulkIn) interface.endpoints.push_back({kIn, UsbTransferType::Bulk, 64});
    UsbDeviceInfo device;
    device.busNumber = options_.busNumber;
    device.address = address_;
    device.vendorId = options_.vendorId;
    device.productId = options_.productId;
    device.deviceClass = 0;  // "see the interfaces", as most printers say
    device.interfaces.push_back(interface);
    return device;
  }

  // Misbehaviour, as scripted by a test.
  void stallNextWrites(int count) { stallsLeft_ = count; }
  // The next writes take `bytes` in all, then time out (and keep timing out).
  void timeOutAfter(std::size_t bytes) { timeoutBudget_ = bytes; }
  // Every bulk write takes at most this many bytes and reports success.
  void acceptAtMost(std::size_t bytes) { shortWrite_ = bytes; }
  void hangOnRead(bool hang) { hangOnRead_ = hang; }
  // Takes `bytes` more, then is unplugged in the middle of the transfer.
  void unplugAfter(std::size_t bytes) { unplugBudget_ = bytes; }
  void unplug() {
    present_ = false;
    claimed_.clear();
  }
  // Back on the bus as a new device (fresh state, maybe a new address): old handles stay dead.
  void plugBack(std::uint8_t address) {
    present_ = true;
    address_ = address;
    ++generation_;
    halted_ = false;
    kernelDriverAttached_ = true;
    answers_.clear();
  }
  void denyAccess(bool deny) { denyAccess_ = deny; }

  // What happened.
  const std::vector<std::uint8_t>& received() const { return received_; }
  bool present() const { return present_; }
  bool autoDetachEnabled() const { return autoDetach_; }
  bool kernelDriverAttached() const { return kernelDriverAttached_; }
  const std::set<int>& claimedInterfaces() const { return claimed_; }
  int openHandles() const { return openHandles_; }
  int clearHalts() const { return clearHalts_; }
  int bulkWrites() const { return bulkWrites_; }
  int generation() const { return generation_; }

  // Called by the bus and by handles.
  UsbStatus open() {
    if (!present_) return UsbStatus::NoDevice;
    if (denyAccess_) return UsbStatus::Access;
    ++openHandles_;
    autoDetach_ = false;  // a setting of the handle in libusb, not of the device
    return UsbStatus::Success;
  }
  void closed() { --openHandles_; }

  UsbStatus setAutoDetach(int generation, bool enable) {
    if (!live(generation)) return UsbStatus::NoDevice;
    autoDetach_ = enable;
    return UsbStatus::Success;
  }
  UsbStatus claim(int generation, int number) {
    if (!live(generation)) return UsbStatus::NoDevice;
    if (number != options_.interfaceNumber) return UsbStatus::NotFound;
    if (kernelDriverAttached_) {
      if (!autoDetach_) return UsbStatus::Busy;  // usblp has it
      kernelDriverAttached_ = false;
    }
    claimed_.insert(number);
    return UsbStatus::Success;
  }
  UsbStatus release(int generation, int number) {
    if (!live(generation)) return UsbStatus::NoDevice;
    if (claimed_.erase(number) == 0) return UsbStatus::NotFound;
    if (autoDetach_) kernelDriverAttached_ = true;
    return UsbStatus::Success;
  }
  UsbStatus bulkWrite(int generation, std::uint8_t endpoint, std::span<const std::uint8_t> data,
                      int& transferred) {
    transferred = 0;
    ++bulkWrites_;
    if (!live(generation)) return UsbStatus::NoDevice;
    if (endpoint != kOut) return UsbStatus::InvalidParam;
    if (!claimed_.contains(options_.interfaceNumber)) return UsbStatus::NotFound;
    if (halted_) return UsbStatus::Pipe;
    if (stallsLeft_ > 0) {
      --stallsLeft_;
      halted_ = true;
      return UsbStatus::Pipe;
    }
    std::size_t take = data.size();
    if (shortWrite_) take = std::min(take, *shortWrite_);
    auto status = UsbStatus::Success;
    if (timeoutBudget_) {
      take = std::min(take, *timeoutBudget_);
      *timeoutBudget_ -= take;
      if (take < data.size()) status = UsbStatus::Timeout;
    }
    if (unplugBudget_) {
      take = std::min(take, *unplugBudget_);
      *unplugBudget_ -= take;
      if (take < data.size()) {
        status = UsbStatus::NoDevice;
        unplugBudget_.reset();
        unplug();
      }
    }
    accept(data.first(take));
    transferred = static_cast<int>(take);
    return status;
  }
  UsbStatus bulkRead(int generation, std::uint8_t endpoint, std::span<std::uint8_t> data,
                     int& transferred) {
    transferred = 0;
    if (!live(generation)) return UsbStatus::NoDevice;
    if (!options_.bulkIn || endpoint != kIn) return UsbStatus::InvalidParam;
    if (!claimed_.contains(options_.interfaceNumber)) return UsbStatus::NotFound;
    if (hangOnRead_ || answers_.empty()) return UsbStatus::Timeout;  // as if the time ran out
    // A whole packet into a smaller buffer is what libusb calls an overflow.
    if (data.size() < 64 && answers_.size() > data.size()) return UsbStatus::Overflow;
    const auto count = std::min(data.size(), answers_.size());
    std::copy_n(answers_.begin(), count, data.begin());
    answers_.erase(answers_.begin(), answers_.begin() + static_cast<std::ptrdiff_t>(count));
    transferred = static_cast<int>(count);
    return UsbStatus::Success;
  }
  UsbStatus clearHalt(int generation, std::uint8_t endpoint) {
    if (!live(generation)) return UsbStatus::NoDevice;
    if (endpoint != kOut && endpoint != kIn) return UsbStatus::InvalidParam;
    ++clearHalts_;
    halted_ = false;
    return UsbStatus::Success;
  }
  UsbStatus controlRead(int generation, std::uint8_t requestType, std::uint8_t request,
                        std::uint16_t index, std::span<std::uint8_t> data, int& transferred) {
    transferred = 0;
    if (!live(generation)) return UsbStatus::NoDevice;
    // GET_PORT_STATUS: class request to the interface, device to host.
    if (requestType != 0xA1 || request != 1 || index != options_.interfaceNumber ||
        !options_.portStatus || data.empty()) {
      return UsbStatus::Pipe;
    }
    data[0] = *options_.portStatus;
    transferred = 1;
    return UsbStatus::Success;
  }

 private:
  bool live(int generation) const { return present_ && generation == generation_; }

  // Looks for DLE EOT n (0x10 0x04 n) across transfers, as a printer's real-time parser does.
  void accept(std::span<const std::uint8_t> bytes) {
    for (const auto b : bytes) {
      received_.push_back(b);
      const auto n = received_.size();
      if (n >= 3 && received_[n - 3] == 0x10 && received_[n - 2] == 0x04 && b >= 1 && b <= 4) {
        answers_.push_back(options_.statusAnswer);
      }
    }
  }

  Options options_;
  std::uint8_t address_ = options_.address;
  bool present_ = true;
  int generation_ = 0;
  bool autoDetach_ = false;
  bool kernelDriverAttached_ = true;
  bool denyAccess_ = false;
  bool halted_ = false;
  bool hangOnRead_ = false;
  int stallsLeft_ = 0;
  std::optional<std::size_t> timeoutBudget_;
  std::optional<std::size_t> shortWrite_;
  std::optional<std::size_t> unplugBudget_;
  std::set<int> claimed_;
  std::vector<std::uint8_t> received_;
  std::deque<std::uint8_t> answers_;
  int openHandles_ = 0;
  int clearHalts_ = 0;
  int bulkWrites_ = 0;
};

// A handle on the fake printer, tied to the plug-in it was opened on.
class FakeUsbHandle final : public UsbDeviceHandle {
 public:
  explicit FakeUsbHandle(std::shared_ptr<FakeUsbPrinter> printer)
      : printer_(std::move(printer)), generation_(printer_->generation()) {}
  ~FakeUsbHandle() override { printer_->closed(); }

  UsbStatus setAutoDetachKernelDriver(bool enable) override {
    return printer_->setAutoDetach(generation_, enable);
  }
  UsbStatus claimInterface(int number) override { return printer_->claim(generation_, number); }
  UsbStatus releaseInterface(int number) override { return printer_->release(generation_, number); }
  UsbStatus setInterfaceAltSetting(int, int) override { return UsbStatus::Success; }
  UsbStatus bulkWrite(std::uint8_t endpoint, std::span<const std::uint8_t> data, int& transferred,
                      unsigned) override {
    return printer_->bulkWrite(generation_, endpoint, data, transferred);
  }
  UsbStatus bulkRead(std::uint8_t endpoint, std::span<std::uint8_t> data, int& transferred,
                     unsigned) override {
    return printer_->bulkRead(generation_, endpoint, data, transferred);
  }
  UsbStatus clearHalt(std::uint8_t endpoint) override {
    return printer_->clearHalt(generation_, endpoint);
  }
  UsbStatus controlRead(std::uint8_t requestType, std::uint8_t request, std::uint16_t,
                        std::uint16_t index, std::span<std::uint8_t> data, int& transferred,
                        unsigned) override {
    return printer_->controlRead(generation_, requestType, request, index, data, transferred);
  }

 private:
  std::shared_ptr<FakeUsbPrinter> printer_;
  int generation_;
};

// The bus: a keyboard and a USB stick (which has bulk OUT too) come before any printer.
class FakeUsbBus final : public UsbBackend {
 public:
  FakeUsbBus() {
    UsbDeviceInfo keyboard;
    keyboard.busNumber = 1;
    keyboard.address = 2;
    keyboard.vendorId = 0x046d;
    keyboard.productId = 0xc31c;
    UsbInterfaceInfo hid;
    hid.interfaceClass = 3;
    hid.endpoints.push_back({0x81, UsbTransferType::Interrupt, 8});
    keyboard.interfaces.push_back(hid);
    others_.push_back(keyboard);

    UsbDeviceInfo stick;
    stick.busNumber = 1;
    stick.address = 3;
    stick.vendorId = 0x0781;
    stick.productId = 0x5567;
    UsbInterfaceInfo storage;
    storage.interfaceClass = 8;
    storage.endpoints.push_back({0x01, UsbTransferType::Bulk, 512});
    storage.endpoints.push_back({0x82, UsbTransferType::Bulk, 512});
    stick.interfaces.push_back(storage);
    others_.push_back(stick);
  }

  std::shared_ptr<FakeUsbPrinter> addPrinter(FakeUsbPrinter::Options options = {}) {
    printers_.push_back(std::make_shared<FakeUsbPrinter>(options));
    return printers_.back();
  }

  int listings() const { return listings_; }
  int otherDevicesOpened() const { return othersOpened_; }

  UsbStatus listDevices(std::vector<UsbDeviceInfo>& devices) override {
    ++listings_;
    devices = others_;
    for (const auto& printer : printers_) {
      if (printer->present()) devices.push_back(printer->info());
    }
    return UsbStatus::Success;
  }

  UsbStatus open(const UsbDeviceInfo& device, std::unique_ptr<UsbDeviceHandle>& handle) override {
    for (const auto& printer : printers_) {
      const auto info = printer->info();
      if (!printer->present() || info.busNumber != device.busNumber ||
          info.address != device.address) {
        continue;
      }
      const auto status = printer->open();
      if (status == UsbStatus::Success) handle = std::make_unique<FakeUsbHandle>(printer);
      return status;
    }
    ++othersOpened_;
    return UsbStatus::Access;  // not ours to open, as a keyboard is for the kiosk user
  }

 private:
  std::vector<UsbDeviceInfo> others_;
  std::vector<std::shared_ptr<FakeUsbPrinter>> printers_;
  int listings_ = 0;
  int othersOpened_ = 0;
};

}  // namespace mikhak::drivers::test
