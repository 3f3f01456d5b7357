#include "chime.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace mikhak::kiosk {

Pcm synthesizeChime(int sampleRate) {
  struct Note {
    double frequency;
    double start;  // seconds
  };
  constexpr std::array<Note, 2> kNotes{{{659.25, 0.0}, {523.25, 0.45}}};
  constexpr double kLength = 1.3;
  constexpr double kDecay = 3.2;     // per second: a bell, not an organ
  constexpr double kAttack = 0.008;  // seconds: no click at the onset
  constexpr double kLevel = 0.32;    // below full scale: the voice that follows is louder
  Pcm pcm;
  pcm.rate = sampleRate;
  const auto count = static_cast<std::size_t>(kLength * sampleRate);
  pcm.samples.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const double t = static_cast<double>(i) / sampleRate;
    double value = 0;
    for (const Note& note : kNotes) {
      const double local = t - note.start;
      if (local < 0) continue;
      const double envelope = std::min(1.0, local / kAttack) * std::exp(-kDecay * local);
      const double phase = 2 * std::numbers::pi * note.frequency * local;
      value +=
          envelope * (std::sin(phase) + 0.25 * std::sin(2 * phase) + 0.08 * std::sin(3 * phase));
    }
    // The tail fades to silence in the last 50 ms, so nothing is cut off audibly.
    const double tail =
        std::clamp(static_cast<double>(count - 1 - i) / (0.05 * sampleRate), 0.0, 1.0);
    value = std::clamp(value * kLevel * tail, -1.0, 1.0);
    pcm.samples[i] = static_cast<std::int16_t>(std::lround(value * 32767));
  }
  return pcm;
}

}  // namespace mikhak::kiosk
