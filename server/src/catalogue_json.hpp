#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "mikhak/domain/catalogue.hpp"

namespace mikhak::server {

// The catalogue as the API, the manifest and the database write it.
nlohmann::json originalsJson(const std::vector<domain::OriginalDocument>& originals);
nlohmann::json serviceJson(const domain::Service& service);

}  // namespace mikhak::server
