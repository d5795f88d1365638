#include "syncer/syncer.h"

#include <unistd.h>

#include <cstdio>
#include <set>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "platform/log.h"
#include "syncer/object_store.h"

namespace kiosk::syncer {

int exit_code(Outcome o) {
  switch (o) {
    case Outcome::kUpdated: return 0;
    case Outcome::kUpToDate: return 10;
    case Outcome::kNetworkFailure: return 20;
    case Outcome::kRejected: return 30;
    case Outcome::kLocalFailure: return 40;
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
  }
  return "?";
}

namespace {

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
    auto opened = cache::Cache::open(settings_.database, settings_.open_options);
    if (!opened) return finish(Outcome::kLocalFailure, opened.error().message);
    cache_.emplace(std::move(*opened));
    auto state = cache_->sync_state();
    if (!state) return finish(Outcome::kLocalFailure, state.error().message);
    state_ = *state;
    state_.last_attempt = now_;
    if (auto s = cache_->set_sync_state(state_); !s) return finish(Outcome::kLocalFailure, s.error().message);
    if (auto v = cache_->current_version(); v && *v) current_ = **v;

    log::info("checking " + source_.describe() + (current_ ? " (have version " + std::to_string(*current_) + ")" : ""));
    std::string manifest;
    const Fetched m = source_.manifest(state_.etag, state_.last_modified, feed::kMaxManifestBytes, into_string(manifest));
    if (m.error == SourceError::kNotModified) return finish(Outcome::kUpToDate, "feed.json not modified since the last sync");
    if (m.error != SourceError::kNone) return finish(outcome_of(m.error), "feed.json: " + m.message);

    std::string minisig;
    const Fetched s = source_.signature(feed::minisign::kMaxSignatureFileBytes, into_string(minisig));
    if (s.error == SourceError::kMissing) return finish(Outcome::kRejected, "signature: feed.json.minisig is missing");
    if (s.error != SourceError::kNone) return finish(outcome_of(s.error), "signature: " + s.message);

    // Nothing of the manifest is parsed before its signature is verified.
    auto verified = feed::minisign::verify(manifest, minisig, settings_.keys);
    if (!verified) return finish(Outcome::kRejected, "signature: " + verified.error().message);
    log::info("signature verified (key " + verified->key_id + ", \"" + verified->trusted_comment + "\")");

    auto parsed = feed::parse_feed(manifest);
    if (!parsed) return finish(Outcome::kRejected, "schema: " + parsed.error().message);
    const model::Feed& feed = *parsed;

    if (current_ && feed.version < *current_) {
      state_.marked_stale = true;
      return finish(Outcome::kRejected, "rollback: the published version " + std::to_string(feed.version) +
                                            " is older than the cached version " + std::to_string(*current_));
    }
    if (current_ && feed.version == *current_) {
      remember_http(m);
      return finish(Outcome::kUpToDate, "version " + std::to_string(feed.version) + " is the cached version");
    }
    const std::int64_t floor = std::max(now_, state_.last_issued_seen);
    if (feed.expires <= floor) {
      state_.marked_stale = true;
      return finish(Outcome::kRejected, "expired: version " + std::to_string(feed.version) + " expired at " +
                                            feed::format_timestamp(feed.expires) + ", not after " + feed::format_timestamp(floor));
    }

    if (auto fetched = fetch_objects(feed); fetched.outcome != Outcome::kUpdated) return fetched;

    if (auto applied = cache_->apply(feed, now_); !applied) return finish(Outcome::kLocalFailure, applied.error().message);
    current_ = feed.version;
    remember_http(m);
    state_.last_issued_seen = std::max(state_.last_issued_seen, feed.issued);
    state_.marked_stale = false;

