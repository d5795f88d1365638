// kiosk-sync: fetches the signed feed and applies it to the kiosk's cache. See `kiosk-sync --help`.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "cache/cache.h"
#include "config/config.h"
#include "feed/feed_json.h"
#include "fetch/curl_client.h"
#include "model/schedule.h"
#include "model/validate.h"
#include "platform/file_lock.h"
#include "platform/log.h"
#include "report/send.h"
#include "syncer/syncer.h"

namespace {

using namespace kiosk;

constexpr int kExitUsage = 64;

// The whole run, clock wait included, ends well inside the unit's TimeoutStartSec=15min, so the run
// records its own outcome instead of being killed by systemd first.
constexpr auto kRunLimit = std::chrono::minutes(10);
constexpr auto kClockPatience = std::chrono::minutes(3);

// Raised by SIGTERM and SIGINT (systemctl stop, shutdown, Ctrl+C): the run stops at its next step,
// a transfer within a second, and records that it was interrupted.
std::atomic<bool> stop_requested{false};
extern "C" void on_stop_signal(int) { stop_requested.store(true); }

// Sleeps in short steps so that a stop request ends the wait.
void sleep_unless_stopped(std::chrono::milliseconds d) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (!stop_requested.load() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(200),
                                                                              until - std::chrono::steady_clock::now()));
  }
}

const char* kUsage =
    "Usage: kiosk-sync [--config FILE]            fetch the feed once and apply it\n"
    "       kiosk-sync --import DIR [--config FILE] apply a feed from a folder (a USB stick)\n"
    "       kiosk-sync --status [--config FILE]     show the last sync and the content\n"
    "Options: --lock-wait SEC  how long to wait while another run holds the cache (default 60)\n"
    "\n"
    "Exit codes: 0 updated, 10 already up to date, 20 network failure or time limit,\n"
    "            30 content rejected (signature, rollback, expired, future, hash, schema, size),\n"
    "            40 local failure (disk, database), 50 busy (another run holds the lock),\n"
    "            64 bad command line or configuration, 75 interrupted (stopped by a signal).\n";

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

// Why this user may not read the cache, or "" when permissions are not what stops it: the folder, the
// file, its -wal and -shm, or an -shm index that would have to be made in a folder it may not write.
std::string permission_problem(const std::string& database) {
  const std::filesystem::path file(database);
  const std::string dir = file.has_parent_path() ? file.parent_path().string() : ".";
  if (::access(dir.c_str(), X_OK) != 0 && errno == EACCES) return "the folder " + dir + " is closed to this user";
  for (const std::string& f : {database, database + "-wal", database + "-shm"}) {
    if (::access(f.c_str(), R_OK) != 0 && errno == EACCES) return f + " is not readable by this user";
  }
  struct stat st {};
  if (::stat((database + "-shm").c_str(), &st) != 0 && errno == ENOENT && ::access(dir.c_str(), W_OK) != 0 &&
      errno == EACCES) {
    return "nothing has it open, and reading it then needs " + database + "-shm made in " + dir +
           ", where this user may not write";
  }
  return "";
}

int denied(const std::string& database, const std::string& why) {
  std::fprintf(stderr,
               "kiosk-sync: cannot read the cache %s: %s (permission denied).\n"
               "Run as the kiosk user or with sudo: sudo -u kiosk kiosk-sync --status\n",
               database.c_str(), why.c_str());
  return syncer::exit_code(syncer::Outcome::kLocalFailure);
}

// What --status says of a cache it cannot read: not allowed (and how to run it), damaged (and what
// the next run does), or why not.
int unreadable(const config::Config& config, const Error& error) {
  if (const std::string why = permission_problem(config.database); !why.empty()) return denied(config.database, why);
  auto look = cache::examine(config.database);
  if (look && look->health == cache::Health::kDamaged) {
    std::printf("cache:            %s\n", config.database.c_str());
    std::printf("content version:  none shown: the cache is damaged (%s); the kiosk shows its built-in content\n",
                look->detail.c_str());
    std::printf("next sync:        moves it aside, kept for staff, and builds a fresh cache from the feed\n");
  } else {
    std::fprintf(stderr, "kiosk-sync: %s\n", error.message.c_str());
  }
  return syncer::exit_code(syncer::Outcome::kLocalFailure);
}

