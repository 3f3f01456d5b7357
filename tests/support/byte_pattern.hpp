#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mikhak::test {

// `size` bytes that do not repeat every 256, so a dropped or doubled chunk shows.
inline std::vector<std::uint8_t> patternBytes(std::size_t size) {
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(i * 31 + i / 257);
  return bytes;
}

}  // namespace mikhak::test
