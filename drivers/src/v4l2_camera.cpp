#include "v4l2_camera.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdint>
#include <utility>

#include "deadline.hpp"
#include "io_outcome.hpp"

namespace mikhak::drivers {
namespace {

constexpr int kMaxBuffers = 32;
constexpr int kMaxSide = 8192;

int xioctl(int fd, unsigned long request, void* argument) {
  int result = 0;
  do {
    result = ::ioctl(fd, request, argument);
  } while (result < 0 && errno == EINTR);
  return result;
}

std::optional<CameraPixelFormat> formatOf(std::uint32_t fourcc) {
  switch (fourcc) {
    case V4L2_PIX_FMT_YUYV:
      return CameraPixelFormat::Yuyv;
    case V4L2_PIX_FMT_MJPEG:
    case V4L2_PIX_FMT_JPEG:
      return CameraPixelFormat::Mjpeg;
    default:
      return std::nullopt;
  }
}

std::uint32_t fourccOf(CameraPixelFormat format) {
  return format == CameraPixelFormat::Yuyv ? V4L2_PIX_FMT_YUYV : V4L2_PIX_FMT_MJPEG;
}

std::string fourccText(std::uint32_t fourcc) {
  std::string text;
  for (int shift = 0; shift < 32; shift += 8) {
    const auto c = static_cast<char>((fourcc >> shift) & 0xff);
    if (c != ' ') text.push_back(c);
  }
  return text;
}

bool fitsSteps(std::uint32_t value, std::uint32_t min, std::uint32_t max, std::uint32_t step) {
  return value >= min && value <= max && (step == 0 || (value - min) % step == 0);
}

// The sizes to choose from for one format. A driver that gives ranges instead of a list, or no
// sizes at all, is offered the wanted size if it fits (VIDIOC_S_FMT has the last word anyway).
std::vector<FrameSize> sizesOf(int fd, std::uint32_t fourcc, FrameSize wanted) {
  std::vector<FrameSize> sizes;
  v4l2_frmsizeenum entry{};
  entry.pixel_format = fourcc;
  for (entry.index = 0; xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &entry) == 0; ++entry.index) {
    if (entry.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
      sizes.push_back(
          {static_cast<int>(entry.discrete.width), static_cast<int>(entry.discrete.height)});
      continue;
    }
    const auto& range = entry.stepwise;
    if (fitsSteps(static_cast<std::uint32_t>(wanted.width), range.min_width, range.max_width,
                  range.step_width) &&
        fitsSteps(static_cast<std::uint32_t>(wanted.height), range.min_height, range.max_height,
                  range.step_height)) {
      sizes.push_back(wanted);
    }
    sizes.push_back({static_cast<int>(range.max_width), static_cast<int>(range.max_height)});
    break;  // a range is the only entry
  }
  if (sizes.empty()) sizes.push_back(wanted);
  return sizes;
}

// Every format the camera lists, those we read with their sizes; `names` gets them all, for the
// error when none is of use.
std::vector<FormatOffer> offersOf(int fd, FrameSize wanted, std::string& names) {
  std::vector<FormatOffer> offers;
  v4l2_fmtdesc entry{};
  entry.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  for (entry.index = 0; xioctl(fd, VIDIOC_ENUM_FMT, &entry) == 0; ++entry.index) {
    names += (names.empty() ? "" : ", ") + fourccText(entry.pixelformat);
    if (const auto format = formatOf(entry.pixelformat)) {
      offers.push_back({*format, sizesOf(fd, entry.pixelformat, wanted)});
    }
  }
  return offers;
}

// Hands a dequeued buffer back to the driver once, also when the frame's user throws.
class BufferReturn {
 public:
  BufferReturn(int fd, const v4l2_buffer& buffer) : fd_(fd), buffer_(buffer) {}
  BufferReturn(const BufferReturn&) = delete;
  BufferReturn& operator=(const BufferReturn&) = delete;
  ~BufferReturn() {
    if (!done_) (void)now();
  }
  // false with errno set when the driver refused it.
  bool now() {
    done_ = true;
    return xioctl(fd_, VIDIOC_QBUF, &buffer_) == 0;
  }

