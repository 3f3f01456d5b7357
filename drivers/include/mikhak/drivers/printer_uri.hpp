#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "mikhak/base/result.hpp"

namespace mikhak::drivers {

// Where a printer is, as written in config and on the command line:
//   usb://04b8:0202          a USB printer by vendor:product (hex)
//   usb://auto               the first USB interface of the printer class (7)
//   tcp://10.0.0.5:9100      a network printer (port 9100 when left out)
//   dev:///dev/usb/lp0       a character device (the kernel's usblp driver)
//   dir:///var/lib/mikhak/tickets   a folder: each ticket written as a file (the demo)
struct PrinterUri {
  enum class Scheme { Usb, Tcp, Device, Directory };
  Scheme scheme = Scheme::Usb;
  std::optional<std::uint16_t> vendorId;   // usb: none means auto
  std::optional<std::uint16_t> productId;  // usb
  std::string host;                        // tcp
  std::uint16_t port = 9100;               // tcp
  std::filesystem::path path;              // dev, dir

  // Back to the written form (canonical: lower-case hex, port always shown).
  std::string text() const;
  bool operator==(const PrinterUri&) const = default;
};

// Errors name the part that is wrong: "printer URI: port must be 1-65535 in tcp://host:99999".
Result<PrinterUri> parsePrinterUri(std::string_view text);

}  // namespace mikhak::drivers
