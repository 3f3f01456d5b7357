#pragma once

#include <optional>

#include "mikhak/drivers/transport.hpp"
#include "unique_fd.hpp"

namespace mikhak::drivers {

// A network printer's raw port (9100). Connects at the first call, bounded by that call's
// timeout; after any failure the socket is closed and the next call connects again, so a
// printer that was switched off, or dropped an idle connection, comes back by itself.
class TcpTransport final : public Transport {
 public:
  explicit TcpTransport(PrinterUri uri);

  IoOutcome write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
  IoOutcome read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
  void close() override;
  std::string describe() const override;

 private:
  std::optional<IoError> connect(std::chrono::milliseconds timeout);
  bool peerHasClosed() const;
  IoOutcome fail(std::size_t bytes, IoFailure failure, const std::string& message);

  PrinterUri uri_;
  UniqueFd socket_;
};

}  // namespace mikhak::drivers
