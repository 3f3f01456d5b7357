#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "mikhak/domain/signing_key.hpp"
#include "mikhak/scanner/barcode_reader.hpp"
#include "mikhak/text/bitmap.hpp"
#include "mikhak/text/text_engine.hpp"

namespace mikhak::ctl::test {

inline std::filesystem::path dataDir() { return std::filesystem::path(MIKHAK_TEST_DATA) / "ctl"; }

// One engine for the whole test program: fonts are slow to load, and the caches are the point.
inline text::TextEngine& engine() {
  static text::TextEngine instance = std::move(text::TextEngine::createDefault().value());
  return instance;
}

// A fixed Ed25519 key: Ed25519 signatures are deterministic, so notices signed with it are the
// same on every run. For tests only; no server holds it.
inline const char* kTestKeyPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIMrYsW+Y8A0L83hQ/6PAVsrCCP02kbXhY7487OAe43BP\n"
    "-----END PRIVATE KEY-----\n";

inline domain::SigningKey testKey() {
  return std::move(domain::SigningKey::fromPem(kTestKeyPem).value());
}

// The page as a camera would see it (luminance, ink dark), read through the scanner adapter.
inline std::vector<scanner::Decoded> readPage(const text::GreyBitmap& page) {
  std::vector<std::uint8_t> luma(page.pixels.size());
  for (std::size_t i = 0; i < luma.size(); ++i) {
    luma[i] = static_cast<std::uint8_t>(255 - page.pixels[i]);
  }
  return scanner::readBarcodes({luma.data(), page.width, page.height, page.width});
}

inline const scanner::Decoded* find(const std::vector<scanner::Decoded>& found,
                                    scanner::BarcodeFormat format) {
  for (const auto& d : found) {
    if (d.format == format) return &d;
  }
  return nullptr;
}

// A fresh folder under the system's temporary one, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("mikhak-ctl-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace mikhak::ctl::test
