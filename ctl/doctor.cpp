#include "doctor.hpp"

#include <linux/input.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk_config.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/zone_clock.hpp"
#include "mikhak/drivers/printer_uri.hpp"
#include "mikhak/drivers/transport.hpp"
#include "mikhak/printer/printer_worker.hpp"
#include "mikhak/scanner/scanner_service.hpp"
#include "mikhak/scanner/source_spec.hpp"
#include "mikhak/text/font_set.hpp"
#include "offline_store.hpp"
#include "server_call.hpp"
#include "server_client.hpp"

namespace mikhak::ctl {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;

DoctorLine ok(std::string check, std::string found) {
  return {std::move(check), DoctorStatus::Ok, std::move(found), {}};
}
DoctorLine warn(std::string check, std::string found, std::string todo) {
  return {std::move(check), DoctorStatus::Warning, std::move(found), std::move(todo)};
}
DoctorLine fail(std::string check, std::string found, std::string todo) {
  return {std::move(check), DoctorStatus::Fail, std::move(found), std::move(todo)};
}
DoctorLine skip(std::string check, std::string why) {
  return {std::move(check), DoctorStatus::Skipped, std::move(why), {}};
}

std::string readFirstLine(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string megabytes(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// Seconds as a technician reads them: "45 s", "12 min", "3 h".
std::string duration(std::int64_t seconds) {
  seconds = std::abs(seconds);
  if (seconds < 120) return std::to_string(seconds) + " s";
  if (seconds < 2 * 3600) return std::to_string(seconds / 60) + " min";
  return std::to_string(seconds / 3600) + " h";
}

// A device node to be opened by the kiosk, and how.
struct DeviceNode {
  fs::path path;
  int access = R_OK;
  std::string group;  // the group that usually grants it
};

struct TouchScreen {
  fs::path node;
  std::string name;
};

// Input devices whose sysfs capabilities/abs mask has ABS_MT_POSITION_X: multi-touch screens.
// The mask is hex words of the kernel's long, most significant first.
std::vector<TouchScreen> findTouchScreens(const drivers::InputDeviceFolders& folders) {
  constexpr std::size_t kWordBits = sizeof(unsigned long) * 8;
  std::vector<TouchScreen> found;
  std::vector<fs::path> events;
  std::error_code ec;
  for (fs::directory_iterator it(folders.sysClassInput, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().filename().string().starts_with("event")) events.push_back(it->path());
  }
  std::sort(events.begin(), events.end());
  for (const auto& event : events) {
    std::istringstream mask(readFirstLine(event / "device" / "capabilities" / "abs"));
    std::vector<std::string> words{std::istream_iterator<std::string>(mask), {}};
    const std::size_t index = ABS_MT_POSITION_X / kWordBits;
    if (index >= words.size()) continue;
    unsigned long bits = 0;
    try {
      bits = std::stoul(words[words.size() - 1 - index], nullptr, 16);
    } catch (const std::exception&) {
      continue;
    }
    if ((bits >> (ABS_MT_POSITION_X % kWordBits)) & 1UL) {
      found.push_back(
          {folders.devInput / event.filename(), readFirstLine(event / "device" / "name")});
    }
  }
  return found;
}

std::string printerCondition(const printer::PrinterStatus& s) {
  std::vector<std::string> parts;
  if (s.coverOpen) parts.emplace_back("the cover is open");
  if (s.paperOut) parts.emplace_back("the paper is out");
  if (s.cutterError) parts.emplace_back("the cutter is jammed");
  if (s.unrecoverableError) parts.emplace_back("it reports an unrecoverable error");
  if (s.recoverableError) parts.emplace_back("it reports a recoverable error");
  if (!s.online && parts.empty()) parts.emplace_back("it says it is offline");
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  return text;
}

class Doctor {
 public:
  explicit Doctor(const DoctorEnvironment& environment) : env_(environment) {}

  std::vector<DoctorLine> run() {
    std::vector<DoctorLine> lines;
    lines.push_back(config());
    lines.push_back(display());
    if (config_) {
      lines.push_back(printer());
      lines.push_back(scanners());
      lines.push_back(permissions());
      lines.push_back(server());
      lines.push_back(clock());
    } else {
      for (const char* check : {"printer", "scanners", "permissions", "server", "clock"}) {
        lines.push_back(skip(check, "Not checked: it needs a readable configuration."));
      }
    }
    lines.push_back(fonts());
    if (config_) {
      lines.push_back(disk());
      lines.push_back(manifest());
    } else {
      for (const char* check : {"disk", "manifest"}) {
        lines.push_back(skip(check, "Not checked: it needs a readable configuration."));
      }
    }
    return lines;
  }

 private:
  DoctorLine config() {
    std::error_code ec;
    const std::string file = env_.configFile.string();
    if (!fs::exists(env_.configFile, ec)) {
      return fail("config", file + " does not exist, so the kiosk runs on built-in defaults.",
                  "Install the package (it puts an example there) and set at least server.url, "
                  "kiosk.name and printer.uri.");
    }
    auto loaded = kiosk::loadKioskConfig(env_.configFile);
    if (!loaded) {
      return fail("config", loaded.error().message + ".",
                  "Correct " + file + " (the kiosk refuses to start until then).");
    }
    if (auto zone = domain::ZoneClock::create(loaded->consulate.timeZone); !zone) {
      return fail(
          "config",
          "consulate.time_zone \"" + loaded->consulate.timeZone + "\" is not a known time zone.",
          "Set an IANA zone such as Europe/London in " + file + ".");
    }
    config_ = std::move(*loaded);
    return ok("config", file + " reads well: kiosk " + config_->kiosk.name + " of consulate " +
                            config_->consulate.id + ", server " + config_->server.url + ".");
  }

  DoctorLine display() {
    std::vector<fs::path> cards;
    std::error_code ec;
    for (fs::directory_iterator it(env_.driDir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().starts_with("card")) cards.push_back(it->path());
    }
    std::sort(cards.begin(), cards.end());
    std::string screen;
    if (!cards.empty()) {
      screen = "screen " + cards.front().string();
      devices_.push_back({cards.front(), R_OK | W_OK, "video"});
    } else if (!env_.waylandDisplay.empty()) {
      screen = "Wayland display " + env_.waylandDisplay;
    } else if (!env_.x11Display.empty()) {
      screen = "X display " + env_.x11Display;
    } else {
      return fail("display",
                  "No graphics device in " + env_.driDir.string() + " and no Wayland or X display.",
                  "Check the screen's cable and that the graphics driver is loaded (ls /dev/dri).");
    }
    const auto touch = findTouchScreens(env_.input);
    if (touch.empty()) {
      return fail("display",
                  "The " + screen +
                      " is there but no touch screen was found (no input device "
                      "reports multi-touch positions).",
                  "Connect the touch screen's USB cable; `cat /proc/bus/input/devices` lists what "
                  "the kernel sees.");
    }
    devices_.push_back({touch.front().node, R_OK, "input"});
    return ok("display", "The " + screen + " and the touch screen \"" + touch.front().name +
                             "\" (" + touch.front().node.string() + ") are there.");
  }

  DoctorLine printer() {
    const std::string& text = config_->printer.uri;
    auto uri = drivers::parsePrinterUri(text);
    if (!uri) {
      return fail("printer", uri.error().message + ".",
                  "Correct printer.uri in " + env_.configFile.string() + ".");
    }
    if (uri->scheme == drivers::PrinterUri::Scheme::Device) {
      devices_.push_back({uri->path, W_OK, "lp"});
    }
    auto transport = drivers::makeTransport(*uri);
    if (!transport) {
      return fail("printer", transport.error().message + ".",
                  "Correct printer.uri in " + env_.configFile.string() + ".");
    }
    printer::PrinterWorker::Options options;
    options.statusTimeout = env_.printerTimeout;
    options.idlePoll = std::chrono::hours(1);  // one reading is all the doctor needs
    printer::PrinterWorker worker(std::move(*transport), options);
    const auto event = worker.waitEvent(env_.printerTimeout * 10);
    const std::string where = uri->text();
    // A printer that answers nothing reads as all clear but offline.
    if (!event || event->status == printer::PrinterStatus{}) {
      return fail("printer", "The printer at " + where + " does not answer.",
                  "Check its power, cable (or network) and printer.uri; if the kiosk is running "
                  "it holds the printer: sudo systemctl stop mikhak-kiosk, then check again.");
    }
    const printer::PrinterStatus& s = event->status;
    if (!s.ready()) {
      return fail("printer",
                  "The printer at " + where + " is not ready: " + printerCondition(s) + ".",
                  "Open the printer, fix what it says (paper roll, cover, jam) and close it.");
    }
    if (s.paperNearEnd) {
      return warn("printer", "The printer at " + where + " is ready but its paper is near the end.",
                  "Put in a new roll soon.");
    }
    return ok("printer", "The printer at " + where + " is ready.");
  }

  DoctorLine scanners() {
    const auto specs = scanner::parseSourceSpecs(config_->scannerSources);
    if (!specs) {
      return fail("scanners", specs.error().message + ".",
                  "Correct scanner.sources in " + env_.configFile.string() + ".");
    }
    if (specs->empty()) {
      return warn("scanners", "No scanner is configured: applicants can only type their code.",
                  "Set scanner.sources (evdev:auto finds most USB scanners).");
    }
    std::vector<std::string> found;
    for (const auto& spec : *specs) {
      const std::string name = spec.text();
      if (spec.autoDetect()) {
        const auto candidates = drivers::findBarcodeScanners(env_.input);
        if (candidates.empty()) {
          return fail("scanners",
                      "evdev:auto found no keyboard device that looks like a "
                      "barcode scanner.",
                      "Plug the scanner in; if it calls itself a plain keyboard, configure its "
                      "/dev/input/by-id path instead of evdev:auto.");
        }
        devices_.push_back({candidates.front().device, R_OK, "input"});
        found.push_back("evdev:auto found \"" + candidates.front().name + "\"");
        continue;
      }
      if (spec.kind != scanner::SourceSpec::Kind::Images) {
        std::error_code ec;
        if (!fs::exists(spec.path, ec)) {
          return fail("scanners", name + ": " + spec.path.string() + " does not exist.",
                      "Plug the scanner in, or correct scanner.sources.");
        }
        const bool evdev = spec.kind == scanner::SourceSpec::Kind::Evdev;
        devices_.push_back({spec.path, evdev ? R_OK : R_OK | W_OK,
                            evdev                                          ? "input"
                            : spec.kind == scanner::SourceSpec::Kind::V4l2 ? "video"
                                                                           : "dialout"});
      }
      if (auto input = scanner::openInput(spec); !input) {
        return fail("scanners", name + ": " + input.error().message + ".",
                    "Correct scanner.sources, or put the scanner back.");
      }
      found.push_back(name);
    }
    std::string list;
    for (const auto& item : found) list += (list.empty() ? "" : "; ") + item;
    return ok("scanners", "Found: " + list + ".");
  }

  DoctorLine permissions() {
    std::vector<std::pair<std::string, std::string>> problems;  // what, what to do
    const passwd* user = ::getpwnam(env_.kioskUser.c_str());
    std::error_code ec;
    const fs::path& token = config_->server.tokenFile;
    struct stat st {};
    if (::stat(token.c_str(), &st) == 0) {
      if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        problems.push_back(
            {"the token file " + token.string() + " can be read by others (mode " + mode + ")",
             "sudo chmod 600 " + token.string()});
      }
      if (user == nullptr) {
        problems.push_back({"there is no user " + env_.kioskUser + " to own the token",
                            "install the package, which makes the user"});
      } else if (st.st_uid != user->pw_uid) {
        problems.push_back(
            {"the token file " + token.string() + " does not belong to " + env_.kioskUser,
             "sudo chown " + env_.kioskUser + " " + token.string()});
      }
    }
    const fs::path& state = config_->kiosk.stateDir;
    if (!fs::is_directory(state, ec)) {
      problems.push_back({"the state folder " + state.string() + " does not exist",
                          "sudo install -d -o " + env_.kioskUser + " " + state.string()});
    } else if (::access(state.c_str(), W_OK | X_OK) != 0) {
      problems.push_back({"the state folder " + state.string() + " is not writable",
                          "sudo chown " + env_.kioskUser + " " + state.string()});
    }
    const fs::path& key = config_->server.publicKey;
    if (::access(key.c_str(), R_OK) != 0) {
      problems.push_back({"the consulate's public key " + key.string() + " cannot be read",
                          "enrol the kiosk (mikhakctl enrol), which writes it"});
    }
    for (const auto& device : devices_) {
      if (::access(device.path.c_str(), device.access) != 0) {
        problems.push_back({device.path.string() + " cannot be opened by " + currentUser(),
                            "add " + env_.kioskUser + " to the group " + device.group +
                                " (sudo adduser " + env_.kioskUser + " " + device.group + ")"});
      }
    }
    if (problems.empty()) {
      return ok("permissions",
                "The token file, the state folder, the key and " + std::to_string(devices_.size()) +
                    " device(s) are as the kiosk needs them (checked as " + currentUser() + ").");
    }
    std::string found;
    for (const auto& [what, todo] : problems) found += (found.empty() ? "" : "; ") + what;
    std::string first = problems.front().second;
    first.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(first.front())));
    return fail("permissions", found + ".", first + ".");
  }

