#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "mikhak/drivers/serial_line.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {

class SerialPort final : public SerialLine {
 public:
  // `baud` must be one of supportedBauds() (makeSerialPort checks).
  SerialPort(std::filesystem::path path, int baud);
  ~SerialPort() override;
  SerialPort(const SerialPort&) = delete;
  SerialPort& operator=(const SerialPort&) = delete;

  IoOutcome read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
  void close() override;
  std::string describe() const override;

  // Opens the port and sets it up if it is not open yet; read() calls it.
  std::optional<IoError> open();
  bool isOpen() const { return fd_.valid(); }

 private:
  IoOutcome fail(int error, const std::string& doing);

  std::filesystem::path path_;
  int baud_;
  UniqueFd fd_;
};

}  // namespace mikhak::drivers
