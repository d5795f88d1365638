// Which feed keys a run trusts, and in which version line (epoch): from the keys document an offline
// root key signed (keys.json, docs/keys.md) when the kiosk has root keys, else from the configuration.
// Private to the syncer.
#pragma once

#include <cstdint>
#include <vector>

#include "cache/cache.h"
#include "feed/minisign.h"
#include "platform/result.h"
#include "syncer/source.h"

namespace kiosk::syncer {

struct Trust {
  std::vector<feed::minisign::PublicKey> feed_keys;
  std::uint64_t epoch = 0;  // 0: no keys document was ever accepted
};

// Without root keys: the configured keys. With them: fetches keys.json and its signature, and keeps
// a document whose serial is higher than the one held (stored in the cache); then trusts the feed
// keys of the held document, or the configured keys when there is none. A keys.json that cannot be
// fetched or does not verify is logged and changes nothing: the feed is then checked as before.
// An error only when the cache cannot be read or written.
Result<Trust> trusted_feed_keys(cache::Cache& cache, const std::vector<feed::minisign::PublicKey>& root_keys,
                                const std::vector<feed::minisign::PublicKey>& configured, Source& source);

}  // namespace kiosk::syncer
