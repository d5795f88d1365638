// HTTP GET behind an interface: the only way the kiosk reaches the network. The real client is
// libcurl (curl_client.h); tests use it against a local server, and may substitute their own.
//
// A transfer never buffers more than the caller accepts: the body is handed to a sink as it
// arrives, and a transfer over `max_bytes` is aborted.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::fetch {

struct Request {
  std::string url;
  std::string if_none_match;      // an ETag to send as If-None-Match, or empty
  std::string if_modified_since;  // a Last-Modified value to send as If-Modified-Since, or empty
  std::uint64_t max_bytes = 0;    // a larger body aborts the transfer (kTooLarge)
  std::chrono::milliseconds timeout{120000};  // the whole transfer
};

enum class Failure {
  kNone,      // an HTTP response arrived whole (any status)
  kConnect,   // no connection: refused, unreachable, name not resolved
  kTimeout,   // connect, low-speed or whole-transfer timeout
  kTransfer,  // the connection broke: reset, truncated body, protocol error
  kTooLarge,  // the body passed max_bytes
  kRedirect,  // more than the allowed redirects, or a redirect to another scheme
  kTls,       // the certificate or TLS handshake failed
  kAborted,   // the sink refused the data
  kCancelled, // the client's cancel flag was raised (the program is stopping)
};

struct Response {
  int status = 0;  // 0 when no HTTP response arrived
  std::string etag;
  std::string last_modified;
  std::optional<std::chrono::seconds> retry_after;
  std::uint64_t body_bytes = 0;  // delivered to the sink
  Failure failure = Failure::kNone;
  std::string error;  // the client library's words when failure != kNone

  bool ok() const { return failure == Failure::kNone && status == 200; }
  bool not_modified() const { return failure == Failure::kNone && status == 304; }
};

// Receives body bytes as they arrive; returning false aborts the transfer (kAborted).
using Sink = std::function<bool(std::string_view chunk)>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Response get(const Request& request, const Sink& sink) = 0;
};

const char* to_string(Failure f);

}  // namespace kiosk::fetch
