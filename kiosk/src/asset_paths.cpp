#include "asset_paths.hpp"

namespace mikhak::kiosk {

std::filesystem::path assetPath(std::string_view relative) {
  const std::filesystem::path source = std::filesystem::path(MIKHAK_SOURCE_ASSETS) / relative;
  std::error_code ec;
  if (std::filesystem::exists(source, ec)) return source;
  return std::filesystem::path("/usr/share/mikhak") / relative;
}

}  // namespace mikhak::kiosk
