#include "screen_gallery.hpp"
#include "sdl_handles.hpp"

#include <SDL2/SDL.h>

#include <cstring>
#include <memory>

#include "mikhak/text/png.hpp"
#include "screen_painter.hpp"

namespace mikhak::kiosk {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using text::Language;

TicketInfo passportTicket() {
  TicketInfo t;
  t.ticketId = 1017;
  t.label = "P-017";
  t.labelFa = "گ-۰۱۷";
  t.displayNameFa = "مریم ر.";
  t.displayNameEn = "Maryam R.";
  t.serviceFa = "گذرنامه";
  t.serviceEn = "Passport";
  t.appointmentDay = "2026-11-29";
  t.appointmentTime = "10:30";
  t.originals = {
      {"اصل گذرنامه فعلی", "Current passport"},
      {"اصل شناسنامه", "Shenasnameh (birth certificate)"},
      {"اصل کارت ملی (۱۵ سال به بالا)", "National card (aged 15 and over)"},
      {"اصل کارت پایان خدمت یا معافیت (آقایان ۱۸ تا ۵۰ سال)",
       "Military service or exemption card (men aged 18 to 50)"},
      {"اصل مدرک اقامت", "Residence permit"},
      {"زیر ۱۸ سال: رضایت‌نامه پدر، اگر خود او حاضر نیست",
       "Under 18: the father's consent, unless he attends"},
  };
  t.peopleAhead = 3;
  t.estimatedWaitMinutes = 12;
  return t;
}

TicketInfo marriageTicket() {
  TicketInfo t;
  t.ticketId = 1004;
  t.label = "M-004";
  t.labelFa = "ز-۰۰۴";
  t.displayNameFa = "علی ک.";
  t.displayNameEn = "Ali K.";
  t.serviceFa = "ثبت ازدواج";
  t.serviceEn = "Marriage registration";
  t.appointmentDay = "2026-11-29";
  t.appointmentTime = "10:15";
  t.originals = {
      {"اصل شناسنامه عکس‌دار زوجین",
       "Both spouses' shenasnamehs, with photo"},
      {"ازدواج اول: اصل اجازه‌نامه پدر یا جد پدری زوجه یا "
       "حکم "
       "دادگاه",
       "First marriage: consent of bride's father/grandfather, or court order"},
      {"اصل گواهی ازدواج شرعی", "Islamic marriage certificate"},
      {"اصل گواهی ازدواج محلی (تصدیق‌شده در صورت لزوم)",
       "Local civil marriage certificate (legalised where required)"},
      {"اصل گواهی بهداشتی", "Health certificate"},
      {"اصل طلاق‌نامه یا گواهی فوت همسر سابق (در صورت "
       "وجود)",
       "Previous divorce deed or spouse's death certificate, if any"},
      {"شناسنامه المثنی: اصل گواهی تجرد", "Duplicate shenasnameh: certificate of single status"},
      {"زن ایرانی و مرد خارجی: اصل پروانه زناشویی",
       "Iranian woman and foreign man: marriage permit"},
  };
  t.peopleAhead = 0;
  t.estimatedWaitMinutes = 0;
  return t;
}

struct NamedReason {
  RefusalReason reason;
  const char* name;
};
constexpr NamedReason kReasons[] = {
    {RefusalReason::CheckYourCode, "check_your_code"},
    {RefusalReason::Unreadable, "unreadable"},
    {RefusalReason::NotANotice, "not_a_notice"},
    {RefusalReason::Forged, "forged"},
    {RefusalReason::UnknownCode, "unknown_code"},
    {RefusalReason::Cancelled, "cancelled"},
    {RefusalReason::OtherConsulate, "other_consulate"},
    {RefusalReason::OtherDay, "other_day"},
    {RefusalReason::TooEarly, "too_early"},
    {RefusalReason::TooLate, "too_late"},
    {RefusalReason::Closed, "closed"},
    {RefusalReason::ServerNotAnswering, "server_not_answering"},
    {RefusalReason::ServerProblem, "server_problem"},
};

}  // namespace

std::chrono::sys_seconds galleryTime() {
  return sys_days{std::chrono::year{2026} / 11 / 29} + hours{10} + minutes{32};
}

std::chrono::sys_seconds galleryOfflineSince() {
  return sys_days{std::chrono::year{2026} / 11 / 29} + hours{10} + minutes{5};
}

