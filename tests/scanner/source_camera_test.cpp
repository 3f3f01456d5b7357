// The camera source: frames converted to grey as they arrive, a corrupt frame passed over without
// closing the camera, and the device's own errors (there is no camera on the build machines).
#include "mikhak/scanner/camera_source.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace mikhak::scanner {
namespace {

using namespace std::chrono_literals;

// Hands out the frames it was given, then times out.
class RecordedCamera final : public drivers::Camera {
 public:
  struct Shot {
    drivers::CameraPixelFormat format;
    int width;
    int height;
    std::vector<std::uint8_t> bytes;
  };
  explicit RecordedCamera(std::deque<Shot> shots) : shots_(std::move(shots)) {}

  std::optional<drivers::IoError> capture(std::chrono::milliseconds, const FrameUse& use) override {
    if (shots_.empty()) return drivers::IoError{drivers::IoFailure::Timeout, "recording: no frame"};
    const Shot shot = std::move(shots_.front());
    shots_.pop_front();
    use(drivers::CameraFrame{shot.format, shot.width, shot.height, 0, shot.bytes, ++sequence_});
    return std::nullopt;
  }
  void close() override {}
  std::string describe() const override { return "v4l2:recording"; }

 private:
  std::deque<Shot> shots_;
  std::uint32_t sequence_ = 0;
};

TEST(CameraSource, AYuyvFrameArrivesAsItsGreyImage) {
  // Four pixels a row, two rows: Y0 U Y1 V.
  std::vector<std::uint8_t> yuyv = {10, 128, 20, 128, 30, 90, 40, 160,
                                    50, 128, 60, 128, 70, 90, 80, 160};
  CameraSource source(std::make_unique<RecordedCamera>(
      std::deque<RecordedCamera::Shot>{{drivers::CameraPixelFormat::Yuyv, 4, 2, yuyv}}));

  const auto read = source.read(100ms);

  ASSERT_TRUE(read.frame) << read.skipped;
  EXPECT_FALSE(read.error);
  EXPECT_EQ(read.frame->pixels, (std::vector<std::uint8_t>{10, 20, 30, 40, 50, 60, 70, 80}));
}

TEST(CameraSource, ACorruptMjpegFrameIsSkippedWithItsReasonAndTheNextOneStillComes) {
  const std::vector<std::uint8_t> garbage = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0x12, 0x34};
  CameraSource source(std::make_unique<RecordedCamera>(
      std::deque<RecordedCamera::Shot>{{drivers::CameraPixelFormat::Mjpeg, 640, 480, garbage},
                                       {drivers::CameraPixelFormat::Yuyv, 2, 1, {1, 2, 3, 4}}}));

  const auto bad = source.read(100ms);
  const auto good = source.read(100ms);

  EXPECT_FALSE(bad.frame);
  EXPECT_FALSE(bad.error);
  EXPECT_NE(bad.skipped.find("v4l2:recording: frame 1: greyFromJpeg: "), std::string::npos)
      << bad.skipped;
  ASSERT_TRUE(good.frame) << good.skipped;
  EXPECT_EQ(good.frame->pixels, (std::vector<std::uint8_t>{1, 3}));
}

TEST(CameraSource, NoFrameIsATimeout) {
  CameraSource source(std::make_unique<RecordedCamera>(std::deque<RecordedCamera::Shot>{}));

  const auto read = source.read(10ms);

  EXPECT_FALSE(read.frame);
  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::Timeout);
}

TEST(CameraSource, AMissingCameraIsNotFound) {
  auto source = CameraSource::fromSpec(parseSourceSpec("v4l2:/dev/video-none").value());
  ASSERT_TRUE(source) << source.error().message;

  const auto read = source->read(10ms);

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, drivers::IoFailure::NotFound) << read.error->message;
}

TEST(CameraSource, OnlyAV4l2SpecMakesOne) {
  const auto source = CameraSource::fromSpec(parseSourceSpec("images:corpus").value());

  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("not a v4l2: source"), std::string::npos);
}

}  // namespace
}  // namespace mikhak::scanner
