#pragma once

#include <jpeglib.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

namespace mikhak::test {

// Samples (grey: 1 component, or RGB: 3) as a JPEG, with libjpeg's own encoder. Its default error
// handler exits, which is acceptable only because a test's own well-formed input never fails.
inline std::vector<std::uint8_t> encodeJpeg(const std::vector<std::uint8_t>& samples, int width,
                                            int height, int components, int quality = 95) {
  jpeg_compress_struct info{};
  jpeg_error_mgr errors{};
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = components;
  info.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    auto* row = const_cast<JSAMPLE*>(&samples[static_cast<std::size_t>(info.next_scanline) *
                                              static_cast<std::size_t>(width * components)]);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  const std::unique_ptr<unsigned char, decltype(&std::free)> owned(buffer, &std::free);
  return std::vector<std::uint8_t>(buffer, buffer + size);
}

}  // namespace mikhak::test
