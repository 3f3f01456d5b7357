#include "mikhak/domain/signing_key.hpp"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace mikhak::domain {
namespace {

// RFC 8032 §7.1, TEST 1: the secret key 9d61b1...7f60 wrapped in PKCS#8 (RFC 8410), its public key,
// and its signature of the empty message. Ed25519 is deterministic, so this pins the whole path.
constexpr std::string_view kRfcPrivatePem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr std::string_view kRfcPublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    "-----END PUBLIC KEY-----\n";
constexpr std::string_view kRfcEmptySignatureHex =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b4"
    "6bd25bf5f0595bbe24655141438e7a100b";

std::string hex(const Signature& signature) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : signature) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0F]);
  }
  return out;
}

std::vector<std::uint8_t> bytes(std::string_view text) { return {text.begin(), text.end()}; }

// ----- Keys of other algorithms, made with OpenSSL directly -----

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

PkeyPtr generateKey(const char* algorithm) {
  if (std::string_view(algorithm) == "RSA") return PkeyPtr(EVP_RSA_gen(2048));
  if (std::string_view(algorithm) == "EC") return PkeyPtr(EVP_EC_gen("P-256"));
  return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm));
}

template <typename Writer>
std::string pem(Writer write) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string privatePem(EVP_PKEY* key) {
  return pem([&](BIO* bio) {
    return PEM_write_bio_PKCS8PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  });
}

std::string publicPem(EVP_PKEY* key) {
  return pem([&](BIO* bio) { return PEM_write_bio_PUBKEY(bio, key); });
}

// ----- Signing and verifying -----

TEST(SigningKey, SignsAndVerifies) {
  const SigningKey key = SigningKey::generate();
  const VerifyKey verifyKey = VerifyKey::fromPem(key.publicKeyPem()).value();
  const std::string message = "MKH1.48210093175268.LON.1790000000";
  const Signature signature = key.sign(message);
  EXPECT_TRUE(verifyKey.verify(message, signature));
  EXPECT_TRUE(verifyKey.verify(bytes(message), signature));
  EXPECT_EQ(key.sign(bytes(message)), signature);  // the two overloads sign the same bytes
  EXPECT_TRUE(verifyKey.verify("", key.sign("")));
  const std::string large(1 << 20, 'x');
  EXPECT_TRUE(verifyKey.verify(large, key.sign(large)));
  EXPECT_FALSE(verifyKey.verify("", signature));
}

TEST(SigningKey, MatchesRfc8032TestVector) {
  const SigningKey key = SigningKey::fromPem(kRfcPrivatePem).value();
  EXPECT_EQ(key.publicKeyPem(), kRfcPublicPem);
  EXPECT_EQ(key.toPem(), kRfcPrivatePem);
  const Signature signature = key.sign("");
  EXPECT_EQ(hex(signature), kRfcEmptySignatureHex);
  EXPECT_TRUE(VerifyKey::fromPem(kRfcPublicPem).value().verify("", signature));
}