  DoctorLine server() {
    auto token = kiosk::readToken(config_->server.tokenFile);
    if (!token) {
      return fail("server",
                  "No token: " + config_->server.tokenFile.string() +
                      " is missing, empty or unreadable by " + currentUser() + ".",
                  "Enrol the kiosk: sudo mikhakctl enrol --server URL --code CODE (or run the "
                  "doctor as the kiosk's user).");
    }
    kiosk::ServerClient client({.baseUrl = config_->server.url,
                                .token = *token,
                                .connectTimeout = config_->server.connectTimeout,
                                .readTimeout = config_->server.readTimeout,
                                .queueCapacity = 1,
                                .caCertFile = {}});
    client.submit(kiosk::ServicesRequest{});
    const auto reply = client.waitReply(config_->server.connectTimeout +
                                        config_->server.readTimeout * 2 + std::chrono::seconds(1));
    const std::string& url = config_->server.url;
    if (!reply) return fail("server", url + " gave no answer in time.", "Check the network.");
    if (reply->ok()) {
      const auto* services = std::get_if<kiosk::ServicesInfo>(&reply->payload);
      return ok("server", url + " answers and accepts the kiosk's token (consulate " +
                              (services ? services->consulate.id : std::string("?")) + ").");
    }
    switch (reply->status) {
      case kiosk::ReplyStatus::TokenRefused:
        return fail("server",
                    url +
                        " answers but refuses the kiosk's token (revoked, or from "
                        "another server).",
                    "Make a new code on the technician's page and enrol again: mikhakctl enrol "
                    "--force --server " +
                        url + " --code CODE.");
      case kiosk::ReplyStatus::TlsFailed:
        return fail("server", url + ": " + reply->problem + ".",
                    "Check the server's certificate and the kiosk's date.");
      case kiosk::ReplyStatus::Unreachable:
      case kiosk::ReplyStatus::TimedOut:
        return fail("server", url + " cannot be reached (" + reply->problem + ").",
                    "Check the network cable, server.url in " + env_.configFile.string() +
                        " and that the server is running.");
      default:
        return fail("server", url + " answered badly (" + reply->problem + ").",
                    "Tell the server's administrator.");
    }
  }

