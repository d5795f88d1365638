// Where a feed comes from: a web server (conditional GET, retries) or a local folder (a USB stick).
// Both give the same three things and the syncer checks them the same way.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "fetch/http_client.h"
#include "platform/clock.h"
#include "platform/result.h"

namespace kiosk::syncer {

// How a fetch ended, in the terms the syncer decides on.
enum class SourceError {
  kNone,
  kNotModified,  // the manifest is unchanged since the remembered ETag/Last-Modified
  kNetwork,      // could not get it: down, timeouts, broken transfers, HTTP errors
  kTooLarge,     // larger than its limit
  kMissing,      // the source says it does not exist (404, no such file)
  kRejected,     // refused by the consumer (an object's bytes do not match its hash)
  kLocal,        // a local file could not be read or written
  kTimeLimit,    // the run's time limit came before the answer (or before the next try)
  kCancelled,    // the program is stopping (a signal)
};

struct Fetched {
  SourceError error = SourceError::kNone;
  std::string message;  // for the log and the sync state
  std::string etag;
  std::string last_modified;
  std::uint64_t bytes = 0;  // body bytes received
};

// Receives the bytes of one object or document; `reset` starts over after a failed attempt.
struct Receiver {
  std::function<bool(std::string_view)> write;
  std::function<void()> reset;
};

class Source {
 public:
  virtual ~Source() = default;
  // feed.json, at most `max_bytes`, unless unchanged since `etag` / `last_modified`.
  virtual Fetched manifest(const std::string& etag, const std::string& last_modified, std::uint64_t max_bytes,
                           const Receiver& into) = 0;
  virtual Fetched signature(std::uint64_t max_bytes, const Receiver& into) = 0;
  virtual Fetched object(const std::string& sha256, std::uint64_t max_bytes, const Receiver& into) = 0;
  // Another file of the published folder, beside feed.json ("keys.json", "keys.json.minisig").
  virtual Fetched sibling(const std::string& name, std::uint64_t max_bytes, const Receiver& into) = 0;
  // The feed's address, as the sync state remembers it (HTTP validators belong to it).
  virtual std::string describe() const = 0;
  // Whether fetching the manifest and its signature again can give a different pair: a web server
  // can be caught between a publish's two files, a folder read at once cannot.
  virtual bool may_change_while_read() const { return false; }
  std::size_t requests() const { return requests_; }
  std::uint64_t bytes() const { return bytes_; }

  // The end of the run: each request's timeout and each wait between tries are cut to end before it,
  // and past it a request fails at once with kTimeLimit.
  void set_deadline(const Clock& clock, SteadyTime deadline) {
    clock_ = &clock;
    deadline_ = deadline;
  }
  // Time left before the deadline; nullopt without one.
  std::optional<std::chrono::milliseconds> remaining() const {
    if (!clock_) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - clock_->steady());
  }

 protected:
  std::size_t requests_ = 0;
  std::uint64_t bytes_ = 0;

 private:
  const Clock* clock_ = nullptr;
  SteadyTime deadline_{};
};

// Retries for timeouts, broken transfers, 408, 429 and 5xx: exponential backoff with full jitter,
// honouring Retry-After up to a cap; a bounded number of attempts per request.
struct RetryPolicy {
  int max_attempts = 4;
  std::chrono::milliseconds base{2000};
  std::chrono::milliseconds cap{60000};
  std::chrono::seconds max_retry_after{300};
};

using Sleeper = std::function<void(std::chrono::milliseconds)>;

// The published folder on a web server: <feed_url>, <feed_url>.minisig, <folder of feed_url>/objects/<sha256>.
class HttpSource final : public Source {
 public:
  HttpSource(std::string feed_url, fetch::HttpClient& client, Sleeper sleep, RetryPolicy policy = {},
             std::uint64_t seed = std::random_device{}());
  Fetched manifest(const std::string& etag, const std::string& last_modified, std::uint64_t max_bytes,
                   const Receiver& into) override;
  Fetched signature(std::uint64_t max_bytes, const Receiver& into) override;
  Fetched object(const std::string& sha256, std::uint64_t max_bytes, const Receiver& into) override;
  Fetched sibling(const std::string& name, std::uint64_t max_bytes, const Receiver& into) override;
  std::string describe() const override { return feed_url_; }
  bool may_change_while_read() const override { return true; }

 private:
  Fetched get(fetch::Request request, const Receiver& into);
  std::string feed_url_;
  std::string base_url_;
  fetch::HttpClient& client_;
  Sleeper sleep_;
  RetryPolicy policy_;
  std::mt19937_64 rng_;
};

// The same folder on a local file system.
class DirectorySource final : public Source {
 public:
  explicit DirectorySource(std::string dir) : dir_(std::move(dir)) {}
  Fetched manifest(const std::string& etag, const std::string& last_modified, std::uint64_t max_bytes,
                   const Receiver& into) override;
  Fetched signature(std::uint64_t max_bytes, const Receiver& into) override;
  Fetched object(const std::string& sha256, std::uint64_t max_bytes, const Receiver& into) override;
  Fetched sibling(const std::string& name, std::uint64_t max_bytes, const Receiver& into) override;
  std::string describe() const override { return dir_; }

 private:
  Fetched read(const std::string& path, std::uint64_t max_bytes, const Receiver& into);
  std::string dir_;
};

}  // namespace kiosk::syncer
