// The libcurl HttpClient: certificate verification always on, http and https only, a bounded number
// of redirects that keep the original scheme, connect and low-speed timeouts, a User-Agent with the
// program's version. One easy handle, reused (connections are kept for the objects of one run).
//
// curl_global_init must have run (CurlLibrary) before a CurlClient is made.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "fetch/http_client.h"

namespace kiosk::fetch {

// curl_global_init/cleanup for the lifetime of the object; make one in main().
class CurlLibrary {
 public:
  CurlLibrary();
  ~CurlLibrary();
  CurlLibrary(const CurlLibrary&) = delete;
  CurlLibrary& operator=(const CurlLibrary&) = delete;
};

struct CurlOptions {
  std::chrono::seconds connect_timeout{15};
  // A transfer slower than low_speed_bytes per second for low_speed_time is abandoned.
  long low_speed_bytes = 100;
  std::chrono::seconds low_speed_time{30};
  long max_redirects = 3;
  std::string user_agent = "kiosk-sync";
  // When set and raised (by a signal handler), a transfer in progress stops within about a second.
  const std::atomic<bool>* cancel = nullptr;
};

class CurlClient final : public HttpClient {
 public:
  explicit CurlClient(CurlOptions options = {});
  ~CurlClient() override;
  Response get(const Request& request, const Sink& sink) override;

 private:
  struct Handle;
  CurlOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace kiosk::fetch