  DoctorLine clock() {
    const auto before = env_.now();
    const ServerCallReply reply = callServer(
        {config_->server.url, config_->server.connectTimeout, config_->server.readTimeout},
        "/api/v1/health");
    const auto after = env_.now();
    if (reply.status != kiosk::ReplyStatus::Answered || reply.httpStatus != 200) {
      return skip("clock", "Not checked: the server did not tell its time.");
    }
    const auto health = nlohmann::json::parse(reply.body, nullptr, false);
    if (!health.is_object() || !health.contains("now") || !health["now"].is_number_integer()) {
      return skip("clock", "Not checked: this server does not tell its time.");
    }
    const auto ours = std::chrono::duration_cast<std::chrono::seconds>(
        (before + (after - before) / 2).time_since_epoch());
    const std::int64_t skew = ours.count() - health["now"].get<std::int64_t>();
    const std::string how = skew > 0 ? " ahead of" : " behind";
    const std::string found = "The kiosk's clock is " + duration(skew) + how + " the server's.";
    const std::string todo =
        "Turn on time synchronisation: sudo timedatectl set-ntp true (the server's clock "
        "decides check-in windows).";
    if (std::abs(skew) > 300) return fail("clock", found, todo);
    if (std::abs(skew) > 30) return warn("clock", found, todo);
    return ok("clock",
              "The kiosk's clock agrees with the server's (within " + duration(skew) + ").");
  }

