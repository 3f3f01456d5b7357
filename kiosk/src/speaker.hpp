#pragma once

#include <SDL2/SDL_audio.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "announcement.hpp"
#include "speaker_clips.hpp"
#include "speaker_voice.hpp"

namespace mikhak::kiosk {

// One part of a call's sound, in playing order.
struct SpokenPart {
  enum class Kind { Chime, Persian, English };
  Kind kind = Kind::Chime;
  bool recorded = false;  // from clips (or chime.wav) rather than synthesised
  Pcm pcm;
};

// A call's sound: the chime, then Persian, then English; each language from recorded clips when
// the folder has every clip it needs, else spoken by espeak-ng (a part the voice cannot make is
// left out rather than stopping the rest).
std::vector<SpokenPart> composeCall(const Announcement& announcement, SpeakerVoice* voice,
                                    SpeakerClips& clips, int sampleRate);

struct SpeakerOptions {
  std::filesystem::path clipsFolder;          // empty: speech only
  std::chrono::milliseconds pause{600};       // between the parts of a call
  std::chrono::milliseconds afterCall{1200};  // before the next call's chime
  std::size_t queueLimit = 8;  // calls waiting; beyond it the oldest waiting one is dropped
};

// Announces calls aloud on the default audio output through SDL. Synthesis runs on a worker
// thread; calls are played one after another, never over each other. Without an audio device the
// display still works, silently, and says so once in the log.
class Speaker {
 public:
  explicit Speaker(SpeakerOptions options = {});
  ~Speaker();
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  // Never waits.
  void announce(const Call& call);
  bool hasAudio() const { return device_ != 0; }
  // Calls waiting, being composed, or still playing.
  bool busy() const;
  // Samples handed to the audio device so far (for tests and the log).
  std::size_t samplesQueued() const { return samplesQueued_.load(); }

 private:
  void run();

  SpeakerOptions options_;
  SDL_AudioDeviceID device_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Call> calls_;
  bool working_ = false;
  bool stop_ = false;
  std::atomic<std::size_t> samplesQueued_{0};
  std::thread thread_;
};

}  // namespace mikhak::kiosk
