#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "mikhak/drivers/input_device.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {

class EvdevDevice final : public InputDevice {
 public:
  explicit EvdevDevice(std::filesystem::path path);

  EventsRead read(std::span<input_event> events, std::chrono::milliseconds timeout) override;
  void close() override;
  std::string describe() const override;

  // Opens and grabs the device if it is not open yet; read() calls it.
  std::optional<IoError> open();
  bool isOpen() const { return fd_.valid(); }
  // The name the device reports (EVIOCGNAME), empty until opened.
  const std::string& name() const { return name_; }

 private:
  EventsRead fail(int error, const std::string& doing);

  std::filesystem::path path_;
  UniqueFd fd_;  // closing it also ends the grab
  std::string name_;
};

}  // namespace mikhak::drivers