// Reads the cache without writing it (an ordinary user may have no right to, and must not need one).
// The notices of the cached version for this kiosk's area: those on its screen now, then those to
// come, one a line, so that staff can see that a notice has reached the kiosk.
void print_notices(const model::Content& content, const std::string& area, std::int64_t now) {
  const bool known = std::any_of(content.areas.begin(), content.areas.end(), [&](const model::Area& a) { return a.id == area; });
  const std::string here = known ? area : std::string();
  const auto showing = model::showing(content, here, now).notices;
  std::vector<const model::Notice*> coming;
  for (const auto& n : content.notices) {
    const bool concerns = n.area_ids.empty() || std::find(n.area_ids.begin(), n.area_ids.end(), here) != n.area_ids.end();
    if (concerns && n.show_from && *n.show_from > now) coming.push_back(&n);
  }
  if (showing.empty() && coming.empty()) {
    std::printf("notices:          none for this kiosk\n");
    return;
  }
  for (const auto& n : showing) {
    std::printf("notice:           showing (%s) until %s: %s\n", std::string(model::to_string(n.level)).c_str(),
                when(n.show_until).c_str(), n.title.c_str());
  }
  for (const auto* n : coming) {
    std::printf("notice:           coming (%s) from %s until %s: %s\n", std::string(model::to_string(n->level)).c_str(),
                when(*n->show_from).c_str(), when(n->show_until).c_str(), n->title.c_str());
  }
}

int status(const config::Config& config) {
  struct stat st {};
  if (::stat(config.database.c_str(), &st) != 0 && errno == ENOENT) {
    std::printf("cache:            none yet at %s (kiosk-sync makes it on its first run)\n", config.database.c_str());
    std::printf("feed:             %s\n", config.feed_url.empty() ? "(none configured)" : config.feed_url.c_str());
    std::printf("content version:  none (the kiosk shows its built-in content)\n");
    std::printf("last attempt:     never\n");
    return 0;
  }
  auto cache = cache::Cache::open_read_only(config.database);
  if (!cache) return unreadable(config, cache.error());
  auto state = cache->sync_state();
  auto snap = cache->read_current();
  if (!state) return unreadable(config, state.error());
  if (!snap) return unreadable(config, snap.error());
  std::printf("cache:            %s\n", config.database.c_str());
  std::printf("feed:             %s\n", config.feed_url.empty() ? "(none configured)" : config.feed_url.c_str());
  if (*snap && snap->has_value()) {
    const auto& info = (*snap)->info;
    SystemClock clock;
    const bool expired = info.expires <= unix_now(clock);
    std::printf("content version:  %llu, issued %s, %s %s, applied %s\n", static_cast<unsigned long long>(info.version),
                when(info.issued).c_str(), expired ? "EXPIRED at" : "expires", when(info.expires).c_str(),
                when(info.applied_at).c_str());
    print_notices((*snap)->content, config.area, unix_now(clock));
  } else {
    std::printf("content version:  none (the kiosk shows its built-in content)\n");
  }
  std::string outcome = state->last_outcome.empty() ? "-" : state->last_outcome;
  if (outcome == cache::kRunningOutcome) {
    outcome = FileLock::held_by_another(syncer::lock_path(config.database))
                  ? "running now"
                  : "interrupted: that run did not finish (stopped, killed or the power went); the next run starts afresh";
  }
  std::printf("last attempt:     %s (%s)\n", when(state->last_attempt).c_str(), outcome.c_str());
  std::printf("last success:     %s\n", when(state->last_success).c_str());
  std::printf("last error:       %s\n", state->last_error.empty() ? "-" : state->last_error.c_str());
  std::printf("marked stale:     %s\n", state->marked_stale ? ("yes: " + state->stale_reason).c_str() : "no");
  return 0;
}

