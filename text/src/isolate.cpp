#include "mikhak/text/isolate.hpp"

namespace mikhak::text {
namespace {
constexpr std::string_view kLeftToRightIsolate = "\u2066";
constexpr std::string_view kFirstStrongIsolate = "\u2068";
constexpr std::string_view kPopDirectionalIsolate = "\u2069";

std::string wrap(std::string_view open, std::string_view text) {
  std::string out;
  out.reserve(text.size() + 6);
  out.append(open).append(text).append(kPopDirectionalIsolate);
  return out;
}
}  // namespace

std::string isolateLeftToRight(std::string_view text) { return wrap(kLeftToRightIsolate, text); }
std::string isolateFirstStrong(std::string_view text) { return wrap(kFirstStrongIsolate, text); }

}  // namespace mikhak::text
