#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mikhak/base/result.hpp"

namespace mikhak::domain {

// An original document the applicant must show at the counter.
struct OriginalDocument {
  std::string fa;
  std::string en;
  bool operator==(const OriginalDocument&) const = default;
};

struct Service {
  std::string id;        // stable key, e.g. "passport"
  std::string letter;    // queue letter on Latin tickets, one ASCII capital, e.g. "P"
  std::string letterFa;  // the same on the Persian side, one Persian letter, e.g. "پ"
  std::string nameFa;
  std::string nameEn;
  std::string
      groupFa;  // counter group shown in the hall, e.g. «وکالت‌نامه و گذرنامه»
  std::string groupEn;
  std::chrono::minutes typicalDuration{5};  // a counter's typical time for one applicant
  std::vector<OriginalDocument> originals;
  bool operator==(const Service&) const = default;
};

// The services a consulate offers, from a TOML file it can edit without rebuilding
// (assets/catalogue/services.toml is the default).
struct Catalogue {
  std::vector<Service> services;
  const Service* find(std::string_view id) const;
  const Service* findByLetter(std::string_view letter) const;
};

// Checks as it parses: ids and letters unique, every name in both languages, at least one original
// per service, durations 1-240 minutes. The error names the file, the service and the field.
Result<Catalogue> parseCatalogue(std::string_view toml, std::string_view sourceName = "catalogue");
Result<Catalogue> loadCatalogue(const std::filesystem::path& file);

}  // namespace mikhak::domain
