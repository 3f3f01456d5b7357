#include "mikhak/domain/catalogue.hpp"

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

namespace mikhak::domain {

const Service* Catalogue::find(std::string_view id) const {
  for (const Service& service : services) {
    if (service.id == id) return &service;
  }
  return nullptr;
}

// Tickets carry either letter, and the two sets cannot overlap (ASCII vs Persian), so a letter
// read from either side of a ticket finds its service.
const Service* Catalogue::findByLetter(std::string_view letter) const {
  for (const Service& service : services) {
    if (service.letter == letter || service.letterFa == letter) return &service;
  }
  return nullptr;
}

namespace {

constexpr std::int64_t kMinMinutes = 1;
constexpr std::int64_t kMaxMinutes = 240;

// The keys each table may have: anything else is a typo that would otherwise drop data silently.
using KeyList = std::span<const std::string_view>;
constexpr std::string_view kTopKeys[] = {"service"};
constexpr std::string_view kServiceKeys[] = {"id",       "letter",          "letter_fa",
                                             "name_fa",  "name_en",         "group_fa",
                                             "group_en", "typical_minutes", "original"};
constexpr std::string_view kOriginalKeys[] = {"fa", "en"};

// Data typed on an Arabic keyboard layout carries Arabic yeh/kaf (and alef maksura for a final
// yeh); they look alike but break matching and some fonts' joining, so Persian fields get the
// Persian letters. Byte-wise replacement is safe: UTF-8 sequences never overlap.
void normalisePersianLetters(std::string& text) {
  static constexpr std::pair<std::string_view, std::string_view> kSwaps[] = {
      {"\u064A", "\u06CC"},  // ARABIC LETTER YEH -> FARSI YEH
      {"\u0649", "\u06CC"},  // ARABIC LETTER ALEF MAKSURA -> FARSI YEH
      {"\u0643", "\u06A9"},  // ARABIC LETTER KAF -> KEHEH
  };
  for (const auto& [from, to] : kSwaps) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
}

bool isBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The only code point of a UTF-8 string, or nothing if it has more or fewer. toml++ has already
// rejected invalid UTF-8, so the lead byte tells the length.
std::optional<char32_t> soleCodePoint(std::string_view utf8) {
  if (utf8.empty()) return std::nullopt;
  const auto lead = static_cast<unsigned char>(utf8[0]);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (utf8.size() != length) return std::nullopt;
  char32_t cp = length == 1   ? lead
                : length == 2 ? lead & 0x1Fu
                : length == 3 ? lead & 0x0Fu
                              : lead & 0x07u;
  for (std::size_t i = 1; i < length; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(utf8[i]) & 0x3Fu);
  }
  return cp;
}

// Letters of the Arabic script as Persian uses it: no digits, marks, tatweel or punctuation.
bool isArabicScriptLetter(char32_t cp) {
  return (cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) ||
         (cp >= 0x066E && cp <= 0x066F) || (cp >= 0x0671 && cp <= 0x06D3) || cp == 0x06D5 ||
         (cp >= 0x06EE && cp <= 0x06EF) || (cp >= 0x06FA && cp <= 0x06FC) || cp == 0x06FF ||
         (cp >= 0x0750 && cp <= 0x077F);
}

bool isSnakeCase(std::string_view id) {
  if (id.empty() || id.front() < 'a' || id.front() > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string inQuotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string joined(KeyList keys) {
  std::string out;
  for (std::string_view key : keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

// Where an error is: the file, and once known the service; every message names them and the line.
class Context {
 public:
  explicit Context(std::string_view source) : source_(source) {}

  void enterService(std::size_t index) { service_ = "service #" + std::to_string(index + 1); }
  void nameService(std::string_view id) { service_ = "service " + inQuotes(id); }

  Error error(const toml::node& at, std::string_view field, std::string_view what) const {
    std::string message = "catalogue: " + std::string(source_) + ": ";
    if (at.source().begin.line > 0) {
      message += "line " + std::to_string(at.source().begin.line) + ": ";
    }
    if (!service_.empty()) message += service_ + ": ";
    if (!field.empty()) message += std::string(field) + ": ";
    return Error{message + std::string(what)};
  }

 private:
  std::string_view source_;
  std::string service_;
};

std::optional<Error> checkKeys(const Context& context, const toml::table& table, KeyList allowed,
                               std::string_view where) {
  for (const auto& [key, node] : table) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key.str() == name;
    if (!known) {
      return context.error(
          node, where,
          "unknown key " + inQuotes(key.str()) + " (expected " + joined(allowed) + ")");
    }
  }
  return std::nullopt;
}

// A required, non-blank string; Persian ones are normalised to Persian yeh/kaf.
Result<std::string> readText(const Context& context, const toml::table& table, std::string_view key,
                             std::string_view field, bool persian) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return context.error(table, field, "missing");
  const auto* value = node->as_string();
  if (value == nullptr) return context.error(*node, field, "must be a string");
  std::string text = value->get();
  if (isBlank(text)) return context.error(*node, field, "must not be empty");
  if (persian) normalisePersianLetters(text);
  return text;
}

Result<std::string> readId(const Context& context, const toml::table& table) {
  auto id = readText(context, table, "id", "id", false);
  if (id && !isSnakeCase(*id)) {
    return context.error(
        *table.get("id"), "id",
        inQuotes(*id) + " must be snake_case (a-z, 0-9, _; starting with a letter)");
  }
  return id;
}

Result<std::string> readLetter(const Context& context, const toml::table& table) {
  auto letter = readText(context, table, "letter", "letter", false);
  if (letter && !(letter->size() == 1 && (*letter)[0] >= 'A' && (*letter)[0] <= 'Z')) {
    return context.error(*table.get("letter"), "letter",
                         inQuotes(*letter) + " must be exactly one capital letter A-Z");
  }
  return letter;
}

Result<std::string> readLetterFa(const Context& context, const toml::table& table) {
  auto letter = readText(context, table, "letter_fa", "letter_fa", true);
  if (!letter) return letter;
  auto cp = soleCodePoint(*letter);
  if (!cp || !isArabicScriptLetter(*cp)) {
    return context.error(*table.get("letter_fa"), "letter_fa",
                         inQuotes(*letter) + " must be exactly one Persian letter");
  }
  return letter;
}

Result<std::chrono::minutes> readMinutes(const Context& context, const toml::table& table) {
  const toml::node* node = table.get("typical_minutes");
  if (node == nullptr) return Service{}.typicalDuration;  // optional: the default
  const auto* value = node->as_integer();
  if (value == nullptr) {
    return context.error(*node, "typical_minutes", "must be a whole number of minutes");
  }
  const std::int64_t minutes = value->get();
  if (minutes < kMinMinutes || minutes > kMaxMinutes) {
    return context.error(*node, "typical_minutes",
                         std::to_string(minutes) + " is outside " + std::to_string(kMinMinutes) +
                             "-" + std::to_string(kMaxMinutes));
  }
  return std::chrono::minutes{minutes};
}

Result<OriginalDocument> readOriginal(const Context& context, const toml::table& table,
                                      std::size_t index) {
  const std::string where = "original #" + std::to_string(index + 1);
  if (auto bad = checkKeys(context, table, kOriginalKeys, where)) return *bad;
  auto fa = readText(context, table, "fa", where + " fa", true);
  if (!fa) return fa.error();
  auto en = readText(context, table, "en", where + " en", false);
  if (!en) return en.error();
  return OriginalDocument{std::move(*fa), std::move(*en)};
}

Result<std::vector<OriginalDocument>> readOriginals(const Context& context,
                                                    const toml::table& service) {
  constexpr std::string_view kNone = "none listed (add at least one [[service.original]] table)";
  const toml::node* node = service.get("original");
  if (node == nullptr) return context.error(service, "original", kNone);
  const toml::array* array = node->as_array();
  if (array != nullptr && array->empty()) return context.error(*node, "original", kNone);
  if (array == nullptr || !array->is_array_of_tables()) {
    return context.error(*node, "original", "must be [[service.original]] tables with fa and en");
  }
  std::vector<OriginalDocument> originals;
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto original = readOriginal(context, *array->get(i)->as_table(), i);
    if (!original) return original.error();
    originals.push_back(std::move(*original));
  }
  return originals;
}

// Reads one field into the service, or keeps the first error.
template <typename T>
bool take(Result<T> result, T& into, std::optional<Error>& error) {
  if (!result) {
    error = result.error();
    return false;
  }
  into = std::move(*result);
  return true;
}

Result<Service> readService(Context& context, const toml::table& table) {
  Service service;
  std::optional<Error> error;
  if (!take(readId(context, table), service.id, error)) return *error;
  context.nameService(service.id);
  if (auto bad = checkKeys(context, table, kServiceKeys, "")) return *bad;
  const bool ok =
      take(readLetter(context, table), service.letter, error) &&
      take(readLetterFa(context, table), service.letterFa, error) &&
      take(readText(context, table, "name_fa", "name_fa", true), service.nameFa, error) &&
      take(readText(context, table, "name_en", "name_en", false), service.nameEn, error) &&
      take(readText(context, table, "group_fa", "group_fa", true), service.groupFa, error) &&
      take(readText(context, table, "group_en", "group_en", false), service.groupEn, error) &&
      take(readMinutes(context, table), service.typicalDuration, error) &&
      take(readOriginals(context, table), service.originals, error);
  if (!ok) return *error;
  return service;
}

// Remembers who took each id and letter, so a clash names both services.
class UniqueKeys {
 public:
  std::optional<Error> claim(const Context& context, const toml::table& table,
                             const Service& service) {
    for (auto [field, value] : {std::pair{"id", &service.id}, std::pair{"letter", &service.letter},
                                std::pair{"letter_fa", &service.letterFa}}) {
      auto [owner, inserted] = owners_.try_emplace(std::string(field) + '\n' + *value, service.id);
      if (!inserted) {
        const toml::node* at = table.get(field);
        return context.error(
            at != nullptr ? *at : static_cast<const toml::node&>(table), field,
            inQuotes(*value) + " is already used by service " + inQuotes(owner->second));
      }
    }
    return std::nullopt;
  }

 private:
  std::map<std::string, std::string> owners_;  // "field\nvalue" -> the service that has it
};

Result<toml::table> parseToml(std::string_view text, std::string_view sourceName) {
  try {
    return toml::parse(text, sourceName);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return Error{"catalogue: " + std::string(sourceName) + ": line " + std::to_string(begin.line) +
                 ", column " + std::to_string(begin.column) + ": " + std::string(e.description())};
  }
}

Result<Catalogue> readCatalogue(const toml::table& root, std::string_view sourceName) {
  Context context(sourceName);
  if (auto bad = checkKeys(context, root, kTopKeys, "")) return *bad;
  const toml::node* node = root.get("service");
  const toml::array* array = node != nullptr ? node->as_array() : nullptr;
  if (node != nullptr && (array == nullptr || (!array->empty() && !array->is_array_of_tables()))) {
    return context.error(*node, "service", "must be [[service]] tables");
  }
  if (array == nullptr || array->empty()) {
    return Error{"catalogue: " + std::string(sourceName) +
                 ": no services (add at least one [[service]] table)"};
  }
  Catalogue catalogue;
  UniqueKeys unique;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *array->get(i)->as_table();
    context.enterService(i);
    auto service = readService(context, table);
    if (!service) return service.error();
    if (auto clash = unique.claim(context, table, *service)) return *clash;
    catalogue.services.push_back(std::move(*service));
  }
  return catalogue;
}

}  // namespace

Result<Catalogue> parseCatalogue(std::string_view toml, std::string_view sourceName) {
  auto root = parseToml(toml, sourceName);
  if (!root) return root.error();
  return readCatalogue(*root, sourceName);
}

Result<Catalogue> loadCatalogue(const std::filesystem::path& file) {
  // A directory opens as a stream on Linux and reads as empty: say what it is instead.
  std::error_code ignored;
  if (std::filesystem::is_directory(file, ignored)) {
    return Error{"catalogue: " + file.string() + ": is a directory, not a file"};
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int cause = errno;
    return Error{"catalogue: " + file.string() +
                 ": cannot open: " + std::generic_category().message(cause)};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{"catalogue: " + file.string() + ": cannot read"};
  return parseCatalogue(text.str(), file.string());
}

}  // namespace mikhak::domain
