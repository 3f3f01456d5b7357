#include "speaker.hpp"

#include <SDL2/SDL.h>

#include <iostream>
#include <optional>

#include "chime.hpp"

namespace mikhak::kiosk {
namespace {

// espeak-ng's rate; the chime is made and the clips are converted to it, and SDL converts it to
// whatever the device takes.
constexpr int kRate = 22050;

}  // namespace

std::vector<SpokenPart> composeCall(const Announcement& announcement, SpeakerVoice* voice,
                                    SpeakerClips& clips, int sampleRate) {
  std::vector<SpokenPart> parts;
  if (auto recorded = clips.chime()) {
    parts.push_back({SpokenPart::Kind::Chime, true, std::move(*recorded)});
  } else {
    parts.push_back({SpokenPart::Kind::Chime, false, synthesizeChime(sampleRate)});
  }
  const auto say = [&](SpokenPart::Kind kind, text::Language language, const std::string& text,
                       const std::vector<std::string>& names) {
    if (auto recorded = clips.sequence(language, names)) {
      parts.push_back({kind, true, std::move(*recorded)});
      return;
    }
    if (!voice) return;
    auto spoken = voice->synthesize(text, language);
    if (!spoken) {
      std::clog << "display: " << spoken.error().message << '\n';
      return;
    }
    parts.push_back({kind, false, std::move(*spoken)});
  };
  say(SpokenPart::Kind::Persian, text::Language::Persian, announcement.persian,
      announcement.persianClips);
  say(SpokenPart::Kind::English, text::Language::English, announcement.english,
      announcement.englishClips);
  return parts;
}

Speaker::Speaker(SpeakerOptions options) : options_(std::move(options)) {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    std::clog << "display: no audio (" << SDL_GetError() << "); calls will not be announced\n";
  } else {
    SDL_AudioSpec want{};
    want.freq = kRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 2048;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
    if (device_ == 0) {
      std::clog << "display: no audio device (" << SDL_GetError()
                << "); calls will not be announced\n";
      SDL_QuitSubSystem(SDL_INIT_AUDIO);
    } else {
      SDL_PauseAudioDevice(device_, 0);
    }
  }
  thread_ = std::thread([this] { run(); });
}

Speaker::~Speaker() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (device_ != 0) {
    SDL_CloseAudioDevice(device_);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
  }
}

void Speaker::announce(const Call& call) {
  if (device_ == 0) return;
  {
    const std::lock_guard lock(mutex_);
    calls_.push_back(call);
    if (calls_.size() > options_.queueLimit) calls_.pop_front();
  }
  wake_.notify_all();
}

bool Speaker::busy() const {
  {
    const std::lock_guard lock(mutex_);
    if (working_ || !calls_.empty()) return true;
  }
  return device_ != 0 && SDL_GetQueuedAudioSize(device_) > 0;
}

void Speaker::run() {
  if (device_ == 0) return;
  // espeak-ng is made and used on this thread only.
  std::optional<SpeakerVoice> voice;
  if (auto made = SpeakerVoice::create(); made && made->sampleRate() == kRate) {
    voice.emplace(std::move(*made));
  } else if (made) {
    std::clog << "display: espeak-ng speaks at " << made->sampleRate() << " Hz, not " << kRate
              << "; only recorded clips will be played\n";
  } else {
    std::clog << "display: " << made.error().message << "; only recorded clips will be played\n";
  }
  SpeakerClips clips(options_.clipsFolder, kRate);
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !calls_.empty(); });
    if (stop_) return;
    const Call call = std::move(calls_.front());
    calls_.pop_front();
    working_ = true;
    lock.unlock();
    Pcm sound;
    sound.rate = kRate;
    for (const SpokenPart& part :
         composeCall(announcementFor(call), voice ? &*voice : nullptr, clips, kRate)) {
      sound.append(part.pcm);
      sound.appendSilence(options_.pause);
    }
    sound.appendSilence(options_.afterCall);
    // The device plays what is queued in order: a call queued while another plays follows it.
    SDL_QueueAudio(device_, sound.samples.data(),
                   static_cast<Uint32>(sound.samples.size() * sizeof(std::int16_t)));
    samplesQueued_ += sound.samples.size();
    lock.lock();
    working_ = false;
  }
}

}  // namespace mikhak::kiosk
