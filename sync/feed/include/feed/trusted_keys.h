// The keys document (keys.json, format 1): which feed keys a kiosk trusts, signed by an offline root
// key. It lets staff move every kiosk to a new feed key and a fresh version line without touching
// the boards (docs/keys.md), in the spirit of TUF's root metadata.
//
// Published beside feed.json, with its minisign signature keys.json.minisig by a root key (a kiosk
// has the root public keys in kiosk.toml, `sync.root_keys`):
//
//   {
//     "format": 1,
//     "serial": 3,                          1 to 2^63-1; each new document has a higher one
//     "epoch": 2,                           1 to 2^63-1; the version line (see below)
//     "issued": "2026-11-27T10:00:00Z",     when it was signed
//     "feed_keys": ["RWQ..."],              1 to 4 minisign public key lines, distinct key ids
//     "note": "after the key of May leaked" optional, one line of at most 400 characters
//   }
//
// What a kiosk does with it (kiosk-sync; here only reading, writing and checking): it ignores a
// document whose serial is not higher than the one it holds; otherwise it trusts only `feed_keys`
// for feeds, and when `epoch` is higher than the one it holds, it takes the next feed whatever its
// version (the versions start afresh) and forgets the highest `issued` it saw. The numbers stop at
// 2^63-1 because SQLite stores them as signed 64-bit integers.
//
// Parsing is strict as feed.json's is: an unknown field, a wrong type or a broken rule is an error
// naming the field ("keys.json is invalid:\n  feed_keys[1]: ..."), and either a whole document is
// returned or an error. Nothing here throws on untrusted input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "feed/minisign.h"
#include "platform/result.h"

namespace kiosk::feed {

// A keys document larger than this is refused before its signature is checked (a real one is
// under 1 KiB).
inline constexpr std::size_t kMaxKeysDocumentBytes = 64u << 10;
inline constexpr int kKeysDocumentFormat = 1;
inline constexpr std::size_t kMaxFeedKeys = 4;
inline constexpr std::size_t kMaxKeysNoteChars = 400;  // Unicode code points
// The largest serial and epoch: what an SQLite integer holds.
inline constexpr std::uint64_t kMaxKeysCounter = std::numeric_limits<std::int64_t>::max();

struct TrustedKeys {
  std::uint64_t serial = 0;
  std::uint64_t epoch = 0;
  std::int64_t issued = 0;  // unix seconds
  std::vector<minisign::PublicKey> feed_keys;
  std::string note;  // "" when there is none
  bool operator==(const TrustedKeys&) const = default;
};

// What a kiosk calls. Checks, in this order, each failure its own error:
//   1. the size            "keys.json is 70000 bytes, larger than the limit of 65536"
//   2. the signature       "keys.json.minisig: signed by key <ID>, which is not among the trusted keys
//                          (<ROOT IDS>)", "keys.json.minisig: the signature does not match the content"
//   3. the document        as parse_trusted_keys()
// Nothing of `json_text` is parsed before its signature by one of `root_keys` is good.
Result<TrustedKeys> verify_trusted_keys(std::string_view json_text, std::string_view minisig,
                                        const std::vector<minisign::PublicKey>& root_keys);

// Reads a document without checking any signature: for the staff tool reading its own published
// folder when it has no root key at hand. A kiosk must use verify_trusted_keys().
Result<TrustedKeys> parse_trusted_keys(std::string_view json_text);

// Ok when `keys` follows every rule above (what parse_trusted_keys() accepts), else an error
// listing each broken rule with its field.
Status check_trusted_keys(const TrustedKeys& keys);

// The document as keys.json holds it, 2-space indented, trailing newline included; parsing it gives
// `keys` back. Precondition: check_trusted_keys(keys) is ok (an invalid UTF-8 note would throw).
std::string to_json(const TrustedKeys& keys);

}  // namespace kiosk::feed
