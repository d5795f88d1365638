#include "syncer/syncer.h"

#include <unistd.h>

#include <cstdio>
#include <set>
#include <thread>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "platform/file_lock.h"
#include "platform/log.h"
#include "syncer/object_store.h"
#include "disk_room.h"
#include "trust.h"

namespace kiosk::syncer {

int exit_code(Outcome o) {
  switch (o) {
    case Outcome::kUpdated: return 0;
    case Outcome::kUpToDate: return 10;
    case Outcome::kNetworkFailure: return 20;
    case Outcome::kRejected: return 30;
    case Outcome::kLocalFailure: return 40;
    case Outcome::kBusy: return 50;
    case Outcome::kInterrupted: return 75;
  }
  return 40;
}

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::kUpdated: return "updated";
    case Outcome::kUpToDate: return "up to date";
    case Outcome::kNetworkFailure: return "network failure";
    case Outcome::kRejected: return "rejected";
    case Outcome::kLocalFailure: return "local failure";
    case Outcome::kBusy: return "busy";
    case Outcome::kInterrupted: return "interrupted";
  }
  return "?";
}

std::string lock_path(const std::string& database) { return database + ".lock"; }

namespace {

// How often a run fetches feed.json and its signature when they do not match (a publish in between).
constexpr int kPairAttempts = 4;

std::int64_t unix_now(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.wall().time_since_epoch()).count();
}

Outcome outcome_of(SourceError e) {
  switch (e) {
    case SourceError::kTooLarge:
    case SourceError::kRejected:
      return Outcome::kRejected;
    case SourceError::kLocal:
      return Outcome::kLocalFailure;
    case SourceError::kCancelled:
      return Outcome::kInterrupted;
    default:
      return Outcome::kNetworkFailure;
  }
}

Receiver into_string(std::string& out) {
  return {[&out](std::string_view b) {
            out.append(b);
            return true;
          },
          [&out] { out.clear(); }};
}

// A one-line progress display for downloads, only on a terminal (journald gets the log lines).
class Progress {
 public:
  Progress(std::size_t total, std::uint64_t bytes) : total_(total), bytes_total_(bytes), tty_(::isatty(2) == 1) {}
  void step(std::size_t done, std::uint64_t bytes) const {
    if (!tty_ || total_ == 0) return;
    const int width = 30;
    const int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total_) * width);
    std::fprintf(stderr, "\r[%-*s] %zu/%zu objects, %.1f/%.1f MB", width, std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 done, total_, static_cast<double>(bytes) / 1e6, static_cast<double>(bytes_total_) / 1e6);
    if (done == total_) std::fputc('\n', stderr);
  }

 private:
  std::size_t total_;
  std::uint64_t bytes_total_;
  bool tty_;
};

class Run {
 public:
  Run(const Settings& settings, Source& source, const Clock& clock)
      : settings_(settings), source_(source), clock_(clock), now_(unix_now(clock)), store_(settings.objects_dir) {}

