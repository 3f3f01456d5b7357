#include "mikhak/text/png.hpp"

#include <png.h>

#include <cstring>

namespace mikhak::text {
namespace {

// libpng's simplified API: one struct, freed by png_image_free.
struct ImageGuard {
  png_image image{};
  ImageGuard() { image.version = PNG_IMAGE_VERSION; }
  ~ImageGuard() { png_image_free(&image); }
  ImageGuard(const ImageGuard&) = delete;
  ImageGuard& operator=(const ImageGuard&) = delete;
};

Result<Ok> write(const std::filesystem::path& file, int width, int height, png_uint_32 format,
                 const void* pixels) {
  ImageGuard guard;
  guard.image.width = static_cast<png_uint_32>(width);
  guard.image.height = static_cast<png_uint_32>(height);
  guard.image.format = format;
  if (!png_image_write_to_file(&guard.image, file.c_str(), 0, pixels, 0, nullptr)) {
    return Error{"png: cannot write " + file.string() + ": " + guard.image.message};
  }
  return Ok{};
}

}  // namespace

Result<Ok> writePng(const std::filesystem::path& file, const GreyBitmap& bitmap) {
  std::vector<std::uint8_t> grey(bitmap.pixels.size());
  for (std::size_t i = 0; i < grey.size(); ++i)
    grey[i] = static_cast<std::uint8_t>(255 - bitmap.pixels[i]);
  return write(file, bitmap.width, bitmap.height, PNG_FORMAT_GRAY, grey.data());
}

Result<Ok> writePng(const std::filesystem::path& file, const MonoBitmap& bitmap) {
  std::vector<std::uint8_t> grey(static_cast<std::size_t>(bitmap.width) * bitmap.height);
  for (int y = 0; y < bitmap.height; ++y) {
    for (int x = 0; x < bitmap.width; ++x) {
      grey[static_cast<std::size_t>(y) * bitmap.width + x] = bitmap.at(x, y) ? 0 : 255;
    }
  }
  return write(file, bitmap.width, bitmap.height, PNG_FORMAT_GRAY, grey.data());
}

Result<Ok> writeRgbaPng(const std::filesystem::path& file, int width, int height,
                        const std::vector<std::uint8_t>& rgba) {
  if (rgba.size() != static_cast<std::size_t>(width) * height * 4) {
    throw std::invalid_argument("writeRgbaPng: buffer size does not match");
  }
  return write(file, width, height, PNG_FORMAT_RGBA, rgba.data());
}

Result<GreyBitmap> readPngCoverage(const std::filesystem::path& file) {
  ImageGuard guard;
  if (!png_image_begin_read_from_file(&guard.image, file.c_str())) {
    return Error{"png: cannot read " + file.string() + ": " + guard.image.message};
  }
  guard.image.format = PNG_FORMAT_GRAY;
  GreyBitmap bitmap(static_cast<int>(guard.image.width), static_cast<int>(guard.image.height));
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&guard.image, &white, bitmap.pixels.data(), 0, nullptr)) {
    return Error{"png: cannot decode " + file.string() + ": " + guard.image.message};
  }
  for (auto& p : bitmap.pixels) p = static_cast<std::uint8_t>(255 - p);
  return bitmap;
}

}  // namespace mikhak::text
