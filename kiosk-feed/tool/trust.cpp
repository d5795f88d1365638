// kiosk-feed trust: signs a new keys document (keys.json, feed/trusted_keys.h) with the offline root
// key and puts it beside the published feed, so that every kiosk moves to other feed keys, and with
// --new-epoch to a fresh version line, without anyone touching it (docs/keys.md).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>

#include "cli.h"
#include "feed/feed_json.h"
#include "feed/trusted_keys.h"

namespace kiosk::feedtool {
namespace {

namespace fs = std::filesystem;
namespace ms = feed::minisign;

constexpr const char* kKeysFile = "keys.json";
constexpr const char* kKeysSignatureFile = "keys.json.minisig";

enum class VersionLine { kKeep, kStartNew };

int failed(const std::string& message) {
  std::fprintf(stderr, "kiosk-feed trust: %s\n", message.c_str());
  return kFailed;
}

// What OUT holds before this run.
struct Published {
  std::string manifest;
  std::string manifest_signature;
  std::optional<std::string> keys;            // keys.json
  std::optional<std::string> keys_signature;  // keys.json.minisig
};

Result<std::optional<std::string>> read_if_present(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<std::string>{};
  auto text = read_small_file(path.string(), "the file", max_bytes);
  if (!text) return text.error();
  return std::optional<std::string>(std::move(*text));
}

Result<Published> read_published(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out / "feed.json", ec)) {
    return make_error("no feed.json in " + out.string() +
                      ": keys.json goes beside a published feed, and a build replaces a folder without one; build "
                      "into it first");
  }
  Published published;
  auto manifest = read_small_file((out / "feed.json").string(), "the feed", feed::kMaxManifestBytes);
  if (!manifest) return manifest.error();
  published.manifest = std::move(*manifest);
  auto signature = read_small_file((out / "feed.json.minisig").string(), "the feed's signature", ms::kMaxSignatureFileBytes);
  if (!signature) return signature.error();
  published.manifest_signature = std::move(*signature);
  auto keys = read_if_present(out / kKeysFile, feed::kMaxKeysDocumentBytes);
  if (!keys) return keys.error();
  auto keys_signature = read_if_present(out / kKeysSignatureFile, ms::kMaxSignatureFileBytes);
  if (!keys_signature) return keys_signature.error();
  if (keys->has_value() != keys_signature->has_value()) {
    return make_error(out.string() + " holds " + (keys->has_value() ? kKeysFile : kKeysSignatureFile) + " without " +
                      (keys->has_value() ? kKeysSignatureFile : kKeysFile) +
                      "; restore the pair from a copy of the published folder");
  }
  published.keys = std::move(*keys);
  published.keys_signature = std::move(*keys_signature);
  return published;
}

// The document after `current` (nothing: the first one), or why there cannot be one. The rules
// beyond the format's tie a version line to its keys: a kiosk that starts a new line takes the
// next feed whatever its version, so neither a key trusted before nor the feed published now may
// start it; and a document that keeps the line must trust the key of the feed published now, or
// kiosks would refuse it. kiosk-feed build relies on this: a published feed signed by none of the
// listed keys means a new line has begun.
Result<feed::TrustedKeys> next_document(const std::optional<feed::TrustedKeys>& current, const Published& published,
                                        feed::TrustedKeys next, VersionLine line) {
  next.serial = current ? current->serial + 1 : 1;
  // Kiosks count epochs 0 (no keys.json yet) and 1 as one version line, so a first document that
  // starts a new line has epoch 2.
  next.epoch = (!current ? 1 : current->epoch) + (line == VersionLine::kStartNew ? 1 : 0);
  const auto signer = ms::verify(published.manifest, published.manifest_signature, next.feed_keys);
  if (line == VersionLine::kStartNew) {
    const auto trusted_now = [&](const ms::PublicKey& key) {
      return current && std::find(current->feed_keys.begin(), current->feed_keys.end(), key) != current->feed_keys.end();
    };
    for (const auto& key : next.feed_keys) {
      if (trusted_now(key)) {
        return make_error("--new-epoch starts a new version line, but feed key " + ms::key_id_hex(key.key_id) +
                          " is trusted now too, so a feed it signed before could start the new line; make a new "
                          "feed key with kiosk-feed keygen (docs/keys.md)");
      }
    }
    if (signer) {
      return make_error("--new-epoch starts a new version line, but the published feed.json is signed by feed key " +
                        signer->key_id + ", which this document lists: kiosks would take that feed as the first of "
                        "the new line. Make a new feed key with kiosk-feed keygen (docs/keys.md)");
    }
  } else if (!signer) {
    return make_error("the published feed.json does not verify with the listed feed keys (" + signer.error().message +
                      "), so kiosks would refuse it until the next build. Build with a listed key first, or give "
                      "--new-epoch to start a new version line with new keys (docs/keys.md)");
  }
  return next;
}