  DoctorLine fonts() {
    std::vector<std::string> missing;
    std::vector<fs::path> files;
    for (const auto weight : {text::FontWeight::Regular, text::FontWeight::Bold}) {
      const std::string name =
          weight == text::FontWeight::Bold ? "Vazirmatn-Bold.ttf" : "Vazirmatn-Regular.ttf";
      std::optional<fs::path> file;
      if (env_.fontDir) {
        std::error_code ec;
        if (fs::exists(*env_.fontDir / name, ec)) file = *env_.fontDir / name;
      } else {
        for (const auto& candidate : text::FontSet::defaultFiles(weight)) {
          if (candidate.filename() == name) file = candidate;
        }
      }
      if (!file) {
        missing.push_back(name);
      } else if (auto loaded = text::FontSet::load({*file}); !loaded) {
        return fail(
            "fonts",
            file->string() + " is not a font the kiosk can open (" + loaded.error().message + ").",
            "Reinstall the package: sudo apt install --reinstall ./mikhak-kiosk_*.deb.");
      } else {
        files.push_back(*file);
      }
    }
    const std::string where =
        env_.fontDir ? env_.fontDir->string() : std::string("/usr/share/mikhak/fonts");
    if (!missing.empty()) {
      std::string list;
      for (const auto& name : missing) list += (list.empty() ? "" : " and ") + name;
      return fail("fonts",
                  list + " not found in " + where +
                      ": Persian would be drawn in "
                      "another font, or not at all.",
                  "Reinstall the package: sudo apt install --reinstall ./mikhak-kiosk_*.deb.");
    }
    return ok("fonts", "Vazirmatn regular and bold are there (" +
                           files.front().parent_path().string() + ").");
  }

