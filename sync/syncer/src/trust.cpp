#include "trust.h"

#include <optional>
#include <string>

#include "feed/trusted_keys.h"
#include "platform/log.h"

namespace kiosk::syncer {

namespace {

std::string key_list(const std::vector<feed::minisign::PublicKey>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + feed::minisign::key_id_hex(k.key_id);
  return out;
}

Receiver into(std::string& out) {
  return {[&out](std::string_view b) {
            out.append(b);
            return true;
          },
          [&out] { out.clear(); }};
}

// keys.json and its signature as published now; nullopt (logged) when they cannot be had or do not
// verify. A pair caught mid-publish is fetched once more.
std::optional<std::pair<feed::TrustedKeys, cache::TrustRecord>> fetch_document(
    const std::vector<feed::minisign::PublicKey>& root_keys, Source& source) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string document, signature;
    const Fetched d = source.sibling("keys.json", feed::kMaxKeysDocumentBytes, into(document));
    if (d.error == SourceError::kMissing) return std::nullopt;  // none published: nothing changes
    if (d.error != SourceError::kNone) {
      log::warning("keys.json: " + d.message + "; keeping the trusted keys as they are");
      return std::nullopt;
    }
    const Fetched s = source.sibling("keys.json.minisig", feed::minisign::kMaxSignatureFileBytes, into(signature));
    if (s.error != SourceError::kNone) {
      log::warning("keys.json.minisig: " + (s.message.empty() ? std::string("missing") : s.message) +
                   "; keeping the trusted keys as they are");
      return std::nullopt;
    }
    auto verified = feed::verify_trusted_keys(document, signature, root_keys);
    if (verified) return std::make_pair(*verified, cache::TrustRecord{verified->serial, verified->epoch, document, signature});
    if (attempt == 0 && source.may_change_while_read()) continue;
    log::error("keys.json refused: " + verified.error().message + "; keeping the trusted keys as they are");
  }
  return std::nullopt;
}

}  // namespace

Result<Trust> trusted_feed_keys(cache::Cache& cache, const std::vector<feed::minisign::PublicKey>& root_keys,
                                const std::vector<feed::minisign::PublicKey>& configured, Source& source) {
  auto stored = cache.trust();
  if (!stored) return stored.error();
  if (root_keys.empty()) {
    // No root keys (any more): the configuration says which keys; the version line stays where it is.
    return Trust{configured, *stored ? (*stored)->epoch : 0};
  }
  std::optional<feed::TrustedKeys> held;
  if (*stored) {
    // Checked again on every run: a damaged copy is never trusted.
    auto again = feed::verify_trusted_keys((*stored)->document, (*stored)->signature, root_keys);
    if (again) {
      held = *again;
    } else {
      log::error("the stored keys document no longer verifies (" + again.error().message + "); ignoring it");
    }
  }
  if (auto published = fetch_document(root_keys, source)) {
    const auto& [doc, record] = *published;
    if (!held || doc.serial > held->serial) {
      if (auto s = cache.set_trust(record); !s) return s.error();
      log::info("keys.json serial " + std::to_string(doc.serial) + " accepted: trusting feed keys " + key_list(doc.feed_keys) +
                " (epoch " + std::to_string(doc.epoch) + (held && doc.epoch > held->epoch ? ", a new version line" : "") + ")");
      held = doc;
    } else if (doc.serial < held->serial) {
      log::warning("keys.json serial " + std::to_string(doc.serial) + " is older than the one held (" +
                   std::to_string(held->serial) + "); ignored");
    }
  }
  if (!held) return Trust{configured, 0};
  return Trust{held->feed_keys, held->epoch};
}

}  // namespace kiosk::syncer
