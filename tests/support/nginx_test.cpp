// The nginx harness itself: it serves its root, takes WebDAV writes only with the password, logs
// every request with the bytes on the wire exactly, and is gone after its destructor.
#include "nginx.h"

#include <sys/socket.h>

#include <catch2/catch.hpp>

#include "fetch/curl_client.h"
#include "http_test_server.h"

namespace {

using kiosk::testing::Nginx;
using kiosk::testing::NginxOptions;
using kiosk::testing::UniqueFd;
using namespace std::chrono_literals;

const kiosk::fetch::CurlLibrary curl_library;

// Sends `request` as it is on one connection and returns the whole answer.
std::string exchange(int port, const std::string& request) {
  UniqueFd fd = kiosk::testing::connect_loopback(port);
  REQUIRE(fd);
  REQUIRE(::send(fd.get(), request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd.get(), buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  return answer;
}

std::string put_request(const std::string& path, const std::string& body, const std::string& authorization = "") {
  return "PUT " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         (authorization.empty() ? "" : "Authorization: Basic " + authorization + "\r\n") + "\r\n" + body;
}

}  // namespace

TEST_CASE("nginx serves its root and logs each request with its bytes on the wire", "[nginx]") {
  Nginx nginx;
  kiosk::testing::write_file(nginx.root() / "hello.txt", "hello, kiosk\n");
  kiosk::fetch::CurlClient client({2s, 100, 2s, 0, "nginx-test"});
  std::string body;
  const auto sink = [&](std::string_view data) {
    body += data;
    return true;
  };
  auto got = client.get({nginx.url("/hello.txt"), "", "", 1024}, sink);
  CHECK(got.status == 200);
  CHECK(body == "hello, kiosk\n");
  CHECK(client.get({nginx.url("/hello.txt"), got.etag, "", 1024}, sink).status == 304);
  const std::string raw = "GET /missing HTTP/1.0\r\n\r\n";
  const std::string answer = exchange(nginx.port(), raw);
  CHECK(answer.rfind("HTTP/1.1 404", 0) == 0);

  const auto log = nginx.requests();
  REQUIRE(log.size() == 3);
  CHECK(log[0].method == "GET");
  CHECK(log[0].uri == "/hello.txt");
  CHECK(log[0].status == 200);
  CHECK(log[0].response_bytes > body.size());  // the headers too
  CHECK(log[1].status == 304);
  CHECK(log[2].uri == "/missing");
  CHECK(log[2].request_bytes == raw.size());
  CHECK(log[2].response_bytes == answer.size());
  CHECK(log[2].bytes() == raw.size() + answer.size());

  nginx.clear_requests();
  CHECK(nginx.requests().empty());
}

TEST_CASE("nginx takes WebDAV PUT in its location only with the password, and reads stay open", "[nginx]") {
  Nginx nginx(NginxOptions{.dav_location = "/kiosk/", .user = "kiosk", .password = "secret", .server_config = ""});
  CHECK(exchange(nginx.port(), put_request("/kiosk/objects/a", "one")).rfind("HTTP/1.1 401", 0) == 0);
  CHECK(exchange(nginx.port(), put_request("/kiosk/objects/a", "one", "a2lvc2s6d3Jvbmc=")).rfind("HTTP/1.1 401", 0) == 0);
  CHECK(exchange(nginx.port(), put_request("/kiosk/objects/a", "one", "a2lvc2s6c2VjcmV0")).rfind("HTTP/1.1 201", 0) == 0);
  CHECK(kiosk::testing::read_file(nginx.root() / "kiosk/objects/a") == "one");  // create_full_put_path made objects/
  CHECK(exchange(nginx.port(), "GET /kiosk/objects/a HTTP/1.0\r\n\r\n").find("\r\n\r\none") != std::string::npos);
  CHECK(exchange(nginx.port(), put_request("/elsewhere", "two", "a2lvc2s6c2VjcmV0")).rfind("HTTP/1.1 405", 0) == 0);
  const auto log = nginx.requests();
  REQUIRE(log.size() == 5);
  CHECK(log[2].method == "PUT");
  CHECK(log[2].status == 201);
}

TEST_CASE("nginx is gone after its destructor", "[nginx]") {
  int port = 0;
  {
    Nginx nginx;
    port = nginx.port();
    CHECK(kiosk::testing::connect_loopback(port));
  }
  CHECK_FALSE(kiosk::testing::connect_loopback(port));
}
