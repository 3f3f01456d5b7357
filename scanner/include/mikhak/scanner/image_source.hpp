#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/scanner/grey_frame.hpp"

namespace mikhak::scanner {

// A PNG or JPEG file as a grey frame, told apart by its first bytes rather than its name.
Result<GreyFrame> readImageFile(const std::filesystem::path& file);

struct ImageRead {
  std::filesystem::path file;
  Result<GreyFrame> frame;  // an Error names the file and why it could not be read
};

// Pictures from disk instead of a camera, for diagnostics and tests (`images:` sources): one
// file, or every *.png, *.jpg and *.jpeg (any case) in a folder, in name order. Other files in the
// folder are left out; a file with an image's name that does not decode is reported by next()
// and the files after it are still read.
class ImageSource {
 public:
  static Result<ImageSource> open(const std::filesystem::path& fileOrFolder);

  // The next picture, or nothing once every file has been read.
  std::optional<ImageRead> next();
  // Starts again at the first file.
  void rewind() { position_ = 0; }
  const std::vector<std::filesystem::path>& files() const { return files_; }

 private:
  explicit ImageSource(std::vector<std::filesystem::path> files) : files_(std::move(files)) {}

  std::vector<std::filesystem::path> files_;
  std::size_t position_ = 0;
};

}  // namespace mikhak::scanner
