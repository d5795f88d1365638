#include "feed/minisign.h"

#include <sodium.h>

#include "minisign_common.h"

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


using namespace detail;

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

}  // namespace kiosk::feed::minisign
