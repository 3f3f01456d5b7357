#include "announcement.hpp"

#include <array>
#include <map>

namespace mikhak::kiosk {
namespace {

// With ُ on the last letter espeak-ng says the joining "o" of spoken Persian (sad-o bist-o se);
// the written «و» it reads as the formal "va".
constexpr std::string_view kJoin = "ُ ";

constexpr std::array<std::string_view, 20> kUnits{
    "صفر", "یک",    "دو",     "سه",    "چهار",   "پنج",    "شش",     "هفت",  "هشت",  "نُه",
    "ده",  "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"};
constexpr std::array<std::string_view, 10> kTens{"",      "",    "بیست",  "سی",    "چهل",
                                                 "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"};
constexpr std::array<std::string_view, 10> kHundreds{"",      "صد",   "دویست", "سیصد",  "چهارصد",
                                                     "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"};

// English letters as espeak-ng's English voice says them clearly; a bare "A" it reads as the
// article.
std::string englishLetter(const std::string& letter) { return letter == "A" ? "eh" : letter; }

}  // namespace

std::string persianNumberWords(int value) {
  if (value < 0 || value > 9999) return std::to_string(value);
  if (value == 0) return std::string(kUnits[0]);
  std::vector<std::string_view> parts;
  if (value >= 1000) {
    if (value / 1000 > 1) parts.push_back(kUnits[static_cast<std::size_t>(value / 1000)]);
    parts.push_back("هزار");
  }
  const int below = value % 1000;
  if (below >= 100) parts.push_back(kHundreds[static_cast<std::size_t>(below / 100)]);
  const int rest = below % 100;
  if (rest >= 20) {
    parts.push_back(kTens[static_cast<std::size_t>(rest / 10)]);
    if (rest % 10) parts.push_back(kUnits[static_cast<std::size_t>(rest % 10)]);
  } else if (rest > 0) {
    parts.push_back(kUnits[static_cast<std::size_t>(rest)]);
  }
  std::string words;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    words += parts[i];
    // «دو هزار» is said without the joining "o"; every other pair takes it.
    if (i + 1 < parts.size()) words += parts[i + 1] == "هزار" ? std::string_view(" ") : kJoin;
  }
  return words;
}

std::string persianLetterName(const std::string& letter) {
  static const std::map<std::string, std::string> kNames{
      {"ا", "الف"}, {"آ", "الف"}, {"ب", "بِ"},   {"پ", "پِ"},   {"ت", "تِ"},   {"ث", "ثِ"},
      {"ج", "جیم"}, {"چ", "چِ"},   {"ح", "حِ"},   {"خ", "خِ"},   {"د", "دال"}, {"ذ", "ذال"},
      {"ر", "رِ"},   {"ز", "زِ"},   {"ژ", "ژِ"},   {"س", "سین"}, {"ش", "شین"}, {"ص", "صاد"},
      {"ض", "ضاد"}, {"ط", "طا"},  {"ظ", "ظا"},  {"ع", "عین"}, {"غ", "غین"}, {"ف", "فِ"},
      {"ق", "قاف"}, {"ک", "کاف"}, {"ك", "کاف"}, {"گ", "گاف"}, {"ل", "لام"}, {"م", "میم"},
      {"ن", "نون"}, {"و", "واو"}, {"ه", "هِ"},   {"ی", "یِ"},   {"ي", "یِ"}};
  const auto it = kNames.find(letter);
  return it == kNames.end() ? letter : it->second;
}

Announcement announcementFor(const Call& call) {
  Announcement a;
  const std::string letterFa = call.letterFa.empty() ? call.letter : call.letterFa;
  const std::string number = std::to_string(call.number);
  const std::string counter = std::to_string(call.counter);

  if (call.recall) {
    a.persian = "فراخوانی مجدد: ";
    a.english = "Called again: number ";
    a.persianClips.push_back("recall");
    a.englishClips.push_back("recall");
  } else {
    a.english = "Number ";
  }
  a.persian += "شماره ";
  if (!letterFa.empty()) a.persian += persianLetterName(letterFa) + " ";
  a.persian +=
      persianNumberWords(call.number) + "، به باجه " + persianNumberWords(call.counter) + ".";
  if (!call.letter.empty()) a.english += englishLetter(call.letter) + " ";
  a.english += number + ", to counter " + counter + ".";

  a.persianClips.push_back("number");
  if (!letterFa.empty()) a.persianClips.push_back("letter-" + letterFa);
  a.persianClips.insert(a.persianClips.end(), {number, "to-counter", counter});
  a.englishClips.push_back("number");
  if (!call.letter.empty()) a.englishClips.push_back("letter-" + call.letter);
  a.englishClips.insert(a.englishClips.end(), {number, "to-counter", counter});
  return a;
}

}  // namespace mikhak::kiosk
