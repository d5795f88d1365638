#include "publish/build.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "feed/feed_json.h"
#include "feed/hash.h"
#include "feed/trusted_keys.h"
#include "model/validate.h"
#include "platform/files.h"
#include "publish/diff.h"
#include "publish/pictures.h"
#include "retired_objects.h"
#include "source/source_folder.h"

namespace kiosk::publish {
namespace {

namespace fs = std::filesystem;

// Written and flushed to the disk before the folder is swapped in.
Status write_synced(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return make_error("cannot write " + path.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      return make_error("cannot write " + path.string() + ": " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return make_error("cannot write " + path.string() + " to the disk: " + std::strerror(errno));
  return {};
}

// "content.results[3].title: is longer ..." -> "results/vollsmose.txt:1: title: is longer ...": the
// feed's validation speaks of paths in the feed; staff wrote files and lines.
std::string in_staff_terms(const std::string& problems, const source::SourceFolder& folder) {
  std::istringstream lines(problems);
  std::string out, line;
  while (std::getline(lines, line)) {
    const auto start = line.find_first_not_of(' ');
    if (start != std::string::npos) line.erase(0, start);
    const auto colon = line.find(": ");
    if (colon == std::string::npos) {
      if (!line.empty() && line.back() == ':') continue;  // "feed is invalid:"
    } else {
      const std::string path = line.substr(0, colon);
      const std::string place = source::place_of(folder, path, nullptr);
      // The field within its item: "content.results[3].series.points[1]" -> "series.points[1]".
      const auto item_end = path.rfind("content.", 0) == 0 ? path.find("].") : std::string::npos;
      const std::string field = item_end == std::string::npos ? path : path.substr(item_end + 2);
      if (!place.empty()) line = place + ": " + field + ": " + line.substr(colon + 2);
    }
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

// Why the manifest is refused, and where to cut: the results with the most text.
std::string manifest_too_large(std::size_t bytes, const source::SourceFolder& folder) {
  std::vector<std::pair<std::size_t, std::string>> texts;  // bytes of text, result file
  for (const auto& result : folder.content.results) {
    texts.emplace_back(result.title.size() + result.summary.size() + result.body.size(), folder.result_files.at(result.id));
  }
  std::stable_sort(texts.begin(), texts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string longest;
  for (std::size_t i = 0; i < texts.size() && i < 3; ++i) longest += (i ? ", " : "") + texts[i].second;
  return "feed.json would be " + size_text(bytes) + " (" + std::to_string(bytes) + " bytes), more than the " +
         size_text(feed::kMaxManifestBytes) + " (" + std::to_string(feed::kMaxManifestBytes) +
         " bytes) a kiosk accepts; split results or shorten texts: there are " + std::to_string(texts.size()) +
         " results, the longest " + longest;
}

// Carries the objects `kept` over from the folder `from` to `to`: a hard link, since both are on one
// file system, or a copy where linking fails. Objects never change, so sharing them is safe.
Status carry_over(const fs::path& from, const fs::path& to, const std::vector<detail::RetiredObject>& kept) {
  for (const auto& object : kept) {
    const fs::path source = from / object.sha256;
    const fs::path target = to / object.sha256;
    if (::link(source.c_str(), target.c_str()) == 0) continue;
    auto bytes = read_file(source, model::Limits::kMaxAssetBytes, "the published picture to keep");
    if (!bytes) return bytes.error();
    if (auto s = write_synced(target, *bytes); !s) return s;
  }
  return {};
}

// Swaps `built` in as `out`, atomically when `out` exists; what was `out` is then at `built`.
Status swap_in(const fs::path& built, const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) {
    if (::rename(built.c_str(), out.c_str()) != 0) return make_error("cannot rename " + built.string() + " to " + out.string() + ": " + std::strerror(errno));
    return {};
  }
  if (::renameat2(AT_FDCWD, built.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0) {
    return make_error("cannot swap " + built.string() + " in as " + out.string() + ": " + std::strerror(errno));
  }
  return {};
}

// keys.json (docs/keys.md): the feed keys kiosks trust, which kiosk-feed trust signs with the root
// key beside the feed. A build keeps it and its signature. When it lists none of the keys the
// published feed is signed by, a new version line has begun (trust starts one only with new feed
// keys), and the version may start afresh.
constexpr const char* kKeysFiles[] = {"keys.json", "keys.json.minisig"};

// The file's text, or nothing when it cannot be read (a signature that does not verify then).
std::string text_of(const fs::path& path) {
  auto text = read_file(path, feed::kMaxManifestBytes, "the published file");
  return text ? *text : std::string();
}

bool new_version_line(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out / kKeysFiles[0], ec)) return false;
  const auto keys = feed::parse_trusted_keys(text_of(out / kKeysFiles[0]));
  return keys && !feed::minisign::verify(text_of(out / "feed.json"), text_of(out / "feed.json.minisig"), keys->feed_keys);
}

Status keep_keys(const fs::path& out, const fs::path& staging) {
  for (const char* name : kKeysFiles) {
    std::error_code ec;
    if (!fs::exists(out / name, ec)) continue;
    if (auto s = write_synced(staging / name, text_of(out / name)); !s) return s;
  }
  return {};
}

}  // namespace

Result<std::optional<std::uint64_t>> published_version(const std::string& out_dir) {
  const fs::path manifest = fs::path(out_dir) / "feed.json";
  std::error_code ec;
  if (!fs::exists(manifest, ec)) {
    // A build replaces the whole folder: it must not take anything else with it.
    if (fs::exists(out_dir, ec) && !fs::is_empty(out_dir, ec)) {
      return make_error(out_dir + " holds other files and no feed.json; a build replaces the whole folder, so give a new "
                                  "folder or one an earlier build made");
    }
    return std::optional<std::uint64_t>{};
  }
  auto text = read_file(manifest, feed::kMaxManifestBytes, "the published feed");
  auto feed = text ? feed::parse_feed(*text) : Result<model::Feed>(text.error());
  if (!feed) {
    return make_error(manifest.string() + " is there but cannot be read, so the next version is unknown; give --version (" +
                      feed.error().message.substr(0, feed.error().message.find('\n')) + ")");
  }
  return std::optional<std::uint64_t>(feed->version);
}

namespace {

// The calendar day of `now` where the build runs (TZ, /etc/localtime): what staff call today.
model::PartialDate local_date(WallTime now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace

// Whether `inner` is `outer` or lies inside it.
bool within(const fs::path& inner, const fs::path& outer) {
  const auto rel = inner.lexically_relative(outer);
  return !rel.empty() && *rel.begin() != "..";
}

Result<Assembled> assemble_feed(const BuildOptions& options) {
  const fs::path src_path = fs::absolute(options.source_dir).lexically_normal();
  const fs::path out_path = fs::absolute(options.out_dir).lexically_normal();
  if (within(out_path, src_path) || within(src_path, out_path)) {
    return make_error("the published folder " + out_path.string() + " and the source folder " + src_path.string() +
                      " must be apart, neither inside the other");
  }
  const std::int64_t now_unix = std::chrono::duration_cast<std::chrono::seconds>(options.now.time_since_epoch()).count();
  auto folder = source::read_source(options.source_dir, local_date(options.now), now_unix);
  if (!folder) return folder.error();
  // A later refusal lists the warnings too: one may tell why.
  std::string warned;
  for (const auto& w : folder->warnings) warned += "\nwarning: " + w;
  const auto refuse = [&](const std::string& why) -> Result<Assembled> { return make_error(why + warned); };

  auto previous = published_version(options.out_dir);
  if (!previous) return refuse(previous.error().message);
  Assembled out;
  out.warnings = folder->warnings;
  model::Feed& feed = out.feed;
  feed.format = model::kFeedFormat;
  feed.version = options.version.value_or(previous->value_or(0) + 1);
  if (*previous && feed.version <= **previous && !new_version_line(options.out_dir)) {
    return refuse("version " + std::to_string(feed.version) + " is not newer than the published version " +
                  std::to_string(**previous) + "; kiosks would refuse it");
  }
  feed.issued = now_unix;
  feed.expires = feed.issued + static_cast<std::int64_t>(options.expires_days.value_or(folder->expires_days)) * 86400;
  feed.source = folder->source;
  feed.content = folder->content;

  // Pictures: each file once, however many results and notices show it.
  std::map<std::string, std::string> by_path;  // picture path -> sha256
  std::size_t done = 0;
  const std::size_t total = folder->pictures.size() + folder->notice_pictures.size();
  std::string picture_problems;
  // The sha256 of the picture at `path`, prepared and added to the feed once; empty when it is refused
  // (the problem is noted at the place `feed_path` was written).
  const auto attach = [&](const std::string& path, const std::string& feed_path) -> std::string {
    if (options.progress) options.progress(++done, total);
    if (by_path.count(path)) return by_path[path];
    auto picture = prepare_picture(path);
    if (!picture) {
      const std::string place = source::place_of(*folder, feed_path, nullptr);
      picture_problems += (picture_problems.empty() ? "" : "\n") + place + ": picture: " + picture.error().message;
      return {};
    }
    const std::string sha = feed::sha256_hex(picture->bytes);
    by_path[path] = sha;
    if (!out.objects.count(sha)) {
      feed.assets.push_back({sha, picture->bytes.size(), picture->media_type});
      out.pictures_scaled += picture->rewritten;
      out.objects[sha] = std::move(picture->bytes);
    }
    return sha;
  };
  for (std::size_t i = 0; i < feed.content.results.size(); ++i) {
    auto& result = feed.content.results[i];
    const auto it = folder->pictures.find(result.id);
    if (it != folder->pictures.end()) result.image = attach(it->second, "content.results[" + std::to_string(i) + "].image");
  }
  for (std::size_t i = 0; i < feed.content.notices.size(); ++i) {
    auto& notice = feed.content.notices[i];
    const auto it = folder->notice_pictures.find(notice.id);
    if (it != folder->notice_pictures.end()) notice.image = attach(it->second, "content.notices[" + std::to_string(i) + "].image");
  }
  if (!picture_problems.empty()) return refuse(picture_problems);
  if (auto valid = model::validate(feed); !valid) return refuse(in_staff_terms(valid.error().message, *folder));
  out.manifest = feed::to_json(feed);
  if (out.manifest.size() > feed::kMaxManifestBytes) return refuse(manifest_too_large(out.manifest.size(), *folder));
  return out;
}

Status write_objects(const std::string& dir, const std::map<std::string, std::string>& objects) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error("cannot create " + dir + ": " + ec.message());
  for (const auto& [sha, bytes] : objects) {
    if (auto s = write_synced(fs::path(dir) / sha, bytes); !s) return s;
  }
  return {};
}

Result<BuildReport> build_feed(const BuildOptions& options, const feed::minisign::SecretKey& key) {
  auto assembled = assemble_feed(options);
  if (!assembled) return assembled.error();
  return write_feed(*assembled, options.out_dir, key, options.keep_old_objects);
}

Result<BuildReport> write_feed(const Assembled& assembled, const std::string& out_dir, const feed::minisign::SecretKey& key,
                               std::chrono::seconds keep_old_objects) {
  const model::Feed& feed = assembled.feed;
  BuildReport report;
  report.pictures_scaled = assembled.pictures_scaled;
  const std::string& manifest = assembled.manifest;
  const std::string signature = feed::minisign::sign(
      manifest, key, "kiosk feed version " + std::to_string(feed.version) + " issued " + feed::format_timestamp(feed.issued));

  // Built beside OUT (the same file system, so the swap is one rename), then swapped in.
  const fs::path out = fs::absolute(out_dir).lexically_normal();
  const fs::path staging = out.parent_path() / ("." + out.filename().string() + ".building-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging / "objects", ec);
  if (ec) return make_error("cannot create " + staging.string() + ": " + ec.message());
  const auto fail = [&](const Error& e) -> Result<BuildReport> {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    return e;
  };
  if (auto s = write_objects((staging / "objects").string(), assembled.objects); !s) return fail(s.error());
  for (const auto& [sha, bytes] : assembled.objects) report.bytes += bytes.size();
  const auto retirement = detail::plan_retirement(out, assembled.objects, feed.issued, keep_old_objects);
  if (auto s = carry_over(out / "objects", staging / "objects", retirement.keep); !s) return fail(s.error());
  if (const std::string ledger = detail::format_ledger(retirement.keep); !ledger.empty()) {
    if (auto s = write_synced(staging / detail::kRetiredLedger, ledger); !s) return fail(s.error());
  }
  report.old_objects_kept = retirement.keep.size();
  report.old_objects_dropped = retirement.dropped;
  if (auto s = write_synced(staging / "feed.json", manifest); !s) return fail(s.error());
  if (auto s = write_synced(staging / "feed.json.minisig", signature); !s) return fail(s.error());
  if (auto s = keep_keys(out, staging); !s) return fail(s.error());
  if (auto s = swap_in(staging, out); !s) return fail(s.error());
  fs::remove_all(staging, ec);  // the previous OUT, when there was one

  report.version = feed.version;
  report.issued = feed.issued;
  report.expires = feed.expires;
  report.areas = feed.content.areas.size();
  report.results = feed.content.results.size();
  report.pictures = assembled.objects.size();
  report.bytes += manifest.size() + signature.size();
  return report;
}

}  // namespace kiosk::publish
