#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/text/bitmap.hpp"

namespace mikhak::text {

// Ink is written dark on white, as it looks on paper.
Result<Ok> writePng(const std::filesystem::path& file, const GreyBitmap& bitmap);
Result<Ok> writePng(const std::filesystem::path& file, const MonoBitmap& bitmap);
// 8-bit RGBA, row-major, 4 * width bytes a row.
Result<Ok> writeRgbaPng(const std::filesystem::path& file, int width, int height,
                        const std::vector<std::uint8_t>& rgba);

// Reads any PNG as ink coverage (255 - luminance): the inverse of writePng for GreyBitmap.
Result<GreyBitmap> readPngCoverage(const std::filesystem::path& file);

}  // namespace mikhak::text
