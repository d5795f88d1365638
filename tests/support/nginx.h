// A real nginx on 127.0.0.1 for the publishing tests and the load benchmark: Debian's nginx (with
// its WebDAV module) started as a child process on a config generated into its own temp folder, so
// nothing outside that folder is read or written (pid, error log, access log, body temp files).
//
//   <folder>/www/          the document root: what the server serves
//   <folder>/access.log    one line per request: "$request_method $uri $status $request_length $bytes_sent"
//   <folder>/error.log     nginx's own complaints (quoted when it does not start)
//
// The port is an ephemeral one on 127.0.0.1, found by binding port 0 first (another start is tried
// should someone take it in between). nginx runs in the foreground, one process (daemon off,
// master_process off), as the user running the test; as root it keeps root (`user root`), since a
// test's temp folder is root's. The destructor stops it (SIGQUIT, then SIGKILL after 5 s) and
// removes the folder. A failure to start throws std::runtime_error with nginx's error log: nginx is
// a declared test dependency, never skipped.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http_test_server.h"
#include "test_support.h"

namespace kiosk::testing {

struct NginxOptions {
  // A location (e.g. "/kiosk/") taking WebDAV PUT, DELETE and MKCOL, with create_full_put_path on;
  // empty: the server only reads.
  std::string dav_location;
  // When set, the writing methods of `dav_location` need this user and password (basic auth, in an
  // auth_basic_user_file with nginx's {PLAIN} scheme); reading stays open, as kiosks read.
  std::optional<std::string> user;
  std::string password;
  // More directives inside the server block, e.g. a location refusing a file.
  std::string server_config;
  // More directives in the http block, before the server: a map the server's locations read.
  std::string http_config;
};

// A connection to 127.0.0.1:`port`, or none when nothing listens there.
UniqueFd connect_loopback(int port);

// One request from the access log.
struct NginxRequest {
  std::string method;        // "PUT"
  std::string uri;           // "/kiosk/feed.json"
  int status = 0;            // 201
  std::uint64_t request_bytes = 0;   // $request_length: request line, headers and body
  std::uint64_t response_bytes = 0;  // $bytes_sent: status line, headers and body
  std::uint64_t bytes() const { return request_bytes + response_bytes; }
};

class Nginx {
 public:
  explicit Nginx(NginxOptions options = {});
  ~Nginx();
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>" followed by `path` ("/kiosk/").
  std::string url(const std::string& path = "/") const;
  // The document root on the disk.
  std::filesystem::path root() const { return dir_.path() / "www"; }

  // Every request served so far, in the order nginx finished them. Exact: a request answered before
  // this call is in the list (nginx writes its line before it reads the barrier request this call
  // sends, which is not logged).
  std::vector<NginxRequest> requests() const;
  // Forgets the requests so far: requests() then lists only later ones.
  void clear_requests();

 private:
  bool start(const NginxOptions& options);  // false when the port was taken meanwhile
  void stop();

  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::size_t skip_lines_ = 0;
};

}  // namespace kiosk::testing
