// The keys document (keys.json): the strict reader never crashes, every refusal says why, what it
// accepts follows every rule and writes back to itself, and nothing verifies against a root key the
// fuzzer does not have.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "feed/trusted_keys.h"

namespace feed = kiosk::feed;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > feed::kMaxKeysDocumentBytes) return 0;  // refused by size before parsing, everywhere
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const auto root = feed::minisign::generate_key_pair();

  if (auto keys = feed::parse_trusted_keys(text)) {
    if (!feed::check_trusted_keys(*keys)) std::abort();
    auto again = feed::parse_trusted_keys(feed::to_json(*keys));
    if (!again || !(*again == *keys)) std::abort();
  } else if (keys.error().message.empty()) {
    std::abort();
  }
  if (feed::verify_trusted_keys(text, text, {root.public_key})) std::abort();
  return 0;
}
