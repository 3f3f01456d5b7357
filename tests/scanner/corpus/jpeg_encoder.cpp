#include "jpeg_encoder.hpp"

// libjpeg reports errors through a callback that must not return: it jumps back with longjmp.
// Every libjpeg call is made from a function holding only C objects, and whatever needs freeing
// belongs to the caller's frame, so the jump never skips a C++ destructor.
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <jpeglib.h>

namespace mikhak::scanner::test {
namespace {

struct JpegErrors {
  jpeg_error_mgr manager;  // first, so that libjpeg's pointer to it is a pointer to this
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jumpOnError(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// The compressor, its error manager and the output buffer libjpeg mallocs, freed whatever
// happened to the encoding.
struct JpegWriter {
  jpeg_compress_struct info{};
  JpegErrors errors{};
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  JpegWriter() {
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jumpOnError;
  }
  ~JpegWriter() {
    jpeg_destroy_compress(&info);  // safe on a struct never created
    std::free(buffer);
  }
  JpegWriter(const JpegWriter&) = delete;
  JpegWriter& operator=(const JpegWriter&) = delete;
};

// No destructors in here; setjmp comes before any libjpeg call.
bool encodeInto(JpegWriter& writer, const GreyFrame& frame, int quality) {
  if (setjmp(writer.errors.jump) != 0) return false;
  jpeg_create_compress(&writer.info);
  jpeg_mem_dest(&writer.info, &writer.buffer, &writer.size);
  writer.info.image_width = static_cast<JDIMENSION>(frame.width);
  writer.info.image_height = static_cast<JDIMENSION>(frame.height);
  writer.info.input_components = 1;
  writer.info.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&writer.info);
  jpeg_set_quality(&writer.info, quality, TRUE);
  jpeg_start_compress(&writer.info, TRUE);
  while (writer.info.next_scanline < writer.info.image_height) {
    // libjpeg's API takes rows as non-const but only reads them.
    JSAMPROW row = const_cast<JSAMPLE*>(
        &frame.pixels[static_cast<std::size_t>(writer.info.next_scanline) * frame.width]);
    jpeg_write_scanlines(&writer.info, &row, 1);
  }
  jpeg_finish_compress(&writer.info);
  return true;
}

}  // namespace

Result<std::vector<std::uint8_t>> encodeJpeg(const GreyFrame& frame, int quality) {
  if (frame.width <= 0 || frame.height <= 0 ||
      frame.pixels.size() != static_cast<std::size_t>(frame.width) * frame.height || quality < 1 ||
      quality > 100) {
    return Error{"jpeg: empty frame or quality out of 1-100"};
  }
  JpegWriter writer;
  if (!encodeInto(writer, frame, quality)) {
    return Error{std::string("jpeg: ") + writer.errors.message};
  }
  return std::vector<std::uint8_t>(writer.buffer, writer.buffer + writer.size);
}

}  // namespace mikhak::scanner::test
