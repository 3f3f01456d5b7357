#pragma once

#include <cstdint>
#include <string_view>

namespace mikhak::scanner {

// The symbologies Mikhak prints on a notice and reads at the kiosk. A bit set, so that a reader
// can be limited to several at once (fewer formats make a frame several times cheaper to scan).
enum class BarcodeFormat : std::uint8_t {
  None = 0,
  QrCode = 1 << 0,      // the signed notice payload
  Code128 = 1 << 1,     // the bare 14-digit tracking code, for 1D scanners
  Pdf417 = 1 << 2,      // what other issuers' notices and boarding-pass style apps show
  DataMatrix = 1 << 3,  // likewise; both read by cameras, never printed by Mikhak
};

constexpr BarcodeFormat operator|(BarcodeFormat a, BarcodeFormat b) {
  return static_cast<BarcodeFormat>(static_cast<std::uint8_t>(a) | static_cast<std::uint8_t>(b));
}
constexpr bool contains(BarcodeFormat set, BarcodeFormat format) {
  return (static_cast<std::uint8_t>(set) & static_cast<std::uint8_t>(format)) != 0;
}
constexpr BarcodeFormat kNoticeFormats = BarcodeFormat::QrCode | BarcodeFormat::Code128;
constexpr BarcodeFormat kAllFormats =
    kNoticeFormats | BarcodeFormat::Pdf417 | BarcodeFormat::DataMatrix;

// "QR Code", "Code 128", for logs and test messages.
std::string_view formatName(BarcodeFormat format);

}  // namespace mikhak::scanner