std::vector<GalleryScreen> galleryScreens() {
  std::vector<GalleryScreen> screens;
  for (const Language language : {Language::Persian, Language::English}) {
    const std::string suffix = language == Language::Persian ? "_fa" : "_en";
    const auto add = [&](const std::string& name, const Screen& screen, bool offline = false) {
      FlowState state;
      state.screen = screen;
      state.language = language;
      screens.push_back({name + suffix, state, offline});
    };
    add("idle", Idle{});
    add("idle_offline", Idle{}, true);
    add("keypad", Keypad{"482100931", false});
    add("keypad_typo", Keypad{"48210093175261", true});
    add("keypad_complete", Keypad{"48210093175268", false});
    add("help", Help{});
    Checking checking;
    add("checking", checking);
    checking.spinner = true;
    add("checking_spinner", checking);
    const auto ticketScreen = [](TicketInfo t, PrintStatus print) {
      CheckedIn screen;
      screen.ticket = std::move(t);
      screen.print = print;
      return screen;
    };
    add("checked_in_printing", ticketScreen(passportTicket(), PrintStatus::Printing));
    add("checked_in_printed", ticketScreen(passportTicket(), PrintStatus::Printed));
    add("checked_in_failed", ticketScreen(passportTicket(), PrintStatus::Failed));
    add("checked_in_eight_originals", ticketScreen(marriageTicket(), PrintStatus::Printed));
    AlreadyCheckedIn already;
    already.ticket = marriageTicket();
    add("already_checked_in", already);
    for (const auto& [reason, name] : kReasons) {
      Refused refused;
      refused.reason = reason;
      refused.appointmentDay = "2026-12-03";
      refused.appointmentTime = "11:45";
      refused.opensAt = "10:50";
      add(std::string("refused_") + name, refused);
    }
    add("out_of_service", OutOfService{});
  }
  screens.push_back({"staff_pin", StaffPinEntry{4, std::nullopt, true}, false});
  screens.push_back({"staff_pin_locked", StaffPinEntry{0, 840, false}, false});
  StaffPanel panel;
  panel.printer = "ready (usb://0x0416:0x5011), paper low";
  panel.scanners = {"evdev /dev/input/event5: ready", "v4l2 /dev/video0: ready, 14 fps"};
  panel.serverReachable = true;
  panel.tokenAccepted = true;
  panel.manifestAge = std::chrono::minutes{95};
  panel.outboxDepth = 2;
  panel.version = "mikhak-kiosk 0.9.0";
  panel.lastScannerRead = "QR, 212 bytes: MK1.48210093175268...";
  panel.lastTestPrint = "printed at 10:21";
  screens.push_back({"staff_panel", panel, false});
  panel.outOfService = true;
  screens.push_back({"staff_panel_out_of_service", panel, false});
  return screens;
}

ScreenLayout layoutGalleryScreen(const GalleryScreen& screen, ScreenContext context) {
  context.now = galleryTime();
  context.offlineSince = screen.offline
                             ? std::optional<std::chrono::sys_seconds>(galleryOfflineSince())
                             : std::nullopt;
  context.spinnerPhase = 0.3;
  if (const auto* state = std::get_if<FlowState>(&screen.view)) {
    return layoutScreen(*state, context);
  }
  return layoutStaff(std::get<StaffView>(screen.view), context);
}

Result<RgbaImage> renderOffscreen(const ScreenLayout& layout, text::TextEngine& engine) {
  const SurfacePtr surface(
      SDL_CreateRGBSurfaceWithFormat(0, layout.width, layout.height, 32, SDL_PIXELFORMAT_RGBA32));
  if (!surface) return Error{std::string("gallery: no surface: ") + SDL_GetError()};
  {
    const RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer) return Error{std::string("gallery: no renderer: ") + SDL_GetError()};
    ScreenPainter painter(renderer.get(), engine);
    painter.paint(layout);
    SDL_RenderPresent(renderer.get());
  }
  RgbaImage image{layout.width, layout.height, {}};
  image.rgba.resize(static_cast<std::size_t>(layout.width) * layout.height * 4);
  const auto* pixels = static_cast<const std::uint8_t*>(surface->pixels);
  const std::size_t row = static_cast<std::size_t>(layout.width) * 4;
  for (int y = 0; y < layout.height; ++y) {
    std::memcpy(image.rgba.data() + row * static_cast<std::size_t>(y),
                pixels + static_cast<std::size_t>(surface->pitch) * static_cast<std::size_t>(y),
                row);
  }
  // The software renderer leaves alpha as drawn; the screen is opaque.
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  return image;
}

Result<std::vector<std::filesystem::path>> renderAllScreens(const std::filesystem::path& folder,
                                                            text::TextEngine& engine,
                                                            const KioskWording& wording,
                                                            const ConsulateClock& consulate,
                                                            const GalleryOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Error{"gallery: cannot make " + folder.string() + ": " + ec.message()};
  ScreenContext context(engine, wording, consulate);
  context.width = options.width;
  context.height = options.height;
  context.pixelsPerMm = options.pixelsPerMm;
  context.theme = options.theme;
  std::vector<std::filesystem::path> written;
  for (const GalleryScreen& screen : galleryScreens()) {
    auto image = renderOffscreen(layoutGalleryScreen(screen, context), engine);
    if (!image) return image.error();
    const auto file = folder / (screen.name + ".png");
    if (auto ok = text::writeRgbaPng(file, image->width, image->height, image->rgba); !ok) {
      return ok.error();
    }
    written.push_back(file);
  }
  return written;
}

}  // namespace mikhak::kiosk
