#include "mikhak/drivers/evdev_discovery.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <set>
#include <system_error>

namespace mikhak::drivers {
namespace {

constexpr std::string_view kByIdSuffix = "-event-kbd";

// Lower case, with every run of spaces, underscores and dashes made one space: by-id links spell
// "Bar Code" as "Bar_Code", sysfs as "Bar Code".
std::string normalised(std::string_view name) {
  std::string text = " ";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte)) {
      text.push_back(static_cast<char>(std::tolower(byte)));
    } else if (text.back() != ' ') {
      text.push_back(' ');
    }
  }
  if (text.back() != ' ') text.push_back(' ');
  return text;
}

std::string readFirstLine(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// sysfs's capabilities/ev is a hex bit mask of event types; no file means no objection.
bool reportsKeys(const std::filesystem::path& capabilities) {
  const std::string text = readFirstLine(capabilities);
  if (text.empty()) return true;
  unsigned long mask = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), mask, 16);
  return error != std::errc() || ((mask >> 1) & 1UL) != 0;  // bit 1 is EV_KEY
}

// The device a path leads to, so that a by-id link and its eventN are recognised as one.
std::filesystem::path identity(const std::filesystem::path& path) {
  std::error_code error;
  auto canonical = std::filesystem::canonical(path, error);
  return error ? path : canonical;
}

std::vector<std::filesystem::path> sortedEntries(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> entries;
  std::error_code error;
  for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
       it.increment(error)) {
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

// event2 before event10.
int eventNumber(const std::string& name) {
  int number = 0;
  std::from_chars(name.data() + 5, name.data() + name.size(), number);
  return number;
}

}  // namespace

bool looksLikeBarcodeScanner(std::string_view name) {
  // Whole words (spaces around), so that "symbol" does not match inside another word.
  static constexpr std::array<std::string_view, 17> kWords = {
      " barcode",   " bar code ", " scanner",  " kbw ",     " honeywell ", " metrologic ",
      " datalogic", " symbol ",   " zebra ",   " newland ", " opticon ",   " zebex ",
      " unitech ",  " netum ",    " inateck ", " eyoyo ",   " mindeo "};
  const std::string text = normalised(name);
  return std::any_of(kWords.begin(), kWords.end(),
                     [&text](std::string_view word) { return text.find(word) != text.npos; });
}

std::vector<ScannerCandidate> findBarcodeScanners(const InputDeviceFolders& folders) {
  std::vector<ScannerCandidate> found;
  std::set<std::filesystem::path> seen;

  for (const auto& link : sortedEntries(folders.byId)) {
    const std::string name = link.filename().string();
    if (!name.ends_with(kByIdSuffix)) continue;
    const auto label = std::string_view(name).substr(0, name.size() - kByIdSuffix.size());
    if (!looksLikeBarcodeScanner(label)) continue;
    if (!seen.insert(identity(link)).second) continue;
    found.push_back({link, std::string(label)});
  }

  auto events = sortedEntries(folders.sysClassInput);
  std::erase_if(events,
                [](const auto& path) { return !path.filename().string().starts_with("event"); });
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return eventNumber(a.filename().string()) < eventNumber(b.filename().string());
  });
  for (const auto& event : events) {
    const std::string name = readFirstLine(event / "device" / "name");
    if (!looksLikeBarcodeScanner(name)) continue;
    if (!reportsKeys(event / "device" / "capabilities" / "ev")) continue;
    const auto device = folders.devInput / event.filename();
    if (!seen.insert(identity(device)).second) continue;
    found.push_back({device, name});
  }
  return found;
}

}  // namespace mikhak::drivers
