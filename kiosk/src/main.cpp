#include <SDL2/SDL.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <vector>

#include "display_app.hpp"
#include "kiosk_app.hpp"
#include "screen_gallery.hpp"
#include "sdl_handles.hpp"
#include "service_notifier.hpp"

namespace {

using namespace mikhak::kiosk;

// SDL_Init and SDL_Quit as a scope.
struct SdlSession {
  bool ok;
  SdlSession() : ok(SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0) {}
  ~SdlSession() { SDL_Quit(); }
  SdlSession(const SdlSession&) = delete;
  SdlSession& operator=(const SdlSession&) = delete;
};

// Pixels a millimetre: configured, else from the display's DPI, else a 15.6" full-HD panel's.
double pixelsPerMm(const KioskConfig& config, int displayIndex) {
  if (config.screen.pixelsPerMm > 0) return config.screen.pixelsPerMm;
  float diagonal = 0;
  if (SDL_GetDisplayDPI(displayIndex, &diagonal, nullptr, nullptr) == 0 && diagonal > 40) {
    return diagonal / 25.4;
  }
  return kDefaultPixelsPerMm;
}

// What --exit-after-first-frame needs: when main() began, to time the start from it.
struct FirstFrameExit {
  bool enabled = false;
  std::chrono::steady_clock::time_point mainStarted;
};

int runKiosk(const KioskConfig& config, KioskAppOptions options, bool exitWhenSettled,
             bool exitWhenSynced, int exitAfterCheckIns, double maxSeconds,
             FirstFrameExit firstFrameExit, mikhak::base::Journal& journal) {
  // The unit restarts the kiosk on a non-zero exit; the journal says why first.
  const auto fail = [&journal](const std::string& why) {
    journal.error("start_failed", why);
    return 1;
  };
  auto engine = mikhak::text::TextEngine::createDefault();
  if (!engine) return fail(engine.error().message);
  const SdlSession sdl;
  if (!sdl.ok) return fail(std::string("SDL cannot start: ") + SDL_GetError());
  SDL_DisplayMode mode{};
  SDL_GetDesktopDisplayMode(0, &mode);
  const int width = config.screen.width > 0 ? config.screen.width : (mode.w > 0 ? mode.w : 1280);
  const int height = config.screen.height > 0 ? config.screen.height : (mode.h > 0 ? mode.h : 800);
  const Uint32 flags = config.screen.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
  WindowPtr window(SDL_CreateWindow("Mikhak", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                                    height, flags));
  if (!window) return fail(std::string("no window: ") + SDL_GetError());
  // Hardware acceleration where there is any, the software renderer otherwise.
  RendererPtr renderer(
      SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
  if (!renderer) renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
  if (!renderer) return fail(std::string("no renderer: ") + SDL_GetError());
  SDL_ShowCursor(config.screen.fullscreen ? SDL_DISABLE : SDL_ENABLE);
  options.pixelsPerMm = pixelsPerMm(config, SDL_GetWindowDisplayIndex(window.get()));

  const auto key = readPublicKey(config);
  if (!key) return fail(key.error().message);
  auto parts = makeKioskParts(config, *key);
  if (!parts) return fail(parts.error().message);
  for (const auto& problem : parts->problems) journal.warning("setup", problem);
  auto app =
      KioskApp::create(config, std::move(*parts), *engine, renderer.get(), *key, journal, options);
  if (!app) return fail(app.error().message);
  journal.notice("start", "showing the check-in screens (" + options.version + ")",
                 {{"VERSION", options.version},
                  {"KIOSK_NAME", config.kiosk.name},
                  {"CONSULATE", config.consulate.id},
                  {"SERVER", config.server.url}});
  ServiceNotifier notifier("kiosk: showing the check-in screens");
  // Scanner sources that end (images: folders, for tests and diagnostics) are read to the end
  // before an --exit-when-* exit.
  const auto specs = mikhak::scanner::parseSourceSpecs(config.scannerSources);
  const bool scansEnd =
      specs && !specs->empty() &&
      std::all_of(specs->begin(), specs->end(), [](const mikhak::scanner::SourceSpec& spec) {
        return spec.kind == mikhak::scanner::SourceSpec::Kind::Images;
      });
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    for (SDL_Event event; SDL_PollEvent(&event);) {
      if (event.type == SDL_QUIT) return 0;
      (*app)->handle(event);
    }
    const auto now = std::chrono::steady_clock::now();
    const auto wall =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    if ((*app)->frame(now, wall)) {
      SDL_RenderPresent(renderer.get());
      if (firstFrameExit.enabled && std::holds_alternative<Idle>((*app)->state().screen)) {
        // The cold-start benchmark (bench/kiosk_bench.cpp) reads this line. The steady clock is
        // CLOCK_MONOTONIC, the same in every process, so it can time the start from its fork.
        const auto presented = std::chrono::steady_clock::now();
        std::cout << "mikhak-kiosk: first idle frame presented "
                  << std::chrono::duration<double, std::milli>(presented -
                                                               firstFrameExit.mainStarted)
                         .count()
                  << " ms after main() began (steady clock "
                  << std::chrono::duration_cast<std::chrono::nanoseconds>(
                         presented.time_since_epoch())
                         .count()
                  << " ns)" << std::endl;
        return 0;
      }
    }
    notifier.heartbeat(now);
    const bool done = (exitWhenSynced ? (*app)->synced() : (*app)->settled()) &&
                      (!scansEnd || (*app)->scansExhausted());
    if ((exitWhenSettled || exitWhenSynced) && done &&
        (*app)->checkInsCompleted() >= static_cast<std::size_t>(exitAfterCheckIns)) {
      for (const auto& shot : (*app)->screenshotsWritten()) {
        std::cout << "mikhak-kiosk: wrote " << shot.string() << '\n';
      }
      return 0;
    }
    if (maxSeconds > 0 && now - started > std::chrono::duration<double>(maxSeconds)) {
      journal.error("timeout", "--max-seconds reached before the kiosk settled");
      return 3;
    }
    // 60 frames a second: sleep out what is left of this frame (vsync may have used it up).
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - now);
    SDL_Delay(static_cast<Uint32>(std::max<long>(1, 16 - static_cast<long>(spent.count()))));
  }
}

