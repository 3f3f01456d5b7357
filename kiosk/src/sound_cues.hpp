#pragma once

// The kiosk's two sound cues: a short rising pair of notes when a check-in succeeds, a soft low
// pair when it does not, so someone who looked away knows to look back. Synthesised once at start
// (no files to lose); played through SDL's audio queue, which never blocks. Without an audio
// device the kiosk is silent and says so once in the log.

#include <SDL2/SDL.h>

#include <cstdint>
#include <vector>

#include "check_in_flow.hpp"

namespace mikhak::kiosk {

// 16-bit mono samples at `sampleRate`: two notes with soft attacks and decays.
std::vector<std::int16_t> synthesizeCue(Sound sound, int sampleRate);

class SoundCues {
 public:
  explicit SoundCues(bool enabled);
  ~SoundCues();
  SoundCues(const SoundCues&) = delete;
  SoundCues& operator=(const SoundCues&) = delete;

  // Cuts off a cue still playing: the newest news wins.
  void play(Sound sound);
  bool hasAudio() const { return device_ != 0; }
  std::size_t played() const { return played_; }

 private:
  SDL_AudioDeviceID device_ = 0;
  bool ownsSubsystem_ = false;
  std::vector<std::int16_t> success_;
  std::vector<std::int16_t> failure_;
  std::size_t played_ = 0;
};

}  // namespace mikhak::kiosk