  Report go() {
    source_.set_deadline(clock_, clock_.steady() + settings_.time_limit);
    auto lock = FileLock::acquire(lock_path(settings_.database),
                                  {std::chrono::duration_cast<std::chrono::milliseconds>(settings_.lock_wait), std::chrono::milliseconds(250), {}});
    if (!lock) return finish(Outcome::kLocalFailure, "lock: " + lock.error().message);
    if (!*lock) {
      // The other run records its own outcome; this one leaves the sync state alone.
      return finish(Outcome::kBusy, "another kiosk-sync run is using " + settings_.database + "; gave up after waiting " +
                                        std::to_string(settings_.lock_wait.count()) + " s");
    }
    if (auto opened = open_cache(); !opened) return finish(Outcome::kLocalFailure, opened.error().message);
    auto state = cache_->sync_state();
    if (!state) return finish(Outcome::kLocalFailure, state.error().message);
    state_ = *state;
    if (state_.last_outcome == cache::kRunningOutcome) {
      log::warning("the previous run (started " + feed::format_timestamp(state_.last_attempt) + ") did not finish");
    }
    state_.last_attempt = now_;
    state_.last_outcome = cache::kRunningOutcome;  // stays if this run is killed: --status says so
    if (auto s = cache_->set_sync_state(state_); !s) return finish(Outcome::kLocalFailure, s.error().message);

    auto trusted = trusted_feed_keys(*cache_, settings_.root_keys, settings_.keys, source_);
    if (!trusted) return finish(Outcome::kLocalFailure, trusted.error().message);
    trust_ = std::move(*trusted);
    if (stopping()) return interrupted("before fetching the feed");

    log::info("checking " + source_.describe() + (current_ ? " (have version " + std::to_string(current_->info.version) + ")" : ""));
    // Validators belong to the URL they came from, and mean nothing without content to keep.
    const bool conditional = current_ && state_.validators_url == source_.describe();
    std::string manifest, minisig;
    Fetched m = fetch_manifest(conditional, manifest);
    if (m.error == SourceError::kNotModified) return unchanged("feed.json not modified since the last sync");
    if (m.error != SourceError::kNone) return failed("feed.json", m);
    if (auto s = fetch_signature(minisig); s.outcome != Outcome::kUpdated) return s;

    // Nothing of the manifest is parsed before its signature is verified.
    auto verified = feed::minisign::verify(manifest, minisig, trust_.feed_keys);
    // A publish may have swapped the pair between the two requests: fetch both again, a few times,
    // since publishes can come back to back.
    for (int again = 1; !verified && source_.may_change_while_read() && again < kPairAttempts; ++again) {
      log::info("signature: " + verified.error().message + "; fetching feed.json and its signature again");
      m = fetch_manifest(false, manifest);
      if (m.error != SourceError::kNone) return failed("feed.json", m);
      if (auto s = fetch_signature(minisig); s.outcome != Outcome::kUpdated) return s;
      verified = feed::minisign::verify(manifest, minisig, trust_.feed_keys);
    }
    if (!verified) return finish(Outcome::kRejected, "signature: " + verified.error().message);
    log::info("signature verified (key " + verified->key_id + ", \"" + verified->trusted_comment + "\")");

    auto parsed = feed::parse_feed(manifest);
    if (!parsed) return finish(Outcome::kRejected, "schema: " + parsed.error().message);
    const model::Feed& feed = *parsed;
    if (auto refused = check_version(feed); refused.outcome != Outcome::kUpdated) return refused;
    if (current_ && !new_line() && feed.version == current_->info.version) {
      remember_http(m);
      return unchanged("version " + std::to_string(feed.version) + " is the cached version");
    }

    if (auto fetched = complete_objects(feed.assets, "version " + std::to_string(feed.version), Pictures::kOfNewVersion);
        fetched.outcome != Outcome::kUpdated) {
      return fetched;
    }
    if (stopping()) return interrupted("before applying version " + std::to_string(feed.version));
    const bool started_line = new_line();
    if (auto applied = cache_->apply(feed, now_, {manifest, minisig, trust_.epoch}); !applied) {
      return finish(Outcome::kLocalFailure, applied.error().message);
    }
    applied_ = feed.version;
    remember_http(m);
    state_.last_issued_seen = started_line ? feed.issued : std::max(state_.last_issued_seen, feed.issued);

    if (auto kept = cache_->referenced_assets()) {
      report_.objects_removed = store_.prune(std::set<std::string>(kept->begin(), kept->end()));
    }
    return finish(Outcome::kUpdated, "applied version " + std::to_string(feed.version) +
                                         (started_line ? " (epoch " + std::to_string(trust_.epoch) + ")" : "") + " (" +
                                         std::to_string(feed.content.results.size()) + " results, " +
                                         std::to_string(feed.assets.size()) + " objects)");
  }

