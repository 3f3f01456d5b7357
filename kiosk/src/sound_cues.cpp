#include "sound_cues.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numbers>

namespace mikhak::kiosk {
namespace {

constexpr int kSampleRate = 44'100;

void addNote(std::vector<double>& out, int sampleRate, double startSeconds, double frequency,
             double seconds, double level) {
  const auto first = static_cast<std::size_t>(startSeconds * sampleRate);
  const auto count = static_cast<std::size_t>(seconds * sampleRate);
  if (out.size() < first + count) out.resize(first + count, 0.0);
  for (std::size_t i = 0; i < count; ++i) {
    const double t = static_cast<double>(i) / sampleRate;
    const double attack = std::min(1.0, t / 0.008);  // no click at the start
    const double decay = std::exp(-t * 6.0);
    const double tail = std::min(1.0, (seconds - t) / 0.02);  // nor at the end
    const double tone = std::sin(2 * std::numbers::pi * frequency * t) +
                        0.25 * std::sin(4 * std::numbers::pi * frequency * t);
    out[first + i] += level * attack * decay * tail * tone;
  }
}

}  // namespace

std::vector<std::int16_t> synthesizeCue(Sound sound, int sampleRate) {
  std::vector<double> mix;
  if (sound == Sound::Success) {
    addNote(mix, sampleRate, 0.0, 659.25, 0.22, 0.35);   // E5
    addNote(mix, sampleRate, 0.12, 987.77, 0.35, 0.35);  // B5: up, bright
  } else {
    addNote(mix, sampleRate, 0.0, 392.00, 0.25, 0.35);   // G4
    addNote(mix, sampleRate, 0.18, 329.63, 0.40, 0.35);  // E4: down, soft, not a buzzer
  }
  std::vector<std::int16_t> samples(mix.size());
  for (std::size_t i = 0; i < mix.size(); ++i) {
    samples[i] = static_cast<std::int16_t>(std::clamp(mix[i], -1.0, 1.0) * 32'000.0);
  }
  return samples;
}

SoundCues::SoundCues(bool enabled) {
  if (!enabled) return;
  if (SDL_WasInit(SDL_INIT_AUDIO) == 0) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
      std::cerr << "mikhak-kiosk: no sound: " << SDL_GetError() << '\n';
      return;
    }
    ownsSubsystem_ = true;
  }
  SDL_AudioSpec want{};
  want.freq = kSampleRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  SDL_AudioSpec have{};
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (device_ == 0) {
    std::cerr << "mikhak-kiosk: no sound: " << SDL_GetError() << '\n';
    return;
  }
  success_ = synthesizeCue(Sound::Success, kSampleRate);
  failure_ = synthesizeCue(Sound::Failure, kSampleRate);
  SDL_PauseAudioDevice(device_, 0);
}

SoundCues::~SoundCues() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
  if (ownsSubsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SoundCues::play(Sound sound) {
  if (device_ == 0) return;
  const auto& samples = sound == Sound::Success ? success_ : failure_;
  SDL_ClearQueuedAudio(device_);
  SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size() * sizeof samples[0]));
  ++played_;
}

}  // namespace mikhak::kiosk