// After a check over the network: the kiosk's report to sync.report_url, when one is set. Whatever
// happens here, the check's outcome and exit code stand; a report not sent goes with the next check.
void send_report(const config::Config& config, const Clock& clock, syncer::Outcome outcome) {
  if (config.report_url.empty() || outcome == syncer::Outcome::kBusy || stop_requested.load()) return;
  auto id = config::kiosk_id(config);
  if (!id) {
    log::error("report not sent: " + id.error().message);
    return;
  }
  auto facts = report::read_check_facts(config.database);
  if (!facts) {
    log::error("report not sent: the cache cannot be read: " + facts.error().message);
    return;
  }
  const report::SendSettings settings{
      .url = config.report_url, .kiosk_id = *id, .user = config.report_user, .password = report::report_password()};
  if (auto sent = report::send(settings, config, *facts, unix_now(clock))) {
    log::info("report: " + *sent);
  } else {
    log::error("report not sent: " + sent.error().message + " (the check's outcome stands; the report goes again after the next check)");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::optional<std::string> config_path, import_dir;
  std::chrono::seconds lock_wait{60};
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
    } else if (a == "--lock-wait" && i + 1 < args.size()) {
      try {
        lock_wait = std::chrono::seconds(std::stoi(args[++i]));
      } catch (const std::exception&) {
        lock_wait = std::chrono::seconds(-1);
      }
      if (lock_wait.count() < 0 || lock_wait.count() > 3600) {
        std::fprintf(stderr, "kiosk-sync: --lock-wait takes seconds from 0 to 3600, not '%s'\n", args[i].c_str());
        return kExitUsage;
      }
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

  const auto started = std::chrono::steady_clock::now();
  syncer::Settings settings;
  settings.database = config->database;
  settings.objects_dir = cache::objects_dir_beside(config->database);
  settings.stop = &stop_requested;
  settings.lock_wait = lock_wait;
  for (const auto& [name, lines, keys] : {std::tuple{"sync.public_keys", &config->public_keys, &settings.keys},
                                          std::tuple{"sync.root_keys", &config->root_keys, &settings.root_keys}}) {
    for (const auto& line : *lines) {
      auto key = feed::minisign::parse_public_key(line);
      if (!key) {
        std::fprintf(stderr, "kiosk-sync: %s: %s\n", name, key.error().message.c_str());
        return kExitUsage;
      }
      keys->push_back(*key);
    }
  }
  if (settings.keys.empty()) {
    std::fprintf(stderr, "kiosk-sync: no sync.public_keys in %s: nothing could be verified\n",
                 config->source_path.empty() ? "the configuration" : config->source_path.c_str());
    return kExitUsage;
  }
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);
  SystemClock clock;
  // A board without a real-time clock boots in the past until NTP answers; checking expiry then
  // would refuse good feeds (or accept expired ones). Wait for a clock not earlier than this
  // program's build, for a while, before giving up for tonight.
  if (!syncer::wait_for_sane_clock(clock, build_time(), kClockPatience, sleep_unless_stopped, &stop_requested)) {
    if (stop_requested) return syncer::exit_code(syncer::Outcome::kInterrupted);
    log::error("network failure: the clock still reads " + feed::format_timestamp(unix_now(clock)) +
               ", earlier than this program's build; not syncing until it is set");
    return syncer::exit_code(syncer::Outcome::kNetworkFailure);
  }
  settings.time_limit = std::chrono::duration_cast<std::chrono::seconds>(kRunLimit - (std::chrono::steady_clock::now() - started));
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
  fetch::CurlClient client({std::chrono::seconds(15), 100, std::chrono::seconds(30), 3, "kiosk-sync/" KIOSK_VERSION, &stop_requested});
  syncer::HttpSource source(config->feed_url, client, sleep_unless_stopped);
  const auto outcome = syncer::sync_once(settings, source, clock).outcome;
  send_report(*config, clock, outcome);
  return syncer::exit_code(outcome);
}
