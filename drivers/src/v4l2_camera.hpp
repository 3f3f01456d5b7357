#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mapped_region.hpp"
#include "mikhak/drivers/camera.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {

class V4l2Camera final : public Camera {
 public:
  V4l2Camera(std::filesystem::path path, CameraSettings settings);

  std::optional<IoError> capture(std::chrono::milliseconds timeout, const FrameUse& use) override;
  void close() override;
  std::string describe() const override;

  // Opens the device, sets the mode, maps the buffers and starts streaming, if not yet done;
  // capture() calls it.
  std::optional<IoError> open();
  bool isOpen() const { return stream_ != nullptr; }

 private:
  // The open, streaming device. Members go in reverse: streaming stops, the buffers are unmapped,
  // and only then is the descriptor closed.
  struct Stream {
    UniqueFd fd;
    std::vector<MappedRegion> buffers;
    CameraPixelFormat format = CameraPixelFormat::Yuyv;
    int width = 0;
    int height = 0;
    int bytesPerLine = 0;
    bool streaming = false;

    Stream() = default;
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
    ~Stream();
  };

  std::optional<IoError> start(Stream& stream, const std::string& where);
  IoError fail(int error, const std::string& doing);

  std::filesystem::path path_;
  CameraSettings settings_;
  std::unique_ptr<Stream> stream_;
};

}  // namespace mikhak::drivers
