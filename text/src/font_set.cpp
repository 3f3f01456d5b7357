#include "mikhak/text/font_set.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <cstdlib>
#include <map>
#include <stdexcept>

#ifndef MIKHAK_SOURCE_ASSETS
#define MIKHAK_SOURCE_ASSETS ""
#endif

namespace mikhak::text {
namespace {

struct BlobDeleter {
  void operator()(hb_blob_t* p) const { hb_blob_destroy(p); }
};
struct HbFaceDeleter {
  void operator()(hb_face_t* p) const { hb_face_destroy(p); }
};
struct HbFontDeleter {
  void operator()(hb_font_t* p) const { hb_font_destroy(p); }
};
struct FtFaceDeleter {
  void operator()(FT_Face p) const { FT_Done_Face(p); }
};
using BlobPtr = std::unique_ptr<hb_blob_t, BlobDeleter>;
using HbFacePtr = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbFontPtr = std::unique_ptr<hb_font_t, HbFontDeleter>;
using FtFacePtr = std::unique_ptr<FT_FaceRec_, FtFaceDeleter>;

}  // namespace

struct FontSet::Library {
  FT_Library handle = nullptr;
  Library() {
    if (FT_Init_FreeType(&handle) != 0) throw std::runtime_error("FontSet: FreeType did not start");
  }
  ~Library() { FT_Done_FreeType(handle); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

struct FontFace::Impl {
  std::filesystem::path path;
  BlobPtr blob;  // the mapped file, shared by HarfBuzz and FreeType
  HbFacePtr hbFace;
  FtFacePtr ftFace;
  mutable std::map<int, HbFontPtr> hbFonts;
  mutable int ftPixelSize = 0;
};

FontFace::FontFace(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontFace::~FontFace() = default;

const std::filesystem::path& FontFace::path() const { return impl_->path; }
std::string FontFace::name() const { return impl_->path.filename().string(); }

bool FontFace::hasGlyphFor(char32_t codePoint) const {
  return FT_Get_Char_Index(impl_->ftFace.get(), codePoint) != 0;
}

hb_font_t* FontFace::hbFont(int pixelSize) const {
  auto& font = impl_->hbFonts[pixelSize];
  if (!font) {
    font.reset(hb_font_create(impl_->hbFace.get()));
    const int scale = pixelSize * 64;
    hb_font_set_scale(font.get(), scale, scale);
    hb_font_set_ppem(font.get(), static_cast<unsigned>(pixelSize),
                     static_cast<unsigned>(pixelSize));
  }
  return font.get();
}

FT_FaceRec_* FontFace::ftFace(int pixelSize) const {
  if (impl_->ftPixelSize != pixelSize) {
    FT_Set_Pixel_Sizes(impl_->ftFace.get(), 0, static_cast<FT_UInt>(pixelSize));
    impl_->ftPixelSize = pixelSize;
  }
  return impl_->ftFace.get();
}

FontSet::FontSet(std::shared_ptr<Library> library, std::vector<std::unique_ptr<FontFace>> faces)
    : library_(std::move(library)), faces_(std::move(faces)) {}
FontSet::FontSet(FontSet&&) noexcept = default;
FontSet& FontSet::operator=(FontSet&&) noexcept = default;
FontSet::~FontSet() {
  faces_.clear();  // faces before the library that made them
}

Result<FontSet> FontSet::load(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) return Error{"FontSet: no font files given"};
  auto library = std::make_shared<Library>();
  std::vector<std::unique_ptr<FontFace>> faces;
  for (const auto& file : files) {
    auto impl = std::make_unique<FontFace::Impl>();
    impl->path = file;
    impl->blob.reset(hb_blob_create_from_file_or_fail(file.c_str()));
    if (!impl->blob) return Error{"FontSet: cannot read " + file.string()};
    unsigned length = 0;
    const char* data = hb_blob_get_data(impl->blob.get(), &length);
    FT_Face ftFace = nullptr;
    if (FT_New_Memory_Face(library->handle, reinterpret_cast<const FT_Byte*>(data),
                           static_cast<FT_Long>(length), 0, &ftFace) != 0) {
      return Error{"FontSet: not a font file: " + file.string()};
    }
    impl->ftFace.reset(ftFace);
    impl->hbFace.reset(hb_face_create(impl->blob.get(), 0));
    faces.push_back(std::make_unique<FontFace>(std::move(impl)));
  }
  return FontSet(std::move(library), std::move(faces));
}

std::vector<std::filesystem::path> FontSet::defaultFiles(FontWeight weight) {
  const bool bold = weight == FontWeight::Bold;
  const std::string vazirmatn = bold ? "Vazirmatn-Bold.ttf" : "Vazirmatn-Regular.ttf";
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("MIKHAK_FONT_DIR"); env && *env) dirs.emplace_back(env);
  if (*MIKHAK_SOURCE_ASSETS)
    dirs.emplace_back(std::filesystem::path(MIKHAK_SOURCE_ASSETS) / "fonts");
  dirs.emplace_back("/usr/share/mikhak/fonts");

  std::vector<std::filesystem::path> files;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (std::filesystem::exists(dir / vazirmatn, ec)) {
      files.push_back(dir / vazirmatn);
      break;
    }
  }
  const std::filesystem::path noto = "/usr/share/fonts/truetype/noto";
  for (const char* name : {bold ? "NotoSansArabic-Bold.ttf" : "NotoSansArabic-Regular.ttf",
                           bold ? "NotoSans-Bold.ttf" : "NotoSans-Regular.ttf"}) {
    std::error_code ec;
    if (std::filesystem::exists(noto / name, ec)) files.push_back(noto / name);
  }
  return files;
}

Result<FontSet> FontSet::loadDefault(FontWeight weight) {
  const auto files = defaultFiles(weight);
  if (files.empty()) {
    return Error{
        "FontSet: no UI font found (Vazirmatn in assets/fonts or fonts-noto-core); "
        "run 'make setup'"};
  }
  return load(files);
}

std::size_t FontSet::size() const { return faces_.size(); }
const FontFace& FontSet::face(std::size_t index) const { return *faces_.at(index); }

std::size_t FontSet::faceFor(char32_t codePoint) const {
  for (std::size_t i = 0; i < faces_.size(); ++i) {
    if (faces_[i]->hasGlyphFor(codePoint)) return i;
  }
  return 0;
}

}  // namespace mikhak::text
