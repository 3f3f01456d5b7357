#pragma once

#include <chrono>
#include <string>

#include "mikhak/base/journal.hpp"

namespace mikhak::kiosk {

// `mikhak-kiosk --mode display`: the waiting-room "now serving" screen on a TV.
struct DisplayOptions {
  std::string serverUrl = "http://127.0.0.1:8080";
  // The consulate's names and time zone. Left empty, they are asked of the server
  // (GET /api/v1/services) when a kiosk token is given; the now-serving stream needs none.
  std::string consulateFa;
  std::string consulateEn;
  std::string timeZone;
  std::string kioskToken;
  int width = 1920;
  int height = 1080;
  bool fullscreen = false;
  // Draw one frame once the calls have arrived (or the wait is over), write it as a PNG, exit.
  std::string screenshotFile;
  std::chrono::seconds screenshotWait{10};
  // Recorded clips (fa/number.wav, fa/17.wav, ...; see speaker_clips.hpp) instead of speech.
  std::string clipsFolder;
  bool speech = true;  // false: no chime, no voice
};

// Runs the screen until the window is closed (SDL_QUIT). 0 on a clean end; 1 when SDL cannot
// start, or a screenshot was asked for and could not be written or showed no server data.
int runDisplay(const DisplayOptions& options, base::Journal& journal);

}  // namespace mikhak::kiosk
