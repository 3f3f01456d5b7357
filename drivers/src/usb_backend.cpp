#include "mikhak/drivers/usb_backend.hpp"

namespace mikhak::drivers {

std::string usbStatusName(UsbStatus status) {
  switch (status) {
    case UsbStatus::Success:
      return "LIBUSB_SUCCESS";
    case UsbStatus::Io:
      return "LIBUSB_ERROR_IO";
    case UsbStatus::InvalidParam:
      return "LIBUSB_ERROR_INVALID_PARAM";
    case UsbStatus::Access:
      return "LIBUSB_ERROR_ACCESS";
    case UsbStatus::NoDevice:
      return "LIBUSB_ERROR_NO_DEVICE";
    case UsbStatus::NotFound:
      return "LIBUSB_ERROR_NOT_FOUND";
    case UsbStatus::Busy:
      return "LIBUSB_ERROR_BUSY";
    case UsbStatus::Timeout:
      return "LIBUSB_ERROR_TIMEOUT";
    case UsbStatus::Overflow:
      return "LIBUSB_ERROR_OVERFLOW";
    case UsbStatus::Pipe:
      return "LIBUSB_ERROR_PIPE";
    case UsbStatus::Interrupted:
      return "LIBUSB_ERROR_INTERRUPTED";
    case UsbStatus::NoMemory:
      return "LIBUSB_ERROR_NO_MEM";
    case UsbStatus::NotSupported:
      return "LIBUSB_ERROR_NOT_SUPPORTED";
    case UsbStatus::Other:
      return "LIBUSB_ERROR_OTHER";
  }
  return "libusb error " + std::to_string(static_cast<int>(status));
}

}  // namespace mikhak::drivers
