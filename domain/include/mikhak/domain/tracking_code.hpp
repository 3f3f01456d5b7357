#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace mikhak::domain {

// The code on an appointment notice: 13 random digits (43 bits, not guessable) and a Verhoeff check
// digit, which catches every single-digit error and every swap of two adjacent digits.
class TrackingCode {
 public:
  static constexpr std::size_t kRandomDigits = 13;
  static constexpr std::size_t kDigits = kRandomDigits + 1;

  enum class ParseError {
    Malformed,      // not 14 digits (after dropping spaces and hyphens)
    BadCheckDigit,  // 14 digits, but a typo
  };

  // A new code from the operating system's random source (OpenSSL RAND_bytes).
  static TrackingCode generate();
  // Accepts Latin, Persian (۰-۹) and Arabic-Indic (٠-٩) digits, with spaces or hyphens anywhere.
  static std::variant<TrackingCode, ParseError> parse(std::string_view text);

  // The 14 ASCII digits.
  const std::string& digits() const { return digits_; }
  // For people: "4821 0093 1752 68", groups of four.
  std::string grouped() const;

  bool operator==(const TrackingCode&) const = default;

 private:
  explicit TrackingCode(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

// The Verhoeff check digit ('0'-'9') for a string of ASCII digits.
char verhoeffCheckDigit(std::string_view digits);
// True if the last digit is the Verhoeff check digit of the others.
bool verhoeffValid(std::string_view digitsWithCheck);

}  // namespace mikhak::domain
