#pragma once

#include <cstdint>
#include <span>

#include "mikhak/base/result.hpp"
#include "mikhak/scanner/grey_frame.hpp"

namespace mikhak::scanner {

// Pure conversions of camera and file data to 8-bit grey (luminance), the one thing the barcode
// reader needs. None of them trusts its input: wrong sizes and corrupt data give an Error, never a
// crash or an exit().

// Larger pictures are refused rather than allocated (a corrupt header can claim 65535 x 65535).
constexpr int kMaxFrameSide = 8192;

// YUYV 4:2:2 (Y0 U Y1 V per two pixels): the Y bytes are the grey frame. bytesPerLine is the
// driver's row pitch, 0 for width * 2.
Result<GreyFrame> greyFromYuyv(std::span<const std::uint8_t> data, int width, int height,
                               int bytesPerLine = 0);

// A JPEG (a camera's MJPEG frame, or a .jpg file) decoded straight to grey by libjpeg. Frames
// without Huffman tables (MJPEG usually leaves them out) use the standard ones; warnings (the
// "extraneous bytes" many webcams cause, a truncated scan) are tolerated, errors are not.
Result<GreyFrame> greyFromJpeg(std::span<const std::uint8_t> data);

// A PNG of any colour type and depth, as grey; transparent parts are laid on white, like paper.
Result<GreyFrame> greyFromPng(std::span<const std::uint8_t> data);

}  // namespace mikhak::scanner