 private:
  int fd_;
  v4l2_buffer buffer_;
  bool done_ = false;
};

IoError ioError(std::string message) { return IoError{IoFailure::Io, std::move(message)}; }

}  // namespace

Result<std::unique_ptr<Camera>> makeV4l2Camera(std::filesystem::path device,
                                               CameraSettings settings) {
  if (!device.is_absolute()) {
    return Error{"makeV4l2Camera: v4l2:" + device.string() + " needs an absolute path"};
  }
  if (settings.buffers < 2 || settings.buffers > kMaxBuffers) {
    return Error{"makeV4l2Camera: " + std::to_string(settings.buffers) +
                 " buffers: streaming needs 2 to " + std::to_string(kMaxBuffers)};
  }
  if (settings.size.width <= 0 || settings.size.height <= 0 || settings.size.width > kMaxSide ||
      settings.size.height > kMaxSide) {
    return Error{"makeV4l2Camera: " + std::to_string(settings.size.width) + "x" +
                 std::to_string(settings.size.height) + " is not a frame size"};
  }
  return std::unique_ptr<Camera>(std::make_unique<V4l2Camera>(std::move(device), settings));
}

V4l2Camera::Stream::~Stream() {
  if (streaming) {
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    (void)xioctl(fd.get(), VIDIOC_STREAMOFF, &type);
  }
}

V4l2Camera::V4l2Camera(std::filesystem::path path, CameraSettings settings)
    : path_(std::move(path)), settings_(settings) {}

std::string V4l2Camera::describe() const {
  std::string text = "v4l2:" + path_.string();
  if (stream_) {
    text += " (" + std::string(pixelFormatName(stream_->format)) + " " +
            std::to_string(stream_->width) + "x" + std::to_string(stream_->height) + ")";
  }
  return text;
}

void V4l2Camera::close() { stream_.reset(); }

std::optional<IoError> V4l2Camera::open() {
  if (stream_) return std::nullopt;
  const std::string where = "v4l2:" + path_.string() + ": ";
  auto stream = std::make_unique<Stream>();
  // Read-write: V4L2 streaming needs it even to capture.
  stream->fd.reset(::open(path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
  if (!stream->fd) {
    return openError("v4l2:" + path_.string(), errno,
                     {.missing = "is the camera plugged in?",
                      .denied = "add the kiosk user to the `video` group",
                      .busy = {}});
  }
  if (auto error = start(*stream, where)) return error;  // what was set up is undone here
  stream_ = std::move(stream);
  return std::nullopt;
}

std::optional<IoError> V4l2Camera::start(Stream& stream, const std::string& where) {
  const int fd = stream.fd.get();
  v4l2_capability capability{};
  if (xioctl(fd, VIDIOC_QUERYCAP, &capability) < 0) {
    return ioError(where + "not a V4L2 video device (VIDIOC_QUERYCAP: " + errnoText(errno) + ")");
  }
  const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS) != 0
                                 ? capability.device_caps
                                 : capability.capabilities;
  if ((caps & V4L2_CAP_VIDEO_CAPTURE) == 0) {
    return ioError(where +
                   "cannot capture video (a USB camera's second /dev/video node only carries "
                   "metadata: try the other one)");
  }
  if ((caps & V4L2_CAP_STREAMING) == 0) return ioError(where + "cannot stream frames (mmap)");

  std::string names;
  const auto mode = chooseCameraMode(offersOf(fd, settings_.size, names), settings_.size);
  if (!mode) {
    return ioError(where + "offers neither YUYV nor MJPEG (it offers: " +
                   (names.empty() ? "nothing" : names) + ")");
  }
  v4l2_format format{};
  format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  auto& pix = format.fmt.pix;
  pix.width = static_cast<std::uint32_t>(mode->size.width);
  pix.height = static_cast<std::uint32_t>(mode->size.height);
  pix.pixelformat = fourccOf(mode->format);
  pix.field = V4L2_FIELD_ANY;
  if (xioctl(fd, VIDIOC_S_FMT, &format) < 0) {
    const int error = errno;
    return ioError(where + "cannot set " + std::string(pixelFormatName(mode->format)) + ": " +
                   errnoText(error) +
                   (error == EBUSY ? " (another program is using the camera)" : ""));
  }
  const auto got = formatOf(pix.pixelformat);
  if (!got || pix.width == 0 || pix.height == 0 || pix.width > kMaxSide || pix.height > kMaxSide) {
    return ioError(where + "the driver answered with " + fourccText(pix.pixelformat) + " " +
                   std::to_string(pix.width) + "x" + std::to_string(pix.height));
  }
  stream.format = *got;
  stream.width = static_cast<int>(pix.width);
  stream.height = static_cast<int>(pix.height);
  stream.bytesPerLine = *got == CameraPixelFormat::Yuyv ? static_cast<int>(pix.bytesperline) : 0;

  v4l2_requestbuffers request{};
  request.count = static_cast<std::uint32_t>(settings_.buffers);
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd, VIDIOC_REQBUFS, &request) < 0) {
    return ioError(where + "cannot get mmap buffers: " + errnoText(errno));
  }
  if (request.count < 2) {
    return ioError(where + "the driver gave " + std::to_string(request.count) +
                   " buffer(s); streaming needs 2");
  }
  for (std::uint32_t index = 0; index < request.count; ++index) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    buffer.index = index;
    if (xioctl(fd, VIDIOC_QUERYBUF, &buffer) < 0) {
      return ioError(where + "VIDIOC_QUERYBUF: " + errnoText(errno));
    }
    void* address = ::mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
                           static_cast<off_t>(buffer.m.offset));
    if (address == MAP_FAILED) return ioError(where + "mmap: " + errnoText(errno));
    stream.buffers.emplace_back(address, buffer.length);
    if (xioctl(fd, VIDIOC_QBUF, &buffer) < 0) {
      return ioError(where + "VIDIOC_QBUF: " + errnoText(errno));
    }
  }
  int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (xioctl(fd, VIDIOC_STREAMON, &type) < 0) {
    return ioError(where + "VIDIOC_STREAMON: " + errnoText(errno));
  }
  stream.streaming = true;
  return std::nullopt;
}

