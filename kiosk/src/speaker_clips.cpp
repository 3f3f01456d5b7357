#include "speaker_clips.hpp"

#include <SDL2/SDL.h>

#include <cstring>
#include <iostream>

namespace mikhak::kiosk {

SpeakerClips::SpeakerClips(std::filesystem::path folder, int sampleRate)
    : folder_(std::move(folder)), rate_(sampleRate) {}

std::optional<Pcm> SpeakerClips::sequence(text::Language language,
                                          const std::vector<std::string>& names) {
  if (folder_.empty()) return std::nullopt;
  Pcm all;
  all.rate = rate_;
  for (const std::string& name : names) {
    const auto clip = load(folder_ / std::string(text::languageCode(language)) / (name + ".wav"));
    if (!clip) return std::nullopt;
    all.append(*clip);
  }
  return all;
}

std::optional<Pcm> SpeakerClips::chime() {
  if (folder_.empty()) return std::nullopt;
  return load(folder_ / "chime.wav");
}

std::optional<Pcm> SpeakerClips::load(const std::filesystem::path& file) {
  if (const auto it = cache_.find(file); it != cache_.end()) return it->second;
  std::optional<Pcm>& entry = cache_[file];
  if (!std::filesystem::is_regular_file(file)) return entry;
  SDL_AudioSpec spec{};
  Uint8* buffer = nullptr;
  Uint32 length = 0;
  if (!SDL_LoadWAV(file.c_str(), &spec, &buffer, &length)) {
    std::clog << "display: cannot read " << file << ": " << SDL_GetError() << '\n';
    return entry;
  }
  SDL_AudioCVT convert{};
  if (SDL_BuildAudioCVT(&convert, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, rate_) <
      0) {
    std::clog << "display: cannot convert " << file << ": " << SDL_GetError() << '\n';
    SDL_FreeWAV(buffer);
    return entry;
  }
  std::vector<Uint8> work(static_cast<std::size_t>(length) *
                          static_cast<std::size_t>(convert.len_mult));
  std::memcpy(work.data(), buffer, length);
  SDL_FreeWAV(buffer);
  convert.buf = work.data();
  convert.len = static_cast<int>(length);
  if (convert.needed && SDL_ConvertAudio(&convert) < 0) {
    std::clog << "display: cannot convert " << file << ": " << SDL_GetError() << '\n';
    return entry;
  }
  const int bytes = convert.needed ? convert.len_cvt : static_cast<int>(length);
  Pcm pcm;
  pcm.rate = rate_;
  pcm.samples.resize(static_cast<std::size_t>(bytes) / 2);
  std::memcpy(pcm.samples.data(), work.data(), pcm.samples.size() * 2);
  entry = std::move(pcm);
  return entry;
}

}  // namespace mikhak::kiosk
