#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "mikhak/base/result.hpp"

namespace mikhak::domain {

using Signature = std::array<std::uint8_t, 64>;

// A consulate's Ed25519 private key (OpenSSL), which signs appointment notices and day manifests.
class SigningKey {
 public:
  static SigningKey generate();
  // PKCS#8 PEM, as written by toPem() or `openssl genpkey -algorithm ed25519`.
  static Result<SigningKey> fromPem(std::string_view pem);
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  ~SigningKey();

  std::string toPem() const;
  // The matching public key, SubjectPublicKeyInfo PEM.
  std::string publicKeyPem() const;
  Signature sign(std::span<const std::uint8_t> message) const;
  Signature sign(std::string_view message) const;

 private:
  struct Impl;
  explicit SigningKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A consulate's Ed25519 public key, which kiosks hold to check notices even when offline.
class VerifyKey {
 public:
  static Result<VerifyKey> fromPem(std::string_view pem);
  VerifyKey(VerifyKey&&) noexcept;
  VerifyKey& operator=(VerifyKey&&) noexcept;
  ~VerifyKey();

  bool verify(std::span<const std::uint8_t> message, const Signature& signature) const;
  bool verify(std::string_view message, const Signature& signature) const;

 private:
  struct Impl;
  explicit VerifyKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Unpadded base64url (RFC 4648 §5), as signatures travel in QR codes and JSON.
std::string base64UrlEncode(std::span<const std::uint8_t> bytes);
// An Error for input that is not canonical unpadded base64url.
Result<std::string> base64UrlDecode(std::string_view text);

}  // namespace mikhak::domain
