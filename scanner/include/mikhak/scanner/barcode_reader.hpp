#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mikhak/scanner/barcode.hpp"

namespace mikhak::scanner {

// A grey frame, one byte a pixel as luminance (0 black, 255 white): a camera's Y plane, or a page
// rendered for paper once its coverage is turned into luminance. Not owned.
struct GreyImageView {
  const std::uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int rowStride = 0;  // bytes from one row to the next; 0 means width
};

struct ReadOptions {
  BarcodeFormat formats = kNoticeFormats;
  // Also look for light codes on a dark ground (a phone in dark mode). ZXing 1.4 cannot do this
  // itself, so a frame in which nothing was found is inverted and read again: it doubles the cost
  // of a frame with nothing.
  bool tryInverted = false;
  bool tryHarder = true;  // more scan lines and rotations; the kiosk may turn it off for speed
};

struct PixelBox {
  int left = 0;
  int top = 0;
  int right = 0;  // exclusive
  int bottom = 0;
};

struct Decoded {
  BarcodeFormat format = BarcodeFormat::None;
  std::string text;       // the content as read, UTF-8 (our payloads are ASCII)
  PixelBox box;           // where in the frame, axis-aligned around the symbol's corners
  bool inverted = false;  // found only in the inverted frame
};

// Every distinct barcode (format and text) of the given formats found in the frame, large ones
// too (the frame is also read downscaled). A frame with none, or an empty or malformed view,
// gives an empty list, never an exception.
std::vector<Decoded> readBarcodes(const GreyImageView& image, const ReadOptions& options = {});

}  // namespace mikhak::scanner
