#include "sound_cues.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace mikhak::kiosk {
namespace {

int peak(const std::vector<std::int16_t>& samples) {
  int most = 0;
  for (const auto s : samples) most = std::max(most, std::abs(static_cast<int>(s)));
  return most;
}

TEST(SoundCues, BothCuesAreShortAudibleAndStartWithoutAClick) {
  for (const Sound sound : {Sound::Success, Sound::Failure}) {
    const auto samples = synthesizeCue(sound, 44'100);
    EXPECT_GT(samples.size(), 44'100U / 4);  // long enough to notice
    EXPECT_LT(samples.size(), 44'100U);      // short enough not to nag
    EXPECT_GT(peak(samples), 8'000);
    EXPECT_LT(peak(samples), 32'767);  // never clipped
    EXPECT_LT(std::abs(static_cast<int>(samples.front())), 200);
    EXPECT_LT(std::abs(static_cast<int>(samples.back())), 200);
  }
  EXPECT_NE(synthesizeCue(Sound::Success, 44'100), synthesizeCue(Sound::Failure, 44'100));
}

TEST(SoundCues, SilentWhenTurnedOff) {
  SoundCues cues(false);
  EXPECT_FALSE(cues.hasAudio());
  cues.play(Sound::Success);
  EXPECT_EQ(cues.played(), 0U);
}

TEST(SoundCues, PlaysThroughSdlsAudioDevice) {
  // SDL's dummy driver: a device that takes samples and plays nothing, on any machine.
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  SoundCues cues(true);
  ASSERT_TRUE(cues.hasAudio());
  cues.play(Sound::Success);
  cues.play(Sound::Failure);
  EXPECT_EQ(cues.played(), 2U);
}

}  // namespace
}  // namespace mikhak::kiosk
