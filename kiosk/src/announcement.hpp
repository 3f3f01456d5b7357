#pragma once

#include <string>
#include <vector>

#include "now_serving_calls.hpp"

namespace mikhak::kiosk {

// What is said for one call, in Persian and then English: text written for espeak-ng's voices,
// and the names of recorded clips that say the same (without extension, per language folder).
struct Announcement {
  std::string persian;                    // "شماره گاف هفده، به باجه سه."
  std::string english;                    // "Number P 17, to counter 3."
  std::vector<std::string> persianClips;  // {"number", "letter-گ", "17", "to-counter", "3"}
  std::vector<std::string> englishClips;  // {"number", "letter-P", "17", "to-counter", "3"}
};

Announcement announcementFor(const Call& call);

// A number as spoken Persian words joined the way people say them: 123 -> "صدُ بیستُ سه".
// espeak-ng's Persian voice reads digits colloquially (۱۷ as "hivdah") and the bare word «نه» as
// "na" (no); written out, with ُ for the spoken "o" between parts, it says them right. 0-9999.
std::string persianNumberWords(int value);

// The name of a Persian letter as it is spoken when spelling: «گ» -> «گاف», «پ» -> «پِ».
// espeak-ng reads a lone «و» as the word "va" (and), so every letter is given by its name.
std::string persianLetterName(const std::string& letter);

}  // namespace mikhak::kiosk
