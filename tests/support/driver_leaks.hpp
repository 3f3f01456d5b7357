#pragma once

// SDL's video subsystem loads the system's EGL/GL driver (Mesa) and unloads it at SDL_Quit; the
// driver keeps allocations from its start-up for the life of the process, and once unloaded
// LeakSanitizer reports them from an "<unknown module>" it cannot name. They are not ours: a
// test leaves LeakSanitizer's eye off only while SDL starts and makes the window and renderer.

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace mikhak::test {

class DriverStartUp {
 public:
  DriverStartUp() {
#if defined(__SANITIZE_ADDRESS__)
    __lsan_disable();
#endif
  }
  ~DriverStartUp() {
#if defined(__SANITIZE_ADDRESS__)
    __lsan_enable();
#endif
  }
  DriverStartUp(const DriverStartUp&) = delete;
  DriverStartUp& operator=(const DriverStartUp&) = delete;
};

// For child processes (the kiosk and the display as binaries), which start SDL's video in their
// own main(): the environment's ASAN_OPTIONS with leak checks off for them alone.
inline const char* kChildLeakOptions = "detect_leaks=0";

}  // namespace mikhak::test
