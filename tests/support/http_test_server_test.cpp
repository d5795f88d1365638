#include "http_test_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

using kiosk::testing::Fault;
using kiosk::testing::HttpRequest;
using kiosk::testing::HttpResponse;
using kiosk::testing::HttpTestServer;
using kiosk::testing::UniqueFd;
using Catch::Matchers::Contains;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// What a plain blocking client saw: the raw bytes and how the reading ended.
struct Reply {
  std::string bytes;
  int error = 0;           // errno of the recv that failed; 0 at EOF or when the byte limit was reached
  bool timed_out = false;  // SO_RCVTIMEO expired
  std::chrono::milliseconds elapsed{};

  // The status line and header lines, each with its CRLF, without the blank line.
  std::string head() const {
    const auto end = bytes.find("\r\n\r\n");
    return end == std::string::npos ? bytes : bytes.substr(0, end + 2);
  }
  std::string status_line() const { return bytes.substr(0, bytes.find("\r\n")); }
  std::string body() const {
    const auto end = bytes.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : bytes.substr(end + 4);
  }
};

void set_timeout(int fd, int option, std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  if (::setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv) != 0) throw std::runtime_error("setsockopt");
}

// Connects to 127.0.0.1:`port`; on failure the socket is empty and errno says why.
UniqueFd connect_local(int port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw std::runtime_error("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) return UniqueFd();
  return fd;
}

// Connects and sends "<method> <path> HTTP/1.1" with Host and `extra_headers` ("Name: value\r\n" lines).
UniqueFd send_request(int port, const std::string& path, const std::string& extra_headers = "",
                      std::chrono::milliseconds timeout = 2s, const std::string& method = "GET") {
  UniqueFd fd = connect_local(port);
  if (!fd) throw std::runtime_error("connect failed");
  set_timeout(fd.get(), SO_RCVTIMEO, timeout);
  set_timeout(fd.get(), SO_SNDTIMEO, timeout);
  const std::string request = method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + extra_headers + "\r\n";
  std::string_view left = request;
  while (!left.empty()) {
    const ssize_t n = ::send(fd.get(), left.data(), left.size(), MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    left.remove_prefix(static_cast<std::size_t>(n));
  }
  return fd;
}

// Reads until EOF, an error, the receive timeout or `max_bytes`.
Reply read_reply(int fd, std::size_t max_bytes = SIZE_MAX) {
  Reply reply;
  const auto start = Clock::now();
  char chunk[64 * 1024];
  while (reply.bytes.size() < max_bytes) {
    const ssize_t n = ::recv(fd, chunk, std::min(sizeof chunk, max_bytes - reply.bytes.size()), 0);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      reply.timed_out = errno == EAGAIN || errno == EWOULDBLOCK;
      reply.error = reply.timed_out ? 0 : errno;
      break;
    }
    reply.bytes.append(chunk, static_cast<std::size_t>(n));
  }
  reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return reply;
}

Reply get(int port, const std::string& path, const std::string& extra_headers = "",
          const std::string& method = "GET") {
  UniqueFd fd = send_request(port, path, extra_headers, 2s, method);
  return read_reply(fd.get());
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

std::chrono::milliseconds time_to_destroy(std::optional<HttpTestServer>& server) {
  const auto start = Clock::now();
  server.reset();
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// A 200 answer with `body` that goes wrong as `fault` says.
HttpResponse with_fault(std::string body, Fault fault) {
  HttpResponse response = HttpResponse::ok(std::move(body));
  response.fault = fault;
  return response;
}

}  // namespace

TEST_CASE("a route answers with exactly its status, headers and body and the request is logged", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse response;
  response.headers = {{"Content-Type", "application/json"}, {"X-Custom", "yes"}};
  response.body = R"({"a":1})";
  server.route("/feed.json", response);

  const Reply reply = get(server.port(), "/feed.json?x=1", "X-Mixed-Case:   Some Value \r\n");

  CHECK(reply.bytes ==
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Custom: yes\r\nConnection: close\r\n"
        "Content-Length: 7\r\n\r\n{\"a\":1}");
  CHECK(reply.error == 0);
  CHECK_FALSE(reply.timed_out);
  REQUIRE(server.request_count() == 1);
  const HttpRequest req = server.requests().at(0);
  CHECK(req.method == "GET");
  CHECK(req.target == "/feed.json?x=1");
  CHECK(req.path == "/feed.json");
  CHECK(req.header("x-mixed-case") == "Some Value");
  CHECK(req.header("host") == "x");
  CHECK(req.header("absent").empty());
  CHECK(server.body_bytes_sent() == 7);
  CHECK(server.total_bytes_sent() == reply.bytes.size());
  CHECK(server.url("/a") == "http://127.0.0.1:" + std::to_string(server.port()) + "/a");

  server.clear_log();
  CHECK(server.request_count() == 0);
  CHECK(server.body_bytes_sent() == 0);
  CHECK(server.total_bytes_sent() == 0);
}

TEST_CASE("an unknown path gets 404", "[http_test_server]") {
  HttpTestServer server;
  server.route("/known", HttpResponse::ok("x"));
  const Reply reply = get(server.port(), "/unknown");
  CHECK(reply.status_line() == "HTTP/1.1 404 Not Found");
  CHECK(reply.body() == "404 Not Found\n");
  CHECK(server.request_count() == 1);
}

TEST_CASE("status lines carry the standard reason phrase and route headers are sent", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse busy = HttpResponse::status_only(429);
  busy.headers.emplace_back("Retry-After", "7");
  server.route("/busy", busy);
  server.route("/moved", HttpResponse::redirect(302, "/new"));
  server.route("/teapot", HttpResponse::status_only(418));

  const Reply b = get(server.port(), "/busy");
  CHECK(b.status_line() == "HTTP/1.1 429 Too Many Requests");
  CHECK_THAT(b.head(), Contains("\r\nRetry-After: 7\r\n"));
  const Reply m = get(server.port(), "/moved");
  CHECK(m.status_line() == "HTTP/1.1 302 Found");
  CHECK_THAT(m.head(), Contains("\r\nLocation: /new\r\n"));
  CHECK(get(server.port(), "/teapot").status_line() == "HTTP/1.1 418 Status");
}

TEST_CASE("a route's own Content-Length and Connection are sent as given, and HEAD gets no body",
          "[http_test_server]") {
  HttpTestServer server;
  HttpResponse lying = HttpResponse::ok("abc");
  lying.headers.emplace_back("Content-Length", "100");
  lying.headers.emplace_back("Connection", "keep-alive");
  server.route("/lying", lying);
  server.route("/doc", HttpResponse::ok("hello"));

  const Reply l = get(server.port(), "/lying");
  CHECK(l.head() ==
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 100\r\n"
        "Connection: keep-alive\r\n");
  CHECK(l.body() == "abc");
  CHECK(l.error == 0);  // the server still closes after one request

  const Reply h = get(server.port(), "/doc", "", "HEAD");
  CHECK_THAT(h.head(), Contains("\r\nContent-Length: 5\r\n"));
  CHECK(h.bytes.size() == h.head().size() + 2);
}

TEST_CASE("file() answers 200 with an ETag, then 304 without a body when If-None-Match matches",
          "[http_test_server]") {
  HttpTestServer server;
  server.route("/feed.json", [](const HttpRequest& req) { return HttpResponse::file(req, "payload", "\"v1\""); });

  const Reply first = get(server.port(), "/feed.json");
  CHECK(first.status_line() == "HTTP/1.1 200 OK");
  CHECK_THAT(first.head(), Contains("\r\nETag: \"v1\"\r\n"));
  CHECK(first.body() == "payload");

  const Reply again = get(server.port(), "/feed.json", "If-None-Match: \"v1\"\r\n");
  CHECK(again.status_line() == "HTTP/1.1 304 Not Modified");
  CHECK_THAT(again.head(), Contains("\r\nETag: \"v1\"\r\n"));
  CHECK_THAT(again.head(), !Contains("Content-Length"));
  CHECK(again.body().empty());
  CHECK(again.bytes.size() == again.head().size() + 2);

  const Reply changed = get(server.port(), "/feed.json", "If-None-Match: \"v0\"\r\n");
  CHECK(changed.status_line() == "HTTP/1.1 200 OK");
  CHECK(changed.body() == "payload");
  CHECK(server.body_bytes_sent() == 2 * std::string("payload").size());
}

TEST_CASE("kTruncate promises the full length, sends truncate_at bytes, then closes", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse response = with_fault("0123456789", Fault::kTruncate);
  response.truncate_at = 4;
  server.route("/t", response);

  const Reply reply = get(server.port(), "/t");
  CHECK_THAT(reply.head(), Contains("\r\nContent-Length: 10\r\n"));
  CHECK(reply.body() == "0123");
  CHECK(reply.error == 0);  // a clean EOF, not a reset
  CHECK_FALSE(reply.timed_out);
  CHECK(server.body_bytes_sent() == 4);
}

TEST_CASE("kReset resets the connection after the headers", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse response = with_fault("hello world", Fault::kReset);
  server.route("/r", response);

  const Reply reply = get(server.port(), "/r");
  CHECK(reply.error == ECONNRESET);
  CHECK_FALSE(reply.timed_out);
  CHECK_THAT(reply.bytes, !Contains("hello world"));
  CHECK(server.body_bytes_sent() == 0);
}

TEST_CASE("kSlow sends the body one byte per slow_interval", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse response = with_fault("abcde", Fault::kSlow);
  response.slow_interval = 20ms;
  server.route("/slow", response);

  const Reply reply = get(server.port(), "/slow");
  CHECK(reply.body() == "abcde");
  CHECK_THAT(reply.head(), Contains("\r\nContent-Length: 5\r\n"));
  CHECK(reply.elapsed >= 60ms);  // 4 intervals of 20 ms between 5 bytes; a lower bound only
}

TEST_CASE("kSlow ends when the client goes away", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse response = with_fault(std::string(100, 'a'), Fault::kSlow);
  response.slow_interval = 1000ms;
  server.route("/slow", response);
  {
    // Read everything sent so far, so that the close is a plain FIN rather than a reset.
    UniqueFd client = send_request(server.port(), "/slow");
    Reply partial;
    while (partial.body().empty()) {
      const Reply more = read_reply(client.get(), 1);
      REQUIRE(more.bytes.size() == 1);
      partial.bytes += more.bytes;
    }
  }
  CHECK(wait_until([&] { return server.open_connections() == 0; }, 500ms));
  CHECK(server.body_bytes_sent() == 1);
}

TEST_CASE("kHang sends nothing until the server stops, and the server stops promptly", "[http_test_server]") {
  std::optional<HttpTestServer> server(std::in_place);
  HttpResponse response = with_fault("never", Fault::kHang);
  server->route("/hang", response);

  UniqueFd client = send_request(server->port(), "/hang", "", 200ms);
  const Reply reply = read_reply(client.get());
  CHECK(reply.timed_out);
  CHECK(reply.bytes.empty());
  CHECK(wait_until([&] { return server->request_count() == 1; }, 2s));
  CHECK(server->open_connections() == 1);
  CHECK(time_to_destroy(server) < 2s);  // the client is still connected
}

TEST_CASE("kHang ends when the client gives up", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse response = with_fault("never", Fault::kHang);
  server.route("/hang", response);
  {
    UniqueFd client = send_request(server.port(), "/hang", "", 100ms);
    CHECK(read_reply(client.get()).timed_out);
    CHECK(wait_until([&] { return server.request_count() == 1; }, 2s));
    CHECK(server.open_connections() == 1);
  }
  CHECK(wait_until([&] { return server.open_connections() == 0; }, 500ms));
}

TEST_CASE("kEndless streams until the client closes, then its thread ends", "[http_test_server]") {
  std::optional<HttpTestServer> server(std::in_place);
  HttpResponse response = with_fault("start", Fault::kEndless);
  server->route("/endless", response);

  constexpr std::size_t kMiB = 1024 * 1024;
  std::size_t body_bytes_read = 0;
  {
    UniqueFd client = send_request(server->port(), "/endless");
    const Reply reply = read_reply(client.get(), kMiB);
    REQUIRE(reply.bytes.size() == kMiB);
    CHECK_THAT(reply.head(), !Contains("Content-Length"));
    CHECK(reply.body().substr(0, 10) == "startxxxxx");
    body_bytes_read = reply.body().size();
  }
  CHECK(wait_until([&] { return server->open_connections() == 0; }, 2s));
  CHECK(server->body_bytes_sent() >= body_bytes_read);
  CHECK(time_to_destroy(server) < 2s);
}

TEST_CASE("kCloseAtOnce closes without sending anything", "[http_test_server]") {
  HttpTestServer server;
  HttpResponse response = with_fault("never", Fault::kCloseAtOnce);
  server.route("/close", response);

  const Reply reply = get(server.port(), "/close");
  CHECK(reply.bytes.empty());
  CHECK(reply.error == 0);
  CHECK_FALSE(reply.timed_out);
  CHECK(server.request_count() == 1);
  CHECK(server.total_bytes_sent() == 0);
}

TEST_CASE("an oversized request head gets 400", "[http_test_server]") {
  HttpTestServer server;
  server.route("/", HttpResponse::ok("x"));
  const Reply reply = get(server.port(), "/", "X-Big: " + std::string(70 * 1024, 'b') + "\r\n");
  CHECK(reply.status_line() == "HTTP/1.1 400 Bad Request");
  CHECK(server.request_count() == 0);
}

TEST_CASE("unused_local_port() refuses connections", "[http_test_server]") {
  const int port = kiosk::testing::unused_local_port();
  CHECK(port > 0);
  errno = 0;
  const UniqueFd fd = connect_local(port);
  CHECK_FALSE(fd);
  CHECK(errno == ECONNREFUSED);
}

TEST_CASE("handlers compute responses from the request and the fallback takes paths without a route",
          "[http_test_server]") {
  HttpTestServer server;
  server.route("/echo", [](const HttpRequest& req) { return HttpResponse::ok(req.header("x-probe"), "text/plain"); });
  server.route("/throws", [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });

  CHECK(get(server.port(), "/echo", "X-Probe:  abc \r\n").body() == "abc");
  CHECK(get(server.port(), "/other").status_line() == "HTTP/1.1 404 Not Found");

  const Reply failed = get(server.port(), "/throws");
  CHECK(failed.status_line() == "HTTP/1.1 500 Internal Server Error");
  CHECK(failed.body() == "boom");

  server.set_fallback([](const HttpRequest& req) { return HttpResponse::ok("fallback " + req.path); });
  CHECK(get(server.port(), "/other?q=1").body() == "fallback /other");
  CHECK(get(server.port(), "/echo", "X-Probe: routed\r\n").body() == "routed");  // routes come first
  server.remove_route("/echo");
  CHECK(get(server.port(), "/echo").body() == "fallback /echo");
}
