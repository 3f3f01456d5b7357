#include "mikhak/drivers/libusb_backend.hpp"

#include <libusb.h>

#include <utility>

namespace mikhak::drivers {
namespace {

// The boundary's codes are libusb's, so statuses pass through unchanged.
static_assert(static_cast<int>(UsbStatus::Success) == LIBUSB_SUCCESS);
static_assert(static_cast<int>(UsbStatus::Io) == LIBUSB_ERROR_IO);
static_assert(static_cast<int>(UsbStatus::InvalidParam) == LIBUSB_ERROR_INVALID_PARAM);
static_assert(static_cast<int>(UsbStatus::Access) == LIBUSB_ERROR_ACCESS);
static_assert(static_cast<int>(UsbStatus::NoDevice) == LIBUSB_ERROR_NO_DEVICE);
static_assert(static_cast<int>(UsbStatus::NotFound) == LIBUSB_ERROR_NOT_FOUND);
static_assert(static_cast<int>(UsbStatus::Busy) == LIBUSB_ERROR_BUSY);
static_assert(static_cast<int>(UsbStatus::Timeout) == LIBUSB_ERROR_TIMEOUT);
static_assert(static_cast<int>(UsbStatus::Overflow) == LIBUSB_ERROR_OVERFLOW);
static_assert(static_cast<int>(UsbStatus::Pipe) == LIBUSB_ERROR_PIPE);
static_assert(static_cast<int>(UsbStatus::Interrupted) == LIBUSB_ERROR_INTERRUPTED);
static_assert(static_cast<int>(UsbStatus::NoMemory) == LIBUSB_ERROR_NO_MEM);
static_assert(static_cast<int>(UsbStatus::NotSupported) == LIBUSB_ERROR_NOT_SUPPORTED);
static_assert(static_cast<int>(UsbStatus::Other) == LIBUSB_ERROR_OTHER);
static_assert(kUsbEndpointDirIn == LIBUSB_ENDPOINT_IN);
static_assert(kUsbClassPrinter == LIBUSB_CLASS_PRINTER);

UsbStatus toStatus(int code) { return static_cast<UsbStatus>(code); }

// Shared by the backend and every handle it opened: libusb_exit runs after the last of them.
using ContextPtr = std::shared_ptr<libusb_context>;

struct DeviceListDeleter {
  void operator()(libusb_device** list) const { libusb_free_device_list(list, 1); }
};
using DeviceList = std::unique_ptr<libusb_device*, DeviceListDeleter>;

struct ConfigDeleter {
  void operator()(libusb_config_descriptor* config) const { libusb_free_config_descriptor(config); }
};
using ConfigPtr = std::unique_ptr<libusb_config_descriptor, ConfigDeleter>;

struct HandleDeleter {
  void operator()(libusb_device_handle* handle) const { libusb_close(handle); }
};

class LibusbDeviceHandle final : public UsbDeviceHandle {
 public:
  LibusbDeviceHandle(ContextPtr context, libusb_device_handle* handle)
      : context_(std::move(context)), handle_(handle) {}

  UsbStatus setAutoDetachKernelDriver(bool enable) override {
    return toStatus(libusb_set_auto_detach_kernel_driver(handle_.get(), enable ? 1 : 0));
  }
  UsbStatus claimInterface(int number) override {
    return toStatus(libusb_claim_interface(handle_.get(), number));
  }
  UsbStatus releaseInterface(int number) override {
    return toStatus(libusb_release_interface(handle_.get(), number));
  }
  UsbStatus setInterfaceAltSetting(int number, int alternateSetting) override {
    return toStatus(libusb_set_interface_alt_setting(handle_.get(), number, alternateSetting));
  }
  UsbStatus bulkWrite(std::uint8_t endpoint, std::span<const std::uint8_t> data, int& transferred,
                      unsigned timeoutMs) override {
    transferred = 0;
    // libusb takes one non-const buffer for both directions; it only reads an OUT buffer.
    return toStatus(libusb_bulk_transfer(handle_.get(), endpoint,
                                         const_cast<unsigned char*>(data.data()),
                                         static_cast<int>(data.size()), &transferred, timeoutMs));
  }
  UsbStatus bulkRead(std::uint8_t endpoint, std::span<std::uint8_t> data, int& transferred,
                     unsigned timeoutMs) override {
    transferred = 0;
    return toStatus(libusb_bulk_transfer(handle_.get(), endpoint, data.data(),
                                         static_cast<int>(data.size()), &transferred, timeoutMs));
  }
  UsbStatus clearHalt(std::uint8_t endpoint) override {
    return toStatus(libusb_clear_halt(handle_.get(), endpoint));
  }
  UsbStatus controlRead(std::uint8_t requestType, std::uint8_t request, std::uint16_t value,
                        std::uint16_t index, std::span<std::uint8_t> data, int& transferred,
                        unsigned timeoutMs) override {
    const int result =
        libusb_control_transfer(handle_.get(), requestType, request, value, index, data.data(),
                                static_cast<std::uint16_t>(data.size()), timeoutMs);
    transferred = result > 0 ? result : 0;
    return result >= 0 ? UsbStatus::Success : toStatus(result);
  }

