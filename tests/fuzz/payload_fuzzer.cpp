// Anything a scanner or a keypad hands the kiosk: a bare tracking code, a signed notice payload,
// or garbage. readPayload must never crash, and what it accepts must hold together.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "fuzz_key.hpp"
#include "mikhak/domain/notice_payload.hpp"
#include "mikhak/domain/signing_key.hpp"
#include "mikhak/domain/tracking_code.hpp"

namespace {

const mikhak::domain::VerifyKey& verifyKey() {
  static const auto key = mikhak::domain::VerifyKey::fromPem(
      mikhak::domain::SigningKey::fromPem(mikhak::fuzz::kPrivateKeyPem).value().publicKeyPem());
  return key.value();
}

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using mikhak::domain::PayloadVerdict;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto reading = mikhak::domain::readPayload(text, verifyKey());
  require(!mikhak::domain::verdictName(reading.verdict).empty());
  if (reading.verdict == PayloadVerdict::Valid) {
    require(reading.code.has_value());
    // A valid code passes its own check digit when read again on its own.
    require(std::holds_alternative<mikhak::domain::TrackingCode>(
        mikhak::domain::TrackingCode::parse(reading.code->digits())));
  }
  if (reading.claims) {
    require(reading.verdict == PayloadVerdict::Valid);
    require(reading.code && reading.code->digits() == reading.claims->code.digits());
  }
  // The code parser alone, on the same bytes.
  (void)mikhak::domain::TrackingCode::parse(text);
  return 0;
}
