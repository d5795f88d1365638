// kiosk-feed verify: a published feed checked as a kiosk checks it, by running the kiosk's own
// sync into a throwaway cache: signature, version, expiry, every picture's size and hash.
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli.h"
#include "feed/feed_json.h"
#include "feed/trusted_keys.h"
#include "fetch/curl_client.h"
#include "platform/log.h"
#include "syncer/syncer.h"

namespace kiosk::feedtool {
namespace {

namespace fs = std::filesystem;

// A folder in the temp directory, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "kiosk-feed-verify-XXXXXX").string();
    if (::mkdtemp(pattern.data())) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

syncer::Receiver into(std::string* out) {
  return {[out](std::string_view bytes) {
            out->append(bytes);
            return true;
          },
          [out] { out->clear(); }};
}

// OUT's keys.json, when it has one: the feed keys kiosks that fetch it trust.
struct PublishedKeys {
  feed::TrustedKeys keys;
  bool root_checked;  // verified with --root-key-pub, as a kiosk verifies it
};

Result<std::optional<PublishedKeys>> read_published_keys(const fs::path& dir, const std::optional<feed::minisign::PublicKey>& root) {
  std::error_code ec;
  if (!fs::exists(dir / "keys.json", ec)) return std::optional<PublishedKeys>{};
  auto text = read_small_file((dir / "keys.json").string(), "the keys document", feed::kMaxKeysDocumentBytes);
  if (!text) return text.error();
  if (!root) {
    auto keys = feed::parse_trusted_keys(*text);
    if (!keys) return keys.error();
    return std::optional<PublishedKeys>(PublishedKeys{.keys = std::move(*keys), .root_checked = false});
  }
  auto signature = read_small_file((dir / "keys.json.minisig").string(), "the keys document's signature",
                                   feed::minisign::kMaxSignatureFileBytes);
  if (!signature) return signature.error();
  auto keys = feed::verify_trusted_keys(*text, *signature, {*root});
  if (!keys) return keys.error();
  return std::optional<PublishedKeys>(PublishedKeys{.keys = std::move(*keys), .root_checked = true});
}

int refused(const std::string& where, const std::string& reason, const std::vector<std::string>& log = {}) {
  // What the kiosk's sync code said on its way, for whoever has to find out more.
  for (const auto& line : log) std::fprintf(stderr, "  %s\n", line.c_str());
  if (stdout_is_tty()) {
    std::printf("REFUSED: a kiosk would not take the feed at %s:\n  %s\n", where.c_str(), reason.c_str());
  } else {
    std::printf("result=refused\nreason=%s\n", reason.c_str());
  }
  return kFailed;
}

}  // namespace

int verify(const Args& args) {
  std::string target = args.positional[0];
  const bool url = target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0;
  std::optional<feed::minisign::PublicKey> pubkey, root_key;
  for (auto [option, key] : {std::pair{"--pubkey", &pubkey}, std::pair{"--root-key-pub", &root_key}}) {
    if (const auto given = args.option(option)) {
      auto loaded = load_public_key(*given, option);
      if (!loaded) {
        std::fprintf(stderr, "kiosk-feed verify: %s\n", loaded.error().message.c_str());
        return kUsage;
      }
      *key = *loaded;
    }
  }
  if (root_key && url) {
    std::fprintf(stderr, "kiosk-feed verify: --root-key-pub checks the keys.json of a published folder; for a URL, give --pubkey\n");
    return kUsage;
  }
  if (!pubkey && !root_key) {
    std::fprintf(stderr, "kiosk-feed verify: give --pubkey, the .pub file or the \"RW...\" line the kiosks trust, or "
                         "--root-key-pub to trust the feed keys the folder's keys.json lists\n");
    return kUsage;
  }
  if (url && target.back() == '/') target += "feed.json";  // the folder's address
  std::unique_ptr<fetch::CurlLibrary> curl;
  std::unique_ptr<fetch::CurlClient> client;
  std::unique_ptr<syncer::Source> source;
  std::optional<PublishedKeys> published_keys;
  if (url) {
    curl = std::make_unique<fetch::CurlLibrary>();
    client = std::make_unique<fetch::CurlClient>(fetch::CurlOptions{std::chrono::seconds(15), 100, std::chrono::seconds(30), 3,
                                                                    "kiosk-feed/" KIOSK_VERSION});
    syncer::RetryPolicy once;
    once.max_attempts = 1;
    source = std::make_unique<syncer::HttpSource>(target, *client, [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); },
                                                  once);
  } else {
    std::error_code ec;
    const fs::path dir = fs::is_directory(target, ec) ? fs::path(target) : fs::path(target).parent_path();
    if (!fs::exists(dir / "feed.json", ec)) {
      std::fprintf(stderr, "kiosk-feed verify: no feed.json in %s\n", dir.c_str());
      return kFailed;
    }
    source = std::make_unique<syncer::DirectorySource>(dir.string());
    auto read = read_published_keys(dir, root_key);
    if (!read) return refused(target, read.error().message);
    published_keys = std::move(*read);
  }
  if (!published_keys && !pubkey) return refused(target, "there is no keys.json to take the feed keys from; give --pubkey");
  // As a kiosk: the keys the root-signed keys.json lists, else the one it was given.
  const std::vector<feed::minisign::PublicKey> feed_keys =
      published_keys && published_keys->root_checked && !pubkey ? published_keys->keys.feed_keys
                                                                 : std::vector<feed::minisign::PublicKey>{*pubkey};

