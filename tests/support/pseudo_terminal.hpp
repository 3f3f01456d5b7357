#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mikhak::test {

// A pseudo-terminal stands in for a serial scanner or a printer's character device: the code
// under test opens path(), the test plays the device on the master side.
class PseudoTerminal {
 public:
  enum class Mode {
    Raw,   // bytes pass unchanged from the start
    AsIs,  // the tty's defaults, for tests of code that sets raw mode itself
  };
  explicit PseudoTerminal(Mode mode = Mode::Raw)
      : master_(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) {
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) {
      throw std::runtime_error("PseudoTerminal: posix_openpt");
    }
    path_ = ::ptsname(master_);
    // Kept open so the tty and its settings stay while the code under test opens and closes it.
    slave_ = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave_ < 0) throw std::runtime_error("PseudoTerminal: slave");
    if (mode == Mode::Raw) {
      termios settings{};
      if (::tcgetattr(slave_, &settings) != 0)
        throw std::runtime_error("PseudoTerminal: tcgetattr");
      ::cfmakeraw(&settings);
      ::tcsetattr(slave_, TCSANOW, &settings);
    }
  }
  ~PseudoTerminal() {
    closeMaster();
    if (slave_ >= 0) ::close(slave_);
  }
  PseudoTerminal(const PseudoTerminal&) = delete;
  PseudoTerminal& operator=(const PseudoTerminal&) = delete;

  const std::string& path() const { return path_; }
  int master() const { return master_; }
  int slave() const { return slave_; }

  // The device sends.
  void send(std::string_view bytes) const {
    ASSERT_EQ(::write(master_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }
  // What the code under test wrote, up to `count` bytes (less if nothing comes for 5 s).
  std::vector<std::uint8_t> receive(std::size_t count) const {
    std::vector<std::uint8_t> bytes;
    std::array<std::uint8_t, 4096> buffer{};
    while (bytes.size() < count) {
      pollfd entry{master_, POLLIN, 0};
      if (::poll(&entry, 1, 5000) != 1) break;
      const auto n = ::read(master_, buffer.data(), std::min(buffer.size(), count - bytes.size()));
      if (n <= 0) break;
      bytes.insert(bytes.end(), buffer.begin(), buffer.begin() + n);
    }
    return bytes;
  }
  // The device goes away (hang-up).
  void closeMaster() {
    if (master_ >= 0) ::close(master_);
    master_ = -1;
  }

 private:
  int master_ = -1;
  int slave_ = -1;
  std::string path_;
};

}  // namespace mikhak::test