 private:
  // Opens the cache and reads its current version after SQLite's quick_check. When any of that fails
  // and the file is damaged, it is moved aside for staff and the run goes on with a fresh cache that
  // the feed rebuilds: the kiosk shows its built-in content meanwhile, never the damaged one.
  Status open_cache() {
    Error trouble;
    if (auto opened = cache::Cache::open(settings_.database, settings_.open_options)) {
      auto check = opened->quick_check();
      auto current = check && *check == "ok" ? opened->read_current() : Result<std::optional<cache::Snapshot>>(make_error(""));
      if (current) {
        cache_.emplace(std::move(*opened));
        if (*current) current_ = std::move(**current);
        return Status::success();
      }
      trouble = current.error();
    } else {
      trouble = opened.error();
    }
    auto look = cache::examine(settings_.database);
    if (!look) return look.error();
    if (look->health != cache::Health::kDamaged) {
      return trouble.message.empty() ? make_error(settings_.database + ": cannot read the cache") : trouble;
    }
    auto aside = cache::quarantine(settings_.database, now_);
    if (!aside) return aside.error();
    report_.quarantined = *aside;
    log::error("the cache " + settings_.database + " is damaged (" + look->detail + "); moved it aside to " + *aside +
               " and building a fresh one from the feed");
    auto fresh = cache::Cache::open(settings_.database, settings_.open_options);
    if (!fresh) return fresh.error();
    cache_.emplace(std::move(*fresh));
    return Status::success();
  }

  Fetched fetch_manifest(bool conditional, std::string& manifest) {
    return source_.manifest(conditional ? state_.etag : "", conditional ? state_.last_modified : "", feed::kMaxManifestBytes,
                            into_string(manifest));
  }

  Report fetch_signature(std::string& minisig) {
    const Fetched s = source_.signature(feed::minisign::kMaxSignatureFileBytes, into_string(minisig));
    if (s.error == SourceError::kMissing) return finish(Outcome::kRejected, "signature: feed.json.minisig is missing");
    if (s.error != SourceError::kNone) return failed("signature", s);
    return proceed();
  }

  // Rollback, a future issue time, expiry: what makes a validly signed feed one not to apply.
  Report check_version(const model::Feed& feed) {
    const std::string published = "the published feed (version " + std::to_string(feed.version) + ")";
    if (current_ && !new_line() &&
        (cache::version_line(trust_.epoch) < cache::version_line(current_->info.epoch) || feed.version < current_->info.version)) {
      return refuse("rollback: the published version " + std::to_string(feed.version) + " is older than the cached version " +
                        std::to_string(current_->info.version),
                    "the published feed is version " + std::to_string(feed.version) + ", older than version " +
                        std::to_string(current_->info.version) + " shown here (a rollback, or a publish from an old copy)");
    }
    const auto ahead = std::chrono::duration_cast<std::chrono::seconds>(kMaxIssuedAhead).count();
    if (feed.issued > now_ + ahead) {
      return refuse("future: version " + std::to_string(feed.version) + " was issued at " + feed::format_timestamp(feed.issued) +
                        ", more than " + std::to_string(ahead / 3600) + " h after this kiosk's clock (" + feed::format_timestamp(now_) + ")",
                    published + " says it was issued at " + feed::format_timestamp(feed.issued) +
                        ", ahead of this kiosk's clock: check the clock of the machine that built it");
    }
    const std::int64_t floor = new_line() ? now_ : std::max(now_, state_.last_issued_seen);
    if (feed.expires <= floor) {
      return refuse("expired: version " + std::to_string(feed.version) + " expired at " + feed::format_timestamp(feed.expires) +
                        ", not after " + feed::format_timestamp(floor),
                    published + " expired at " + feed::format_timestamp(feed.expires) + "; staff must publish a new one");
    }
    return proceed();
  }

  // The feed is the one the kiosk has: make sure every picture of it is here and whole, and say
  // plainly when what is published has expired.
  Report unchanged(const std::string& why) {
    if (!current_) return finish(Outcome::kNetworkFailure, "feed.json: not modified, but this kiosk has no content; try again");
    const std::string what = "version " + std::to_string(current_->info.version);
    if (auto r = complete_objects(current_->assets, what, Pictures::kShownNow); r.outcome != Outcome::kUpdated) return r;
    if (current_->info.expires <= now_) {
      return refuse("expired: the published " + what + " expired at " + feed::format_timestamp(current_->info.expires) +
                        " and nothing newer is published",
                    "the published feed (" + what + ") expired at " + feed::format_timestamp(current_->info.expires) +
                        "; staff must publish a new one");
    }
    return finish(Outcome::kUpToDate, why + (report_.objects_repaired ? "; fetched " + std::to_string(report_.objects_repaired) +
                                                                            " missing or damaged pictures again"
                                                                      : ""));
  }

