// The V4L2 camera without a camera (the build machines have none): its errors, the checks on its
// settings, and the choice of pixel format and size from what a camera offers.
#include "v4l2_camera.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

std::optional<IoError> captureOnce(Camera& camera) {
  bool used = false;
  auto error = camera.capture(50ms, [&used](const CameraFrame&) { used = true; });
  EXPECT_FALSE(used);
  return error;
}

TEST(V4l2CameraTest, AMissingDeviceIsNotFound) {
  V4l2Camera camera("/dev/video-nobody", {});

  const auto error = captureOnce(camera);

  ASSERT_TRUE(error);
  EXPECT_EQ(error->failure, IoFailure::NotFound);
  EXPECT_NE(error->message.find("v4l2:/dev/video-nobody: cannot open"), std::string::npos)
      << error->message;
  EXPECT_NE(error->message.find("is the camera plugged in?"), std::string::npos);
}

TEST(V4l2CameraTest, ACharacterDeviceThatIsNoCameraIsRefusedClearly) {
  V4l2Camera camera("/dev/null", {});

  const auto error = captureOnce(camera);

  ASSERT_TRUE(error);
  EXPECT_EQ(error->failure, IoFailure::Io);
  EXPECT_NE(error->message.find("v4l2:/dev/null: not a V4L2 video device"), std::string::npos)
      << error->message;
  EXPECT_FALSE(camera.isOpen());
}

TEST(V4l2CameraTest, ARegularFileIsRefusedClearly) {
  std::string scratch = (fs::path(::testing::TempDir()) / "mikhak-v4l2-XXXXXX").string();
  ASSERT_NE(::mkdtemp(scratch.data()), nullptr);
  const auto file = fs::path(scratch) / "video0";
  std::ofstream(file) << "not a camera";
  V4l2Camera camera(file, {});

  const auto error = captureOnce(camera);

  ASSERT_TRUE(error);
  EXPECT_NE(error->message.find("not a V4L2 video device"), std::string::npos) << error->message;
  fs::remove_all(scratch);
}

TEST(V4l2CameraTest, MakeV4l2CameraChecksItsSettings) {
  EXPECT_FALSE(makeV4l2Camera("video0"));
  EXPECT_FALSE(makeV4l2Camera("/dev/video0", {.size = {1280, 720}, .buffers = 1}));
  EXPECT_FALSE(makeV4l2Camera("/dev/video0", {.size = {0, 720}, .buffers = 4}));
  EXPECT_FALSE(makeV4l2Camera("/dev/video0", {.size = {100000, 720}, .buffers = 4}));
  const auto camera = makeV4l2Camera("/dev/video0");
  ASSERT_TRUE(camera) << camera.error().message;
  EXPECT_EQ((*camera)->describe(), "v4l2:/dev/video0");
}

constexpr FrameSize k720p{1280, 720};

TEST(ChooseCameraMode, YuyvAtTheWantedSizeComesFirst) {
  const std::vector<FormatOffer> offers = {
      {CameraPixelFormat::Mjpeg, {{1920, 1080}, {1280, 720}, {640, 480}}},
      {CameraPixelFormat::Yuyv, {{640, 480}, {1280, 720}}},
  };
  EXPECT_EQ(chooseCameraMode(offers, k720p), (CameraMode{CameraPixelFormat::Yuyv, k720p}));
}

TEST(ChooseCameraMode, MjpegAtTheWantedSizeBeatsYuyvAtAnother) {
  const std::vector<FormatOffer> offers = {
      {CameraPixelFormat::Yuyv, {{640, 480}}},
      {CameraPixelFormat::Mjpeg, {{1920, 1080}, {1280, 720}}},
  };
  EXPECT_EQ(chooseCameraMode(offers, k720p), (CameraMode{CameraPixelFormat::Mjpeg, k720p}));
}

TEST(ChooseCameraMode, OtherwiseTheNearestSizeIsTaken) {
  const std::vector<FormatOffer> offers = {
      {CameraPixelFormat::Yuyv, {{640, 480}, {320, 240}}},
      {CameraPixelFormat::Mjpeg, {{1600, 900}, {3840, 2160}}},
  };
  EXPECT_EQ(chooseCameraMode(offers, k720p), (CameraMode{CameraPixelFormat::Mjpeg, {1600, 900}}));
}

TEST(ChooseCameraMode, YuyvWinsATie) {
  const std::vector<FormatOffer> offers = {
      {CameraPixelFormat::Mjpeg, {{800, 600}}},
      {CameraPixelFormat::Yuyv, {{800, 600}}},
  };
  EXPECT_EQ(chooseCameraMode(offers, k720p), (CameraMode{CameraPixelFormat::Yuyv, {800, 600}}));
}

TEST(ChooseCameraMode, NoOffersGiveNothing) {
  EXPECT_FALSE(chooseCameraMode({}, k720p));
  EXPECT_FALSE(chooseCameraMode({{CameraPixelFormat::Yuyv, {}}}, k720p));
}

}  // namespace
}  // namespace mikhak::drivers
