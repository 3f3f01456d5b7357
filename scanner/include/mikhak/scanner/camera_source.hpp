#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/camera.hpp"
#include "mikhak/scanner/grey_frame.hpp"
#include "mikhak/scanner/source_spec.hpp"

namespace mikhak::scanner {

// A camera frame (YUYV or MJPEG) as grey, through frame_convert.
Result<GreyFrame> greyFromCameraFrame(const drivers::CameraFrame& frame);

// What one read of a camera gave: a frame to look for barcodes in, a frame that could not be
// used (a corrupt MJPEG frame is no reason to reopen the camera), or an error of the device.
struct FrameRead {
  std::optional<GreyFrame> frame;
  std::string skipped;                    // why a frame that arrived was not usable
  std::optional<drivers::IoError> error;  // Timeout when no frame came
};

// A camera whose frames are converted to grey as they arrive. Not thread-safe.
class CameraSource {
 public:
  // v4l2:PATH; any other kind of spec is an Error.
  static Result<CameraSource> fromSpec(const SourceSpec& spec,
                                       drivers::CameraSettings settings = {});
  explicit CameraSource(std::unique_ptr<drivers::Camera> camera);

  // Waits at most `timeout` for the next frame (starting the camera first if needed).
  FrameRead read(std::chrono::milliseconds timeout);
  void close() { camera_->close(); }
  std::string describe() const { return camera_->describe(); }

 private:
  std::unique_ptr<drivers::Camera> camera_;
};

}  // namespace mikhak::scanner
