#include <SDL2/SDL.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

#include "idle_screen.hpp"
#include "mikhak/text/png.hpp"

namespace {

struct WindowDeleter {
  void operator()(SDL_Window* window) const { SDL_DestroyWindow(window); }
};
struct RendererDeleter {
  void operator()(SDL_Renderer* renderer) const { SDL_DestroyRenderer(renderer); }
};

// SDL_Init and SDL_Quit as a scope.
struct SdlSession {
  bool ok;
  SdlSession() : ok(SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0) {}
  ~SdlSession() { SDL_Quit(); }
  SdlSession(const SdlSession&) = delete;
  SdlSession& operator=(const SdlSession&) = delete;
};

int screenshot(SDL_Renderer* renderer, int width, int height, const std::string& file) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * height * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba.data(), width * 4) !=
      0) {
    std::cerr << "mikhak-kiosk: cannot read the screen: " << SDL_GetError() << '\n';
    return 1;
  }
  if (auto written = mikhak::text::writeRgbaPng(file, width, height, rgba); !written) {
    std::cerr << "mikhak-kiosk: " << written.error().message << '\n';
    return 1;
  }
  std::cout << "mikhak-kiosk: wrote " << file << '\n';
  return 0;
}

int run(int argc, char** argv) {
  CLI::App app{"mikhak-kiosk: the consulate's check-in kiosk"};
  mikhak::kiosk::Consulate consulate{"سرکنسولگری جمهوری اسلامی ایران در لندن",
                                     "Consulate General of the I.R. of Iran, London",
                                     "Europe/London"};
  int width = 1280;
  int height = 800;
  bool fullscreen = false;
  std::string screenshotFile;
  app.add_option("--consulate-fa", consulate.nameFa, "Consulate name in Persian");
  app.add_option("--consulate-en", consulate.nameEn, "Consulate name in English");
  app.add_option("--time-zone", consulate.timeZone, "The consulate's IANA time zone")
      ->capture_default_str();
  app.add_option("--width", width, "Window width")->capture_default_str();
  app.add_option("--height", height, "Window height")->capture_default_str();
  app.add_flag("--fullscreen", fullscreen, "Fill the screen");
  app.add_option("--screenshot", screenshotFile, "Draw one frame to this PNG and exit");
  CLI11_PARSE(app, argc, argv);

  auto engine = mikhak::text::TextEngine::createDefault();
  if (!engine) {
    std::cerr << "mikhak-kiosk: " << engine.error().message << '\n';
    return 1;
  }
  auto idle = mikhak::kiosk::IdleScreen::create(consulate);
  if (!idle) {
    std::cerr << "mikhak-kiosk: " << idle.error().message << '\n';
    return 1;
  }
  const SdlSession sdl;
  if (!sdl.ok) {
    std::cerr << "mikhak-kiosk: SDL cannot start: " << SDL_GetError() << '\n';
    return 1;
  }
  const Uint32 flags = (fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) |
                       (screenshotFile.empty() ? 0 : SDL_WINDOW_HIDDEN);
  std::unique_ptr<SDL_Window, WindowDeleter> window(SDL_CreateWindow(
      "Mikhak", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags));
  if (!window) {
    std::cerr << "mikhak-kiosk: no window: " << SDL_GetError() << '\n';
    return 1;
  }
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer(
      SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_PRESENTVSYNC));
  if (!renderer) renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
  if (!renderer) {
    std::cerr << "mikhak-kiosk: no renderer: " << SDL_GetError() << '\n';
    return 1;
  }
  mikhak::kiosk::TextTextures textures(renderer.get(), *engine);
  for (bool running = true; running;) {
    for (SDL_Event event; SDL_PollEvent(&event);) {
      if (event.type == SDL_QUIT) running = false;
    }
    SDL_GetRendererOutputSize(renderer.get(), &width, &height);
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    idle->draw(renderer.get(), textures, idle->contentAt(now), width, height);
    if (!screenshotFile.empty()) return screenshot(renderer.get(), width, height, screenshotFile);
    SDL_RenderPresent(renderer.get());
    textures.endFrame();
    SDL_Delay(16);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The unit restarts the kiosk on a non-zero exit; say why first.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "mikhak-kiosk: " << e.what() << '\n';
    return 1;
  }
}
