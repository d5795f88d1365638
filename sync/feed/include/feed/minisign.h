// Ed25519 signatures in minisign's format (https://jedisct1.github.io/minisign/), so that a feed signed
// here verifies with the stock `minisign -V` and one signed with the stock tool verifies here.
//
// The formats, all base64 in libsodium's "original" variant (with padding), one item per line:
//
//   public key (.pub)   untrusted comment: minisign public key <KEY ID>
//                       base64("Ed" + key id (8 bytes) + Ed25519 public key (32 bytes))      = 42 bytes
//
//   signature (.minisig)
//                       untrusted comment: <anything; not covered by any signature>
//                       base64(algorithm (2) + key id (8) + Ed25519 signature (64))        = 74 bytes
//                       trusted comment: <text>
//                       base64(global signature (64))
//
// The algorithm is "ED" (prehashed: the signature is over BLAKE2b-512 of the message, minisign 0.11's
// default) or "Ed" (legacy: over the message itself). The global signature is by the same key over
// the 64-byte signature followed by the trusted comment text (without "trusted comment: "), so the
// trusted comment cannot be changed without the key. The untrusted comment can be.
//
// A key id is 8 random bytes chosen when the key is made; minisign shows it as uppercase hex of those
// bytes read as a little-endian 64-bit number. We always write 16 digits ("0F38593011EE4A29"), as
// minisign 0.12 and later do; minisign 0.11 (Debian bookworm) drops leading zeros ("F38593011EE4A29").
//
// The secret key file is this project's own, NOT minisign's (which is encrypted with a password):
//
//   secret key          untrusted comment: kiosk-feed secret key - keep it secret
//                       base64("Kd" + key id (8) + libsodium Ed25519 secret key (64))      = 74 bytes
//
// It is unencrypted; protect it with file permissions. To use the key with the stock tool, sign with
// this module; the stock tool cannot read this file.
//
// Every parser here accepts "\r\n" line ends and one trailing newline and is otherwise strict: an
// error names the line that is wrong. Nothing here throws on untrusted input.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace kiosk::feed::minisign {

inline constexpr std::size_t kKeyIdBytes = 8;
inline constexpr std::size_t kPublicKeyBytes = 32;   // Ed25519 public key
inline constexpr std::size_t kSecretKeyBytes = 64;   // libsodium's Ed25519 secret key: seed + public key
inline constexpr std::size_t kSignatureBytes = 64;   // Ed25519 signature
inline constexpr std::size_t kAlgorithmBytes = 2;    // "Ed", "ED", "Kd"
// The decoded base64 lines: algorithm + key id + key or signature.
inline constexpr std::size_t kPublicKeyBlobBytes = kAlgorithmBytes + kKeyIdBytes + kPublicKeyBytes;    // 42
inline constexpr std::size_t kSignatureBlobBytes = kAlgorithmBytes + kKeyIdBytes + kSignatureBytes;    // 74
inline constexpr std::size_t kSecretKeyBlobBytes = kAlgorithmBytes + kKeyIdBytes + kSecretKeyBytes;    // 74
// BLAKE2b-512 of the message, what a prehashed ("ED") signature covers.
inline constexpr std::size_t kPrehashBytes = 64;

// The longest trusted comment, in bytes without the prefix and line end. minisign reads the line into
// an 8 KiB buffer: 8192 - 17 ("trusted comment: ") - 1 (newline) - 1 (NUL) = 8173; its signer refuses
// anything longer, and so do we.
inline constexpr std::size_t kMaxTrustedCommentBytes = 8173;
// The longest untrusted comment minisign 0.11 reads back: its 1 KiB line buffer, less the 19-byte
// "untrusted comment: " prefix, newline and NUL.
inline constexpr std::size_t kMaxUntrustedCommentBytes = 1003;
// A signature file larger than this is refused before it is parsed (a real one is under 9 KiB).
inline constexpr std::size_t kMaxSignatureFileBytes = 16u << 10;

