// The evdev device: what it says when there is nothing to open or the path is not an input
// device, and, where the kernel offers /dev/uinput, a virtual keyboard read back through the grab.
#include "evdev_device.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/uinput.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "io_outcome.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

EventsRead readOnce(const fs::path& path) {
  EvdevDevice device(path);
  std::array<input_event, 8> events{};
  return device.read(events, 50ms);
}

TEST(EvdevDeviceTest, AMissingDeviceIsNotFound) {
  const auto read = readOnce("/dev/input/by-id/usb-Nobody_Scanner-event-kbd");

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, IoFailure::NotFound);
  EXPECT_NE(read.error->message.find("is the scanner plugged in?"), std::string::npos)
      << read.error->message;
}

TEST(EvdevDeviceTest, ACharacterDeviceThatIsNoInputDeviceIsRefusedClearly) {
  const auto read = readOnce("/dev/null");

  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->failure, IoFailure::Io);
  EXPECT_NE(read.error->message.find("evdev:/dev/null: not an input event device"),
            std::string::npos)
      << read.error->message;
}

TEST(EvdevDeviceTest, ARegularFileIsRefusedClearly) {
  std::string scratch = (fs::path(::testing::TempDir()) / "mikhak-evdev-XXXXXX").string();
  ASSERT_NE(::mkdtemp(scratch.data()), nullptr);
  const auto file = fs::path(scratch) / "event0";
  std::ofstream(file) << "not events";

  const auto read = readOnce(file);

  ASSERT_TRUE(read.error);
  EXPECT_NE(read.error->message.find("not an input event device"), std::string::npos)
      << read.error->message;
  fs::remove_all(scratch);
}

TEST(EvdevDeviceTest, ARelativePathIsRefusedBeforeAnythingIsOpened) {
  const auto device = makeEvdevDevice("event3");

  ASSERT_FALSE(device);
  EXPECT_NE(device.error().message.find("needs an absolute path"), std::string::npos);
}

TEST(EvdevDeviceTest, MakeEvdevDeviceDescribesItsPath) {
  const auto device = makeEvdevDevice("/dev/input/event3");

  ASSERT_TRUE(device) << device.error().message;
  EXPECT_EQ((*device)->describe(), "evdev:/dev/input/event3");
}

// A keyboard made with uinput; destroyed (as if unplugged) by destroy() or at the end.
class VirtualKeyboard {
 public:
  // Invalid when /dev/uinput cannot be used here; then why() says so.
  VirtualKeyboard() {
    fd_.reset(::open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd_) {
      why_ = "/dev/uinput: " + errnoText(errno);
      return;
    }
    bool ok = ::ioctl(fd_.get(), UI_SET_EVBIT, EV_KEY) == 0 &&
              ::ioctl(fd_.get(), UI_SET_EVBIT, EV_SYN) == 0;
    for (int key = KEY_ESC; key <= KEY_SLASH; ++key) {
      ok = ok && ::ioctl(fd_.get(), UI_SET_KEYBIT, key) == 0;
    }
    uinput_setup setup{};
    setup.id.bustype = BUS_USB;
    setup.id.vendor = 0x1234;
    setup.id.product = 0x5678;
    std::strncpy(setup.name, "Mikhak Test Barcode Scanner", UINPUT_MAX_NAME_SIZE - 1);
    ok = ok && ::ioctl(fd_.get(), UI_DEV_SETUP, &setup) == 0 &&
         ::ioctl(fd_.get(), UI_DEV_CREATE) == 0;
    if (!ok) {
      why_ = "uinput set-up: " + errnoText(errno);
      fd_.reset();
      return;
    }
    created_ = true;
    std::array<char, 64> sysname{};
    if (::ioctl(fd_.get(), UI_GET_SYSNAME(sysname.size()), sysname.data()) < 0) {
      why_ = "UI_GET_SYSNAME: " + errnoText(errno);
      return;
    }
    // The event node appears when the kernel (devtmpfs) or udev makes it.
    const fs::path sys = fs::path("/sys/devices/virtual/input") / sysname.data();
    for (int attempt = 0; attempt < 200 && device_.empty(); ++attempt) {
      std::error_code error;
      for (const auto& entry : fs::directory_iterator(sys, error)) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("event") && fs::exists("/dev/input/" + name)) {
          device_ = "/dev/input/" + name;
        }
      }
      if (device_.empty()) std::this_thread::sleep_for(10ms);
    }
    if (device_.empty()) why_ = "no /dev/input/event node for " + sys.string();
  }
  ~VirtualKeyboard() { destroy(); }
  VirtualKeyboard(const VirtualKeyboard&) = delete;
  VirtualKeyboard& operator=(const VirtualKeyboard&) = delete;

  bool usable() const { return !device_.empty(); }
  const std::string& why() const { return why_; }
  const fs::path& device() const { return device_; }

  void emit(std::uint16_t type, std::uint16_t code, int value) {
    input_event event{};
    event.type = type;
    event.code = code;
    event.value = value;
    ASSERT_EQ(::write(fd_.get(), &event, sizeof event), static_cast<ssize_t>(sizeof event));
  }
  void press(std::uint16_t key) {
    emit(EV_KEY, key, 1);
    emit(EV_SYN, SYN_REPORT, 0);
    emit(EV_KEY, key, 0);
    emit(EV_SYN, SYN_REPORT, 0);
  }
  void destroy() {
    if (created_) (void)::ioctl(fd_.get(), UI_DEV_DESTROY);
    created_ = false;
  }

 private:
  UniqueFd fd_;
  bool created_ = false;
  fs::path device_;
  std::string why_;
};

TEST(EvdevDeviceTest, AVirtualKeyboardIsReadThroughAnExclusiveGrab) {
  VirtualKeyboard keyboard;
  if (!keyboard.usable()) {
    GTEST_SKIP() << "no virtual keyboard here (" << keyboard.why()
                 << "); needs /dev/uinput and /dev/input, e.g. root on a machine with uinput";
  }
  EvdevDevice device(keyboard.device());
  ASSERT_FALSE(device.open());
  EXPECT_EQ(device.name(), "Mikhak Test Barcode Scanner");
  EvdevDevice second(keyboard.device());
  const auto refused = second.open();
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->message.find("cannot grab it"), std::string::npos) << refused->message;

  for (const int key : {KEY_4, KEY_2, KEY_ENTER}) keyboard.press(static_cast<std::uint16_t>(key));
  std::vector<std::uint16_t> pressed;
  std::array<input_event, 16> events{};
  while (pressed.size() < 3) {
    const auto read = device.read(events, 2000ms);
    ASSERT_TRUE(read.ok()) << read.error->message;
    for (std::size_t i = 0; i < read.count; ++i) {
      if (events[i].type == EV_KEY && events[i].value == 1) pressed.push_back(events[i].code);
    }
  }
  EXPECT_EQ(pressed, (std::vector<std::uint16_t>{KEY_4, KEY_2, KEY_ENTER}));

  keyboard.destroy();
  EventsRead last;
  do {
    last = device.read(events, 2000ms);
  } while (last.ok());  // events queued before the unplug come first
  EXPECT_EQ(last.error->failure, IoFailure::Disconnected) << last.error->message;
}

}  // namespace
}  // namespace mikhak::drivers
