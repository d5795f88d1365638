// The minisign parsers: public keys, signature files (verified against a fixed key) and secret key
// files, in both formats. Untrusted text never crashes them, and errors say why. The secret key
// is parsed without a password, so no scrypt runs (a file's limits could ask for 2 GiB).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "feed/minisign.h"

namespace ms = kiosk::feed::minisign;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > ms::kMaxSignatureFileBytes) return 0;  // refused by size before parsing, everywhere
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const ms::KeyPair pair = ms::generate_key_pair();

  if (auto key = ms::parse_public_key(text)) {
    // What parses formats back to something that parses to the same key.
    auto again = ms::parse_public_key(ms::format_public_key(*key));
    if (!again || !(*again == *key)) std::abort();
  } else if (key.error().message.empty()) {
    std::abort();
  }
  // The message is the input itself: a signature that verifies must have been made by our key,
  // which the fuzzer cannot do.
  if (auto verified = ms::verify(text, text, {pair.public_key})) std::abort();
  if (auto secret = ms::read_secret_key(text, std::nullopt)) {
    if (ms::secret_key_is_encrypted(text)) std::abort();  // needed a password it was not given
  }
  return 0;
}
