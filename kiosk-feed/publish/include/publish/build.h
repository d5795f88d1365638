// kiosk-feed build: a source folder -> a published folder a web server serves as it is:
//
//   OUT/feed.json          the manifest (docs/feed-format.md)
//   OUT/feed.json.minisig  its minisign signature
//   OUT/objects/<sha256>   the pictures, scaled for the largest screen
//
// OUT is never half-written: everything is built in a folder beside it, and then swapped in with
// one rename (renameat2 RENAME_EXCHANGE), so a web server, or rsync of OUT, sees the old feed or
// the new one. On any error OUT is left as it was.
//
// Objects that leave the feed stay in OUT/objects for a while (keep_old_objects, 7 days unless
// told otherwise): a kiosk that read the previous feed.json just before the swap still finds every
// object it lists. OUT/.kiosk-feed-retired records when each left; the first build after that
// time leaves it out.
//
// A build publishes only what a kiosk takes: besides model::validate, a manifest of at most
// feed::kMaxManifestBytes and pictures prepare_picture() accepts.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "feed/minisign.h"
#include "model/content.h"
#include "platform/clock.h"
#include "platform/result.h"

namespace kiosk::publish {

inline constexpr std::chrono::seconds kDefaultKeepOldObjects = std::chrono::hours(7 * 24);

struct BuildOptions {
  std::string source_dir;
  std::string out_dir;
  std::optional<int> expires_days;        // overrides content.toml's [feed] expires_days
  std::optional<std::uint64_t> version;   // default: OUT's version + 1, or 1
  WallTime now;                           // issued; its local date is "today" for the dates' warnings
  std::chrono::seconds keep_old_objects = kDefaultKeepOldObjects;  // 0: drop them at once
  // Called as pictures are prepared: (done, total). For a progress bar.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct BuildReport {
  std::uint64_t version = 0;
  std::int64_t issued = 0;
  std::int64_t expires = 0;
  std::size_t areas = 0;
  std::size_t results = 0;
  std::size_t pictures = 0;
  std::size_t pictures_scaled = 0;
  std::uint64_t bytes = 0;  // manifest + signature + objects
  std::size_t old_objects_kept = 0;     // objects of earlier feeds still published
  std::size_t old_objects_dropped = 0;  // objects of earlier feeds removed by this build
};

// The feed a build would publish, not yet signed or written: for previews.
struct Assembled {
  model::Feed feed;
  std::string manifest;                        // `feed` as feed.json, checked against kMaxManifestBytes
  std::map<std::string, std::string> objects;  // sha256 -> the picture's bytes
  std::size_t pictures_scaled = 0;
  // What is most likely a mistake in the source folder but may be meant, "results/x.txt:7: ..."
  // (source::SourceFolder::warnings); for the person building. A refusal lists them after its
  // problems, each as "warning: ...".
  std::vector<std::string> warnings;
};
Result<Assembled> assemble_feed(const BuildOptions& options);

// assemble_feed() then write_feed().
Result<BuildReport> build_feed(const BuildOptions& options, const feed::minisign::SecretKey& key);

// Signs `assembled` and swaps it in as `out_dir` (see the top of this file), keeping the objects of
// earlier feeds that left less than `keep_old_objects` before the feed's issued time.
Result<BuildReport> write_feed(const Assembled& assembled, const std::string& out_dir,
                               const feed::minisign::SecretKey& key,
                               std::chrono::seconds keep_old_objects);

// Writes objects/<sha256> files into `dir` (created), each flushed to the disk.
Status write_objects(const std::string& dir, const std::map<std::string, std::string>& objects);

// The version of the feed published in `out_dir`, or nothing when there is none. An error when
// there is a feed.json that cannot be read.
Result<std::optional<std::uint64_t>> published_version(const std::string& out_dir);

}  // namespace kiosk::publish
