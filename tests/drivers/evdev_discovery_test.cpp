// evdev:auto's heuristic: which names look like barcode scanners, and where they are looked for
// (a folder laid out like /dev/input/by-id and /sys/class/input).
#include "mikhak/drivers/evdev_discovery.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace mikhak::drivers {
namespace {

namespace fs = std::filesystem;

TEST(LooksLikeBarcodeScanner, NamesOfRealScannersMatch) {
  for (const char* name :
       {"usb-Honeywell_Imaging___Mobility_1900_21040B4D42-event-kbd",
        "Symbol Technologies, Inc, 2008 Symbol Bar Code Scanner",
        "usb-Datalogic_ADC__Inc._Handheld_Barcode_Scanner_S_N_G18L01234-event-kbd",
        "SM SM-2D PRODUCT HID KBW", "Newland Auto-ID NLS-HR22", "NETUM 2D BarcodeScanner",
        "Zebra Technologies Symbol DS2208"}) {
    EXPECT_TRUE(looksLikeBarcodeScanner(name)) << name;
  }
}

TEST(LooksLikeBarcodeScanner, OrdinaryKeyboardsAndOtherDevicesDoNot) {
  for (const char* name : {"usb-Logitech_USB_Keyboard-event-kbd", "AT Translated Set 2 keyboard",
                           "Power Button", "usb-Dell_KB216_Wired_Keyboard-event-kbd", "Video Bus",
                           "Symbolic Keys Co. Keyboard", "Zebraprint Keypad"}) {
    EXPECT_FALSE(looksLikeBarcodeScanner(name)) << name;
  }
}

// A pretend /dev/input and /sys/class/input, removed afterwards.
class EvdevDiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string base = (fs::path(::testing::TempDir()) / "mikhak-input-XXXXXX").string();
    ASSERT_NE(::mkdtemp(base.data()), nullptr);
    root = base;
    folders = {root / "dev/input/by-id", root / "sys/class/input", root / "dev/input"};
    fs::create_directories(folders.byId);
    fs::create_directories(folders.sysClassInput);
  }
  void TearDown() override { fs::remove_all(root); }

  // /dev/input/eventN, its sysfs entry with a name and event types, and optionally a by-id link.
  void addDevice(int number, const std::string& name, const std::string& eventTypes,
                 const std::string& byIdLink = "") {
    const std::string event = "event" + std::to_string(number);
    std::ofstream(folders.devInput / event) << "";
    const fs::path sys = folders.sysClassInput / event / "device";
    fs::create_directories(sys / "capabilities");
    std::ofstream(sys / "name") << name << "\n";
    std::ofstream(sys / "capabilities" / "ev") << eventTypes << "\n";
    if (!byIdLink.empty()) fs::create_symlink("../" + event, folders.byId / byIdLink);
  }

  fs::path root;
  InputDeviceFolders folders;
};

TEST_F(EvdevDiscoveryTest, AScannerWithAByIdLinkIsFoundByItsLinkOnce) {
  addDevice(5, "Honeywell Imaging & Mobility 1900", "120013",
            "usb-Honeywell_Imaging___Mobility_1900_XYZ-event-kbd");
  addDevice(3, "Logitech USB Keyboard", "120013", "usb-Logitech_USB_Keyboard-event-kbd");

  const auto found = findBarcodeScanners(folders);

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].device, folders.byId / "usb-Honeywell_Imaging___Mobility_1900_XYZ-event-kbd");
  EXPECT_EQ(found[0].name, "usb-Honeywell_Imaging___Mobility_1900_XYZ");
}

TEST_F(EvdevDiscoveryTest, AScannerWithoutALinkIsFoundThroughSysfs) {
  addDevice(12, "NETUM Bluetooth Barcode Scanner", "120013");

  const auto found = findBarcodeScanners(folders);

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].device, folders.devInput / "event12");
  EXPECT_EQ(found[0].name, "NETUM Bluetooth Barcode Scanner");
}

TEST_F(EvdevDiscoveryTest, OnlyByIdKeyboardLinksCount) {
  addDevice(7, "Mouse", "17", "usb-Barcode_Scanner_Mouse-event-mouse");

  EXPECT_TRUE(findBarcodeScanners(folders).empty());
}

TEST_F(EvdevDiscoveryTest, ADeviceWithoutKeysIsPassedOver) {
  addDevice(8, "Barcode Scanner Trigger", "3");        // bits 0 and 1: EV_SYN and EV_KEY
  addDevice(9, "Barcode Scanner Motion Sensor", "9");  // bits 0 and 3: EV_SYN and EV_ABS

  const auto found = findBarcodeScanners(folders);

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].device, folders.devInput / "event8");
}

TEST_F(EvdevDiscoveryTest, LinksComeFirstThenEventsInNumberOrder) {
  addDevice(10, "Zebra Symbol DS2208", "120013");
  addDevice(2, "Datalogic Gryphon", "120013");
  addDevice(4, "SM SM-2D PRODUCT HID KBW", "120013", "usb-SM_SM-2D_PRODUCT_HID_KBW-event-kbd");

  const auto found = findBarcodeScanners(folders);

  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].device, folders.byId / "usb-SM_SM-2D_PRODUCT_HID_KBW-event-kbd");
  EXPECT_EQ(found[1].device, folders.devInput / "event2");
  EXPECT_EQ(found[2].device, folders.devInput / "event10");
}

TEST_F(EvdevDiscoveryTest, FoldersThatDoNotExistFindNothing) {
  EXPECT_TRUE(findBarcodeScanners({root / "none", root / "none", root / "none"}).empty());
}

}  // namespace
}  // namespace mikhak::drivers
