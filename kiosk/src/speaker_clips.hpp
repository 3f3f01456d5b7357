#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mikhak/text/language.hpp"
#include "speaker_voice.hpp"

namespace mikhak::kiosk {

// Recorded clips in a folder: `fa/number.wav`, `fa/letter-گ.wav`, `fa/17.wav`,
// `fa/to-counter.wav`, `fa/3.wav`, `fa/recall.wav`, the same under `en/` (`en/letter-P.wav`), and
// optionally `chime.wav`. Any WAV format; converted to mono 16-bit at the speaker's rate.
class SpeakerClips {
 public:
  SpeakerClips(std::filesystem::path folder, int sampleRate);

  // The clips played one after the other, or nullopt if any is missing (then the caller speaks
  // the text instead, so a partial set of recordings never leaves a gap).
  std::optional<Pcm> sequence(text::Language language, const std::vector<std::string>& names);
  std::optional<Pcm> chime();

 private:
  std::optional<Pcm> load(const std::filesystem::path& file);

  std::filesystem::path folder_;
  int rate_;
  std::map<std::filesystem::path, std::optional<Pcm>> cache_;
};

}  // namespace mikhak::kiosk
