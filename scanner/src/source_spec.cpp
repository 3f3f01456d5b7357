#include "mikhak/scanner/source_spec.hpp"

#include <algorithm>
#include <charconv>

#include "mikhak/drivers/serial_line.hpp"

namespace mikhak::scanner {
namespace {

constexpr std::string_view kForms =
    "evdev:PATH, evdev:auto, serial:PATH[@BAUD], v4l2:PATH or images:PATH";

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\r\n";
  const auto first = text.find_first_not_of(kBlanks);
  if (first == text.npos) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
}

std::string backticked(std::string_view text) { return "`" + std::string(text) + "`"; }

std::string bauds() {
  std::string list;
  for (const int baud : drivers::supportedBauds()) {
    list += (list.empty() ? "" : ", ") + std::to_string(baud);
  }
  return list;
}

Result<int> parseBaud(std::string_view text, const std::string& where) {
  int baud = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), baud);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return Error{where + "the baud rate " + backticked(text) + " is not a number"};
  }
  if (!drivers::isSupportedBaud(baud)) {
    return Error{where + std::to_string(baud) + " baud is not one of " + bauds()};
  }
  return baud;
}

Result<SourceSpec> parseSpec(std::string_view text);

Result<std::vector<SourceSpec>> parseAll(const std::vector<std::string_view>& items,
                                         std::string_view whole) {
  std::vector<SourceSpec> specs;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where =
        "SourceSpec: entry " + std::to_string(i + 1) + " of " + backticked(whole) + ": ";
    auto spec = parseSpec(items[i]);
    if (!spec) return Error{where + spec.error().message};
    if (std::find(specs.begin(), specs.end(), *spec) != specs.end()) {
      return Error{where + backticked(spec->text()) + " is listed twice"};
    }
    specs.push_back(std::move(*spec));
  }
  if (specs.empty()) return Error{"SourceSpec: no sources (expected " + std::string(kForms) + ")"};
  return specs;
}

}  // namespace

std::string SourceSpec::text() const {
  switch (kind) {
    case Kind::Evdev:
      return autoDetect() ? "evdev:auto" : "evdev:" + path.string();
    case Kind::Serial:
      return "serial:" + path.string() + (baud == kDefaultBaud ? "" : "@" + std::to_string(baud));
    case Kind::V4l2:
      return "v4l2:" + path.string();
    case Kind::Images:
      return "images:" + path.string();
  }
  return {};
}

namespace {

// Errors without the component's name, so that a list can put the entry's number before them.
Result<SourceSpec> parseSpec(std::string_view text) {
  const std::string_view spec = trimmed(text);
  const std::string where = backticked(spec) + ": ";
  if (spec.empty()) return Error{"empty (expected " + std::string(kForms) + ")"};
  const auto colon = spec.find(':');
  if (colon == spec.npos) {
    return Error{where + "no kind before a colon (expected " + std::string(kForms) + ")"};
  }
  const std::string_view kindText = spec.substr(0, colon);
  std::string_view rest = spec.substr(colon + 1);

  SourceSpec result;
  if (kindText == "evdev") {
    result.kind = SourceSpec::Kind::Evdev;
  } else if (kindText == "serial") {
    result.kind = SourceSpec::Kind::Serial;
  } else if (kindText == "v4l2") {
    result.kind = SourceSpec::Kind::V4l2;
  } else if (kindText == "images") {
    result.kind = SourceSpec::Kind::Images;
  } else {
    return Error{where + "unknown kind " + backticked(kindText) +
                 " (expected evdev, serial, v4l2 " + "or images)"};
  }

  if (result.kind == SourceSpec::Kind::Serial) {
    if (const auto at = rest.rfind('@'); at != rest.npos) {
      auto baud = parseBaud(rest.substr(at + 1), where);
      if (!baud) return baud.error();
      result.baud = *baud;
      rest = rest.substr(0, at);
    }
  } else if (result.kind != SourceSpec::Kind::Images && rest.find('@') != rest.npos) {
    return Error{where + "only serial: takes an @ setting (a baud rate)"};
  }
  if (rest.empty())
    return Error{where + "no path after " + backticked(std::string(kindText) + ":")};
  if (result.kind == SourceSpec::Kind::Evdev && rest == "auto") return result;

  result.path = std::filesystem::path(rest).lexically_normal();
  if (result.kind != SourceSpec::Kind::Images && !result.path.is_absolute()) {
    const std::string example = result.kind == SourceSpec::Kind::Evdev    ? "/dev/input/..."
                                : result.kind == SourceSpec::Kind::Serial ? "/dev/ttyACM0"
                                                                          : "/dev/video0";
    return Error{where + "the device path must be absolute (" + example + ")" +
                 (result.kind == SourceSpec::Kind::Evdev ? ", or auto" : "")};
  }
  return result;
}

}  // namespace

Result<SourceSpec> parseSourceSpec(std::string_view text) {
  auto spec = parseSpec(text);
  if (!spec) return Error{"SourceSpec: " + spec.error().message};
  return spec;
}

Result<std::vector<SourceSpec>> parseSourceSpecs(std::string_view commaSeparated) {
  std::vector<std::string_view> items;
  if (!trimmed(commaSeparated).empty()) {
    std::size_t start = 0;
    for (;;) {
      const auto comma = commaSeparated.find(',', start);
      items.push_back(commaSeparated.substr(start, comma - start));
      if (comma == commaSeparated.npos) break;
      start = comma + 1;
    }
  }
  return parseAll(items, commaSeparated);
}

Result<std::vector<SourceSpec>> parseSourceSpecs(std::span<const std::string> items) {
  std::vector<std::string_view> views(items.begin(), items.end());
  std::string whole;
  for (const auto& item : items) whole += (whole.empty() ? "" : ", ") + item;
  return parseAll(views, whole);
}

}  // namespace mikhak::scanner
