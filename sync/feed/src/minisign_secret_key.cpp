// The secret key files: minisign's own (158 bytes, scrypt-encrypted with a password or not) and
// this project's older unencrypted "Kd" file, which is still read.
#include <sodium.h>

#include "minisign_common.h"

namespace kiosk::feed::minisign {
namespace {

using namespace detail;

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
