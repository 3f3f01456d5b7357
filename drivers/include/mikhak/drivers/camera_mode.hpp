#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace mikhak::drivers {

// The pixel formats the kiosk reads: YUYV (its Y bytes are the grey frame, nothing to decode)
// and MJPEG (what most USB cameras offer at high resolutions).
enum class CameraPixelFormat { Yuyv, Mjpeg };

std::string_view pixelFormatName(CameraPixelFormat format);  // "YUYV", "MJPEG"

struct FrameSize {
  int width = 0;
  int height = 0;
  friend bool operator==(const FrameSize&, const FrameSize&) = default;
};

// One pixel format a camera offers, with its frame sizes.
struct FormatOffer {
  CameraPixelFormat format = CameraPixelFormat::Yuyv;
  std::vector<FrameSize> sizes;
};

struct CameraMode {
  CameraPixelFormat format = CameraPixelFormat::Yuyv;
  FrameSize size;
  friend bool operator==(const CameraMode&, const CameraMode&) = default;
};

// What to ask the camera for: the wanted size in YUYV if offered (no decoding, no JPEG blur),
// else in MJPEG; failing both, the size nearest the wanted one in pixel count (YUYV on a tie).
// Nothing when there are no offers.
std::optional<CameraMode> chooseCameraMode(const std::vector<FormatOffer>& offers,
                                           FrameSize wanted);

}  // namespace mikhak::drivers