    if (auto kept = cache_->referenced_assets()) {
      report_.objects_removed = store_.prune(std::set<std::string>(kept->begin(), kept->end()));
    }
    return finish(Outcome::kUpdated, "applied version " + std::to_string(feed.version) + " (" +
                                         std::to_string(feed.content.results.size()) + " results, " +
                                         std::to_string(feed.assets.size()) + " objects)");
  }

 private:
  Report fetch_objects(const model::Feed& feed) {
    if (auto p = store_.prepare(); !p) return finish(Outcome::kLocalFailure, p.error().message);
    std::vector<const model::AssetRef*> missing;
    std::uint64_t missing_bytes = 0;
    for (const auto& a : feed.assets) {
      if (!store_.has(a.sha256, a.size)) {
        missing.push_back(&a);
        missing_bytes += a.size;
      }
    }
    if (!missing.empty()) {
      log::info("fetching " + std::to_string(missing.size()) + " of " + std::to_string(feed.assets.size()) + " objects (" +
                std::to_string(missing_bytes) + " bytes)");
    }
    const Progress progress(missing.size(), missing_bytes);
    std::uint64_t done_bytes = 0;
    for (std::size_t i = 0; i < missing.size(); ++i) {
      const model::AssetRef& a = *missing[i];
      auto incoming = store_.receive(a.sha256, a.size);
      if (!incoming) return finish(Outcome::kLocalFailure, incoming.error().message);
      ObjectStore::Incoming& in = **incoming;
      // One byte more than signed lets an over-long object show itself instead of looking complete.
      const Fetched f = source_.object(a.sha256, a.size + 1,
                                       {[&in](std::string_view b) { return in.write(b); }, [&in] { in.reset(); }});
      if (f.error != SourceError::kNone) {
        if (auto c = in.commit(); !c && f.error == SourceError::kRejected) return finish(Outcome::kRejected, "hash: " + c.error().message);
        return finish(f.error == SourceError::kTooLarge ? Outcome::kRejected : outcome_of(f.error), "object: " + f.message);
      }
      if (auto c = in.commit(); !c) return finish(Outcome::kRejected, "hash: " + c.error().message);
      ++report_.objects_fetched;
      done_bytes += a.size;
      progress.step(i + 1, done_bytes);
    }
    Report ok;
    ok.outcome = Outcome::kUpdated;
    return ok;
  }

  void remember_http(const Fetched& m) {
    state_.etag = m.etag;
    state_.last_modified = m.last_modified;
  }

  Report finish(Outcome outcome, const std::string& message) {
    report_.outcome = outcome;
    report_.message = message;
    report_.version = current_.value_or(0);
    report_.requests = source_.requests();
    report_.bytes = source_.bytes();
    if (cache_) {
      state_.last_outcome = to_string(outcome);
      if (outcome == Outcome::kUpdated || outcome == Outcome::kUpToDate) {
        state_.last_success = now_;
        state_.last_error.clear();
        state_.marked_stale = false;  // what is published is what the kiosk shows
      } else {
        state_.last_error = message;
      }
      if (auto s = cache_->set_sync_state(state_); !s) log::error("recording the sync state: " + s.error().message);
    }
    const std::string line = std::string(to_string(outcome)) + ": " + message + " [" + std::to_string(report_.requests) +
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
  std::optional<std::uint64_t> current_;
  Report report_;
};

}  // namespace

Report sync_once(const Settings& settings, Source& source, const Clock& clock) { return Run(settings, source, clock).go(); }

bool wait_for_sane_clock(const Clock& clock, std::int64_t not_before, std::chrono::minutes patience, const Sleeper& sleep) {
  const auto give_up = clock.steady() + patience;
  bool said = false;
  while (unix_now(clock) < not_before) {
    if (clock.steady() >= give_up) return false;
    if (!said) log::info("waiting for the clock to be set (it reads " + feed::format_timestamp(unix_now(clock)) + ")");
    said = true;
    sleep(std::chrono::seconds(5));
  }
  return true;
}

}  // namespace kiosk::syncer
