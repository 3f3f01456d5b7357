#include "mikhak/scanner/image_source.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <string>
#include <system_error>

#include "mikhak/scanner/frame_convert.hpp"

namespace mikhak::scanner {
namespace {

// Far above any notice photo; a bound so that a wrong path (a disk image) is not read whole.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

bool hasImageExtension(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}

bool startsWith(const std::vector<std::uint8_t>& bytes, std::initializer_list<std::uint8_t> head) {
  return bytes.size() >= head.size() && std::equal(head.begin(), head.end(), bytes.begin());
}

}  // namespace

Result<GreyFrame> readImageFile(const std::filesystem::path& file) {
  const std::string where = "readImageFile: " + file.string() + ": ";
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) return Error{where + error.message()};
  if (size > kMaxFileBytes) return Error{where + std::to_string(size) + " bytes is too large"};
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{where + "cannot open"};
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) {
    return Error{where + "could not read it whole"};
  }

  const bool png = startsWith(bytes, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
  if (!png && !startsWith(bytes, {0xff, 0xd8, 0xff})) {
    return Error{where + "neither a PNG nor a JPEG file"};
  }
  auto frame = png ? greyFromPng(bytes) : greyFromJpeg(bytes);
  if (!frame) return Error{where + frame.error().message};
  return frame;
}

Result<ImageSource> ImageSource::open(const std::filesystem::path& fileOrFolder) {
  const std::string where = "ImageSource: " + fileOrFolder.string() + ": ";
  std::error_code error;
  const auto status = std::filesystem::status(fileOrFolder, error);
  if (error || !std::filesystem::exists(status)) return Error{where + "no such file or folder"};
  if (!std::filesystem::is_directory(status)) {
    return ImageSource({fileOrFolder});
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(fileOrFolder, error), end; !error && it != end;
       it.increment(error)) {
    if (hasImageExtension(it->path()) && !it->is_directory()) files.push_back(it->path());
  }
  if (error) return Error{where + error.message()};
  if (files.empty()) return Error{where + "no *.png, *.jpg or *.jpeg files in the folder"};
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  return ImageSource(std::move(files));
}

std::optional<ImageRead> ImageSource::next() {
  if (position_ >= files_.size()) return std::nullopt;
  const auto& file = files_[position_++];
  return ImageRead{file, readImageFile(file)};
}

}  // namespace mikhak::scanner
