// images: sources: PNG and JPEG files written here with libpng and libjpeg come back as the right
// grey frames, a folder in name order, and what is not a picture is left out or named.
#include "mikhak/scanner/image_source.hpp"

// clang-format off
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>
// clang-format on
#include <gtest/gtest.h>
#include <png.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "jpeg_writer.hpp"

namespace mikhak::scanner {
namespace {

namespace fs = std::filesystem;

// A scratch folder, removed with what is in it.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (fs::path(::testing::TempDir()) / "mikhak-images-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A flat picture of one grey level, with a dark square whose place tells the files apart.
std::vector<std::uint8_t> picture(int width, int height, std::uint8_t level, int mark) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width * height), level);
  for (int y = 8; y < 24; ++y) {
    for (int x = mark; x < mark + 16; ++x) pixels[static_cast<std::size_t>(y * width + x)] = 10;
  }
  return pixels;
}

void writePng(const fs::path& file, const std::vector<std::uint8_t>& pixels, int width,
              int height) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_GRAY;
  ASSERT_NE(png_image_write_to_file(&image, file.c_str(), 0, pixels.data(), 0, nullptr), 0)
      << image.message;
}

void writeJpeg(const fs::path& file, const std::vector<std::uint8_t>& pixels, int width,
               int height) {
  const auto jpeg = mikhak::test::encodeJpeg(pixels, width, height, 1);
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
}

void writeText(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

// Where the dark square is: its left edge.
int markOf(const GreyFrame& frame) {
  for (int x = 0; x < frame.width; ++x) {
    if (frame.at(x, 16) < 60) return x;
  }
  return -1;
}

TEST(ImageSource, APngFileReadsBackAsItsGreyPixels) {
  ScratchFolder folder;
  const auto pixels = picture(64, 32, 230, 8);
  writePng(folder.path() / "notice.png", pixels, 64, 32);

  const auto frame = readImageFile(folder.path() / "notice.png");

  ASSERT_TRUE(frame) << frame.error().message;
  EXPECT_EQ(frame->width, 64);
  EXPECT_EQ(frame->height, 32);
  EXPECT_EQ(frame->pixels, pixels);
}

TEST(ImageSource, AJpegFileReadsBackCloseToItsPixels) {
  ScratchFolder folder;
  const auto pixels = picture(64, 32, 230, 24);
  writeJpeg(folder.path() / "phone.jpg", pixels, 64, 32);

  const auto frame = readImageFile(folder.path() / "phone.jpg");

  ASSERT_TRUE(frame) << frame.error().message;
  EXPECT_EQ(frame->width, 64);
  EXPECT_NEAR(frame->at(2, 2), 230, 3);
  EXPECT_NEAR(frame->at(30, 16), 10, 6);
  EXPECT_EQ(markOf(*frame), 24);
}

TEST(ImageSource, AFileIsKnownByItsContentNotItsName) {
  ScratchFolder folder;
  writeJpeg(folder.path() / "really-a-jpeg.png", picture(64, 32, 200, 8), 64, 32);

  const auto frame = readImageFile(folder.path() / "really-a-jpeg.png");

  ASSERT_TRUE(frame) << frame.error().message;
  EXPECT_EQ(markOf(*frame), 8);
}

TEST(ImageSource, AFolderIsReadInNameOrderWithOtherFilesLeftOut) {
  ScratchFolder folder;
  writePng(folder.path() / "b.png", picture(64, 32, 230, 16), 64, 32);
  writeJpeg(folder.path() / "a.JPG", picture(64, 32, 230, 8), 64, 32);
  writeJpeg(folder.path() / "c.jpeg", picture(64, 32, 230, 24), 64, 32);
  writeText(folder.path() / "README.txt", "not a picture");
  fs::create_directory(folder.path() / "d.png");  // a folder with a picture's name

  auto source = ImageSource::open(folder.path());
  ASSERT_TRUE(source) << source.error().message;

  std::vector<std::string> names;
  std::vector<int> marks;
  while (auto read = source->next()) {
    ASSERT_TRUE(read->frame) << read->frame.error().message;
    names.push_back(read->file.filename().string());
    marks.push_back(markOf(*read->frame));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"a.JPG", "b.png", "c.jpeg"}));
  EXPECT_EQ(marks, (std::vector<int>{8, 16, 24}));
}

TEST(ImageSource, ABrokenPictureIsNamedAndTheNextOneStillReads) {
  ScratchFolder folder;
  writeText(folder.path() / "1-broken.png", "this is no PNG");
  writePng(folder.path() / "2-good.png", picture(64, 32, 230, 16), 64, 32);
  auto source = ImageSource::open(folder.path());
  ASSERT_TRUE(source) << source.error().message;

  const auto first = source->next();
  const auto second = source->next();

  ASSERT_TRUE(first && second);
  ASSERT_FALSE(first->frame);
  EXPECT_NE(first->frame.error().message.find("1-broken.png: neither a PNG nor a JPEG file"),
            std::string::npos)
      << first->frame.error().message;
  ASSERT_TRUE(second->frame) << second->frame.error().message;
  EXPECT_FALSE(source->next());
}

TEST(ImageSource, ASingleFileIsTheOnlyPicture) {
  ScratchFolder folder;
  writePng(folder.path() / "one.png", picture(64, 32, 230, 8), 64, 32);
  auto source = ImageSource::open(folder.path() / "one.png");
  ASSERT_TRUE(source) << source.error().message;

  EXPECT_EQ(source->files().size(), 1u);
  EXPECT_TRUE(source->next());
  EXPECT_FALSE(source->next());
  source->rewind();
  EXPECT_TRUE(source->next());
}

TEST(ImageSource, AFolderWithoutPicturesIsAnError) {
  ScratchFolder folder;
  writeText(folder.path() / "notes.txt", "nothing to see");

  const auto source = ImageSource::open(folder.path());

  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("no *.png, *.jpg or *.jpeg files"), std::string::npos)
      << source.error().message;
}

TEST(ImageSource, AMissingPathIsAnError) {
  ScratchFolder folder;

  const auto source = ImageSource::open(folder.path() / "nowhere");

  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("no such file or folder"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::scanner
