#include "display_app.hpp"
#include "sdl_handles.hpp"

#include <SDL2/SDL.h>
#include <httplib.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "display_screen.hpp"
#include "mikhak/text/png.hpp"
#include "now_serving_stream.hpp"
#include "service_notifier.hpp"
#include "speaker.hpp"

namespace mikhak::kiosk {
namespace {

// SDL's video subsystem for the life of the screen.
class VideoSession {
 public:
  VideoSession() : ok_(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {}
  ~VideoSession() {
    if (ok_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
  }
  VideoSession(const VideoSession&) = delete;
  VideoSession& operator=(const VideoSession&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_;
};

// A call made while the display was disconnected is still announced if it is this recent;
// older ones are only shown (nobody is waiting to hear them any more).
constexpr std::chrono::seconds kAnnounceCaughtUpWithin{120};

struct ConsulateInfo {
  std::string nameFa;
  std::string nameEn;
  std::string timeZone;
};

// The names and zone the operator gave, the rest from the server when a token allows it. Runs
// once before the screen starts, with short timeouts.
ConsulateInfo consulateInfo(const DisplayOptions& options, base::Journal& journal) {
  ConsulateInfo info{options.consulateFa, options.consulateEn, options.timeZone};
  if (!options.kioskToken.empty() &&
      (info.nameFa.empty() || info.nameEn.empty() || info.timeZone.empty())) {
    httplib::Client client(options.serverUrl);
    client.set_connection_timeout(std::chrono::seconds(3));
    client.set_read_timeout(std::chrono::seconds(5));
    const auto response = client.Get(
        "/api/v1/services", httplib::Headers{{"Authorization", "Bearer " + options.kioskToken}});
    if (response && response->status == 200) {
      const auto body = nlohmann::json::parse(response->body, nullptr, false);
      if (body.is_object() && body.contains("consulate") && body["consulate"].is_object()) {
        const auto& c = body["consulate"];
        if (info.nameFa.empty()) info.nameFa = c.value("name_fa", std::string());
        if (info.nameEn.empty()) info.nameEn = c.value("name_en", std::string());
        if (info.timeZone.empty()) info.timeZone = c.value("time_zone", std::string());
      }
    } else {
      journal.warning("server",
                      "could not read the consulate's details from the server; showing what was "
                      "given");
    }
  }
  if (info.timeZone.empty()) info.timeZone = "UTC";
  return info;
}

bool writeScreenshot(SDL_Renderer* renderer, int width, int height, const std::string& file,
                     base::Journal& journal) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * height * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba.data(), width * 4) !=
      0) {
    journal.error("screenshot", std::string("cannot read the frame: ") + SDL_GetError());
    return false;
  }
  if (const auto written = text::writeRgbaPng(file, width, height, rgba); !written) {
    journal.error("screenshot", written.error().message);
    return false;
  }
  return true;
}

}  // namespace

int runDisplay(const DisplayOptions& options, base::Journal& journal) {
  const auto fail = [&journal](const std::string& why) {
    journal.error("start_failed", why);
    return 1;
  };
  const ConsulateInfo consulate = consulateInfo(options, journal);
  auto screen = DisplayScreen::create(consulate.nameFa, consulate.nameEn, consulate.timeZone);
  if (!screen) return fail(screen.error().message);
  auto engine = text::TextEngine::createDefault();
  if (!engine) return fail(engine.error().message);
  const VideoSession video;
  if (!video.ok()) return fail(std::string("SDL video: ") + SDL_GetError());
  const Uint32 flags = options.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
  WindowPtr window(SDL_CreateWindow("Mikhak — نوبت جاری", SDL_WINDOWPOS_CENTERED,
                                    SDL_WINDOWPOS_CENTERED, options.width, options.height, flags));
  if (!window) return fail(std::string("window: ") + SDL_GetError());
  SDL_ShowCursor(SDL_DISABLE);
  RendererPtr renderer(
      SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
  if (!renderer) renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
  if (!renderer) return fail(std::string("renderer: ") + SDL_GetError());
  SDL_RendererInfo rendererInfo{};
  SDL_GetRendererInfo(renderer.get(), &rendererInfo);
  const bool vsync = (rendererInfo.flags & SDL_RENDERER_PRESENTVSYNC) != 0;

  TextTextures textures(renderer.get(), *engine);
  NowServingStream stream({.serverUrl = options.serverUrl});
  std::optional<Speaker> speaker;
  if (options.speech && options.screenshotFile.empty()) {
    speaker.emplace(SpeakerOptions{.clipsFolder = options.clipsFolder});
  }

  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  std::vector<Call> recent;
  std::optional<Clock::time_point> calledAt;  // when the latest call arrived, for its emphasis
  constexpr auto kFrame = std::chrono::microseconds(16667);
  auto nextFrame = Clock::now();
  ServiceNotifier notifier("display: showing the calls");
  journal.notice("start", "showing the calls from " + options.serverUrl,
                 {{"SERVER", options.serverUrl}});
  bool wasConnected = false;
  for (;;) {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
      if (event.type == SDL_QUIT) return 0;
    }
    NowServingUpdate update = stream.poll();
    if (update.recent) recent = std::move(*update.recent);
    const auto wallNow =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    if (stream.connected() != wasConnected) {
      wasConnected = stream.connected();
      if (wasConnected) {
        journal.notice("server", "following the calls", {{"REACHABLE", "1"}});
      } else {
        journal.warning("server", "the calls' stream is down; reconnecting", {{"REACHABLE", "0"}});
      }
    }
    for (const FreshCall& fresh : update.fresh) {
      calledAt = Clock::now();
      const bool timely =
          !fresh.caughtUp || wallNow.time_since_epoch() - std::chrono::seconds(fresh.call.at) <=
                                 kAnnounceCaughtUpWithin;
      if (speaker && timely) speaker->announce(fresh.call);
      journal.info("call",
                   fresh.call.label + " to counter " + std::to_string(fresh.call.counter) +
                       (timely ? "" : " (caught up, not announced)"),
                   {{"TICKET", fresh.call.label},
                    {"COUNTER", std::to_string(fresh.call.counter)},
                    {"ANNOUNCED", speaker && timely ? "1" : "0"}});
    }

    const bool screenshot = !options.screenshotFile.empty();
    if (screenshot && !stream.loaded() && Clock::now() - started < options.screenshotWait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    const Emphasis emphasis =
        calledAt && !screenshot
            ? emphasisAfter(
                  std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - *calledAt))
            : Emphasis::None;
    int width = 0;
    int height = 0;
    SDL_GetRendererOutputSize(renderer.get(), &width, &height);
    screen->draw(renderer.get(), textures, *engine,
                 screen->contentAt(recent, wallNow, emphasis, stream.connected()), width, height);
    if (screenshot) {
      const bool loaded = stream.loaded();
      if (!loaded) journal.error("server", "no calls from " + options.serverUrl + " in time");
      return writeScreenshot(renderer.get(), width, height, options.screenshotFile, journal) &&
                     loaded
                 ? 0
                 : 1;
    }
    SDL_RenderPresent(renderer.get());
    notifier.heartbeat(Clock::now());
    if (!vsync) {
      nextFrame += kFrame;
      const auto now = Clock::now();
      if (nextFrame > now) {
        SDL_Delay(static_cast<Uint32>(
            std::chrono::duration_cast<std::chrono::milliseconds>(nextFrame - now).count()));
      } else {
        nextFrame = now;  // fell behind: do not try to catch up with a burst of frames
      }
    }
  }
}

}  // namespace mikhak::kiosk
