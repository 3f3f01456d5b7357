#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::drivers {

// Whether an input device's name (its USB vendor and product strings, as in its
// /dev/input/by-id link or /sys/class/input/eventN/device/name) looks like a barcode scanner's:
// it names barcodes or scanners ("Bar Code Scanner", "2D Barcode Reader"), says "KBW"
// (keyboard wedge, as many no-name scanners do), or names a maker of scanners (Honeywell,
// Metrologic, Datalogic, Symbol, Zebra, Newland, Opticon, Zebex, Unitech, Netum, Inateck,
// Eyoyo, Mindeo). Case, spaces and underscores do not matter. A scanner that calls itself
// "USB Keyboard" is not found: configure its path.
bool looksLikeBarcodeScanner(std::string_view name);

struct ScannerCandidate {
  std::filesystem::path device;  // what to open: the by-id link where there is one
  std::string name;              // what matched, for the log
};

// Where the kernel and udev list input devices; a test points them at a folder of its own.
struct InputDeviceFolders {
  std::filesystem::path byId = "/dev/input/by-id";
  std::filesystem::path sysClassInput = "/sys/class/input";
  std::filesystem::path devInput = "/dev/input";
};

// The keyboards that look like barcode scanners, for `evdev:auto`: first the
// /dev/input/by-id/*-event-kbd links whose name matches (stable across replugging; USB only),
// then /sys/class/input/eventN devices that report key events and whose name matches (Bluetooth
// and other scanners without a by-id link), each device once: links in name order, then events in
// number order. Empty when there are none; folders that do not exist are passed over.
std::vector<ScannerCandidate> findBarcodeScanners(const InputDeviceFolders& folders = {});

}  // namespace mikhak::drivers
