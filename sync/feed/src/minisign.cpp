#include "feed/minisign.h"

#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace kiosk::feed::minisign {
namespace {

static_assert(kPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kSecretKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(kSignatureBytes == crypto_sign_BYTES);
static_assert(kPrehashBytes == crypto_generichash_BYTES_MAX);
static_assert(kKdfLimitsMinisign.opslimit == crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE);
static_assert(kKdfLimitsMinisign.memlimit == crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE);
static_assert(kKdfLimitsFast.opslimit == crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE);
static_assert(kKdfLimitsFast.memlimit == crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE);
static_assert(kMaxKdfOpslimit == crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MAX);

using Bytes = std::vector<std::uint8_t>;

constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr std::string_view kSecretKeyComment = "kiosk-feed secret key - keep it secret";
constexpr std::array<std::uint8_t, kAlgorithmBytes> kLegacyAlgorithm = {'E', 'd'};     // also keys
constexpr std::array<std::uint8_t, kAlgorithmBytes> kPrehashedAlgorithm = {'E', 'D'};
constexpr std::array<std::uint8_t, kAlgorithmBytes> kSecretKeyAlgorithm = {'K', 'd'};

// sodium_init() is idempotent and thread-safe, but runs here once. False only if the system offers no
// randomness, in which case libsodium is unusable.
bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

void require_sodium() {
  if (!sodium_ready()) throw std::runtime_error("libsodium could not be initialised (sodium_init failed)");
}

// Zeroes a buffer that held secret material when the scope ends, however it ends.
class WipeOnExit {
 public:
  WipeOnExit(void* data, std::size_t size) : data_(data), size_(size) {}
  ~WipeOnExit() { sodium_memzero(data_, size_); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  void* data_;
  std::size_t size_;
};

std::string to_base64(const std::uint8_t* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// The bytes `text` encodes, or nothing if it is not padded standard base64 with nothing else in it.
std::optional<Bytes> from_base64(std::string_view text) {
  Bytes out(text.size() / 4 * 3 + 3);
  std::size_t size = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

// Lines without their "\n" or "\r\n"; a final newline does not start another line.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string_view trim_whitespace(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

bool starts_with(const Bytes& bytes, const std::array<std::uint8_t, kAlgorithmBytes>& prefix) {
  return bytes.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), bytes.begin());
}

// "\"Ed\"" when printable, else the bytes in hex: for errors about the algorithm bytes at `offset`.
std::string describe_algorithm(const Bytes& bytes, std::size_t offset = 0) {
  const auto first = bytes.begin() + static_cast<std::ptrdiff_t>(offset);
  const bool printable =
      std::all_of(first, first + kAlgorithmBytes, [](std::uint8_t b) { return b >= 0x21 && b <= 0x7e; });
  if (printable) return "\"" + std::string(first, first + kAlgorithmBytes) + "\"";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "bytes 0x";
  for (auto b = first; b != first + kAlgorithmBytes; ++b) (out += kHex[*b >> 4]) += kHex[*b & 15];
  return out;
}

// Why `text` cannot be a comment of at most `max_bytes`, or nothing if it can.
std::optional<std::string> comment_problem(std::string_view text, std::size_t max_bytes) {
  if (text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    return "it contains a carriage return, line feed or NUL byte";
  }
  if (text.size() > max_bytes) {
    return "it is " + std::to_string(text.size()) + " bytes, more than the " + std::to_string(max_bytes) +
           " minisign allows";
  }
  return std::nullopt;
}

template <std::size_t N>
void copy_from(std::array<std::uint8_t, N>& to, const Bytes& from, std::size_t offset) {
  std::copy_n(from.begin() + static_cast<std::ptrdiff_t>(offset), N, to.begin());
}

// The signature file's contents once its format has been checked.
struct ParsedSignature {
  bool prehashed;
  std::array<std::uint8_t, kKeyIdBytes> key_id;
  std::array<std::uint8_t, kSignatureBytes> signature;
  std::string_view trusted_comment;
  std::array<std::uint8_t, kSignatureBytes> global_signature;
};

Error malformed(const std::string& detail) { return make_error("the signature file is malformed: " + detail); }

Result<ParsedSignature> parse_signature_file(std::string_view text) {
  if (text.size() > kMaxSignatureFileBytes) {
    return malformed("it is " + std::to_string(text.size()) + " bytes, more than the " +
                     std::to_string(kMaxSignatureFileBytes) + " a signature file may have");
  }
  const auto lines = split_lines(text);
  if (lines.empty()) return malformed("it is empty");
  if (lines.size() < 4) {
    return malformed("it ends after line " + std::to_string(lines.size()) +
                     "; a minisign signature has 4 lines (untrusted comment, signature, trusted comment, "
                     "global signature)");
  }
  if (lines.size() > 4) return malformed("line 5 is extra; a minisign signature has 4 lines");

  if (!lines[0].starts_with(kUntrustedPrefix)) {
    return malformed("line 1 should start with \"" + std::string(kUntrustedPrefix) + "\"");
  }
  if (auto problem = comment_problem(lines[0].substr(kUntrustedPrefix.size()), kMaxUntrustedCommentBytes)) {
    return malformed("line 1 (the untrusted comment): " + *problem);
  }

  ParsedSignature parsed{};
  const auto blob = from_base64(lines[1]);
  if (!blob) return malformed("line 2 (the signature) is not base64");
  if (blob->size() != kSignatureBlobBytes) {
    return malformed("line 2 (the signature) decodes to " + std::to_string(blob->size()) +
                     " bytes, a minisign signature has " + std::to_string(kSignatureBlobBytes));
  }
  if (starts_with(*blob, kPrehashedAlgorithm)) {
    parsed.prehashed = true;
  } else if (starts_with(*blob, kLegacyAlgorithm)) {
    parsed.prehashed = false;
  } else {
    return malformed("line 2 (the signature) names algorithm " + describe_algorithm(*blob) +
                     "; minisign knows \"ED\" (prehashed) and \"Ed\" (legacy)");
  }
  copy_from(parsed.key_id, *blob, kAlgorithmBytes);
  copy_from(parsed.signature, *blob, kAlgorithmBytes + kKeyIdBytes);

  if (!lines[2].starts_with(kTrustedPrefix)) {
    return malformed("line 3 should start with \"" + std::string(kTrustedPrefix) + "\"");
  }
  parsed.trusted_comment = lines[2].substr(kTrustedPrefix.size());
  if (auto problem = comment_problem(parsed.trusted_comment, kMaxTrustedCommentBytes)) {
    return malformed("line 3 (the trusted comment): " + *problem);
  }

  const auto global = from_base64(lines[3]);
  if (!global) return malformed("line 4 (the global signature) is not base64");
  if (global->size() != kSignatureBytes) {
    return malformed("line 4 (the global signature) decodes to " + std::to_string(global->size()) +
                     " bytes, a signature has " + std::to_string(kSignatureBytes));
  }
  copy_from(parsed.global_signature, *global, 0);
  return parsed;
}

// What the signature covers: the message itself (legacy) or its BLAKE2b-512 (prehashed).
Bytes signed_bytes(std::string_view message, bool prehashed) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(message.data());
  if (!prehashed) return Bytes(data, data + message.size());
  Bytes digest(kPrehashBytes);
  crypto_generichash(digest.data(), digest.size(), data, message.size(), nullptr, 0);
  return digest;
}

// The 64-byte signature followed by the trusted comment: what the global signature covers.
Bytes global_signed_bytes(const std::array<std::uint8_t, kSignatureBytes>& signature, std::string_view comment) {
  Bytes out(signature.begin(), signature.end());
  out.insert(out.end(), comment.begin(), comment.end());
  return out;
}

std::string two_lines(std::string_view comment, const std::string& base64) {
  return std::string(kUntrustedPrefix) + std::string(comment) + "\n" + base64 + "\n";
}

// Decoded bytes of a secret key file, zeroed when destroyed. Move-only, so no copy is left behind.
class SecretBlob {
 public:
  explicit SecretBlob(Bytes bytes) : bytes_(std::move(bytes)) {}
  ~SecretBlob() { sodium_memzero(bytes_.data(), bytes_.size()); }
  SecretBlob(SecretBlob&&) noexcept = default;
  SecretBlob(const SecretBlob&) = delete;
  SecretBlob& operator=(const SecretBlob&) = delete;
  SecretBlob& operator=(SecretBlob&&) = delete;
  Bytes& bytes() { return bytes_; }

 private:
  Bytes bytes_;
};

struct DecodedSecretKeyFile {
  std::string_view comment;  // line 1 without "untrusted comment: "
  SecretBlob blob;           // line 2, decoded
};

// The two lines of either secret key file, the second decoded; the size is the caller's to check.
Result<DecodedSecretKeyFile> decode_secret_key_file(std::string_view text) {
  const auto lines = split_lines(text);
  if (lines.size() != 2) {
    return make_error("the secret key file should have 2 lines, it has " + std::to_string(lines.size()));
  }
  if (!lines[0].starts_with(kUntrustedPrefix)) {
    return make_error("the secret key file's line 1 should start with \"" + std::string(kUntrustedPrefix) + "\"");
  }
  auto blob = from_base64(lines[1]);
  if (!blob) return make_error("the secret key file's line 2 is not base64");
  return DecodedSecretKeyFile{lines[0].substr(kUntrustedPrefix.size()), SecretBlob(std::move(*blob))};
}

// The second half of a libsodium secret key is the public key; it must be the one the seed makes.
bool halves_match(const SecretKey& key) {
  std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
  std::array<std::uint8_t, kSecretKeyBytes> rebuilt{};
  std::array<std::uint8_t, kPublicKeyBytes> public_key{};
  const WipeOnExit wipe_seed(seed.data(), seed.size());
  const WipeOnExit wipe_rebuilt(rebuilt.data(), rebuilt.size());
  crypto_sign_ed25519_sk_to_seed(seed.data(), key.key.data());
  crypto_sign_seed_keypair(public_key.data(), rebuilt.data(), seed.data());
  return std::equal(public_key.begin(), public_key.end(), key.key.begin() + kSecretKeyBytes / 2);
}

// The "Kd" blob of a kiosk-feed secret key file (see minisign.h).
Result<SecretKey> kiosk_secret_key(const Bytes& blob) {
  if (blob.size() != kSecretKeyBlobBytes) {
    return make_error("the secret key decodes to " + std::to_string(blob.size()) +
                      " bytes, a kiosk-feed secret key has " + std::to_string(kSecretKeyBlobBytes));
  }
  if (!starts_with(blob, kSecretKeyAlgorithm)) {
    return make_error("the secret key names algorithm " + describe_algorithm(blob) + ", expected \"Kd\"");
  }
  SecretKey key{};
  copy_from(key.key_id, blob, kAlgorithmBytes);
  copy_from(key.key, blob, kAlgorithmBytes + kKeyIdBytes);
  if (!halves_match(key)) return make_error("the secret key is corrupt: its public half does not match its seed");
  return key;
}

// minisign's secret key blob (see minisign.h): where each field starts.
constexpr std::size_t kKdfAlgorithmAt = 2;
constexpr std::size_t kChecksumAlgorithmAt = 4;
constexpr std::size_t kSaltAt = 6;
constexpr std::size_t kOpslimitAt = kSaltAt + crypto_pwhash_scryptsalsa208sha256_SALTBYTES;  // little-endian u64
constexpr std::size_t kMemlimitAt = kOpslimitAt + 8;                                          // little-endian u64
constexpr std::size_t kKeyIdAt = kMemlimitAt + 8;  // from here to the end: encrypted when there is a password
constexpr std::size_t kSecretKeyAt = kKeyIdAt + kKeyIdBytes;
constexpr std::size_t kChecksumAt = kSecretKeyAt + kSecretKeyBytes;
constexpr std::size_t kChecksumBytes = crypto_generichash_BYTES;  // BLAKE2b-256
constexpr std::size_t kEncryptedBytes = kMinisignSecretKeyBlobBytes - kKeyIdAt;  // 104
static_assert(kChecksumAt + kChecksumBytes == kMinisignSecretKeyBlobBytes);

constexpr std::array<std::uint8_t, kAlgorithmBytes> kScryptKdf = {'S', 'c'};
constexpr std::array<std::uint8_t, kAlgorithmBytes> kNoKdf = {0, 0};
constexpr std::array<std::uint8_t, kAlgorithmBytes> kBlake2bChecksum = {'B', '2'};

bool has_tag_at(const std::uint8_t* blob, std::size_t offset, const std::array<std::uint8_t, kAlgorithmBytes>& tag) {
  return std::equal(tag.begin(), tag.end(), blob + offset);
}

std::uint64_t load_le64(const std::uint8_t* bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 8; i-- > 0;) value = value << 8 | bytes[i];
  return value;
}

void store_le64(std::uint8_t* bytes, std::uint64_t value) {
  for (std::size_t i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

// What is too much about scrypt limits ("4294967296 bytes of memory, more than the 2147483648
// allowed"), or nothing: the bounds that keep a hostile key file from making us allocate or compute
// without end.
std::optional<std::string> excessive_kdf_limits(KdfLimits limits) {
  if (limits.memlimit > kMaxKdfMemlimit) {
    return std::to_string(limits.memlimit) + " bytes of memory, more than the " + std::to_string(kMaxKdfMemlimit) +
           " allowed";
  }
  if (limits.opslimit > kMaxKdfOpslimit) {
    return "opslimit " + std::to_string(limits.opslimit) + ", more than the " + std::to_string(kMaxKdfOpslimit) +
           " allowed";
  }
  return std::nullopt;
}

// minisign's checksum of a secret key blob: BLAKE2b-256 of the signature algorithm, key id and secret key.
void compute_checksum(const std::uint8_t* blob, std::uint8_t* checksum) {
  crypto_generichash_state state;
  const WipeOnExit wipe(&state, sizeof state);
  crypto_generichash_init(&state, nullptr, 0, kChecksumBytes);
  crypto_generichash_update(&state, blob, kAlgorithmBytes);
  crypto_generichash_update(&state, blob + kKeyIdAt, kKeyIdBytes + kSecretKeyBytes);
  crypto_generichash_final(&state, checksum, kChecksumBytes);
}

// XORs key id, secret key and checksum with scrypt of `password` under the blob's salt and limits:
// encrypts them, or decrypts them again. The limits must have passed excessive_kdf_limits().
Status apply_password(std::uint8_t* blob, std::string_view password) {
  std::array<std::uint8_t, kEncryptedBytes> stream{};
  const WipeOnExit wipe(stream.data(), stream.size());
  const std::uint64_t opslimit = load_le64(blob + kOpslimitAt);
  const std::uint64_t memlimit = load_le64(blob + kMemlimitAt);
  if (crypto_pwhash_scryptsalsa208sha256(stream.data(), stream.size(), password.empty() ? "" : password.data(),
                                         password.size(), blob + kSaltAt, opslimit,
                                         static_cast<std::size_t>(memlimit)) != 0) {
    return make_error("scrypt failed with opslimit " + std::to_string(opslimit) + " and memlimit " +
                      std::to_string(memlimit) + " bytes: " + std::strerror(errno));
  }
  for (std::size_t i = 0; i < kEncryptedBytes; ++i) blob[kKeyIdAt + i] ^= stream[i];
  return Status::success();
}

// The key in a decoded minisign secret key file, decrypting the blob in place when it is encrypted.
Result<SecretKey> minisign_secret_key(DecodedSecretKeyFile& file, std::optional<std::string_view> password) {
  if (auto problem = comment_problem(file.comment, kMaxUntrustedCommentBytes)) {
    return make_error("the secret key file's line 1 (the untrusted comment): " + *problem);
  }
  Bytes& bytes = file.blob.bytes();
  if (bytes.size() != kMinisignSecretKeyBlobBytes) {
    return make_error("the secret key decodes to " + std::to_string(bytes.size()) +
                      " bytes, a minisign secret key has " + std::to_string(kMinisignSecretKeyBlobBytes));
  }
  std::uint8_t* blob = bytes.data();
  if (!has_tag_at(blob, 0, kLegacyAlgorithm)) {
    return make_error("the secret key's signature algorithm is " + describe_algorithm(bytes) +
                      ", minisign writes \"Ed\"");
  }
  if (!has_tag_at(blob, kChecksumAlgorithmAt, kBlake2bChecksum)) {
    return make_error("the secret key's checksum algorithm is " + describe_algorithm(bytes, kChecksumAlgorithmAt) +
                      ", minisign writes \"B2\"");
  }
  const bool encrypted = has_tag_at(blob, kKdfAlgorithmAt, kScryptKdf);
  if (!encrypted && !has_tag_at(blob, kKdfAlgorithmAt, kNoKdf)) {
    return make_error("the secret key's key derivation is " + describe_algorithm(bytes, kKdfAlgorithmAt) +
                      ", minisign writes \"Sc\" (scrypt) or two zero bytes (no password)");
  }

  std::array<std::uint8_t, kChecksumBytes> checksum{};
  const WipeOnExit wipe_checksum(checksum.data(), checksum.size());
  if (encrypted) {
    const KdfLimits limits{load_le64(blob + kOpslimitAt), load_le64(blob + kMemlimitAt)};
    if (auto excess = excessive_kdf_limits(limits)) return make_error("the secret key asks scrypt for " + *excess);
    if (!password) return make_error("the secret key is protected by a password; none was given");
    if (auto status = apply_password(blob, *password); !status) return status.error();
    compute_checksum(blob, checksum.data());
    if (sodium_memcmp(checksum.data(), blob + kChecksumAt, kChecksumBytes) != 0) {
      return make_error("wrong password: the key's checksum does not match");
    }
  } else {
    // `minisign -G -W` writes a zero checksum, `minisign -C -W` leaves the valid one.
    compute_checksum(blob, checksum.data());
    if (!sodium_is_zero(blob + kChecksumAt, kChecksumBytes) &&
        sodium_memcmp(checksum.data(), blob + kChecksumAt, kChecksumBytes) != 0) {
      return make_error("the secret key is corrupt: its checksum does not match");
    }
  }
  SecretKey key{};
  copy_from(key.key_id, bytes, kKeyIdAt);
  copy_from(key.key, bytes, kSecretKeyAt);
  if (!halves_match(key)) return make_error("the secret key is corrupt: its public half does not match its seed");
  return key;
}

// The key file text for `blob`, built without leaving copies of the base64 line in freed memory.
std::string secret_key_file(std::string_view comment, const std::uint8_t* blob, std::size_t size) {
  std::string base64 = to_base64(blob, size);
  const WipeOnExit wipe(base64.data(), base64.size());
  std::string out;
  out.reserve(kUntrustedPrefix.size() + comment.size() + base64.size() + 2);
  out.append(kUntrustedPrefix).append(comment).append("\n").append(base64).append("\n");
  return out;
}

}  // namespace

SecretKey::~SecretKey() { sodium_memzero(key.data(), key.size()); }

Result<PublicKey> parse_public_key(std::string_view text) {
  if (!sodium_ready()) return make_error("libsodium could not be initialised (sodium_init failed)");
  const auto lines = split_lines(trim_whitespace(text));
  if (lines.empty()) return make_error("the public key is empty");
  if (lines.size() > 2) {
    return make_error("the public key has " + std::to_string(lines.size()) +
                      " lines; expected the base64 line alone or a 2-line minisign .pub file");
  }
  if (lines.size() == 2 && !lines[0].starts_with(kUntrustedPrefix)) {
    return make_error("the public key file's line 1 should start with \"" + std::string(kUntrustedPrefix) + "\"");
  }
  const auto blob = from_base64(trim_whitespace(lines.back()));
  if (!blob) return make_error("the public key is not base64");
  if (blob->size() != kPublicKeyBlobBytes) {
    return make_error("the public key decodes to " + std::to_string(blob->size()) +
                      " bytes, a minisign public key has " + std::to_string(kPublicKeyBlobBytes));
  }
  if (!starts_with(*blob, kLegacyAlgorithm)) {
    return make_error("the public key's algorithm is not Ed25519 (it names " + describe_algorithm(*blob) +
                      ", minisign writes \"Ed\")");
  }
  PublicKey key{};
  copy_from(key.key_id, *blob, kAlgorithmBytes);
  copy_from(key.key, *blob, kAlgorithmBytes + kKeyIdBytes);
  return key;
}

std::string key_id_hex(const std::array<std::uint8_t, kKeyIdBytes>& id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = id.size(); i-- > 0;) (out += kHex[id[i] >> 4]) += kHex[id[i] & 15];  // little-endian
  return out;
}

std::string public_key_line(const PublicKey& key) {
  std::array<std::uint8_t, kPublicKeyBlobBytes> blob{};
  std::copy(kLegacyAlgorithm.begin(), kLegacyAlgorithm.end(), blob.begin());
  std::copy(key.key_id.begin(), key.key_id.end(), blob.begin() + kAlgorithmBytes);
  std::copy(key.key.begin(), key.key.end(), blob.begin() + kAlgorithmBytes + kKeyIdBytes);
  return to_base64(blob.data(), blob.size());
}

std::string format_public_key(const PublicKey& key) {
  return two_lines("minisign public key " + key_id_hex(key.key_id), public_key_line(key));
}

PublicKey public_key_of(const SecretKey& key) {
  PublicKey out{key.key_id, {}};
  crypto_sign_ed25519_sk_to_pk(out.key.data(), key.key.data());
  return out;
}

Result<Verified> verify(std::string_view message, std::string_view minisig, const std::vector<PublicKey>& keys) {
  if (!sodium_ready()) return make_error("libsodium could not be initialised (sodium_init failed)");
  auto parsed = parse_signature_file(minisig);
  if (!parsed) return parsed.error();
  const ParsedSignature& sig = *parsed;

  std::vector<const PublicKey*> candidates;
  for (const auto& key : keys) {
    if (key.key_id == sig.key_id) candidates.push_back(&key);
  }
  if (candidates.empty()) {
    std::string trusted;
    for (const auto& key : keys) trusted += (trusted.empty() ? "" : ", ") + key_id_hex(key.key_id);
    return make_error("signed by key " + key_id_hex(sig.key_id) + ", which is not among the trusted keys (" +
                      (trusted.empty() ? std::string("none are configured") : trusted) + ")");
  }

  // Key ids are random, so two trusted keys share one only by mistake; then either may have signed.
  const Bytes covered = signed_bytes(message, sig.prehashed);
  const auto signer = std::find_if(candidates.begin(), candidates.end(), [&](const PublicKey* key) {
    return crypto_sign_verify_detached(sig.signature.data(), covered.data(), covered.size(), key->key.data()) == 0;
  });
  if (signer == candidates.end()) return make_error("the signature does not match the content");

  const Bytes global = global_signed_bytes(sig.signature, sig.trusted_comment);
  if (crypto_sign_verify_detached(sig.global_signature.data(), global.data(), global.size(),
                                  (*signer)->key.data()) != 0) {
    return make_error("the trusted comment has been altered");
  }
  return Verified{std::string(sig.trusted_comment), key_id_hex(sig.key_id), sig.prehashed};
}

KeyPair generate_key_pair() {
  require_sodium();
  KeyPair pair{};
  randombytes_buf(pair.secret_key.key_id.data(), pair.secret_key.key_id.size());
  crypto_sign_keypair(pair.public_key.key.data(), pair.secret_key.key.data());
  pair.public_key.key_id = pair.secret_key.key_id;
  return pair;
}

Status check_trusted_comment(std::string_view text) {
  if (auto problem = comment_problem(text, kMaxTrustedCommentBytes)) {
    return make_error("the trusted comment cannot be used: " + *problem);
  }
  return Status::success();
}

std::string sign(std::string_view message, const SecretKey& key, std::string_view trusted_comment,
                 Hashing hashing, std::string_view untrusted_comment) {
  require_sodium();
  if (auto status = check_trusted_comment(trusted_comment); !status) {
    throw std::invalid_argument(status.error().message);
  }
  if (auto problem = comment_problem(untrusted_comment, kMaxUntrustedCommentBytes)) {
    throw std::invalid_argument("the untrusted comment cannot be used: " + *problem);
  }
  const bool prehashed = hashing == Hashing::kPrehashed;

  std::array<std::uint8_t, kSignatureBlobBytes> blob{};
  const auto& algorithm = prehashed ? kPrehashedAlgorithm : kLegacyAlgorithm;
  std::copy(algorithm.begin(), algorithm.end(), blob.begin());
  std::copy(key.key_id.begin(), key.key_id.end(), blob.begin() + kAlgorithmBytes);
  std::array<std::uint8_t, kSignatureBytes> signature{};
  const Bytes covered = signed_bytes(message, prehashed);
  crypto_sign_detached(signature.data(), nullptr, covered.data(), covered.size(), key.key.data());
  std::copy(signature.begin(), signature.end(), blob.begin() + kAlgorithmBytes + kKeyIdBytes);

  std::array<std::uint8_t, kSignatureBytes> global_signature{};
  const Bytes global = global_signed_bytes(signature, trusted_comment);
  crypto_sign_detached(global_signature.data(), nullptr, global.data(), global.size(), key.key.data());

  return two_lines(untrusted_comment, to_base64(blob.data(), blob.size())) + std::string(kTrustedPrefix) +
         std::string(trusted_comment) + "\n" + to_base64(global_signature.data(), global_signature.size()) + "\n";
}

std::string format_secret_key(const SecretKey& key) {
  require_sodium();
  std::array<std::uint8_t, kSecretKeyBlobBytes> blob{};
  const WipeOnExit wipe(blob.data(), blob.size());
  std::copy(kSecretKeyAlgorithm.begin(), kSecretKeyAlgorithm.end(), blob.begin());
  std::copy(key.key_id.begin(), key.key_id.end(), blob.begin() + kAlgorithmBytes);
  std::copy(key.key.begin(), key.key.end(), blob.begin() + kAlgorithmBytes + kKeyIdBytes);
  return two_lines(kSecretKeyComment, to_base64(blob.data(), blob.size()));
}

Result<SecretKey> parse_secret_key(std::string_view text) {
  if (!sodium_ready()) return make_error("libsodium could not be initialised (sodium_init failed)");
  auto file = decode_secret_key_file(text);
  if (!file) return file.error();
  const Bytes& blob = file->blob.bytes();
  if (blob.size() == kMinisignSecretKeyBlobBytes && starts_with(blob, kLegacyAlgorithm)) {
    return make_error("this is a minisign secret key file, not a kiosk-feed one; read_secret_key() reads both");
  }
  return kiosk_secret_key(blob);
}

Result<std::string> format_minisign_secret_key(const SecretKey& key, std::optional<std::string_view> password,
                                               KdfLimits limits, std::string_view untrusted_comment) {
  if (!sodium_ready()) return make_error("libsodium could not be initialised (sodium_init failed)");
  if (auto problem = comment_problem(untrusted_comment, kMaxUntrustedCommentBytes)) {
    return make_error("the untrusted comment cannot be used: " + *problem);
  }
  if (password) {
    if (auto excess = excessive_kdf_limits(limits)) return make_error("the scrypt limits ask for " + *excess);
    if (limits.opslimit < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
        limits.memlimit < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN) {
      return make_error("the scrypt limits (opslimit " + std::to_string(limits.opslimit) + ", memlimit " +
                        std::to_string(limits.memlimit) + " bytes) are below libsodium's minimum (opslimit " +
                        std::to_string(crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN) + ", memlimit " +
                        std::to_string(crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN) + " bytes)");
    }
  }

  // Without a password salt and limits stay zero, as `minisign -G -W` leaves them.
  std::array<std::uint8_t, kMinisignSecretKeyBlobBytes> blob{};
  const WipeOnExit wipe(blob.data(), blob.size());
  std::copy(kLegacyAlgorithm.begin(), kLegacyAlgorithm.end(), blob.begin());
  const auto& kdf = password ? kScryptKdf : kNoKdf;
  std::copy(kdf.begin(), kdf.end(), blob.begin() + kKdfAlgorithmAt);
  std::copy(kBlake2bChecksum.begin(), kBlake2bChecksum.end(), blob.begin() + kChecksumAlgorithmAt);
  std::copy(key.key_id.begin(), key.key_id.end(), blob.begin() + kKeyIdAt);
  std::copy(key.key.begin(), key.key.end(), blob.begin() + kSecretKeyAt);
  compute_checksum(blob.data(), blob.data() + kChecksumAt);
  if (password) {
    randombytes_buf(blob.data() + kSaltAt, crypto_pwhash_scryptsalsa208sha256_SALTBYTES);
    store_le64(blob.data() + kOpslimitAt, limits.opslimit);
    store_le64(blob.data() + kMemlimitAt, limits.memlimit);
    if (auto status = apply_password(blob.data(), *password); !status) return status.error();
  }
  return secret_key_file(untrusted_comment, blob.data(), blob.size());
}

Result<SecretKey> parse_minisign_secret_key(std::string_view text, std::optional<std::string_view> password) {
  if (!sodium_ready()) return make_error("libsodium could not be initialised (sodium_init failed)");
  auto file = decode_secret_key_file(text);
  if (!file) return file.error();
  return minisign_secret_key(*file, password);
}

Result<SecretKey> read_secret_key(std::string_view text, std::optional<std::string_view> password) {
  if (!sodium_ready()) return make_error("libsodium could not be initialised (sodium_init failed)");
  auto file = decode_secret_key_file(text);
  if (!file) return file.error();
  const std::size_t size = file->blob.bytes().size();
  if (size == kMinisignSecretKeyBlobBytes) return minisign_secret_key(*file, password);
  if (size == kSecretKeyBlobBytes) return kiosk_secret_key(file->blob.bytes());
  return make_error("the secret key decodes to " + std::to_string(size) + " bytes; a minisign secret key has " +
                    std::to_string(kMinisignSecretKeyBlobBytes) + ", a kiosk-feed one " +
                    std::to_string(kSecretKeyBlobBytes));
}

bool secret_key_is_encrypted(std::string_view text) {
  if (!sodium_ready()) return false;
  auto file = decode_secret_key_file(text);
  if (!file) return false;
  const Bytes& blob = file->blob.bytes();
  return blob.size() == kMinisignSecretKeyBlobBytes && has_tag_at(blob.data(), kKdfAlgorithmAt, kScryptKdf);
}

}  // namespace kiosk::feed::minisign