TEST(SigningKey, EveryFlippedBitInMessageOrSignatureFails) {
  const SigningKey key = SigningKey::generate();
  const VerifyKey verifyKey = VerifyKey::fromPem(key.publicKeyPem()).value();
  const std::string message = "MKH1.48210093175268.LON.1790000000";
  const Signature signature = key.sign(message);
  for (std::size_t bit = 0; bit < message.size() * 8; ++bit) {
    std::string altered = message;
    altered[bit / 8] = static_cast<char>(altered[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_FALSE(verifyKey.verify(altered, signature)) << "message bit " << bit;
  }
  for (std::size_t bit = 0; bit < signature.size() * 8; ++bit) {
    Signature altered = signature;
    altered[bit / 8] = static_cast<std::uint8_t>(altered[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_FALSE(verifyKey.verify(message, altered)) << "signature bit " << bit;
  }
  EXPECT_FALSE(verifyKey.verify(message + ' ', signature));
  EXPECT_FALSE(verifyKey.verify(message.substr(1), signature));
  EXPECT_FALSE(verifyKey.verify(message, Signature{}));
}

TEST(SigningKey, AnotherKeysSignatureFails) {
  const SigningKey key = SigningKey::generate();
  const SigningKey other = SigningKey::generate();
  EXPECT_NE(key.publicKeyPem(), other.publicKeyPem());
  const VerifyKey verifyKey = VerifyKey::fromPem(key.publicKeyPem()).value();
  EXPECT_FALSE(verifyKey.verify("hello", other.sign("hello")));
  EXPECT_TRUE(verifyKey.verify("hello", key.sign("hello")));
}

TEST(SigningKey, MovesKeepTheKey) {
  SigningKey key = SigningKey::generate();
  const std::string publicPem = key.publicKeyPem();
  SigningKey moved = std::move(key);
  SigningKey assigned = SigningKey::generate();
  assigned = std::move(moved);
  EXPECT_EQ(assigned.publicKeyPem(), publicPem);
  VerifyKey verifyKey = VerifyKey::fromPem(publicPem).value();
  VerifyKey verifyMoved = std::move(verifyKey);
  EXPECT_TRUE(verifyMoved.verify("x", assigned.sign("x")));
}

// ----- PEM -----

TEST(SigningKeyPem, RoundTrips) {
  const SigningKey original = SigningKey::generate();
  const std::string pemText = original.toPem();
  EXPECT_TRUE(pemText.starts_with("-----BEGIN PRIVATE KEY-----\n")) << pemText;  // PKCS#8, clear
  const SigningKey reloaded = SigningKey::fromPem(pemText).value();
  EXPECT_EQ(reloaded.toPem(), pemText);
  EXPECT_EQ(reloaded.publicKeyPem(), original.publicKeyPem());
  const VerifyKey verifyKey = VerifyKey::fromPem(original.publicKeyPem()).value();
  EXPECT_TRUE(verifyKey.verify("notice", reloaded.sign("notice")));
  EXPECT_TRUE(original.publicKeyPem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
}

TEST(SigningKeyPem, GarbageIsAnError) {
  const std::string good = SigningKey::generate().toPem();
  const std::vector<std::string> inputs = {
      "",
      "garbage",
      good.substr(0, good.size() / 2),
      "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
      "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
      std::string(kRfcPublicPem),  // a public key is not a private one
      std::string(1 << 20, 'A'),
      std::string("\0\xFF\x01", 3),
  };
  for (const std::string& text : inputs) {
    const auto key = SigningKey::fromPem(text);
    ASSERT_FALSE(key.ok()) << text;
    EXPECT_TRUE(key.error().message.starts_with("SigningKey: ")) << key.error().message;
    const auto verifyKey = VerifyKey::fromPem(text == kRfcPublicPem ? good : text);
    ASSERT_FALSE(verifyKey.ok()) << text;
    EXPECT_TRUE(verifyKey.error().message.starts_with("VerifyKey: ")) << verifyKey.error().message;
  }
}

TEST(SigningKeyPem, OtherAlgorithmsAreAnError) {
  // RSA and EC are the usual mix-ups; Ed448 and X25519 are the near misses (same curve family).
  for (const char* algorithm : {"RSA", "EC", "ED448", "X25519"}) {
    const PkeyPtr key = generateKey(algorithm);
    ASSERT_TRUE(key) << algorithm;
    const std::string privateText = privatePem(key.get());
    const std::string publicText = publicPem(key.get());
    ASSERT_FALSE(privateText.empty());
    ASSERT_FALSE(publicText.empty());

    const auto signingKey = SigningKey::fromPem(privateText);
    ASSERT_FALSE(signingKey.ok()) << algorithm;
    EXPECT_EQ(signingKey.error().message, "SigningKey: not an Ed25519 key") << algorithm;
    const auto verifyKey = VerifyKey::fromPem(publicText);
    ASSERT_FALSE(verifyKey.ok()) << algorithm;
    EXPECT_EQ(verifyKey.error().message, "VerifyKey: not an Ed25519 key") << algorithm;
  }
}

TEST(SigningKeyPem, EncryptedKeyIsAnErrorWithoutAPrompt) {
  // OpenSSL's default would ask for a passphrase on the terminal; a kiosk must not hang there.
  BioPtr bio(BIO_new_mem_buf(kRfcPrivatePem.data(), static_cast<int>(kRfcPrivatePem.size())));
  const PkeyPtr raw(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(raw);
  static constexpr char kPassphrase[] = "consulate";
  const std::string encrypted = pem([&](BIO* out) {
    return PEM_write_bio_PKCS8PrivateKey(out, raw.get(), EVP_aes_256_cbc(), kPassphrase,
                                         sizeof kPassphrase - 1, nullptr, nullptr);
  });
  ASSERT_TRUE(encrypted.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----")) << encrypted;
  const auto loaded = SigningKey::fromPem(encrypted);
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.error().message.starts_with("SigningKey: ")) << loaded.error().message;
}

TEST(SigningKeyPem, AcceptsSurroundingText) {
  // As `openssl genpkey` output pasted into a config file might carry a comment above it.
  const std::string text = "# the London key\n" + std::string(kRfcPrivatePem) + "\n";
  EXPECT_TRUE(SigningKey::fromPem(text).ok());
}

// ----- base64url -----

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view text) { return base64UrlEncode(bytes(text)); }

TEST(Base64Url, Rfc4648Vectors) {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(encode(plain), encoded);
    const auto decoded = base64UrlDecode(encoded);
    ASSERT_TRUE(decoded.ok()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64Url, UsesHyphenAndUnderscore) {
  // Standard base64 would write these with '+' and '/'.
  EXPECT_EQ(base64UrlEncode(std::vector<std::uint8_t>{0xFB, 0xEF, 0xBE}), "----");
  EXPECT_EQ(base64UrlEncode(std::vector<std::uint8_t>{0xFF, 0xFF, 0xFF}), "____");
  EXPECT_EQ(base64UrlEncode(std::vector<std::uint8_t>{0xFB, 0xFF}), "-_8");
  EXPECT_EQ(base64UrlEncode(std::vector<std::uint8_t>{0x3E}), "Pg");
  EXPECT_EQ(base64UrlDecode("----").value(), "\xFB\xEF\xBE");
  EXPECT_EQ(base64UrlDecode("____").value(), "\xFF\xFF\xFF");
  EXPECT_EQ(base64UrlDecode("-_8").value(), "\xFB\xFF");
}

TEST(Base64Url, RejectsPaddingAndForeignCharacters) {
  for (const std::string text : {"Zg==", "Zm8=", "Zg=", "=", "Zm9v+A", "Zm9v/A", "+/8", "Zm 9v",
                                 "Zm9v\n", " Zm9v", "Z", "Zm9vY", "Zm9v.", "Zm\xC3\xA9"}) {
    const auto decoded = base64UrlDecode(text);
    EXPECT_FALSE(decoded.ok()) << text;
  }
  EXPECT_FALSE(base64UrlDecode(std::string("Zm\0v", 4)).ok());
  // One character over a multiple of four holds six bits, less than a byte, even when they are
  // all zero ('A').
  EXPECT_FALSE(base64UrlDecode("A").ok());
  EXPECT_FALSE(base64UrlDecode("Zm9vA").ok());
}

TEST(Base64Url, RejectsNonCanonicalTrailingBits) {
  // Two characters carry one byte and four spare bits, three carry two bytes and two spare bits:
  // only the final characters whose spare bits are zero may decode.
  int twoCharacter = 0;
  int threeCharacter = 0;
  for (const char last : kAlphabet) {
    if (base64UrlDecode(std::string("Z") + last).ok()) ++twoCharacter;
    if (base64UrlDecode(std::string("Zm") + last).ok()) ++threeCharacter;
  }
  EXPECT_EQ(twoCharacter, 4);     // A, Q, g, w
  EXPECT_EQ(threeCharacter, 16);  // every fourth character
  EXPECT_FALSE(base64UrlDecode("Zh").ok());
  EXPECT_FALSE(base64UrlDecode("Zm9").ok());
  EXPECT_FALSE(base64UrlDecode("Zm9vYh").ok());
}

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  std::mt19937 random(1405);
  for (std::size_t length = 0; length <= 300; ++length) {
    std::vector<std::uint8_t> data(length);
    for (std::size_t i = 0; i < length; ++i) {
      data[i] = length == 256 ? static_cast<std::uint8_t>(i)  // every byte value once
                              : static_cast<std::uint8_t>(random());
    }
    const std::string encoded = base64UrlEncode(data);
    EXPECT_EQ(encoded.size(), (length * 4 + 2) / 3);
    EXPECT_EQ(encoded.find_first_not_of(kAlphabet), std::string::npos);
    const auto decoded = base64UrlDecode(encoded);
    ASSERT_TRUE(decoded.ok()) << encoded;
    EXPECT_EQ(bytes(*decoded), data);
  }
}

}  // namespace
}  // namespace mikhak::domain
