// Whole files in one folder of a web server: GET, HEAD and PUT of a name under the folder's URL, with
// basic auth. kiosk-feed publishes the feed with it (nginx `dav_methods PUT`) and reads the kiosks'
// reports; kiosk-sync sends its kiosk's report. One libcurl handle, so the connection is kept for
// all the requests of one client.
//
// The answer of any status is returned; only a transfer that failed is an error (the URL and
// libcurl's words). status_words() says what a refusal means to the person who set up the server.
//
// curl_global_init must have run (fetch::CurlLibrary) before a client is made.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "platform/result.h"

namespace kiosk::fetch {

struct WebDavCredentials {
  std::string user;                     // empty: no authentication
  std::optional<std::string> password;  // none: libcurl looks in the netrc file for host and user
  std::string netrc_file;               // empty: ~/.netrc
};

struct WebDavOptions {
  std::chrono::seconds connect_timeout{15};
  // A transfer slower than low_speed_bytes per second for low_speed_time is abandoned.
  long low_speed_bytes = 100;
  std::chrono::seconds low_speed_time{30};
  // The most one request may take, from start to end; zero: no limit but the low-speed one.
  std::chrono::milliseconds request_timeout{0};
  std::string user_agent = "kiosk";
  // A longer body is not read: the transfer ends with an error.
  std::uint64_t max_body_bytes = 1 << 20;
};

struct WebDavAnswer {
  long status = 0;
  std::string body;
  std::int64_t length = -1;    // Content-Length (for HEAD), -1 when not sent
  std::int64_t modified = 0;   // Last-Modified as Unix seconds, 0 when not sent
};

class WebDavClient {
 public:
  // `folder_url` is http:// or https:// (a '/' is added at its end when missing). A password is not
  // sent over plain http to another machine: that is refused here, naming the URL.
  static Result<WebDavClient> open(std::string folder_url, WebDavCredentials credentials, WebDavOptions options = {});

  WebDavClient(WebDavClient&&) noexcept;
  WebDavClient& operator=(WebDavClient&&) noexcept;
  ~WebDavClient();

  // `name` is relative to the folder ("" for the folder itself). A PUT sends `upload` whole and, when
  // `modified` > 0, a Date header that nginx's WebDAV module gives the file as its time.
  Result<WebDavAnswer> get(const std::string& name);
  Result<WebDavAnswer> head(const std::string& name);
  Result<WebDavAnswer> put(const std::string& name, const std::string& upload, std::int64_t modified = 0);

  // "PUT https://host/folder/name: the server answered 403 Forbidden: the server refuses to write it
  // (user kiosk)".
  Error refused(const std::string& method, const std::string& name, long status) const;
  const std::string& folder_url() const { return base_; }
  const std::string& user() const { return credentials_.user; }

 private:
  WebDavClient(std::string folder_url, WebDavCredentials credentials, WebDavOptions options);
  Result<WebDavAnswer> request(const char* method, const std::string& name, const std::string* upload, std::int64_t modified);

  struct Handle;
  std::string base_;
  WebDavCredentials credentials_;
  WebDavOptions options_;
  std::unique_ptr<Handle> handle_;
};

// What an HTTP status means to someone setting up the server, with what to change on nginx:
// "405 Method Not Allowed: the server takes no PUT there (nginx: dav_methods PUT;)".
std::string status_words(long status);

// Whether the URL's host is this machine (127.0.0.1, localhost, [::1]), where a password over plain
// http stays on it.
bool loopback_url(const std::string& url);

}  // namespace kiosk::fetch
