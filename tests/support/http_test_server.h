// A fault-injecting HTTP/1.1 server for the sync tests, in the spirit of SQLite's fault-injecting VFS:
// real sockets, but only on 127.0.0.1 and an ephemeral port, started and stopped by the test inside
// its own process. Each route answers with a fixed or computed `HttpResponse`, which may ask for a
// fault (hang, 1 byte per interval, truncated body, connection reset, endless body, close at once).
//
// One request per connection: every response says `Connection: close`. The server owns all its
// threads (one acceptor, one per connection) and joins them in its destructor, which returns within
// about 200 ms even while connections hang or stream forever. Any error while setting up the socket
// throws std::runtime_error with the C library's words; errors on a connection just end it.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::testing {

// Owns one file descriptor (socket) and closes it once. Move-only; -1 means none.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  // Closes the current descriptor (if any) and takes `fd`.
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// One parsed request head. The server ignores request bodies (the syncer only sends GET).
struct HttpRequest {
  std::string method;                          // "GET"
  std::string target;                          // "/feed.json?x=1" as sent
  std::string path;                            // "/feed.json" (no query)
  std::map<std::string, std::string> headers;  // names lower-cased, values trimmed; repeats joined by ", "
  std::string header(const std::string& lower_name) const;  // "" when absent
};

enum class Fault {
  kNone,
  kHang,        // read the request, then send nothing until the client gives up or the server stops
  kSlow,        // send headers, then the body one byte per `slow_interval`
  kTruncate,    // send the full Content-Length header, then only `truncate_at` bytes of body, then close
  kReset,       // send the status line, headers and `truncate_at` body bytes (default 0), then reset the
                // connection (SO_LINGER 0 + close)
  kEndless,     // send headers without Content-Length, then `body`, then filler bytes forever (in
                // chunks) until the client closes or the server stops
  kCloseAtOnce, // close the connection right after reading the request, sending nothing
};

// What a route answers. The server adds `Connection: close` unless `headers` has a Connection header,
// and `Content-Length: <body size>` unless `headers` has one (a route may send a wrong one on
// purpose), the fault is kEndless, or the status is 1xx, 204 or 304. 204, 304 and HEAD send no body.
struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // sent as given, in order
  std::string body;
  Fault fault = Fault::kNone;
  std::chrono::milliseconds slow_interval{1000};
  std::size_t truncate_at = 0;

  // Common shapes.
  static HttpResponse ok(std::string body, std::string content_type = "application/octet-stream");
  // `status` with a short text/plain body naming it, e.g. "404 Not Found\n". Add Retry-After etc. to
  // `headers` as needed.
  static HttpResponse status_only(int status);
  // `status` (301, 302, 307, 308) with `Location: location`.
  static HttpResponse redirect(int status, std::string location);
  // A static file with an ETag (and Last-Modified when given): 304 Not Modified, no body, when the
  // request's If-None-Match lists `etag` (or is "*"); without If-None-Match, also when If-Modified-Since
  // equals `last_modified` exactly. Otherwise 200 with the body.
  static HttpResponse file(const HttpRequest& req, std::string body, std::string etag,
                           std::string last_modified = "");
};

class HttpTestServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds 127.0.0.1 port 0 (ephemeral) and starts serving on its own thread. Throws
  // std::runtime_error when the socket cannot be set up.
  HttpTestServer();
  // Stops: every connection thread ends within ~200 ms, all are joined.
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const;
  std::string url(const std::string& path) const;  // "http://127.0.0.1:<port><path>"

  // Routes are exact paths (the query is ignored). A path without a route goes to the fallback
  // handler when one is set, else gets 404. A handler runs on the connection's thread; if it throws,
  // the answer is 500 with the exception's message. Routes may change while the server runs.
  void route(const std::string& path, HttpResponse response);
  void route(const std::string& path, Handler handler);
  void remove_route(const std::string& path);
  void set_fallback(Handler handler);  // an empty Handler removes it

  std::vector<HttpRequest> requests() const;  // every request received since clear_log(), in order
  std::size_t request_count() const;
  std::size_t body_bytes_sent() const;   // body bytes written to sockets (not headers)
  std::size_t total_bytes_sent() const;  // headers + bodies
  void clear_log();                      // forgets the requests and zeroes both byte counters
  // Connections whose thread has not finished yet: lets a test see that a hanging or endless
  // response ended because the client went away.
  std::size_t open_connections() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A port on 127.0.0.1 where nothing listens (bind a socket to port 0, read the port, close it): for
// "server down". Another process could take the port in between; on a test machine that is rare.
int unused_local_port();

}  // namespace kiosk::testing
