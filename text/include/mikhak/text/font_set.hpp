#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mikhak/base/result.hpp"

struct hb_font_t;
struct FT_FaceRec_;

namespace mikhak::text {

enum class FontWeight { Regular, Bold };

// One font file, opened for shaping (HarfBuzz) and for drawing (FreeType).
class FontFace {
 public:
  struct Impl;
  explicit FontFace(std::unique_ptr<Impl> impl);
  ~FontFace();
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;

  const std::filesystem::path& path() const;
  // The file name, e.g. "Vazirmatn-Regular.ttf".
  std::string name() const;
  bool hasGlyphFor(char32_t codePoint) const;
  // A HarfBuzz font at this pixel size (scale = size * 64, so positions come out in 26.6).
  hb_font_t* hbFont(int pixelSize) const;
  // The FreeType face, set to this pixel size.
  FT_FaceRec_* ftFace(int pixelSize) const;

 private:
  std::unique_ptr<Impl> impl_;
};

// Font faces in fallback order: a character is drawn with the first face that has a glyph for it.
// Faces keep per-size state (HarfBuzz fonts, FreeType's current size): one set per thread.
class FontSet {
 public:
  static Result<FontSet> load(const std::vector<std::filesystem::path>& files);

  // The UI fonts: Vazirmatn (from assets/fonts, $MIKHAK_FONT_DIR or /usr/share/mikhak/fonts), then
  // Noto Sans Arabic and Noto Sans from fonts-noto-core. Fails only if none of them is found.
  static Result<FontSet> loadDefault(FontWeight weight = FontWeight::Regular);
  // The files loadDefault would use, in order.
  static std::vector<std::filesystem::path> defaultFiles(FontWeight weight);

  FontSet(FontSet&&) noexcept;
  FontSet& operator=(FontSet&&) noexcept;
  ~FontSet();

  std::size_t size() const;
  const FontFace& face(std::size_t index) const;
  // The first face with a glyph for the code point, or 0 (which shows .notdef).
  std::size_t faceFor(char32_t codePoint) const;

 private:
  struct Library;
  FontSet(std::shared_ptr<Library> library, std::vector<std::unique_ptr<FontFace>> faces);
  std::shared_ptr<Library> library_;
  std::vector<std::unique_ptr<FontFace>> faces_;
};

}  // namespace mikhak::text
