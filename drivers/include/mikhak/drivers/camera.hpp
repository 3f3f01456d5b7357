#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "mikhak/base/result.hpp"
#include "mikhak/drivers/camera_mode.hpp"
#include "mikhak/drivers/transport.hpp"

namespace mikhak::drivers {

// One frame as the camera delivered it.
struct CameraFrame {
  CameraPixelFormat format = CameraPixelFormat::Yuyv;
  int width = 0;
  int height = 0;
  int bytesPerLine = 0;                // YUYV row pitch; 0 for MJPEG
  std::span<const std::uint8_t> data;  // the driver's buffer: valid only inside the callback
  std::uint32_t sequence = 0;          // the driver's frame counter (gaps are dropped frames)
};

struct CameraSettings {
  FrameSize size{1280, 720};  // asked for; the camera may give another (chooseCameraMode)
  int buffers = 4;            // mmap'd buffers the driver fills in turn
};

// A camera that streams frames. Not thread-safe: one owner. Every call opens and starts the
// camera first if it is not streaming, so a camera unplugged and plugged back in is used again
// (after a Disconnected error) without a restart.
class Camera {
 public:
  using FrameUse = std::function<void(const CameraFrame&)>;
  virtual ~Camera() = default;

  // Waits at most `timeout` for the next frame and hands it to `use`; the buffer goes back to
  // the driver when `use` returns, so convert or copy what is needed inside it. Nothing on
  // success; Timeout when no frame came (the camera keeps streaming).
  virtual std::optional<IoError> capture(std::chrono::milliseconds timeout,
                                         const FrameUse& use) = 0;
  // Stops streaming and lets go of the device; the next capture starts it again.
  virtual void close() = 0;
  // "v4l2:/dev/video0", and the mode once streaming: "v4l2:/dev/video0 (YUYV 1280x720)".
  virtual std::string describe() const = 0;
};

// A V4L2 capture device (/dev/videoN or a /dev/v4l/by-id link) with mmap streaming. Opening is
// lazy; this fails only for a relative path or settings that cannot work.
Result<std::unique_ptr<Camera>> makeV4l2Camera(std::filesystem::path device,
                                               CameraSettings settings = {});

}  // namespace mikhak::drivers
