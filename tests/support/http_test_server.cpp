#include "http_test_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>
#include <variant>

namespace kiosk::testing {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kPollSlice = 50ms;     // the longest any wait goes without looking at the stop flag
constexpr auto kLingerLimit = 200ms;  // how long a closing connection drains what the client still sends
constexpr std::size_t kMaxRequestBytes = 64 * 1024;
constexpr std::size_t kReadChunkBytes = 4096;
constexpr std::size_t kEndlessChunkBytes = 16 * 1024;

std::runtime_error sys_error(const std::string& what) {
  return std::runtime_error("HttpTestServer: " + what + ": " + std::strerror(errno));
}

bool is_transient(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
  }
}

bool status_has_body(int status) { return status / 100 != 1 && status != 204 && status != 304; }

// If-None-Match uses the weak comparison: "W/" prefixes do not matter.
bool etag_listed(std::string_view if_none_match, std::string_view etag) {
  const auto strong = [](std::string_view tag) { return tag.substr(0, 2) == "W/" ? tag.substr(2) : tag; };
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    const auto candidate = trim(if_none_match.substr(0, comma));
    if (candidate == "*" || strong(candidate) == strong(etag)) return true;
    if_none_match = comma == std::string_view::npos ? "" : if_none_match.substr(comma + 1);
  }
  return false;
}

// Takes the next CRLF-terminated line off the front of `text`.
std::string_view next_line(std::string_view& text) {
  const auto end = text.find("\r\n");
  const auto line = text.substr(0, end);
  text = end == std::string_view::npos ? "" : text.substr(end + 2);
  return line;
}

// `head` is the request line and header lines, without the blank line. nullopt when malformed.
std::optional<HttpRequest> parse_request(std::string_view head) {
  const auto line = next_line(head);
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp1 == 0 || sp2 == sp1 + 1) return std::nullopt;
  if (line.substr(sp2 + 1, 5) != "HTTP/") return std::nullopt;
  HttpRequest req;
  req.method = line.substr(0, sp1);
  req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  req.path = req.target.substr(0, req.target.find('?'));
  while (!head.empty()) {
    const auto field = next_line(head);
    const auto colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const std::string value(trim(field.substr(colon + 1)));
    auto [it, inserted] = req.headers.emplace(lower(field.substr(0, colon)), value);
    if (!inserted) it->second += ", " + value;
  }
  return req;
}

std::string response_head(const HttpResponse& response) {
  std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) + "\r\n";
  bool has_connection = false;
  bool has_length = false;
  for (const auto& [name, value] : response.headers) {
    head += name + ": " + value + "\r\n";
    const std::string lower_name = lower(name);
    has_connection = has_connection || lower_name == "connection";
    has_length = has_length || lower_name == "content-length";
  }
  if (!has_connection) head += "Connection: close\r\n";
  if (!has_length && response.fault != Fault::kEndless && status_has_body(response.status)) {
    head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  }
  return head + "\r\n";
}

sockaddr_in loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  return addr;
}

// A TCP socket bound to 127.0.0.1 port 0 (the kernel picks the port); also returns that port.
std::pair<UniqueFd, int> bind_loopback_ephemeral() {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw sys_error("socket");
  sockaddr_in addr = loopback(0);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) throw sys_error("bind 127.0.0.1:0");
  socklen_t len = sizeof addr;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) throw sys_error("getsockname");
  return {std::move(fd), ntohs(addr.sin_port)};
}

struct Counters {
  std::atomic<std::size_t> body_bytes{0};
  std::atomic<std::size_t> total_bytes{0};
};

// The I/O of one accepted connection. Every wait looks at `stopping` at least every kPollSlice and
// ends early when the peer has gone away; sends never raise SIGPIPE.
class Connection {
 public:
  enum class Head { kComplete, kTooLarge, kGone };
  enum class Part { kHead, kBody };

