#pragma once

#include <string>
#include <string_view>

namespace mikhak::domain {

// SHA-256 of the bytes, as 64 lowercase hex digits: how tokens are kept on the server and how the
// day manifest carries tracking codes (salted), so the kiosk and the server hash alike.
std::string sha256Hex(std::string_view bytes);

}  // namespace mikhak::domain
