#include "mikhak/drivers/transport.hpp"

#include "device_transport.hpp"
#include "directory_transport.hpp"
#include "mikhak/drivers/libusb_backend.hpp"
#include "mikhak/drivers/usb_transport.hpp"
#include "tcp_transport.hpp"

namespace mikhak::drivers {

Result<std::unique_ptr<Transport>> makeTransport(const PrinterUri& uri) {
  std::unique_ptr<Transport> transport;
  switch (uri.scheme) {
    case PrinterUri::Scheme::Usb:
      transport = std::make_unique<UsbTransport>(uri, makeLibusbBackend());
      break;
    case PrinterUri::Scheme::Tcp:
      if (uri.host.empty() || uri.port == 0) {
        return Error{"makeTransport: " + uri.text() + " needs a host and a port"};
      }
      transport = std::make_unique<TcpTransport>(uri);
      break;
    case PrinterUri::Scheme::Device:
    case PrinterUri::Scheme::Directory:
      if (!uri.path.is_absolute()) {
        return Error{"makeTransport: " + uri.text() + " needs an absolute path"};
      }
      if (uri.scheme == PrinterUri::Scheme::Device) {
        transport = std::make_unique<DeviceTransport>(uri);
      } else {
        transport = std::make_unique<DirectoryTransport>(uri);
      }
      break;
  }
  if (!transport) return Error{"makeTransport: unknown scheme in " + uri.text()};
  return transport;
}

}  // namespace mikhak::drivers