  Connection(UniqueFd fd, const std::atomic<bool>& stopping, Counters& counters)
      : fd_(std::move(fd)), stopping_(stopping), counters_(counters) {}

  // Reads up to the blank line; `head` gets everything before it.
  Head read_head(std::string& head) {
    std::string buffer;
    while (!stopping_) {
      if (!(poll_once(POLLIN, kPollSlice) & (POLLIN | POLLHUP | POLLERR))) continue;
      char chunk[kReadChunkBytes];
      const ssize_t n = ::recv(fd_.get(), chunk, sizeof chunk, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && !is_transient(errno))) return Head::kGone;
      if (n < 0) continue;
      const std::size_t scan_from = buffer.size() < 3 ? 0 : buffer.size() - 3;
      buffer.append(chunk, static_cast<std::size_t>(n));
      const auto end = buffer.find("\r\n\r\n", scan_from);
      if (end != std::string::npos && end + 4 <= kMaxRequestBytes) {
        head = buffer.substr(0, end);
        return Head::kComplete;
      }
      if (buffer.size() > kMaxRequestBytes) return Head::kTooLarge;
    }
    return Head::kGone;
  }

  // False when the server stops or the peer has gone before all of `bytes` were written.
  bool send_all(std::string_view bytes, Part part) {
    while (!bytes.empty()) {
      if (stopping_) return false;
      const short revents = poll_once(POLLOUT, kPollSlice);
      if (revents & (POLLERR | POLLHUP)) return false;
      if (!(revents & POLLOUT)) continue;
      const ssize_t n = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && is_transient(errno)) continue;
      if (n < 0) return false;
      counters_.total_bytes += static_cast<std::size_t>(n);
      if (part == Part::kBody) counters_.body_bytes += static_cast<std::size_t>(n);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Waits `duration`; false when the server stops or the peer closes first. Bytes the client sends
  // meanwhile are read and ignored.
  bool wait_for(std::chrono::milliseconds duration) {
    const auto deadline = Clock::now() + duration;
    while (!stopping_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left <= 0ms) return true;
      if (!(poll_once(POLLIN, std::min(left, kPollSlice)) & (POLLIN | POLLHUP | POLLERR))) continue;
      char chunk[kReadChunkBytes];
      const ssize_t n = ::recv(fd_.get(), chunk, sizeof chunk, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && !is_transient(errno))) return false;
    }
    return false;
  }

  // Sends FIN, then drains what the client still sends (up to kLingerLimit) before closing, so the
  // close does not become a reset that destroys the response before the client has read it.
  void close_gracefully() {
    ::shutdown(fd_.get(), SHUT_WR);
    const auto deadline = Clock::now() + kLingerLimit;
    while (!stopping_ && Clock::now() < deadline) {
      if (!(poll_once(POLLIN, kPollSlice) & (POLLIN | POLLHUP | POLLERR))) continue;
      char chunk[kReadChunkBytes];
      const ssize_t n = ::recv(fd_.get(), chunk, sizeof chunk, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && !is_transient(errno))) break;
    }
    fd_.reset();
  }

  // Closes with SO_LINGER 0: the kernel sends RST instead of FIN.
  void reset() {
    const linger abort_on_close{1, 0};
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
    fd_.reset();
  }

 private:
  // The returned events of one poll() for `events`; 0 on timeout or interruption.
  short poll_once(short events, std::chrono::milliseconds timeout) {
    pollfd p{fd_.get(), events, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0 ? p.revents : 0;
  }

  UniqueFd fd_;
  const std::atomic<bool>& stopping_;
  Counters& counters_;
};

