#pragma once

#include <string>
#include <string_view>

namespace mikhak::text {

// Wraps text in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE (U+2066, U+2069).
// Under the bidi algorithm a code such as 4821-0093-17 after Persian words turns into Arabic
// numbers split by neutral hyphens and shows as 17-0093-4821; isolated, it keeps its order.
// Use it for every code, phone number or Latin identifier put into Persian text.
std::string isolateLeftToRight(std::string_view text);

// FIRST STRONG ISOLATE ... PDI (U+2068): a name or other data whose direction is its own.
std::string isolateFirstStrong(std::string_view text);

}  // namespace mikhak::text
