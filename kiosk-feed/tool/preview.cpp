// kiosk-feed preview: every slide of a source folder or a published feed, drawn by the kiosk's own
// renderer (the code `kiosk --screenshot` runs), so staff see what residents will see.
#include <stdlib.h>

#include <cctype>
#include <filesystem>

#include "cli.h"
#include "feed/feed_json.h"
#include "platform/files.h"
#include "publish/build.h"
#include "publish/when.h"
#include "screens/screenshot.h"

namespace kiosk::feedtool {
namespace {

namespace fs = std::filesystem;

// How many rounds the results slide is drawn for: it tells up to five results in turn.
constexpr int kResultRounds = 5;

}  // namespace

int preview(const Args& args) {
  const fs::path in = args.positional[0];
  const std::string png_dir = args.positional[1];
  screens::Size size{1920, 1080};
  if (const auto text = args.option("--size")) {
    auto parsed = screens::parse_size(*text);
    if (!parsed) {
      std::fprintf(stderr, "kiosk-feed preview: %s\n", parsed.error().message.c_str());
      return kUsage;
    }
    size = *parsed;
  }
  const SteadyTime started = SystemClock().steady();
  const WallTime now = SystemClock().wall();
  const auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  // The moment the slides are drawn as at: now, or --at (a notice before its start, an event's day,
  // a slide on its schedule). The content is built as now.
  WallTime at = now;
  if (const auto text = args.option("--at")) {
    auto when = publish::parse_when(*text, now_unix, publish::WhenFor::kFrom);
    if (!when) {
      std::fprintf(stderr, "kiosk-feed preview: --at: %s\n", when.error().message.c_str());
      return kUsage;
    }
    at = WallTime{std::chrono::seconds(*when)};
    if (stdout_is_tty()) std::printf("Drawn as at %s.\n", publish::describe_when(*when).c_str());
  }
  std::error_code ec;

  // The content and where its pictures are: a source folder is assembled as build would (pictures
  // scaled) into a scratch folder; a published folder is read as it is.
  model::Feed feed;
  std::string objects;
  std::string scratch;
  if (fs::exists(in / "content.toml", ec)) {
    std::string pattern = (fs::temp_directory_path() / "kiosk-feed-preview-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      std::fprintf(stderr, "kiosk-feed preview: cannot make a temporary folder\n");
      return kFailed;
    }
    scratch = pattern;
    publish::BuildOptions options;
    options.source_dir = in.string();
    options.out_dir = scratch + "/unpublished";  // no published version to follow
    options.now = now;
    auto assembled = publish::assemble_feed(options);
    if (!assembled) {
      std::fprintf(stderr, "kiosk-feed preview: %s\n", assembled.error().message.c_str());
      fs::remove_all(scratch, ec);
      return kFailed;
    }
    for (const auto& w : assembled->warnings) std::fprintf(stderr, "kiosk-feed preview: warning: %s\n", w.c_str());
    feed = std::move(assembled->feed);
    objects = scratch + "/objects";
    if (auto s = publish::write_objects(objects, assembled->objects); !s) {
      std::fprintf(stderr, "kiosk-feed preview: %s\n", s.error().message.c_str());
      fs::remove_all(scratch, ec);
      return kFailed;
    }
  } else if (fs::exists(in / "feed.json", ec)) {
    auto text = read_file(in / "feed.json", feed::kMaxManifestBytes, "the feed");
    if (!text) {
      std::fprintf(stderr, "kiosk-feed preview: %s\n", text.error().message.c_str());
      return kFailed;
    }
    auto parsed = feed::parse_feed(*text);
    if (!parsed) {
      std::fprintf(stderr, "kiosk-feed preview: %s: %s\n", (in / "feed.json").c_str(), parsed.error().message.c_str());
      return kFailed;
    }
    feed = std::move(*parsed);
    objects = (in / "objects").string();
  } else {
    std::fprintf(stderr, "kiosk-feed preview: %s has neither content.toml (a source folder) nor feed.json (a published feed)\n",
                 in.c_str());
    return kFailed;
  }

  // The pictures of an earlier preview would be listed with the new ones: they go first.
  for (const auto& e : fs::directory_iterator(png_dir, ec)) {
    const std::string name = e.path().filename().string();
    const bool ours = name.size() > 3 && std::isdigit(static_cast<unsigned char>(name[0])) &&
                      std::isdigit(static_cast<unsigned char>(name[1])) && name[2] == '-' &&
                      (e.path().extension() == ".png" || e.path().extension() == ".txt");
    if (ours) fs::remove(e.path(), ec);
  }
  config::Config config;
  config.area = args.option("--area").value_or(feed.content.areas.empty() ? config.area : feed.content.areas.front().id);
  config.database = fs::path(objects).parent_path().string() + "/preview.db";  // only its objects/ beside it is used
  screens::LoadedContent content{feed.content, {false, feed.version, now_unix, feed.expires, now_unix, false}};
  screens::ScreenshotRequest request{png_dir, size, 0, at, kResultRounds, true};
  const auto shot = screens::render_screenshots(request, content, screens::find_assets(config), config, started);
  if (!scratch.empty()) fs::remove_all(scratch, ec);
  if (!shot) {
    std::fprintf(stderr, "kiosk-feed preview: %s\n", shot.error().message.c_str());
    return kFailed;
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(png_dir, ec)) {
    if (e.path().extension() == ".png") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  if (stdout_is_tty()) std::printf("The slides for area \"%s\" at %dx%d, as residents will see them:\n", config.area.c_str(), size.w, size.h);
  for (const auto& f : files) std::printf(stdout_is_tty() ? "  %s\n" : "%s\n", f.c_str());
  print_coverage(feed.content, args, true);
  return kOk;
}

}  // namespace kiosk::feedtool
