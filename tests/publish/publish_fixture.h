// The staff side of the publishing tests and the load benchmark: a source folder with the default
// content (as kiosk-feed init writes it) and pictures, a feed key, publish.toml, and a kiosk that
// syncs from the published feed with the real syncer over HTTP.
#pragma once

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "cache/cache.h"
#include "content_gen.h"
#include "feed/minisign.h"
#include "fetch/curl_client.h"
#include "platform/log.h"
#include "publish/upload.h"
#include "source/source_folder.h"
#include "syncer/syncer.h"
#include "test_support.h"

namespace kiosk::testing {

// A PNG picture `w` x `h` in one colour picked by `seed`: a different seed, a different object.
inline void write_png(const std::filesystem::path& path, int seed, int w = 320, int h = 200) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!s) throw std::runtime_error(SDL_GetError());
  SDL_FillRect(s, nullptr, 0xff000000u | static_cast<Uint32>(seed * 2654435761u & 0xffffffu));
  const int saved = IMG_SavePNG(s, path.c_str());
  SDL_FreeSurface(s);
  if (saved != 0) throw std::runtime_error(IMG_GetError());
}

// The staff's source folder and key, and where they publish.
class StaffFolder {
 public:
  // `feed`'s content as a source folder, the first `pictures` results with a picture each.
  explicit StaffFolder(std::size_t pictures = 3, const model::Feed& feed = default_feed())
      : keys_(feed::minisign::generate_key_pair()) {
    if (!source::write_source(src(), feed.content, feed.source)) throw std::runtime_error("cannot write the source folder");
    write_file(dir.file("feed.key"), feed::minisign::format_secret_key(keys_.secret_key));
    const auto files = result_files();
    for (std::size_t n = 0; n < pictures && n < files.size(); ++n) set_picture(files[n], static_cast<int>(n + 1));
  }

  std::string src() const { return dir.file("src"); }
  const feed::minisign::PublicKey& public_key() const { return keys_.public_key; }

  // results/<result_file> shows a new picture drawn with `seed`.
  void set_picture(const std::string& result_file, int seed) {
    const std::string picture = "picture-" + std::to_string(seed) + ".png";
    write_png(std::filesystem::path(src()) / "results" / picture, seed);
    const auto path = std::filesystem::path(src()) / "results" / result_file;
    std::string text = read_file(path);
    text = std::regex_replace(text, std::regex("\npicture: [^\n]*"), "");
    write_file(path, std::regex_replace(text, std::regex("(^|\n)(date: [^\n]*)"), "$1$2\npicture: " + picture,
                                        std::regex_constants::format_first_only));
  }
  // The Danish result files (x.txt, not the translations x.ar.txt), sorted.
  std::vector<std::string> result_files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(src() + "/results")) {
      const auto name = entry.path().filename().string();
      if (name.size() > 4 && name.find('.') == name.size() - 4 && name.substr(name.size() - 4) == ".txt") names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // SRC/publish.toml with `lines` and the key.
  void configure(const std::string& lines) { write_file(src() + "/publish.toml", lines + "\nkey = \"../feed.key\"\n"); }

  Result<publish::PublishReport> publish(const publish::UploadCredentials& credentials = {}) {
    auto config = publish::read_publish_config(src());
    if (!config) return config.error();
    auto destination = publish::open_destination(*config, credentials);
    if (!destination) return destination.error();
    publish::PublishOptions options{.source_dir = src(), .now = now, .expires_days = std::nullopt, .progress = {}};
    return publish::publish(options, *config, **destination, [&](const publish::Assembled&) {
      return feed::minisign::parse_secret_key(feed::minisign::format_secret_key(keys_.secret_key));
    });
  }

  TempDir dir;
  WallTime now{std::chrono::seconds(1'790'000'000)};

 private:
  feed::minisign::KeyPair keys_;
};

// A kiosk's cache that syncs from a feed URL with the real syncer (one run per call).
class SyncingKiosk {
 public:
  explicit SyncingKiosk(const feed::minisign::PublicKey& key) {
    settings.database = dir.file("content.db");
    settings.objects_dir = dir.file("objects");
    settings.keys = {key};
  }
  syncer::Report sync(const std::string& feed_url, WallTime now) {
    fetch::CurlClient client({std::chrono::seconds(2), 100, std::chrono::seconds(2), 3, "kiosk-sync/test"});
    syncer::HttpSource source(feed_url, client, [](std::chrono::milliseconds) {}, {1, std::chrono::milliseconds(1),
                                                                                    std::chrono::milliseconds(1), std::chrono::seconds(1)}, 7);
    FakeClock clock{now};
    log::set_sink([](log::Level, std::string_view) {});  // the report says what happened
    auto report = syncer::sync_once(settings, source, clock);
    log::set_sink({});
    return report;
  }
  // The content the cache holds now.
  model::Content content() {
    auto cache = cache::Cache::open(settings.database);
    if (!cache) throw std::runtime_error(cache.error().message);
    auto snap = cache->read_current();
    if (!snap || !snap->has_value()) throw std::runtime_error("the cache holds no content");
    return (*snap)->content;
  }

  TempDir dir;
  syncer::Settings settings;
};

}  // namespace kiosk::testing
