#include "mikhak/scanner/frame_convert.hpp"

// jpeglib.h needs size_t and FILE declared before it.
#include <cstddef>
#include <cstdio>
// clang-format off
#include <jpeglib.h>
// clang-format on
#include <png.h>

#include <csetjmp>
#include <string>

namespace mikhak::scanner {
namespace {

bool sideOk(long long side) { return side > 0 && side <= kMaxFrameSide; }

std::string sizeText(long long width, long long height) {
  return std::to_string(width) + "x" + std::to_string(height);
}

// libjpeg's default error handler prints and calls exit(). Ours formats the message and jumps
// back to decodeJpeg's setjmp; warnings (emitted through output_message) are dropped silently.
struct JpegErrors {
  jpeg_error_mgr manager;  // first, so libjpeg's pointer to it is a pointer to the whole
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jumpOnJpegError(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  info->err->format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

void dropJpegMessage(j_common_ptr /*info*/) {}

// Owns libjpeg's decompressor, so that what it allocated is freed however decoding ends.
class JpegDecompressor {
 public:
  JpegDecompressor() {
    info_.err = jpeg_std_error(&errors_.manager);
    errors_.manager.error_exit = jumpOnJpegError;
    errors_.manager.output_message = dropJpegMessage;
    errors_.message[0] = '\0';
  }
  ~JpegDecompressor() { jpeg_destroy_decompress(&info_); }  // a no-op before create
  JpegDecompressor(const JpegDecompressor&) = delete;
  JpegDecompressor& operator=(const JpegDecompressor&) = delete;

  jpeg_decompress_struct& info() { return info_; }
  JpegErrors& errors() { return errors_; }

 private:
  jpeg_decompress_struct info_{};
  JpegErrors errors_{};
};

// Every libjpeg call sits below this setjmp, and nothing in this function has a destructor, so
// the longjmp out of a libjpeg error skips no C++ object (the decompressor and the frame belong to
// the caller). false on failure, with the reason in the errors' message.
bool decodeJpeg(JpegDecompressor& decompressor, std::span<const std::uint8_t> data,
                GreyFrame& frame) {
  jpeg_decompress_struct& info = decompressor.info();
  JpegErrors& errors = decompressor.errors();
  if (setjmp(errors.jump) != 0) return false;

  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, data.data(), static_cast<unsigned long>(data.size()));
  if (jpeg_read_header(&info, TRUE) != JPEG_HEADER_OK) {
    std::snprintf(errors.message, sizeof errors.message, "no image, only tables");
    return false;
  }
  if (!sideOk(info.image_width) || !sideOk(info.image_height)) {
    std::snprintf(errors.message, sizeof errors.message, "%ux%u is too large (at most %d a side)",
                  info.image_width, info.image_height, kMaxFrameSide);
    return false;
  }
  // Straight to luminance: libjpeg takes the Y of a YCbCr picture without converting colours.
  info.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&info);
  if (info.output_components != 1) {
    std::snprintf(errors.message, sizeof errors.message, "did not decode to one grey channel");
    return false;
  }
  frame.width = static_cast<int>(info.output_width);
  frame.height = static_cast<int>(info.output_height);
  frame.pixels.resize(static_cast<std::size_t>(info.output_width) * info.output_height);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = frame.pixels.data() + static_cast<std::size_t>(info.output_scanline) *
                                             static_cast<std::size_t>(info.output_width);
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  return true;
}

// The simplified libpng API keeps its own setjmp inside; this frees what it holds on every path.
class PngReader {
 public:
  PngReader() { image_.version = PNG_IMAGE_VERSION; }
  ~PngReader() { png_image_free(&image_); }
  PngReader(const PngReader&) = delete;
  PngReader& operator=(const PngReader&) = delete;
  png_image& image() { return image_; }

 private:
  png_image image_{};
};

}  // namespace

Result<GreyFrame> greyFromYuyv(std::span<const std::uint8_t> data, int width, int height,
                               int bytesPerLine) {
  const std::string where = "greyFromYuyv: " + sizeText(width, height) + ": ";
  if (!sideOk(width) || !sideOk(height)) return Error{where + "not a frame size"};
  if (width % 2 != 0) return Error{where + "YUYV needs an even width"};
  const auto packed = static_cast<std::size_t>(width) * 2;
  if (bytesPerLine != 0 && bytesPerLine < static_cast<int>(packed)) {
    return Error{where + "row pitch " + std::to_string(bytesPerLine) + " is under width * 2"};
  }
  const std::size_t pitch = bytesPerLine != 0 ? static_cast<std::size_t>(bytesPerLine) : packed;
  const std::size_t needed = pitch * static_cast<std::size_t>(height - 1) + packed;
  if (data.size() < needed) {
    return Error{where + std::to_string(data.size()) + " bytes, a frame needs " +
                 std::to_string(needed)};
  }
  GreyFrame frame{width, height,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(width) *
                                            static_cast<std::size_t>(height))};
  auto out = frame.pixels.begin();
  for (std::size_t y = 0; y < static_cast<std::size_t>(height); ++y) {
    const std::uint8_t* row = data.data() + y * pitch;
    for (std::size_t x = 0; x < static_cast<std::size_t>(width); ++x) *out++ = row[2 * x];
  }
  return frame;
}

Result<GreyFrame> greyFromJpeg(std::span<const std::uint8_t> data) {
  if (data.empty()) return Error{"greyFromJpeg: no data"};
  JpegDecompressor decompressor;
  GreyFrame frame;
  if (!decodeJpeg(decompressor, data, frame)) {
    return Error{std::string("greyFromJpeg: ") + decompressor.errors().message};
  }
  return frame;
}

Result<GreyFrame> greyFromPng(std::span<const std::uint8_t> data) {
  if (data.empty()) return Error{"greyFromPng: no data"};
  PngReader reader;
  png_image& image = reader.image();
  if (png_image_begin_read_from_memory(&image, data.data(), data.size()) == 0) {
    return Error{std::string("greyFromPng: ") + image.message};
  }
  if (!sideOk(image.width) || !sideOk(image.height)) {
    return Error{"greyFromPng: " + sizeText(image.width, image.height) + " is too large"};
  }
  image.format = PNG_FORMAT_GRAY;
  GreyFrame frame{static_cast<int>(image.width), static_cast<int>(image.height),
                  std::vector<std::uint8_t>(static_cast<std::size_t>(image.width) * image.height)};
  const png_color white{255, 255, 255};
  if (png_image_finish_read(&image, &white, frame.pixels.data(), 0, nullptr) == 0) {
    return Error{std::string("greyFromPng: ") + image.message};
  }
  return frame;
}

}  // namespace mikhak::scanner