IoError V4l2Camera::fail(int error, const std::string& doing) {
  std::string message = describe() + ": " + doing + ": " + errnoText(error);
  close();
  if (error == ENODEV) {
    return IoError{IoFailure::Disconnected, message + "; the camera was unplugged"};
  }
  return ioError(std::move(message));
}

std::optional<IoError> V4l2Camera::capture(std::chrono::milliseconds timeout, const FrameUse& use) {
  if (auto error = open()) return error;
  const Deadline deadline(timeout);
  for (;;) {
    Stream& stream = *stream_;
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    if (xioctl(stream.fd.get(), VIDIOC_DQBUF, &buffer) == 0) {
      BufferReturn giveBack(stream.fd.get(), buffer);
      // A frame the driver marks damaged, or one that does not fit its buffer, is passed over.
      const bool usable = (buffer.flags & V4L2_BUF_FLAG_ERROR) == 0 &&
                          buffer.index < stream.buffers.size() && buffer.bytesused > 0 &&
                          buffer.bytesused <= stream.buffers[buffer.index].bytes().size();
      if (usable) {
        use(CameraFrame{stream.format, stream.width, stream.height, stream.bytesPerLine,
                        stream.buffers[buffer.index].bytes().first(buffer.bytesused),
                        buffer.sequence});
      }
      if (!giveBack.now()) return fail(errno, "VIDIOC_QBUF");
      if (usable) return std::nullopt;
      continue;
    }
    const int error = errno;
    if (error != EAGAIN) return fail(error, "VIDIOC_DQBUF");
    const auto waited = waitFor(stream.fd.get(), POLLIN, deadline);
    if (waited == WaitResult::TimedOut) {
      return IoError{IoFailure::Timeout,
                     describe() + ": no frame within " + std::to_string(timeout.count()) + " ms"};
    }
    if (waited == WaitResult::Failed) return fail(errno, "poll");
  }
}

}  // namespace mikhak::drivers