// Sends `response` as its fault asks, answering a request made with `method`, then closes.
void deliver(Connection& conn, const HttpResponse& response, const std::string& method) {
  using Part = Connection::Part;
  if (response.fault == Fault::kCloseAtOnce) return conn.close_gracefully();
  if (response.fault == Fault::kHang) {
    while (conn.wait_for(kPollSlice)) {
    }
    return;
  }
  if (!conn.send_all(response_head(response), Part::kHead)) return;
  const bool with_body = method != "HEAD" && status_has_body(response.status);
  const std::string_view body = with_body ? std::string_view(response.body) : std::string_view();
  const std::string_view truncated = body.substr(0, std::min(response.truncate_at, body.size()));
  switch (response.fault) {
    case Fault::kNone:
      if (conn.send_all(body, Part::kBody)) conn.close_gracefully();
      return;
    case Fault::kSlow:
      for (std::size_t i = 0; i < body.size(); ++i) {
        if (i > 0 && !conn.wait_for(response.slow_interval)) return;
        if (!conn.send_all(body.substr(i, 1), Part::kBody)) return;
      }
      return conn.close_gracefully();
    case Fault::kTruncate:
      if (conn.send_all(truncated, Part::kBody)) conn.close_gracefully();
      return;
    case Fault::kReset:
      conn.send_all(truncated, Part::kBody);
      return conn.reset();
    case Fault::kEndless: {
      if (!with_body) return conn.close_gracefully();
      if (!conn.send_all(body, Part::kBody)) return;
      const std::string filler(kEndlessChunkBytes, 'x');
      while (conn.send_all(filler, Part::kBody)) {
      }
      return;
    }
    case Fault::kHang:
    case Fault::kCloseAtOnce:
      return;  // handled before the head was sent
  }
}

}  // namespace

std::string HttpRequest::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

HttpResponse HttpResponse::ok(std::string body, std::string content_type) {
  HttpResponse r;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::status_only(int status) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = std::to_string(status) + " " + reason_phrase(status) + "\n";
  return r;
}

