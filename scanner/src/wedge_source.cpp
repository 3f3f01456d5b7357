#include "mikhak/scanner/wedge_source.hpp"

#include <array>
#include <utility>

namespace mikhak::scanner {
namespace {

// A burst of a QR payload is some 600 events (press, release and sync per character): a few reads.
constexpr std::size_t kEventsPerRead = 256;

std::string ignoredText(const WedgeLine& line) {
  switch (line.kind) {
    case WedgeLine::Kind::Typed:
      return "typed by hand, not a scan: " + std::to_string(line.text.size()) + " keys";
    case WedgeLine::Kind::Overlong:
      return "a burst too long for a code, discarded";
    case WedgeLine::Kind::Lost:
      return "keys were lost (the kernel's buffer overflowed): the scan was discarded";
    case WedgeLine::Kind::Cut:
      return "a burst broken off by a pause (half a code), discarded";
    case WedgeLine::Kind::Scan:
      break;
  }
  return {};
}

}  // namespace

Result<WedgeSource> WedgeSource::fromSpec(const SourceSpec& spec, WedgeOptions options) {
  if (spec.kind != SourceSpec::Kind::Evdev) {
    return Error{"WedgeSource: " + spec.text() + " is not an evdev: source"};
  }
  if (spec.autoDetect()) return automatic(drivers::InputDeviceFolders{}, options);
  auto device = drivers::makeEvdevDevice(spec.path);
  if (!device) return Error{"WedgeSource: " + device.error().message};
  return WedgeSource(std::move(*device), options);
}

WedgeSource WedgeSource::automatic(drivers::InputDeviceFolders folders, WedgeOptions options) {
  return WedgeSource(std::optional(std::move(folders)), options);
}

WedgeSource::WedgeSource(std::unique_ptr<drivers::InputDevice> device, WedgeOptions options)
    : device_(std::move(device)), decoder_(options) {}

WedgeSource::WedgeSource(std::optional<drivers::InputDeviceFolders> folders, WedgeOptions options)
    : autoFolders_(std::move(folders)), decoder_(options) {}

std::string WedgeSource::describe() const {
  if (device_) return device_->describe();
  return "evdev:auto (no scanner found yet)";
}

void WedgeSource::close() {
  if (device_) device_->close();
  if (autoFolders_) device_.reset();  // look again next time
  decoder_.reset();
}

std::optional<drivers::IoError> WedgeSource::find() {
  const auto found = drivers::findBarcodeScanners(*autoFolders_);
  if (found.empty()) {
    return drivers::IoError{drivers::IoFailure::NotFound,
                            "evdev:auto: no keyboard named like a barcode scanner in " +
                                autoFolders_->byId.string() + " or " +
                                autoFolders_->sysClassInput.string() +
                                " (configure evdev:/dev/input/by-id/... instead)"};
  }
  auto device = drivers::makeEvdevDevice(found.front().device);
  if (!device) return drivers::IoError{drivers::IoFailure::Io, device.error().message};
  device_ = std::move(*device);
  return std::nullopt;
}

TextRead WedgeSource::read(std::chrono::milliseconds timeout) {
  TextRead result;
  if (!device_) {
    if (auto error = find()) {
      result.error = std::move(error);
      return result;
    }
  }
  std::array<input_event, kEventsPerRead> events{};
  const auto got = device_->read(events, timeout);
  for (std::size_t i = 0; i < got.count; ++i) {
    auto line = decoder_.feed(events[i]);
    if (!line) continue;
    if (line->kind == WedgeLine::Kind::Scan) {
      result.codes.push_back(std::move(line->text));
    } else {
      result.ignored.push_back(device_->describe() + ": " + ignoredText(*line));
    }
  }
  if (got.error) {
    const bool gone = got.error->failure != drivers::IoFailure::Timeout;
    result.error = got.error;
    if (gone) close();
  }
  return result;
}

}  // namespace mikhak::scanner
