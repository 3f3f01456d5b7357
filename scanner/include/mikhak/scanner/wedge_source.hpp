#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/evdev_discovery.hpp"
#include "mikhak/drivers/input_device.hpp"
#include "mikhak/scanner/source_spec.hpp"
#include "mikhak/scanner/text_read.hpp"
#include "mikhak/scanner/wedge_decoder.hpp"

namespace mikhak::scanner {

// A keyboard-wedge scanner: an evdev device and the decoder for its key events. With evdev:auto
// the device is looked for (findBarcodeScanners) each time it has to be opened, so a scanner
// plugged in later, or into another port, is found; the first match is used. Not thread-safe.
class WedgeSource {
 public:
  // evdev:PATH or evdev:auto; any other kind of spec is an Error.
  static Result<WedgeSource> fromSpec(const SourceSpec& spec, WedgeOptions options = {});
  // evdev:auto, looking in the given folders (a test's own).
  static WedgeSource automatic(drivers::InputDeviceFolders folders, WedgeOptions options = {});
  // A device of the caller's (a test's recording).
  explicit WedgeSource(std::unique_ptr<drivers::InputDevice> device, WedgeOptions options = {});

  // Reads what keys arrived within `timeout` (opening the device first if needed) and returns the
  // codes they completed; keys set aside (typed by hand, overlong, lost) are listed in `ignored`.
  // After Disconnected the half-typed line is dropped and the next read opens the device again.
  TextRead read(std::chrono::milliseconds timeout);
  void close();
  std::string describe() const;

 private:
  WedgeSource(std::optional<drivers::InputDeviceFolders> folders, WedgeOptions options);
  std::optional<drivers::IoError> find();

  std::unique_ptr<drivers::InputDevice> device_;
  std::optional<drivers::InputDeviceFolders> autoFolders_;  // set for evdev:auto
  WedgeDecoder decoder_;
};

}  // namespace mikhak::scanner