  // Whose pictures complete_objects() looks at: any missing from the version shown now are repairs.
  enum class Pictures { kOfNewVersion, kShownNow };

  // Every asset present with its size, and hashed while the run's budget lasts (for the version shown
  // now, only when a full check is due); fetches the rest.
  Report complete_objects(const std::vector<model::AssetRef>& assets, const std::string& what, Pictures whose) {
    if (auto p = store_.prepare(); !p) return finish(Outcome::kLocalFailure, p.error().message);
    const bool hash = whose == Pictures::kOfNewVersion || now_ - state_.last_full_check >= settings_.full_check_every.count() ||
                      now_ < state_.last_full_check;  // a clock set back: check now rather than for years
    if (hash) state_.last_full_check = now_;
    std::vector<const model::AssetRef*> missing;
    std::uint64_t missing_bytes = 0, hashed = 0;
    std::size_t damaged = 0;
    for (const auto& a : assets) {
      bool whole = store_.has(a.sha256, a.size);
      if (whole && hash && hashed + a.size <= kMaxCheckedBytesPerRun) {
        hashed += a.size;
        if (!store_.hash_matches(a.sha256)) {
          store_.remove(a.sha256);
          whole = false;
          ++damaged;
        }
      }
      if (!whole) {
        missing.push_back(&a);
        missing_bytes += a.size;
      }
    }
    if (missing.empty()) return proceed();
    const bool repairing = whose == Pictures::kShownNow;
    if (repairing || damaged) {
      log::warning(std::to_string(missing.size()) + " of the " + std::to_string(assets.size()) + " pictures of " + what +
                   " are missing or damaged on this kiosk (" + std::to_string(damaged) + " damaged); fetching them again");
    }
    log::info("fetching " + std::to_string(missing.size()) + " of " + std::to_string(assets.size()) + " objects (" +
              std::to_string(missing_bytes) + " bytes)");
    const Progress progress(missing.size(), missing_bytes);
    std::uint64_t done_bytes = 0;
    for (std::size_t i = 0; i < missing.size(); ++i) {
      if (stopping()) return interrupted("while fetching the pictures of " + what);
      const model::AssetRef& a = *missing[i];
      if (auto r = fetch_object(a); r.outcome != Outcome::kUpdated) return r;
      if (repairing) ++report_.objects_repaired;
      ++report_.objects_fetched;
      done_bytes += a.size;
      progress.step(i + 1, done_bytes);
    }
    return proceed();
  }

  Report fetch_object(const model::AssetRef& a) {
    auto incoming = store_.receive(a.sha256, a.size);
    if (!incoming) return disk_failure(incoming.error().message);
    ObjectStore::Incoming& in = **incoming;
    // One byte more than signed lets an over-long object show itself instead of looking complete.
    const Fetched f = source_.object(a.sha256, a.size + 1, {[&in](std::string_view b) { return in.write(b); }, [&in] { in.reset(); }});
    if (in.failed_locally()) return disk_failure(in.commit().error().message);
    if (f.error == SourceError::kRejected) return finish(Outcome::kRejected, "hash: " + in.commit().error().message);
    if (f.error == SourceError::kTooLarge) return finish(Outcome::kRejected, "object: " + f.message);
    if (f.error != SourceError::kNone) return failed("object", f);
    if (auto c = in.commit(); !c) {
      if (in.failed_locally()) return disk_failure(c.error().message);
      return finish(Outcome::kRejected, "hash: " + c.error().message);
    }
    return proceed();
  }

  // The disk failed while storing pictures: drop what this run stored that no kept version uses,
  // so a full disk is not left full, and record it (the reserve makes room for that).
  Report disk_failure(const std::string& message) {
    if (cache_) {
      if (auto kept = cache_->referenced_assets()) store_.prune(std::set<std::string>(kept->begin(), kept->end()));
    }
    return finish(Outcome::kLocalFailure, "disk: " + message);
  }

