#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/text/language.hpp"

namespace mikhak::kiosk {

// Mono 16-bit sound.
struct Pcm {
  int rate = 22050;
  std::vector<std::int16_t> samples;
  std::chrono::milliseconds duration() const {
    return std::chrono::milliseconds(static_cast<std::int64_t>(samples.size()) * 1000 / rate);
  }
  void append(const Pcm& other) {
    samples.insert(samples.end(), other.samples.begin(), other.samples.end());
  }
  void appendSilence(std::chrono::milliseconds length) {
    samples.resize(samples.size() + static_cast<std::size_t>(length.count() * rate / 1000), 0);
  }
};

// espeak-ng, synthesising into memory (no audio device of its own). espeak-ng keeps one
// synthesiser per process, and initialising it again after espeak_ng_Terminate() hangs in 1.51:
// it is initialised once, on first use, and kept; voices share it, one synthesis at a time.
class SpeakerVoice {
 public:
  static Result<SpeakerVoice> create();

  int sampleRate() const { return rate_; }
  // The text spoken by the language's voice ("fa" or "en").
  Result<Pcm> synthesize(std::string_view utf8, text::Language language);

 private:
  explicit SpeakerVoice(int rate) : rate_(rate) {}
  int rate_ = 0;
};

}  // namespace mikhak::kiosk