int run(int argc, char** argv, std::chrono::steady_clock::time_point mainStarted) {
  CLI::App app{
      "mikhak-kiosk: the consulate's check-in kiosk, or (--mode display) the "
      "waiting-room screen"};
  std::string configFile = "/etc/mikhak/kiosk.toml";
  std::string mode = "kiosk";
  std::string gallery;
  std::string server, tokenFile, publicKey, printerUri, stateDir, language, theme;
  std::vector<std::string> scanners;
  int width = 0;
  int height = 0;
  bool fullscreen = false;
  bool windowed = false;
  KioskAppOptions options;
  std::string screenshots;
  bool exitWhenSettled = false;
  bool exitWhenSynced = false;
  int exitAfterCheckIns = 0;
  double maxSeconds = 0;
  std::string screenshotFile;  // display mode
  std::string displayToken;
  int screenshotWait = 10;
  bool noSpeech = false;
  FirstFrameExit firstFrameExit{false, mainStarted};
  app.add_option("--config", configFile, "The kiosk's configuration (TOML)")->capture_default_str();
  app.add_option("--mode", mode, "kiosk, or display for the waiting-room screen")
      ->check(CLI::IsMember({"kiosk", "display"}))
      ->capture_default_str();
  app.add_option("--server", server, "The consulate server's URL (overrides server.url)");
  app.add_option("--token-file", tokenFile, "The kiosk's token file (overrides server.token_file)");
  app.add_option("--public-key", publicKey, "The consulate's public key, PEM");
  app.add_option("--printer", printerUri, "usb://..., tcp://HOST[:9100], dev://..., dir://...");
  app.add_option("--scanner", scanners,
                 "A scanner source (repeat for more): evdev:auto, "
                 "serial:/dev/ttyACM0, v4l2:/dev/video0, images:DIR");
  app.add_option("--state-dir", stateDir, "Where the offline store lives");
  app.add_option("--language", language, "fa or en: the first language a new applicant sees")
      ->check(CLI::IsMember({"fa", "en"}));
  app.add_option("--theme", theme, "standard or high_contrast")
      ->check(CLI::IsMember({"standard", "high_contrast"}));
  app.add_option("--width", width, "Window width (default: the display's)");
  app.add_option("--height", height, "Window height (default: the display's)");
  app.add_flag("--fullscreen", fullscreen, "Fill the screen");
  app.add_flag("--windowed", windowed, "A window, not the full screen");
  app.add_option("--screenshots", screenshots, "Write a PNG of each new screen into this folder");
  app.add_flag("--exit-when-settled", exitWhenSettled,
               "Exit once nothing is in flight and images: scanner folders are read to the end "
               "(with --exit-after-check-ins: after that many)");
  app.add_flag("--exit-when-synced", exitWhenSynced,
               "Exit once settled and the server has every offline check-in and print result");
  app.add_option("--exit-after-check-ins", exitAfterCheckIns,
                 "With --exit-when-settled or --exit-when-synced: not before this many tickets");
  app.add_option("--max-seconds", maxSeconds, "Give up (exit 3) after this long");
  app.add_flag("--exit-after-first-frame", firstFrameExit.enabled,
               "Print how long after start the first idle frame was presented, and exit");
  app.add_option("--gallery", gallery,
                 "Draw every screen in both languages into this folder, exit");
  app.add_option("--screenshot", screenshotFile, "Display mode: draw one frame to this PNG, exit");
  app.add_option("--screenshot-wait", screenshotWait,
                 "Display mode: seconds to wait for the calls before the screenshot")
      ->capture_default_str();
  app.add_option("--token", displayToken,
                 "Display mode: a kiosk token, only to ask the server for the consulate's names");
  app.add_flag("--no-speech", noSpeech, "Display mode: no chime, no voice");
  CLI11_PARSE(app, argc, argv);

  mikhak::base::Journal journal(
      mikhak::base::defaultSink(mode == "display" ? "mikhak-display" : "mikhak-kiosk"));
  KioskConfig config;
  if (std::filesystem::exists(configFile)) {
    auto loaded = loadKioskConfig(configFile);
    if (!loaded) {
      journal.error("config", loaded.error().message);
      return 2;
    }
    config = std::move(*loaded);
  } else if (app.count("--config") > 0) {
    journal.error("config", "config: cannot read " + configFile);
    return 2;
  }
  if (!server.empty()) config.server.url = server;
  if (!tokenFile.empty()) config.server.tokenFile = tokenFile;
  if (!publicKey.empty()) config.server.publicKey = publicKey;
  if (!printerUri.empty()) config.printer.uri = printerUri;
  if (!scanners.empty()) config.scannerSources = scanners;
  if (!stateDir.empty()) config.kiosk.stateDir = stateDir;
  if (!language.empty()) {
    config.kiosk.language =
        language == "fa" ? mikhak::text::Language::Persian : mikhak::text::Language::English;
  }
  if (!theme.empty())
    config.screen.theme = theme == "standard" ? Theme::Standard : Theme::HighContrast;
  if (width > 0) config.screen.width = width;
  if (height > 0) config.screen.height = height;
  if (fullscreen) config.screen.fullscreen = true;
  if (windowed) config.screen.fullscreen = false;
  options.screenshots = screenshots;

  if (!gallery.empty()) {
    auto engine = mikhak::text::TextEngine::createDefault();
    auto wording = loadKioskWording(defaultKioskWordingFile());
    auto clock = ConsulateClock::create(config.consulate.nameFa, config.consulate.nameEn,
                                        config.consulate.timeZone);
    if (!engine || !wording || !clock) {
      journal.error("gallery", (!engine    ? engine.error()
                                : !wording ? wording.error()
                                           : clock.error())
                                   .message);
      return 1;
    }
    GalleryOptions galleryOptions;
    if (config.screen.width > 0) galleryOptions.width = config.screen.width;
    if (config.screen.height > 0) galleryOptions.height = config.screen.height;
    galleryOptions.theme = config.screen.theme;
    auto files = renderAllScreens(gallery, *engine, *wording, *clock, galleryOptions);
    if (!files) {
      journal.error("gallery", files.error().message);
      return 1;
    }
    std::cout << "mikhak-kiosk: wrote " << files->size() << " screens to " << gallery << '\n';
    return 0;
  }
  if (mode == "display") {
    DisplayOptions display;
    display.serverUrl = config.server.url;
    display.consulateFa = config.consulate.nameFa;
    display.consulateEn = config.consulate.nameEn;
    display.timeZone = config.consulate.timeZone;
    if (config.screen.width > 0) display.width = config.screen.width;
    if (config.screen.height > 0) display.height = config.screen.height;
    // A screenshot is for a file, at the size asked: a window, not the full screen.
    display.fullscreen = config.screen.fullscreen && screenshotFile.empty();
    display.screenshotFile = screenshotFile;
    display.screenshotWait = std::chrono::seconds(screenshotWait);
    display.kioskToken = displayToken;
    display.clipsFolder = config.display.clips.string();
    display.speech = config.display.speech && !noSpeech;
    return runDisplay(display, journal);
  }
  return runKiosk(config, options, exitWhenSettled, exitWhenSynced, exitAfterCheckIns, maxSeconds,
                  firstFrameExit, journal);
}

}  // namespace

int main(int argc, char** argv) {
  const auto mainStarted = std::chrono::steady_clock::now();
  try {
    return run(argc, argv, mainStarted);
  } catch (const std::exception& e) {
    std::cerr << "mikhak-kiosk: " << e.what() << '\n';
    return 1;
  }
}
