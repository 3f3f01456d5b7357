#include "speaker.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include <cstring>
#include <fstream>
#include <thread>

#include "chime.hpp"

namespace mikhak::kiosk {
namespace {

using namespace std::chrono_literals;

Call passportCall() {
  Call c;
  c.label = "P-017";
  c.letter = "P";
  c.letterFa = "گ";
  c.number = 17;
  c.counter = 3;
  return c;
}

// Every voice shares the process's one espeak-ng synthesiser.
SpeakerVoice makeVoice() {
  auto made = SpeakerVoice::create();
  if (!made) throw std::runtime_error(made.error().message);
  return std::move(*made);
}

// A mono 16-bit WAV of `samples` at `rate`, written by hand (SDL reads WAVs but writes none).
void writeWav(const std::filesystem::path& file, int rate,
              const std::vector<std::int16_t>& samples) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  const auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  const auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  const auto bytes = static_cast<std::uint32_t>(samples.size() * 2);
  out.write("RIFF", 4);
  u32(36 + bytes);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<std::uint32_t>(rate));
  u32(static_cast<std::uint32_t>(rate * 2));
  u16(2);
  u16(16);
  out.write("data", 4);
  u32(bytes);
  out.write(reinterpret_cast<const char*>(samples.data()), bytes);
}

TEST(Speaker, EspeakSpeaksPersianAndEnglish) {
  SpeakerVoice voice = makeVoice();
  const Announcement a = announcementFor(passportCall());
  auto fa = voice.synthesize(a.persian, text::Language::Persian);
  auto en = voice.synthesize(a.english, text::Language::English);
  ASSERT_TRUE(fa) << fa.error().message;
  ASSERT_TRUE(en) << en.error().message;
  EXPECT_EQ(fa->rate, 22050);
  // Five or six words each: between one and six seconds of speech, not silence.
  for (const Pcm* pcm : {&*fa, &*en}) {
    EXPECT_GT(pcm->duration(), 1000ms);
    EXPECT_LT(pcm->duration(), 6000ms);
    const auto loudest = *std::max_element(pcm->samples.begin(), pcm->samples.end());
    EXPECT_GT(loudest, 3000);
  }
}

TEST(Speaker, ChimeThenPersianThenEnglish) {
  SpeakerVoice voice = makeVoice();
  SpeakerClips none({}, 22050);
  const auto parts = composeCall(announcementFor(passportCall()), &voice, none, 22050);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].kind, SpokenPart::Kind::Chime);
  EXPECT_EQ(parts[1].kind, SpokenPart::Kind::Persian);
  EXPECT_EQ(parts[2].kind, SpokenPart::Kind::English);
  for (const auto& part : parts) EXPECT_FALSE(part.recorded);
  EXPECT_EQ(parts[0].pcm.samples, synthesizeChime(22050).samples);
}

TEST(Speaker, ChimeIsShortAndFadesOut) {
  const Pcm chime = synthesizeChime(22050);
  EXPECT_GT(chime.duration(), 1000ms);
  EXPECT_LT(chime.duration(), 2000ms);
  EXPECT_EQ(chime.samples.front(), 0);
  EXPECT_EQ(chime.samples.back(), 0);
  EXPECT_GT(*std::max_element(chime.samples.begin(), chime.samples.end()), 8000);
}

TEST(Speaker, RecordedClipsReplaceALanguageOnlyWhenComplete) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("mikhak-clips-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  // Persian complete, at another rate (converted); English missing its counter number.
  for (const std::string name : {"number", "letter-گ", "17", "to-counter", "3"}) {
    writeWav(dir / "fa" / (name + ".wav"), 11025, std::vector<std::int16_t>(1103, 1000));
  }
  for (const std::string name : {"number", "letter-P", "17", "to-counter"}) {
    writeWav(dir / "en" / (name + ".wav"), 22050, std::vector<std::int16_t>(2205, 1000));
  }
  SpeakerVoice voice = makeVoice();
  SpeakerClips clips(dir, 22050);
  const auto parts = composeCall(announcementFor(passportCall()), &voice, clips, 22050);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_FALSE(parts[0].recorded);
  EXPECT_TRUE(parts[1].recorded);
  EXPECT_NEAR(static_cast<double>(parts[1].pcm.samples.size()), 5 * 2205.0, 5 * 4.0);
  EXPECT_FALSE(parts[2].recorded);  // spoken: a clip was missing
  std::filesystem::remove_all(dir);
}

TEST(Speaker, PlaysACallThroughSdlAndFinishes) {
  // A device that plays in real time into nothing, on any machine.
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  Speaker speaker({.clipsFolder = {}, .pause = 100ms, .afterCall = 100ms});
  ASSERT_TRUE(speaker.hasAudio()) << SDL_GetError();
  speaker.announce(passportCall());
  EXPECT_TRUE(speaker.busy());
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (speaker.busy() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_FALSE(speaker.busy());
  // Chime, Persian and English: several seconds of sound.
  EXPECT_GT(speaker.samplesQueued(), 22050u * 3);
}

}  // namespace
}  // namespace mikhak::kiosk
