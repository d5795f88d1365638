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
// Two secret key files are read; read_secret_key() tells them apart by their decoded size:
//
//   minisign's own      untrusted comment: <anything; minisign writes "minisign encrypted secret key">
//   (`minisign -G`)     base64(signature algorithm "Ed" (2) + KDF algorithm (2) + checksum algorithm "B2" (2)
//                              + KDF salt (32) + KDF opslimit (8) + KDF memlimit (8)
//                              + key id (8) + libsodium Ed25519 secret key (64) + checksum (32))   = 158 bytes
//
//     The checksum is BLAKE2b-256 of "Ed" + key id + secret key. The KDF algorithm is "Sc" when the
//     key is protected by a password: then the 104 bytes key id + secret key + checksum are XORed with
//     104 bytes of scrypt (libsodium's crypto_pwhash_scryptsalsa208sha256) of the password, with the
//     file's salt and limits (little-endian 64-bit numbers), and a wrong password shows as a checksum
//     that does not match. Two zero bytes mean "not encrypted" (`minisign -G -W`): minisign 0.11 then
//     writes zero salt, limits and checksum, and `minisign -C -W` (password removed) keeps the old salt
//     and limits and a valid checksum; minisign never checks the checksum of such a key. We accept
//     both, and write zero salt and limits with a valid checksum. minisign reads the password as one
//     line (from the terminal, or from stdin when it is not one), so a password with a line break or
//     NUL byte cannot be typed into it.
//
//   kiosk-feed's own    untrusted comment: kiosk-feed secret key - keep it secret
//   (older, still read) base64("Kd" + key id (8) + libsodium Ed25519 secret key (64))      = 74 bytes
//
//     Never encrypted; protect it with file permissions. The stock tool cannot read it.
//
// Either way the file holds the secret key: write it with owner-only permissions.
//
// Every parser here accepts "\r\n" line ends and one trailing newline and is otherwise strict: an
// error names the line that is wrong. Nothing here throws on untrusted input.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
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
inline constexpr std::size_t kMinisignSecretKeyBlobBytes = 158;  // minisign's secret key file, see above
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

// Reverses format_secret_key(), and reads only that format. Errors name what is wrong, including a
// minisign secret key given by mistake (read_secret_key() reads both) and a key whose public half does
// not match its seed.
Result<SecretKey> parse_secret_key(std::string_view text);

// The cost of scrypt when a password protects a minisign secret key; the file records it, so a key
// opens with whatever limits it was made with.
struct KdfLimits {
  std::uint64_t opslimit;
  std::uint64_t memlimit;  // bytes
  bool operator==(const KdfLimits&) const = default;
};
// What `minisign -G` uses (libsodium's _SENSITIVE limits): 1 GiB and a few seconds to open the key.
inline constexpr KdfLimits kKdfLimitsMinisign = {33554432, std::uint64_t{1} << 30};
// libsodium's _INTERACTIVE limits, 16 MiB and a fraction of a second: for tests and throwaway keys.
inline constexpr KdfLimits kKdfLimitsFast = {524288, std::uint64_t{16} << 20};
// A key file asking for more is refused before scrypt runs, so a hostile file cannot make us allocate
// or compute without bound. minisign itself never writes more than kKdfLimitsMinisign.
inline constexpr std::uint64_t kMaxKdfOpslimit = 0xFFFFFFFF;  // 2^32 - 1, libsodium's own maximum
inline constexpr std::uint64_t kMaxKdfMemlimit = std::uint64_t{2} << 30;  // bytes

// The untrusted comment `minisign -G` writes (even on a key without a password).
inline constexpr std::string_view kMinisignSecretKeyComment = "minisign encrypted secret key";

// A minisign secret key file (format above) that stock `minisign -S` reads, trailing newline included:
// encrypted with scrypt at `limits` under `password`, or unencrypted (as `minisign -W`) when there is
// none; an empty password is a password, as in minisign. Errors, not a file, when `untrusted_comment`
// is not one line of at most kMaxUntrustedCommentBytes, when `limits` are below libsodium's minimum or
// above kMaxKdfOpslimit / kMaxKdfMemlimit, or when scrypt fails (out of memory). The text holds the
// secret key, which a weak password protects weakly.
Result<std::string> format_minisign_secret_key(const SecretKey& key, std::optional<std::string_view> password,
                                               KdfLimits limits = kKdfLimitsMinisign,
                                               std::string_view untrusted_comment = kMinisignSecretKeyComment);

// Reverses format_minisign_secret_key() and reads the files `minisign -G` writes. `password` opens an
// encrypted key and is ignored for an unencrypted one. Runs scrypt (up to kMaxKdfMemlimit bytes, and
// seconds to minutes) only for an encrypted key, and only after the format and the file's limits have
// been checked. Each failure its own error, in this order:
//   1. the format         "the secret key file's line 2 is not base64", "... decodes to 74 bytes, a
//                         minisign secret key has 158", "the secret key's key derivation is ..."
//   2. the limits         "the secret key asks scrypt for 4294967296 bytes of memory, more than the
//                         2147483648 allowed"
//   3. a password         "the secret key is protected by a password; none was given"
//   4. the checksum       "wrong password: the key's checksum does not match" (encrypted), or
//                         "the secret key is corrupt: its checksum does not match" (not encrypted)
//   5. the key itself     "the secret key is corrupt: its public half does not match its seed"
Result<SecretKey> parse_minisign_secret_key(std::string_view text, std::optional<std::string_view> password);

// Either secret key file: minisign's (then `password` as for parse_minisign_secret_key()) or the older
// kiosk-feed one (which has no password; `password` is ignored). Errors as those two functions give,
// or "the secret key decodes to 40 bytes; a minisign secret key has 158, a kiosk-feed one 74".
Result<SecretKey> read_secret_key(std::string_view text, std::optional<std::string_view> password);

// True when `text` is a minisign secret key file protected by a password, so a tool knows to ask for
// one before read_secret_key(). False for every other text, malformed ones included: reading those
// needs no password and reports what is wrong. Runs no scrypt.
bool secret_key_is_encrypted(std::string_view text);

}  // namespace kiosk::feed::minisign