 private:
  ContextPtr context_;  // declared first: destroyed after the handle
  std::unique_ptr<libusb_device_handle, HandleDeleter> handle_;
};

UsbInterfaceInfo describeInterface(const libusb_interface_descriptor& descriptor) {
  UsbInterfaceInfo info;
  info.number = descriptor.bInterfaceNumber;
  info.alternateSetting = descriptor.bAlternateSetting;
  info.interfaceClass = descriptor.bInterfaceClass;
  info.interfaceSubClass = descriptor.bInterfaceSubClass;
  info.interfaceProtocol = descriptor.bInterfaceProtocol;
  for (int e = 0; e < descriptor.bNumEndpoints; ++e) {
    const auto& endpoint = descriptor.endpoint[e];
    UsbEndpointInfo endpointInfo;
    endpointInfo.address = endpoint.bEndpointAddress;
    endpointInfo.type =
        static_cast<UsbTransferType>(endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK);
    // Bits 11-12 are the high-bandwidth multiplier of isochronous and interrupt endpoints.
    endpointInfo.maxPacketSize = static_cast<std::uint16_t>(endpoint.wMaxPacketSize & 0x7FF);
    info.endpoints.push_back(endpointInfo);
  }
  return info;
}

UsbDeviceInfo describeDevice(libusb_device* device) {
  UsbDeviceInfo info;
  info.busNumber = libusb_get_bus_number(device);
  info.address = libusb_get_device_address(device);
  libusb_device_descriptor descriptor{};
  if (libusb_get_device_descriptor(device, &descriptor) == LIBUSB_SUCCESS) {
    info.vendorId = descriptor.idVendor;
    info.productId = descriptor.idProduct;
    info.deviceClass = descriptor.bDeviceClass;
  }
  // Descriptors come from the kernel's cache (sysfs): no access to the device needed.
  libusb_config_descriptor* raw = nullptr;
  if (libusb_get_active_config_descriptor(device, &raw) != LIBUSB_SUCCESS) {
    raw = nullptr;
    if (libusb_get_config_descriptor(device, 0, &raw) != LIBUSB_SUCCESS) return info;
  }
  const ConfigPtr config(raw);
  for (int i = 0; i < config->bNumInterfaces; ++i) {
    const auto& interface = config->interface[i];
    for (int a = 0; a < interface.num_altsetting; ++a) {
      info.interfaces.push_back(describeInterface(interface.altsetting[a]));
    }
  }
  return info;
}

class LibusbBackend final : public UsbBackend {
 public:
  UsbStatus listDevices(std::vector<UsbDeviceInfo>& devices) override {
    devices.clear();
    DeviceList list;
    const auto count = getList(list);
    if (count < 0) return toStatus(static_cast<int>(count));
    for (ssize_t i = 0; i < count; ++i) devices.push_back(describeDevice(list.get()[i]));
    return UsbStatus::Success;
  }

  UsbStatus open(const UsbDeviceInfo& wanted, std::unique_ptr<UsbDeviceHandle>& handle) override {
    handle.reset();
    DeviceList list;
    const auto count = getList(list);
    if (count < 0) return toStatus(static_cast<int>(count));
    for (ssize_t i = 0; i < count; ++i) {
      libusb_device* device = list.get()[i];
      if (libusb_get_bus_number(device) != wanted.busNumber ||
          libusb_get_device_address(device) != wanted.address) {
        continue;
      }
      // An address is reused once its device has gone: check it is still the same kind.
      libusb_device_descriptor descriptor{};
      if (libusb_get_device_descriptor(device, &descriptor) != LIBUSB_SUCCESS ||
          descriptor.idVendor != wanted.vendorId || descriptor.idProduct != wanted.productId) {
        return UsbStatus::NoDevice;
      }
      libusb_device_handle* raw = nullptr;
      if (const int result = libusb_open(device, &raw); result != LIBUSB_SUCCESS) {
        return toStatus(result);
      }
      handle = std::make_unique<LibusbDeviceHandle>(context_, raw);
      return UsbStatus::Success;
    }
    return UsbStatus::NoDevice;
  }

 private:
  // Makes the context at first use, then lists the bus.
  ssize_t getList(DeviceList& list) {
    if (!context_) {
      libusb_context* raw = nullptr;
      if (const int result = libusb_init(&raw); result != LIBUSB_SUCCESS) return result;
      context_ = ContextPtr(raw, libusb_exit);
    }
    libusb_device** raw = nullptr;
    const ssize_t count = libusb_get_device_list(context_.get(), &raw);
    if (count < 0) return count;
    list.reset(raw);
    return count;
  }

  ContextPtr context_;
};

}  // namespace

std::shared_ptr<UsbBackend> makeLibusbBackend() { return std::make_shared<LibusbBackend>(); }

}  // namespace mikhak::drivers