struct PublicKey {
  std::array<std::uint8_t, kKeyIdBytes> key_id;
  std::array<std::uint8_t, kPublicKeyBytes> key;
  bool operator==(const PublicKey&) const = default;
};

// Holds secret material: zeroed (sodium_memzero) when destroyed. Copies are independent and are
// zeroed in turn.
struct SecretKey {
  std::array<std::uint8_t, kKeyIdBytes> key_id;
  std::array<std::uint8_t, kSecretKeyBytes> key;
  ~SecretKey();
};

struct KeyPair {
  PublicKey public_key;
  SecretKey secret_key;
};

// Parses a public key: either the base64 line alone ("RW...", as the config file holds it) or a whole
// .pub file (comment line, then the base64 line). Surrounding whitespace is ignored. Errors say what is
// wrong: "the public key is not base64", "the public key decodes to 39 bytes, a minisign public key
// has 42", "the public key's algorithm is not Ed25519 ...".
Result<PublicKey> parse_public_key(std::string_view text);

// "0F38593011EE4A29": the key id as minisign prints it, always 16 digits (see above).
std::string key_id_hex(const std::array<std::uint8_t, kKeyIdBytes>& id);

// The 2-line .pub file text as `minisign -G` writes it (the comment names key_id_hex()), trailing
// newline included.
std::string format_public_key(const PublicKey& key);

// The base64 line alone ("RW..."), no newline: what the config file and `minisign -P` take.
std::string public_key_line(const PublicKey& key);

// The public half of a secret key, with the same key id.
PublicKey public_key_of(const SecretKey& key);

struct Verified {
  std::string trusted_comment;  // without "trusted comment: "; now authenticated
  std::string key_id;           // key_id_hex() of the key that signed
  bool prehashed;               // "ED" (true) or legacy "Ed" (false)
};

// Checks `minisig` (the whole .minisig text) over `message` against the one of `keys` whose key id it
// names. Several trusted keys allow rotation. Checks in this order, each failure its own error:
//   1. the file's format          "the signature file is malformed: line 3 should start with ..."
//   2. the key id is trusted      "signed by key <ID>, which is not among the trusted keys (<ID1>, <ID2>)"
//   3. signature over the message "the signature does not match the content"
//   4. global signature           "the trusted comment has been altered"
// Reads nothing but `minisig`'s own four lines; the untrusted comment is checked for form only.
Result<Verified> verify(std::string_view message, std::string_view minisig,
                        const std::vector<PublicKey>& keys);

// A fresh key pair with a random key id.
KeyPair generate_key_pair();

enum class Hashing { kPrehashed, kLegacy };

// Ok if `text` can be a trusted comment: one line (no CR, LF or NUL) of at most
// kMaxTrustedCommentBytes bytes. sign() requires it; a caller with text from a person checks first.
Status check_trusted_comment(std::string_view text);

// A .minisig text (4 lines, trailing newline) that stock `minisign -V` accepts; prehashed ("ED")
// unless asked otherwise. Precondition: check_trusted_comment(trusted_comment) is ok and
// `untrusted_comment` is one line of at most kMaxUntrustedCommentBytes; otherwise it throws
// std::invalid_argument (a programming error, never a content error).
std::string sign(std::string_view message, const SecretKey& key, std::string_view trusted_comment,
                 Hashing hashing = Hashing::kPrehashed,
                 std::string_view untrusted_comment = "signature from kiosk-feed");

// The project's secret key file (format above), trailing newline included. The returned text holds
// the secret key; the caller writes it with owner-only permissions.
std::string format_secret_key(const SecretKey& key);

// Reverses format_secret_key(). Errors name what is wrong, including a minisign (encrypted) secret
// key given by mistake and a key whose public half does not match its seed.
Result<SecretKey> parse_secret_key(std::string_view text);

}  // namespace kiosk::feed::minisign