  DoctorLine disk() {
    fs::path folder = config_->kiosk.stateDir;
    std::error_code ec;
    while (!folder.empty() && !fs::exists(folder, ec) && folder != folder.parent_path()) {
      folder = folder.parent_path();
    }
    struct statvfs vfs {};
    if (folder.empty() || ::statvfs(folder.c_str(), &vfs) != 0) {
      return fail("disk",
                  "The free space for " + config_->kiosk.stateDir.string() + " cannot be read.",
                  "Check that the disk is mounted.");
    }
    const auto free = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
    const std::string found = megabytes(free) + " free for " + config_->kiosk.stateDir.string();
    const std::string todo =
        "Free space: sudo journalctl --vacuum-size=100M, and remove old files under /var.";
    if (free < env_.diskFailBytes) {
      return fail("disk", found + ": too little for offline check-ins.", todo);
    }
    if (free < env_.diskWarnBytes) return warn("disk", found + ": it is running low.", todo);
    return ok("disk", found + ".");
  }

  DoctorLine manifest() {
    const fs::path file = config_->kiosk.stateDir / "kiosk.db";
    const std::string fetch =
        "Start the kiosk with the server reachable: it fetches the day's manifest at once and "
        "every few minutes.";
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      return fail("manifest",
                  "There is no offline store (" + file.string() +
                      "), so no manifest: the kiosk cannot check anyone in offline.",
                  fetch);
    }
    std::ifstream keyFile(config_->server.publicKey);
    std::stringstream pem;
    pem << keyFile.rdbuf();
    auto key = domain::VerifyKey::fromPem(pem.str());
    if (!keyFile || !key) {
      return skip("manifest", "Not checked: it needs the consulate's public key.");
    }
    auto store = kiosk::OfflineStore::open(file, std::move(*key), config_->consulate.id);
    if (!store) {
      return fail("manifest", "The offline store cannot be opened: " + store.error().message + ".",
                  "Run the doctor as root or the kiosk's user; if it persists, stop the kiosk "
                  "and move " +
                      file.string() + " aside (the kiosk makes a new one).");
    }
    const auto info = (*store)->manifestInfo();
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(env_.now());
    const std::string today = domain::ZoneClock::create(config_->consulate.timeZone)->day(now);
    if (!info) {
      return fail("manifest",
                  "No day manifest is stored: the kiosk cannot check anyone in "
                  "offline.",
                  fetch);
    }
    if (info->day != today) {
      return fail("manifest",
                  "The newest manifest is for " + info->day + ", none for today (" + today +
                      "): the kiosk cannot check anyone in offline.",
                  fetch);
    }
    const auto age = (now - info->fetchedAt).count();
    const std::string found = "Today's manifest (" + std::to_string(info->appointments) +
                              " appointments) was fetched " + duration(age) + " ago.";
    if (age > 3600) {
      return warn("manifest", found,
                  "Check that the kiosk is running and reaches the server (see the server line "
                  "and journalctl -u mikhak-kiosk).");
    }
    return ok("manifest", found);
  }

  std::string currentUser() const {
    if (const passwd* user = ::getpwuid(::geteuid())) return user->pw_name;
    return "uid " + std::to_string(::geteuid());
  }

  const DoctorEnvironment& env_;
  std::optional<kiosk::KioskConfig> config_;
  std::vector<DeviceNode> devices_;  // found by the checks before permissions
};

}  // namespace