// Both files are written under temporary names in OUT and flushed; then keys.json is renamed into
// place and at once its signature. A reader that fetches keys.json and then keys.json.minisig gets a
// mismatched pair only if its two requests straddle those two renames (or fall between them); the
// signature then does not match, and kiosk-sync fetches the pair once more. Renaming the signature
// first would also catch every reader whose first request came before the renames and whose second
// came after the first of them.
Status publish_pair(const fs::path& out, const std::string& document, const std::string& signature) {
  const std::string suffix = ".tmp-" + std::to_string(::getpid());
  const fs::path document_temp = out / ("." + std::string(kKeysFile) + suffix);
  const fs::path signature_temp = out / ("." + std::string(kKeysSignatureFile) + suffix);
  const auto clean_up = [&] {
    std::error_code ignored;
    fs::remove(document_temp, ignored);
    fs::remove(signature_temp, ignored);
  };
  if (auto s = write_new_file(document_temp, document, 0644); !s) {
    clean_up();
    return s;
  }
  if (auto s = write_new_file(signature_temp, signature, 0644); !s) {
    clean_up();
    return s;
  }
  std::error_code ec;
  fs::rename(document_temp, out / kKeysFile, ec);
  if (ec) {
    clean_up();
    return make_error("cannot rename " + document_temp.string() + " into place: " + ec.message() + "; nothing changed");
  }
  fs::rename(signature_temp, out / kKeysSignatureFile, ec);
  if (ec) {
    clean_up();
    return make_error("keys.json is new but its signature could not be renamed into place (" + ec.message() +
                      "): kiosks refuse the pair until kiosk-feed trust runs again");
  }
  return {};
}

}  // namespace

int trust(const Args& args) {
  const fs::path out = fs::absolute(args.positional[0]).lexically_normal();
  const auto root_key_path = args.option("--root-key");
  if (!root_key_path) {
    std::fprintf(stderr, "kiosk-feed trust: give --root-key, the offline root key's secret key file\n");
    return kUsage;
  }
  const auto feed_key_args = args.option_values("--feed-key");
  if (feed_key_args.empty() || feed_key_args.size() > feed::kMaxFeedKeys) {
    std::fprintf(stderr, "kiosk-feed trust: give --feed-key 1 to %zu times, each a .pub file or \"RW...\" line\n",
                 feed::kMaxFeedKeys);
    return kUsage;
  }
  std::vector<ms::PublicKey> feed_keys, other_roots;
  for (const auto& arg : feed_key_args) {
    auto key = load_public_key(arg, "--feed-key");
    if (!key) return failed(key.error().message);
    feed_keys.push_back(*key);
  }
  for (const auto& arg : args.option_values("--root-key-pub")) {
    auto key = load_public_key(arg, "--root-key-pub");
    if (!key) return failed(key.error().message);
    other_roots.push_back(*key);
  }
  const VersionLine line = args.flag("--new-epoch") ? VersionLine::kStartNew : VersionLine::kKeep;
  const std::string untouched = "\nNothing was written; " + out.string() + " is as it was.";

  // Everything that needs no password first: the keys, the note, the folder.
  const std::int64_t now = std::time(nullptr);
  const feed::TrustedKeys draft{.serial = 1, .epoch = 1, .issued = now, .feed_keys = feed_keys,
                                .note = args.option("--note").value_or("")};
  if (auto valid = feed::check_trusted_keys(draft); !valid) return failed(valid.error().message + untouched);
  auto published = read_published(out);
  if (!published) return failed(published.error().message + untouched);
  auto root = load_secret_key(args, *root_key_path, now);
  if (!root) return failed(root.error().message + untouched);
  const ms::PublicKey root_public = ms::public_key_of(*root);
  if (std::find(feed_keys.begin(), feed_keys.end(), root_public) != feed_keys.end()) {
    return failed("the root key must not also be a feed key: it is kept offline and signs only keys.json" + untouched);
  }

  std::optional<feed::TrustedKeys> current;
  if (published->keys) {
    std::vector<ms::PublicKey> roots = other_roots;
    roots.push_back(root_public);
    auto verified = feed::verify_trusted_keys(*published->keys, *published->keys_signature, roots);
    if (!verified) {
      return failed("the keys.json published in " + out.string() + " does not verify with the root key (" +
                    verified.error().message + "); sign with the root key that signed it, or name that one with "
                    "--root-key-pub when kiosks trust both" + untouched);
    }
    current = std::move(*verified);
  }
  auto next = next_document(current, *published, draft, line);
  if (!next) return failed(next.error().message + untouched);
  if (auto valid = feed::check_trusted_keys(*next); !valid) return failed(valid.error().message + untouched);

  const std::string document = feed::to_json(*next);
  const std::string signature = ms::sign(document, *root,
                                         "kiosk keys serial " + std::to_string(next->serial) + " epoch " +
                                             std::to_string(next->epoch) + " issued " + feed::format_timestamp(now));
  if (auto s = publish_pair(out, document, signature); !s) return failed(s.error().message);

  const bool new_line = line == VersionLine::kStartNew;
  if (stdout_is_tty()) {
    std::printf("Signed %s/keys.json with root key %s: serial %llu, epoch %llu%s.\n", out.c_str(),
                ms::key_id_hex(root_public.key_id).c_str(), static_cast<unsigned long long>(next->serial),
                static_cast<unsigned long long>(next->epoch), new_line ? " (a new version line)" : "");
    std::printf("Kiosks that fetch it trust only feed key%s %s.\n", next->feed_keys.size() == 1 ? "" : "s",
                key_ids(next->feed_keys).c_str());
    if (new_line) {
      std::printf("Now build with the new key and --version 1, then publish the whole folder.\n");
    } else {
      std::printf("Publish the whole folder; later builds keep keys.json.\n");
    }
  } else {
    std::printf("out=%s\nserial=%llu\nepoch=%llu\nnew_epoch=%s\nfeed_keys=%s\nroot_key=%s\n", out.c_str(),
                static_cast<unsigned long long>(next->serial), static_cast<unsigned long long>(next->epoch),
                new_line ? "yes" : "no", key_ids(next->feed_keys).c_str(), ms::key_id_hex(root_public.key_id).c_str());
  }
  return kOk;
}

}  // namespace kiosk::feedtool
