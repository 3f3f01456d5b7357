#include "mikhak/drivers/camera_mode.hpp"

#include <algorithm>
#include <cstdlib>

namespace mikhak::drivers {
namespace {

long long pixels(FrameSize size) { return static_cast<long long>(size.width) * size.height; }

}  // namespace

std::string_view pixelFormatName(CameraPixelFormat format) {
  return format == CameraPixelFormat::Yuyv ? "YUYV" : "MJPEG";
}

std::optional<CameraMode> chooseCameraMode(const std::vector<FormatOffer>& offers,
                                           FrameSize wanted) {
  for (const auto format : {CameraPixelFormat::Yuyv, CameraPixelFormat::Mjpeg}) {
    for (const auto& offer : offers) {
      if (offer.format == format &&
          std::find(offer.sizes.begin(), offer.sizes.end(), wanted) != offer.sizes.end()) {
        return CameraMode{format, wanted};
      }
    }
  }
  std::optional<CameraMode> best;
  long long bestDistance = 0;
  for (const auto format : {CameraPixelFormat::Yuyv, CameraPixelFormat::Mjpeg}) {
    for (const auto& offer : offers) {
      if (offer.format != format) continue;
      for (const auto& size : offer.sizes) {
        const long long distance = std::llabs(pixels(size) - pixels(wanted));
        if (!best || distance < bestDistance) {  // strictly: YUYV, seen first, wins a tie
          best = CameraMode{format, size};
          bestDistance = distance;
        }
      }
    }
  }
  return best;
}

}  // namespace mikhak::drivers
