#include "syncer/source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace kiosk::syncer {

namespace {

bool retryable(const fetch::Response& r) {
  switch (r.failure) {
    case fetch::Failure::kConnect:
    case fetch::Failure::kTimeout:
    case fetch::Failure::kTransfer:
      return true;
    case fetch::Failure::kNone:
      return r.status == 408 || r.status == 429 || r.status >= 500;
    default:
      return false;
  }
}

std::string seconds_text(std::chrono::milliseconds d) { return std::to_string((d.count() + 999) / 1000) + " s"; }

}  // namespace

HttpSource::HttpSource(std::string feed_url, fetch::HttpClient& client, Sleeper sleep, RetryPolicy policy, std::uint64_t seed)
    : feed_url_(std::move(feed_url)), client_(client), sleep_(std::move(sleep)), policy_(policy), rng_(seed) {
  const auto slash = feed_url_.rfind('/');
  base_url_ = slash == std::string::npos ? feed_url_ : feed_url_.substr(0, slash + 1);
}

Fetched HttpSource::get(fetch::Request request, const Receiver& into) {
  Fetched out;
  const std::chrono::milliseconds whole_transfer = request.timeout;
  for (int attempt = 0;; ++attempt) {
    if (const auto left = remaining()) {
      if (left->count() <= 0) {
        out.error = SourceError::kTimeLimit;
        out.message = request.url + ": the run's time limit was reached" + (out.message.empty() ? "" : " after " + out.message);
        return out;
      }
      request.timeout = std::min(whole_transfer, *left);
    }
    into.reset();
    ++requests_;
    const fetch::Response r = client_.get(request, into.write);
    bytes_ += r.body_bytes;
    out.bytes = r.body_bytes;
    out.etag = r.etag;
    out.last_modified = r.last_modified;
    if (r.not_modified()) {
      out.error = SourceError::kNotModified;
      return out;
    }
    if (r.ok()) {
      out.error = SourceError::kNone;
      return out;
    }
    if (r.failure == fetch::Failure::kCancelled) {
      out.error = SourceError::kCancelled;
      out.message = request.url + ": stopped";
      return out;
    }
    if (r.failure == fetch::Failure::kNone) {
      out.message = request.url + ": HTTP " + std::to_string(r.status);
      out.error = r.status == 404 ? SourceError::kMissing : SourceError::kNetwork;
    } else {
      out.message = request.url + ": " + fetch::to_string(r.failure) + " (" + r.error + ")";
      out.error = r.failure == fetch::Failure::kTooLarge  ? SourceError::kTooLarge
                  : r.failure == fetch::Failure::kAborted ? SourceError::kRejected
                                                          : SourceError::kNetwork;
    }
    if (!retryable(r) || attempt + 1 >= policy_.max_attempts) {
      if (attempt > 0) out.message += " (after " + std::to_string(attempt + 1) + " attempts)";
      return out;
    }
    // Full jitter: anywhere between zero and the exponential bound, so a fleet does not retry in step.
    const auto bound = std::min<std::chrono::milliseconds>(policy_.cap, policy_.base * (1LL << std::min(attempt, 20)));
    std::uniform_int_distribution<long long> jitter(0, bound.count());
    auto delay = std::chrono::milliseconds(jitter(rng_));
    if (r.retry_after) delay = std::max(delay, std::chrono::milliseconds(std::min(*r.retry_after, policy_.max_retry_after)));
    if (const auto left = remaining(); left && delay >= *left) {
      out.error = SourceError::kTimeLimit;
      out.message += " (the next try, in " + seconds_text(delay) + ", would come after the run's time limit)";
      return out;
    }
    sleep_(delay);
  }
}

Fetched HttpSource::manifest(const std::string& etag, const std::string& last_modified, std::uint64_t max_bytes,
                             const Receiver& into) {
  fetch::Request req{feed_url_, etag, last_modified, max_bytes};
  return get(req, into);
}

Fetched HttpSource::signature(std::uint64_t max_bytes, const Receiver& into) {
  return get({feed_url_ + ".minisig", "", "", max_bytes}, into);
}

Fetched HttpSource::object(const std::string& sha256, std::uint64_t max_bytes, const Receiver& into) {
  return get({base_url_ + "objects/" + sha256, "", "", max_bytes}, into);
}

Fetched HttpSource::sibling(const std::string& name, std::uint64_t max_bytes, const Receiver& into) {
  return get({base_url_ + name, "", "", max_bytes}, into);
}

Fetched DirectorySource::read(const std::string& path, std::uint64_t max_bytes, const Receiver& into) {
  Fetched out;
  ++requests_;
  into.reset();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.error = errno == ENOENT ? SourceError::kMissing : SourceError::kLocal;
    out.message = path + ": " + std::strerror(errno);
    return out;
  }
  char buf[64 * 1024];
  while (in) {
    in.read(buf, sizeof buf);
    const auto n = static_cast<std::uint64_t>(in.gcount());
    if (n == 0) break;
    if (out.bytes + n > max_bytes) {
      out.error = SourceError::kTooLarge;
      out.message = path + ": larger than the limit of " + std::to_string(max_bytes) + " bytes";
      return out;
    }
    out.bytes += n;
    bytes_ += n;
    if (!into.write(std::string_view(buf, n))) {
      out.error = SourceError::kRejected;
      out.message = path + ": refused";
      return out;
    }
  }
  if (in.bad()) {
    out.error = SourceError::kLocal;
    out.message = path + ": read error";
  }
  return out;
}

Fetched DirectorySource::manifest(const std::string&, const std::string&, std::uint64_t max_bytes, const Receiver& into) {
  return read(dir_ + "/feed.json", max_bytes, into);
}

Fetched DirectorySource::signature(std::uint64_t max_bytes, const Receiver& into) {
  return read(dir_ + "/feed.json.minisig", max_bytes, into);
}

Fetched DirectorySource::object(const std::string& sha256, std::uint64_t max_bytes, const Receiver& into) {
  return read(dir_ + "/objects/" + sha256, max_bytes, into);
}

Fetched DirectorySource::sibling(const std::string& name, std::uint64_t max_bytes, const Receiver& into) {
  return read(dir_ + "/" + name, max_bytes, into);
}

}  // namespace kiosk::syncer
