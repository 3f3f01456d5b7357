#include "speaker_voice.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <mutex>
#include <string>

namespace mikhak::kiosk {
namespace {

// Announcements are heard across a hall by people listening for their number: a little slower
// than espeak-ng's 175 words a minute.
constexpr int kWordsPerMinute = 150;

std::string statusText(espeak_ng_STATUS status) {
  char message[512] = {};
  espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
  return message;
}

int collect(short* wav, int count, espeak_EVENT* events) {
  if (wav && count > 0 && events) {
    auto* pcm = static_cast<Pcm*>(events->user_data);
    pcm->samples.insert(pcm->samples.end(), wav, wav + count);
  }
  return 0;  // go on
}

// The process's synthesiser: made on first use (a function-local static, so exactly once), kept
// until exit, used by one thread at a time.
struct Synthesiser {
  std::mutex mutex;
  int rate = 0;
  std::string error;

  Synthesiser() {
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status != ENS_OK) {
      espeak_ng_ClearErrorContext(&context);
      error = "SpeakerVoice: espeak-ng: " + statusText(status) + " (is espeak-ng-data installed?)";
      return;
    }
    status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
    if (status != ENS_OK) {
      error = "SpeakerVoice: espeak-ng output: " + statusText(status);
      return;
    }
    espeak_SetSynthCallback(collect);
    espeak_ng_SetParameter(espeakRATE, kWordsPerMinute, 0);
    rate = espeak_ng_GetSampleRate();
  }
};

Synthesiser& synthesiser() {
  static Synthesiser instance;
  return instance;
}

}  // namespace

Result<SpeakerVoice> SpeakerVoice::create() {
  Synthesiser& s = synthesiser();
  if (!s.error.empty()) return Error{s.error};
  return SpeakerVoice(s.rate);
}

Result<Pcm> SpeakerVoice::synthesize(std::string_view utf8, text::Language language) {
  Synthesiser& s = synthesiser();
  const std::lock_guard lock(s.mutex);
  const std::string name(text::languageCode(language));
  espeak_ng_STATUS status = espeak_ng_SetVoiceByName(name.c_str());
  if (status != ENS_OK) return Error{"SpeakerVoice: voice " + name + ": " + statusText(status)};
  Pcm pcm;
  pcm.rate = rate_;
  const std::string text(utf8);
  status = espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8, nullptr, &pcm);
  if (status != ENS_OK) return Error{"SpeakerVoice: " + statusText(status)};
  return pcm;
}

}  // namespace mikhak::kiosk