  Report failed(const std::string& what, const Fetched& f) {
    if (f.error == SourceError::kTimeLimit) {
      return finish(Outcome::kNetworkFailure, "time limit: the run stopped after " + std::to_string(settings_.time_limit.count()) +
                                                  " s (" + what + ": " + f.message + ")");
    }
    if (f.error == SourceError::kCancelled) return interrupted("while fetching " + what);
    return finish(outcome_of(f.error), what + ": " + f.message);
  }

  Report refuse(const std::string& message, const std::string& stale_reason) {
    state_.marked_stale = true;
    state_.stale_reason = stale_reason;
    return finish(Outcome::kRejected, message);
  }

  bool stopping() const { return settings_.stop && settings_.stop->load(); }
  // The trusted keys start a version line after the one the shown content belongs to.
  bool new_line() const {
    return current_ && cache::version_line(trust_.epoch) > cache::version_line(current_->info.epoch);
  }
  Report interrupted(const std::string& when) { return finish(Outcome::kInterrupted, "stopped by a signal " + when); }

  static Report proceed() {
    Report ok;
    ok.outcome = Outcome::kUpdated;
    return ok;
  }

  void remember_http(const Fetched& m) {
    state_.etag = m.etag;
    state_.last_modified = m.last_modified;
    state_.validators_url = source_.describe();
  }

  // The cache could not be opened (a full disk leaves SQLite no room even for its shared-memory
  // index): with the reserve freed, one more try, so that the run's outcome is still recorded.
  void reopen_to_record() {
    auto opened = cache::Cache::open(settings_.database, settings_.open_options);
    if (!opened) return;
    auto state = opened->sync_state();
    if (!state) return;
    state_ = *state;
    state_.last_attempt = now_;
    cache_.emplace(std::move(*opened));
  }

  Report finish(Outcome outcome, const std::string& message) {
    report_.outcome = outcome;
    report_.message = message;
    report_.version = applied_ ? *applied_ : current_ ? current_->info.version : 0;
    report_.requests = source_.requests();
    report_.bytes = source_.bytes();
    if (outcome == Outcome::kLocalFailure) {
      report_.message += disk_full_note(settings_.database);
      release_reserve(settings_.database);
      if (!cache_) reopen_to_record();
    }
    if (cache_) {
      state_.last_outcome = to_string(outcome);
      if (outcome == Outcome::kUpdated || outcome == Outcome::kUpToDate) {
        state_.last_success = now_;
        state_.last_error.clear();
        state_.marked_stale = false;  // what is published is what the kiosk shows
        state_.stale_reason.clear();
      } else {
        state_.last_error = report_.message;
      }
      if (auto s = cache_->set_sync_state(state_); !s) log::error("recording the sync state: " + s.error().message);
      if (outcome == Outcome::kUpdated || outcome == Outcome::kUpToDate) keep_reserve(settings_.database);
    }
    const std::string line = std::string(to_string(outcome)) + ": " + report_.message + " [" + std::to_string(report_.requests) +
                             " requests, " + std::to_string(report_.bytes) + " bytes]";
    if (outcome == Outcome::kUpdated || outcome == Outcome::kUpToDate) {
      log::info(line);
    } else {
      log::error(line);
    }
    return report_;
  }

  const Settings& settings_;
  Source& source_;
  const Clock& clock_;
  std::int64_t now_;
  ObjectStore store_;
  std::optional<cache::Cache> cache_;
  cache::SyncState state_;
  std::optional<cache::Snapshot> current_;
  std::optional<std::uint64_t> applied_;
  Trust trust_;
  Report report_;
};

}  // namespace

Report sync_once(const Settings& settings, Source& source, const Clock& clock) { return Run(settings, source, clock).go(); }

bool wait_for_sane_clock(const Clock& clock, std::int64_t not_before, std::chrono::minutes patience, const Sleeper& sleep,
                         const std::atomic<bool>* stop) {
  const auto give_up = clock.steady() + patience;
  bool said = false;
  while (unix_now(clock) < not_before) {
    if (clock.steady() >= give_up || (stop && stop->load())) return false;
    if (!said) log::info("waiting for the clock to be set (it reads " + feed::format_timestamp(unix_now(clock)) + ")");
    said = true;
    sleep(std::chrono::seconds(5));
  }
  return true;
}

}  // namespace kiosk::syncer
