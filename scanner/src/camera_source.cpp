#include "mikhak/scanner/camera_source.hpp"

#include <utility>

#include "mikhak/scanner/frame_convert.hpp"

namespace mikhak::scanner {

Result<GreyFrame> greyFromCameraFrame(const drivers::CameraFrame& frame) {
  switch (frame.format) {
    case drivers::CameraPixelFormat::Yuyv:
      return greyFromYuyv(frame.data, frame.width, frame.height, frame.bytesPerLine);
    case drivers::CameraPixelFormat::Mjpeg:
      return greyFromJpeg(frame.data);
  }
  return Error{"greyFromCameraFrame: unknown pixel format"};
}

Result<CameraSource> CameraSource::fromSpec(const SourceSpec& spec,
                                            drivers::CameraSettings settings) {
  if (spec.kind != SourceSpec::Kind::V4l2) {
    return Error{"CameraSource: " + spec.text() + " is not a v4l2: source"};
  }
  auto camera = drivers::makeV4l2Camera(spec.path, settings);
  if (!camera) return Error{"CameraSource: " + camera.error().message};
  return CameraSource(std::move(*camera));
}

CameraSource::CameraSource(std::unique_ptr<drivers::Camera> camera) : camera_(std::move(camera)) {}

FrameRead CameraSource::read(std::chrono::milliseconds timeout) {
  FrameRead result;
  // Converted inside the callback: the camera's buffer is only lent for its duration.
  result.error = camera_->capture(timeout, [&result, this](const drivers::CameraFrame& frame) {
    auto grey = greyFromCameraFrame(frame);
    if (grey) {
      result.frame = std::move(*grey);
    } else {
      result.skipped =
          describe() + ": frame " + std::to_string(frame.sequence) + ": " + grey.error().message;
    }
  });
  return result;
}

}  // namespace mikhak::scanner
