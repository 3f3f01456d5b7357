#pragma once

#include "speaker_voice.hpp"

namespace mikhak::kiosk {

// The two-note chime before each call (a falling major third, E5 then C5, like a station's "ding
// dong"): decaying sines with a few soft overtones, about 1.3 seconds.
Pcm synthesizeChime(int sampleRate);

}  // namespace mikhak::kiosk