HttpResponse HttpResponse::redirect(int status, std::string location) {
  HttpResponse r = status_only(status);
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

HttpResponse HttpResponse::file(const HttpRequest& req, std::string body, std::string etag, std::string last_modified) {
  const std::string if_none_match = req.header("if-none-match");
  const bool not_modified = !if_none_match.empty()
                                ? etag_listed(if_none_match, etag)
                                : !last_modified.empty() && req.header("if-modified-since") == last_modified;
  HttpResponse r;
  r.headers.emplace_back("ETag", std::move(etag));
  if (!last_modified.empty()) r.headers.emplace_back("Last-Modified", std::move(last_modified));
  if (not_modified) {
    r.status = 304;
    return r;
  }
  r.headers.emplace_back("Content-Type", "application/octet-stream");
  r.body = std::move(body);
  return r;
}

struct HttpTestServer::State {
  using Route = std::variant<std::monostate, HttpResponse, Handler>;
  struct ConnectionThread {
    std::thread thread;
    std::atomic<bool> done{false};
  };

  UniqueFd listener;
  int port = 0;
  std::atomic<bool> stopping{false};
  Counters counters;
  std::atomic<std::size_t> open_connections{0};

  mutable std::mutex routes_mutex;
  std::map<std::string, Route> routes;
  Handler fallback;

  mutable std::mutex log_mutex;
  std::vector<HttpRequest> log;

  std::thread acceptor;
  mutable std::mutex connections_mutex;
  std::list<ConnectionThread> connections;  // a list: each thread refers to its own element

  void accept_loop() {
    while (!stopping) {
      join_finished();
      pollfd p{listener.get(), POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(kPollSlice.count())) <= 0) continue;
      UniqueFd fd(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (fd) start_connection(std::move(fd));
    }
  }

  void join_finished() {
    std::lock_guard lock(connections_mutex);
    for (auto it = connections.begin(); it != connections.end();) {
      if (!it->done) {
        ++it;
        continue;
      }
      it->thread.join();
      it = connections.erase(it);
    }
  }

  void start_connection(UniqueFd fd) {
    std::lock_guard lock(connections_mutex);
    ConnectionThread& entry = connections.emplace_back();
    ++open_connections;
    try {
      entry.thread = std::thread([this, &entry, fd = std::move(fd)]() mutable {
        try {
          serve(std::move(fd));
        } catch (const std::exception&) {
          // A connection's failure (out of memory) ends that connection only.
        }
        --open_connections;
        entry.done = true;
      });
    } catch (const std::system_error&) {
      --open_connections;  // no thread to spare: the client sees the connection closed
      connections.pop_back();
    }
  }

  void serve(UniqueFd fd) {
    Connection conn(std::move(fd), stopping, counters);
    std::string head;
    const auto read = conn.read_head(head);
    if (read == Connection::Head::kGone) return;
    const auto request = read == Connection::Head::kComplete ? parse_request(head) : std::nullopt;
    if (!request) return deliver(conn, HttpResponse::status_only(400), "GET");
    {
      std::lock_guard lock(log_mutex);
      log.push_back(*request);
    }
    deliver(conn, respond_to(*request), request->method);
  }

  HttpResponse respond_to(const HttpRequest& req) const {
    Route route;
    Handler fallback_copy;
    {
      std::lock_guard lock(routes_mutex);
      const auto it = routes.find(req.path);
      if (it != routes.end()) {
        route = it->second;
      } else {
        fallback_copy = fallback;
      }
    }
    try {
      if (const auto* fixed = std::get_if<HttpResponse>(&route)) return *fixed;
      if (const auto* handler = std::get_if<Handler>(&route); handler && *handler) return (*handler)(req);
      if (fallback_copy) return fallback_copy(req);
      return HttpResponse::status_only(404);
    } catch (const std::exception& e) {
      HttpResponse r = HttpResponse::status_only(500);
      r.body = e.what();
      return r;
    }
  }
};

HttpTestServer::HttpTestServer() : state_(std::make_unique<State>()) {
  auto [fd, port] = bind_loopback_ephemeral();
  if (::listen(fd.get(), SOMAXCONN) != 0) throw sys_error("listen");
  state_->listener = std::move(fd);
  state_->port = port;
  state_->acceptor = std::thread([state = state_.get()] { state->accept_loop(); });
}

HttpTestServer::~HttpTestServer() {
  state_->stopping = true;
  if (state_->acceptor.joinable()) state_->acceptor.join();
  std::lock_guard lock(state_->connections_mutex);
  for (auto& entry : state_->connections) entry.thread.join();
  state_->connections.clear();
}

int HttpTestServer::port() const { return state_->port; }

std::string HttpTestServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + path;
}

void HttpTestServer::route(const std::string& path, HttpResponse response) {
  std::lock_guard lock(state_->routes_mutex);
  state_->routes[path] = std::move(response);
}

void HttpTestServer::route(const std::string& path, Handler handler) {
  std::lock_guard lock(state_->routes_mutex);
  state_->routes[path] = std::move(handler);
}

void HttpTestServer::remove_route(const std::string& path) {
  std::lock_guard lock(state_->routes_mutex);
  state_->routes.erase(path);
}

void HttpTestServer::set_fallback(Handler handler) {
  std::lock_guard lock(state_->routes_mutex);
  state_->fallback = std::move(handler);
}

std::vector<HttpRequest> HttpTestServer::requests() const {
  std::lock_guard lock(state_->log_mutex);
  return state_->log;
}

std::size_t HttpTestServer::request_count() const {
  std::lock_guard lock(state_->log_mutex);
  return state_->log.size();
}

std::size_t HttpTestServer::body_bytes_sent() const { return state_->counters.body_bytes; }

std::size_t HttpTestServer::total_bytes_sent() const { return state_->counters.total_bytes; }

void HttpTestServer::clear_log() {
  std::lock_guard lock(state_->log_mutex);
  state_->log.clear();
  state_->counters.body_bytes = 0;
  state_->counters.total_bytes = 0;
}

std::size_t HttpTestServer::open_connections() const { return state_->open_connections; }

int unused_local_port() { return bind_loopback_ephemeral().second; }

}  // namespace kiosk::testing
