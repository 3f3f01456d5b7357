#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace mikhak::drivers {

// The narrow boundary between the USB transport and libusb: the few libusb calls the transport
// makes, one virtual function each, so tests can put a fake printer behind it. It speaks libusb's
// vocabulary (return codes, descriptor fields, millisecond timeouts where 0 waits forever) and
// keeps <libusb.h> out of this header: the values equal LIBUSB_SUCCESS and LIBUSB_ERROR_*
// (checked where libusb is included).
enum class UsbStatus : int {
  Success = 0,
  Io = -1,
  InvalidParam = -2,
  Access = -3,
  NoDevice = -4,
  NotFound = -5,
  Busy = -6,
  Timeout = -7,
  Overflow = -8,
  Pipe = -9,
  Interrupted = -10,
  NoMemory = -11,
  NotSupported = -12,
  Other = -99,
};

// "LIBUSB_ERROR_PIPE", for messages a technician can search for.
std::string usbStatusName(UsbStatus status);

inline constexpr std::uint8_t kUsbClassPrinter = 7;
inline constexpr std::uint8_t kUsbEndpointDirIn = 0x80;  // the direction bit of an address

enum class UsbTransferType : std::uint8_t { Control = 0, Isochronous = 1, Bulk = 2, Interrupt = 3 };

struct UsbEndpointInfo {
  std::uint8_t address = 0;  // bEndpointAddress, bit 7 set for IN
  UsbTransferType type = UsbTransferType::Bulk;
  std::uint16_t maxPacketSize = 64;
  bool isIn() const { return (address & kUsbEndpointDirIn) != 0; }
};

// One alternate setting of one interface (libusb_interface_descriptor).
struct UsbInterfaceInfo {
  std::uint8_t number = 0;
  std::uint8_t alternateSetting = 0;
  std::uint8_t interfaceClass = 0;
  std::uint8_t interfaceSubClass = 0;
  std::uint8_t interfaceProtocol = 0;
  std::vector<UsbEndpointInfo> endpoints;
};

// A device as enumeration sees it: where it is, what it says it is, and every alternate setting
// of its active configuration. Printers mostly say deviceClass 0 and put class 7 on an interface.
struct UsbDeviceInfo {
  std::uint8_t busNumber = 0;
  std::uint8_t address = 0;
  std::uint16_t vendorId = 0;
  std::uint16_t productId = 0;
  std::uint8_t deviceClass = 0;
  std::vector<UsbInterfaceInfo> interfaces;
};

// An open device (libusb_device_handle); destroying it is libusb_close.
class UsbDeviceHandle {
 public:
  virtual ~UsbDeviceHandle() = default;
  virtual UsbStatus setAutoDetachKernelDriver(bool enable) = 0;
  virtual UsbStatus claimInterface(int number) = 0;
  virtual UsbStatus releaseInterface(int number) = 0;
  virtual UsbStatus setInterfaceAltSetting(int number, int alternateSetting) = 0;
  // libusb_bulk_transfer on an OUT or an IN endpoint. `transferred` is what moved even when the
  // status is an error: a timed-out write may have sent part of the data.
  virtual UsbStatus bulkWrite(std::uint8_t endpoint, std::span<const std::uint8_t> data,
                              int& transferred, unsigned timeoutMs) = 0;
  virtual UsbStatus bulkRead(std::uint8_t endpoint, std::span<std::uint8_t> data, int& transferred,
                             unsigned timeoutMs) = 0;
  virtual UsbStatus clearHalt(std::uint8_t endpoint) = 0;
  // libusb_control_transfer for a request that reads (requestType has the IN bit);
  // `transferred` is the length libusb returns.
  virtual UsbStatus controlRead(std::uint8_t requestType, std::uint8_t request, std::uint16_t value,
                                std::uint16_t index, std::span<std::uint8_t> data, int& transferred,
                                unsigned timeoutMs) = 0;
};

// The bus: libusb_get_device_list with the descriptors, and libusb_open.
class UsbBackend {
 public:
  virtual ~UsbBackend() = default;
  virtual UsbStatus listDevices(std::vector<UsbDeviceInfo>& devices) = 0;
  // Opens the device found at device.busNumber / device.address (NoDevice when it has gone).
  virtual UsbStatus open(const UsbDeviceInfo& device, std::unique_ptr<UsbDeviceHandle>& handle) = 0;
};

}  // namespace mikhak::drivers