std::string_view doctorStatusWord(DoctorStatus status) {
  switch (status) {
    case DoctorStatus::Ok:
      return "ok";
    case DoctorStatus::Warning:
      return "WARN";
    case DoctorStatus::Fail:
      return "FAIL";
    case DoctorStatus::Skipped:
      return "skip";
  }
  return "?";
}

std::vector<DoctorLine> runDoctor(const DoctorEnvironment& environment) {
  return Doctor(environment).run();
}

int doctorExitStatus(const std::vector<DoctorLine>& lines) {
  return std::any_of(lines.begin(), lines.end(),
                     [](const DoctorLine& l) { return l.status == DoctorStatus::Fail; })
             ? 1
             : 0;
}

std::string formatDoctorText(const std::vector<DoctorLine>& lines) {
  std::size_t width = 0;
  for (const auto& line : lines) width = std::max(width, line.check.size());
  std::string out;
  for (const auto& line : lines) {
    std::string word(doctorStatusWord(line.status));
    word.resize(6, ' ');
    std::string check = line.check;
    check.resize(width + 2, ' ');
    out += word + check + line.found;
    if (!line.todo.empty()) out += " " + line.todo;
    out += '\n';
  }
  return out;
}

std::string formatDoctorJson(const std::vector<DoctorLine>& lines) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& line : lines) {
    static constexpr const char* kWords[] = {"ok", "warning", "fail", "skipped"};
    checks.push_back({{"check", line.check},
                      {"status", kWords[static_cast<int>(line.status)]},
                      {"found", line.found},
                      {"todo", line.todo}});
  }
  return nlohmann::json{{"ok", doctorExitStatus(lines) == 0}, {"checks", checks}}.dump(2) + "\n";
}

}  // namespace mikhak::ctl
