#pragma once

#include <cstdint>
#include <vector>

#include "mikhak/base/result.hpp"
#include "mikhak/scanner/grey_frame.hpp"

namespace mikhak::scanner::test {

// A grey JPEG of the frame at the given quality (1-100, libjpeg's scale), as a phone's camera
// app or a messenger would save a photo of the notice. Errors, as values: libjpeg's own message.
Result<std::vector<std::uint8_t>> encodeJpeg(const GreyFrame& frame, int quality);

}  // namespace mikhak::scanner::test
