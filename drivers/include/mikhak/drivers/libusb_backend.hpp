#pragma once

#include <memory>

#include "mikhak/drivers/usb_backend.hpp"

namespace mikhak::drivers {

// The UsbBackend over libusb-1.0. Its libusb context is made at the first call, so building a
// transport does no I/O, and lives as long as the backend or any handle it opened.
std::shared_ptr<UsbBackend> makeLibusbBackend();

}  // namespace mikhak::drivers