  // The signature first, for the key id and a precise reason.
  std::string manifest, signature;
  const auto got = source->manifest("", "", feed::kMaxManifestBytes, into(&manifest));
  if (got.error != syncer::SourceError::kNone) return refused(target, "the manifest: " + got.message);
  const auto got_sig = source->signature(feed::minisign::kMaxSignatureFileBytes, into(&signature));
  if (got_sig.error != syncer::SourceError::kNone) return refused(target, "the signature: " + got_sig.message);
  auto verified = feed::minisign::verify(manifest, signature, feed_keys);
  if (!verified) return refused(target, "signature: " + verified.error().message);
  bool key_listed = false;
  if (published_keys) {
    const auto& listed = published_keys->keys.feed_keys;
    key_listed = feed::minisign::verify(manifest, signature, listed).ok();
    if (published_keys->root_checked && !key_listed) {
      return refused(target, "the feed is signed by key " + verified->key_id + ", which keys.json (serial " +
                                 std::to_string(published_keys->keys.serial) + ") does not list (" + key_ids(listed) +
                                 "): kiosks that hold it refuse the feed");
    }
  }

  // Then everything else, by the kiosk's own code.
  ScratchDir scratch;
  if (scratch.path().empty()) return refused(target, "cannot make a temporary folder");
  syncer::Settings settings{scratch.path() + "/content.db", scratch.path() + "/objects", feed_keys, {}};
  SystemClock clock;
  std::vector<std::string> log_lines;
  log::set_sink([&](log::Level, std::string_view line) { log_lines.emplace_back(line); });
  const auto report = syncer::sync_once(settings, *source, clock);
  log::set_sink({});
  if (report.outcome != syncer::Outcome::kUpdated) return refused(target, report.message, log_lines);
  auto feed = feed::parse_feed(manifest);
  if (!feed) return refused(target, feed.error().message);

  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(clock.wall().time_since_epoch()).count();
  const long long days = (feed->expires - now + 43200) / 86400;  // to the nearest day
  std::uint64_t picture_bytes = 0;
  for (const auto& a : feed->assets) picture_bytes += a.size;
  const auto& c = feed->content;
  if (stdout_is_tty()) {
    std::printf("Checked %s as a kiosk would:\n", target.c_str());
    std::printf("  signature  good, by key %s\n", verified->key_id.c_str());
    std::printf("  version    %llu, issued %s\n", static_cast<unsigned long long>(feed->version), human_time(feed->issued).c_str());
    std::printf("  expires    %s, in %lld day%s%s\n", human_time(feed->expires).c_str(), days, days == 1 ? "" : "s",
                days < 3 ? " -- publish a new build soon, or kiosks will show the content as out of date" : "");
    std::printf("  content    %zu areas, %zu national counts, %zu criteria, %zu milestones, %zu results\n", c.areas.size(),
                c.national_counts.size(), c.criteria.size(), c.milestones.size(), c.results.size());
    std::printf("  pictures   %zu, each with the right size and hash (%s)\n", feed->assets.size(), human_bytes(picture_bytes).c_str());
    if (published_keys) {
      const auto& keys = published_keys->keys;
      std::printf("  keys.json  serial %llu, epoch %llu, %s; lists feed key%s %s, %s\n",
                  static_cast<unsigned long long>(keys.serial), static_cast<unsigned long long>(keys.epoch),
                  published_keys->root_checked ? "signed by the root key" : "NOT checked (give --root-key-pub)",
                  keys.feed_keys.size() == 1 ? "" : "s", key_ids(keys.feed_keys).c_str(),
                  key_listed ? "the feed's among them" : "NOT the feed's: kiosks that hold it will refuse this feed");
    }
    std::printf("OK: a kiosk that trusts this key would show version %llu.\n", static_cast<unsigned long long>(feed->version));
  } else {
    std::printf("result=ok\nversion=%llu\nkey_id=%s\nissued=%s\nexpires=%s\nresults=%zu\npictures=%zu\npicture_bytes=%llu\n",
                static_cast<unsigned long long>(feed->version), verified->key_id.c_str(), feed::format_timestamp(feed->issued).c_str(),
                feed::format_timestamp(feed->expires).c_str(), c.results.size(), feed->assets.size(),
                static_cast<unsigned long long>(picture_bytes));
    if (published_keys) {
      std::printf("keys_serial=%llu\nkeys_epoch=%llu\nkeys_root_checked=%s\nkeys_feed_keys=%s\nfeed_key_listed=%s\n",
                  static_cast<unsigned long long>(published_keys->keys.serial),
                  static_cast<unsigned long long>(published_keys->keys.epoch), published_keys->root_checked ? "yes" : "no",
                  key_ids(published_keys->keys.feed_keys).c_str(), key_listed ? "yes" : "no");
    }
  }
  return kOk;
}

}  // namespace kiosk::feedtool
