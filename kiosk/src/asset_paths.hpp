#pragma once

#include <filesystem>
#include <string_view>

namespace mikhak::kiosk {

// A file under assets/: from the source tree when running from a build folder, else the installed
// copy under /usr/share/mikhak.
std::filesystem::path assetPath(std::string_view relative);

}  // namespace mikhak::kiosk
