#include "catalogue_json.hpp"

namespace mikhak::server {

nlohmann::json originalsJson(const std::vector<domain::OriginalDocument>& originals) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& o : originals) array.push_back({{"fa", o.fa}, {"en", o.en}});
  return array;
}

nlohmann::json serviceJson(const domain::Service& s) {
  return {{"id", s.id},
          {"letter", s.letter},
          {"letter_fa", s.letterFa},
          {"name_fa", s.nameFa},
          {"name_en", s.nameEn},
          {"typical_minutes", s.typicalDuration.count()},
          {"originals", originalsJson(s.originals)}};
}

}  // namespace mikhak::server
