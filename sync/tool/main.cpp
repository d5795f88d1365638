// kiosk-sync: fetches the signed feed and applies it to the kiosk's cache. See `kiosk-sync --help`.
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "cache/cache.h"
#include "config/config.h"
#include "feed/feed_json.h"
#include "fetch/curl_client.h"
#include "platform/log.h"
#include "syncer/syncer.h"

namespace {

using namespace kiosk;

constexpr int kExitUsage = 64;

const char* kUsage =
    "Usage: kiosk-sync [--config FILE]            fetch the feed once and apply it\n"
    "       kiosk-sync --import DIR [--config FILE] apply a feed from a folder (a USB stick)\n"
    "       kiosk-sync --status [--config FILE]     show the last sync and the content\n"
    "\n"
    "Exit codes: 0 updated, 10 already up to date, 20 network failure,\n"
    "            30 content rejected (signature, rollback, expired, hash, schema, size),\n"
    "            40 local failure (disk, database), 64 bad command line or configuration.\n";

// When this program was built, from the compiler: no clock can be earlier than that and be right.
std::int64_t build_time() {
  std::tm tm{};
  strptime(__DATE__ " " __TIME__, "%b %d %Y %H:%M:%S", &tm);
  return static_cast<std::int64_t>(timegm(&tm));
}

std::int64_t unix_now(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.wall().time_since_epoch()).count();
}

std::string when(std::int64_t unix) { return unix == 0 ? "never" : feed::format_timestamp(unix); }

int status(const config::Config& config) {
  auto cache = cache::Cache::open(config.database);
  if (!cache) {
    std::fprintf(stderr, "kiosk-sync: %s\n", cache.error().message.c_str());
    return syncer::exit_code(syncer::Outcome::kLocalFailure);
  }
  auto state = cache->sync_state();
  auto snap = cache->read_current();
  if (!state || !snap) {
    std::fprintf(stderr, "kiosk-sync: %s\n", (!state ? state.error() : snap.error()).message.c_str());
    return syncer::exit_code(syncer::Outcome::kLocalFailure);
  }
  std::printf("cache:            %s\n", config.database.c_str());
  std::printf("feed:             %s\n", config.feed_url.empty() ? "(none configured)" : config.feed_url.c_str());
  if (*snap && snap->has_value()) {
    const auto& info = (*snap)->info;
    std::printf("content version:  %llu, issued %s, expires %s, applied %s\n", static_cast<unsigned long long>(info.version),
                when(info.issued).c_str(), when(info.expires).c_str(), when(info.applied_at).c_str());
  } else {
    std::printf("content version:  none (the kiosk shows its built-in content)\n");
  }
  std::printf("last attempt:     %s (%s)\n", when(state->last_attempt).c_str(),
              state->last_outcome.empty() ? "-" : state->last_outcome.c_str());
  std::printf("last success:     %s\n", when(state->last_success).c_str());
  std::printf("last error:       %s\n", state->last_error.empty() ? "-" : state->last_error.c_str());
  std::printf("marked stale:     %s\n", state->marked_stale ? "yes (a newer feed was refused)" : "no");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::optional<std::string> config_path, import_dir;
  bool show_status = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--version") {
      std::printf("kiosk-sync %s\n", KIOSK_VERSION);
      return 0;
    } else if (a == "--status") {
      show_status = true;
    } else if ((a == "--config" || a == "--import") && i + 1 < args.size()) {
      (a == "--config" ? config_path : import_dir) = args[++i];
    } else {
      std::fprintf(stderr, "kiosk-sync: %s '%s' (see --help)\n",
                   a == "--config" || a == "--import" ? "missing value for" : "unknown argument", a.c_str());
      return kExitUsage;
    }
  }
  auto config = config::load_for_program(config_path);
  if (!config) {
    std::fprintf(stderr, "kiosk-sync: %s\n", config.error().message.c_str());
    return kExitUsage;
  }
  if (show_status) return status(*config);

  syncer::Settings settings{config->database, cache::objects_dir_beside(config->database), {}};
  for (const auto& line : config->public_keys) {
    auto key = feed::minisign::parse_public_key(line);
    if (!key) {
      std::fprintf(stderr, "kiosk-sync: sync.public_keys: %s\n", key.error().message.c_str());
      return kExitUsage;
    }
    settings.keys.push_back(*key);
  }
  if (settings.keys.empty()) {
    std::fprintf(stderr, "kiosk-sync: no sync.public_keys in %s: nothing could be verified\n",
                 config->source_path.empty() ? "the configuration" : config->source_path.c_str());
    return kExitUsage;
  }
  SystemClock clock;
  // A board without a real-time clock boots in the past until NTP answers; checking expiry then
  // would refuse good feeds (or accept expired ones). Wait for a clock not earlier than this
  // program's build, for a while, before giving up for tonight.
  if (!syncer::wait_for_sane_clock(clock, build_time(), std::chrono::minutes(10),
                                   [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); })) {
    log::error("network failure: the clock still reads " + feed::format_timestamp(unix_now(clock)) +
               ", earlier than this program's build; not syncing until it is set");
    return syncer::exit_code(syncer::Outcome::kNetworkFailure);
  }
  if (import_dir) {
    syncer::DirectorySource source(*import_dir);
    return syncer::exit_code(syncer::sync_once(settings, source, clock).outcome);
  }
  if (config->feed_url.empty()) {
    std::fprintf(stderr, "kiosk-sync: no sync.feed_url in %s\n",
                 config->source_path.empty() ? "the configuration" : config->source_path.c_str());
    return kExitUsage;
  }
  fetch::CurlLibrary curl;
  fetch::CurlClient client({std::chrono::seconds(15), 100, std::chrono::seconds(30), 3, "kiosk-sync/" KIOSK_VERSION});
  syncer::HttpSource source(config->feed_url, client,
                            [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
  return syncer::exit_code(syncer::sync_once(settings, source, clock).outcome);
}
