#include "mikhak/domain/signing_key.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <climits>
#include <stdexcept>

namespace mikhak::domain {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// OpenSSL failing where it cannot fail on good input (allocation, a key we made) is a broken
// environment, not bad data, so it throws.
[[noreturn]] void fail(const char* what) {
  ERR_clear_error();
  throw std::runtime_error(what);
}

// The reason for the latest OpenSSL error, then an empty queue, so that an old failure is never
// reported against a later, unrelated call.
std::string takeOpenSslReason() {
  const unsigned long code = ERR_peek_last_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  ERR_clear_error();
  return reason != nullptr ? reason : "unknown reason";
}

// A read-only memory BIO over the PEM text; nothing if it is too large for OpenSSL's int sizes.
BioPtr readBio(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) fail("BIO_new_mem_buf failed");
  return bio;
}

// Declines every passphrase request: the default callback would prompt on the terminal, and a
// kiosk or server must never block there over an encrypted key.
int noPassphrase(char*, int, int, void*) { return 0; }

// Reads a PEM key with `read`, requiring Ed25519; errors start with `component`.
template <typename Reader>
Result<PkeyPtr> readEd25519(std::string_view pem, std::string_view component, const char* what,
                            Reader read) {
  const std::string prefix = std::string(component) + ": ";
  BioPtr bio = readBio(pem);
  if (!bio) return Error{prefix + "PEM text too large"};
  PkeyPtr key(read(bio.get()));
  if (!key) return Error{prefix + "not a PEM " + what + " (" + takeOpenSslReason() + ")"};
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
    return Error{prefix + "not an Ed25519 key"};
  }
  return key;
}

// Everything written into the memory BIO, as a string.
std::string drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  if (size < 0 || (size > 0 && data == nullptr)) fail("BIO_get_mem_data failed");
  return std::string(data, static_cast<std::size_t>(size));
}

template <typename Writer>
std::string writePem(Writer write) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) fail("PEM write failed");
  return drain(bio.get());
}

std::span<const std::uint8_t> bytesOf(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// OpenSSL's one-shot calls want a non-null pointer even for an empty message.
const unsigned char* dataOrEmpty(std::span<const std::uint8_t> bytes) {
  static constexpr unsigned char kEmpty = 0;
  return bytes.empty() ? &kEmpty : bytes.data();
}

}  // namespace

// ----- SigningKey -----

struct SigningKey::Impl {
  PkeyPtr key;
};

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

SigningKey SigningKey::generate() {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) fail("SigningKey: keygen init failed");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_keygen(ctx.get(), &raw) != 1) fail("SigningKey: keygen failed");
  return SigningKey(std::make_unique<Impl>(Impl{PkeyPtr(raw)}));
}

Result<SigningKey> SigningKey::fromPem(std::string_view pem) {
  auto key = readEd25519(pem, "SigningKey", "private key", [](BIO* bio) {
    return PEM_read_bio_PrivateKey(bio, nullptr, noPassphrase, nullptr);
  });
  if (!key) return key.error();
  return SigningKey(std::make_unique<Impl>(Impl{std::move(*key)}));
}

std::string SigningKey::toPem() const {
  if (!impl_) throw std::logic_error("SigningKey: used after move");
  return writePem([&](BIO* bio) {
    return PEM_write_bio_PKCS8PrivateKey(bio, impl_->key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr);
  });
}

std::string SigningKey::publicKeyPem() const {
  if (!impl_) throw std::logic_error("SigningKey: used after move");
  return writePem([&](BIO* bio) { return PEM_write_bio_PUBKEY(bio, impl_->key.get()); });
}

Signature SigningKey::sign(std::span<const std::uint8_t> message) const {
  if (!impl_) throw std::logic_error("SigningKey: used after move");
  MdCtxPtr ctx(EVP_MD_CTX_new());
  // Ed25519 hashes internally (SHA-512 inside the scheme), hence no digest.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1) {
    fail("SigningKey: sign init failed");
  }
  Signature signature{};
  std::size_t length = signature.size();
  const int done =
      EVP_DigestSign(ctx.get(), signature.data(), &length, dataOrEmpty(message), message.size());
  if (done != 1 || length != signature.size()) fail("SigningKey: sign failed");
  return signature;
}

Signature SigningKey::sign(std::string_view message) const { return sign(bytesOf(message)); }

// ----- VerifyKey -----

struct VerifyKey::Impl {
  PkeyPtr key;
};

VerifyKey::VerifyKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VerifyKey::VerifyKey(VerifyKey&&) noexcept = default;
VerifyKey& VerifyKey::operator=(VerifyKey&&) noexcept = default;
VerifyKey::~VerifyKey() = default;

Result<VerifyKey> VerifyKey::fromPem(std::string_view pem) {
  auto key = readEd25519(pem, "VerifyKey", "public key", [](BIO* bio) {
    return PEM_read_bio_PUBKEY(bio, nullptr, noPassphrase, nullptr);
  });
  if (!key) return key.error();
  return VerifyKey(std::make_unique<Impl>(Impl{std::move(*key)}));
}

bool VerifyKey::verify(std::span<const std::uint8_t> message, const Signature& signature) const {
  if (!impl_) throw std::logic_error("VerifyKey: used after move");
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1) {
    fail("VerifyKey: verify init failed");
  }
  const bool good = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                                     dataOrEmpty(message), message.size()) == 1;
  // A bad signature leaves a reason in OpenSSL's queue; it is an answer here, not an error.
  if (!good) ERR_clear_error();
  return good;
}

bool VerifyKey::verify(std::string_view message, const Signature& signature) const {
  return verify(bytesOf(message), signature);
}

// ----- base64url -----

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The 6-bit value of a base64url character; -1 for anything else, '=' included.
int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string base64UrlEncode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
    }
  }
  // The last partial sextet, its missing low bits zero.
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

Result<std::string> base64UrlDecode(std::string_view text) {
  // One leftover character would carry only 6 of a byte's 8 bits.
  if (text.size() % 4 == 1) return Error{"base64url: impossible length"};
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = sextet(c);
    if (value < 0) return Error{"base64url: not a base64url character"};
    buffer = ((buffer << 6) | static_cast<std::uint32_t>(value)) & 0xFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  // The bits left over must be zero; otherwise several texts would decode to the same bytes,
  // and a signature could be altered without its bytes changing.
  if ((buffer & ((1U << bits) - 1)) != 0) return Error{"base64url: non-canonical final character"};
  return out;
}

}  // namespace mikhak::domain
