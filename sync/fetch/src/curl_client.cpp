#include "fetch/curl_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace kiosk::fetch {

const char* to_string(Failure f) {
  switch (f) {
    case Failure::kNone: return "none";
    case Failure::kConnect: return "cannot connect";
    case Failure::kTimeout: return "timed out";
    case Failure::kTransfer: return "transfer broken";
    case Failure::kTooLarge: return "too large";
    case Failure::kRedirect: return "refused redirect";
    case Failure::kTls: return "TLS failure";
    case Failure::kAborted: return "aborted";
    case Failure::kCancelled: return "cancelled";
  }
  return "?";
}

CurlLibrary::CurlLibrary() { curl_global_init(CURL_GLOBAL_DEFAULT); }
CurlLibrary::~CurlLibrary() { curl_global_cleanup(); }

struct CurlClient::Handle {
  struct Cleanup {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
  };
  std::unique_ptr<CURL, Cleanup> easy{curl_easy_init()};
};

namespace {

struct Transfer {
  const Sink* sink;
  std::uint64_t max_bytes;
  std::uint64_t bytes = 0;
  bool too_large = false;
  bool refused = false;
  bool cancelled = false;
  const std::atomic<bool>* cancel = nullptr;
  std::string etag;
  std::string last_modified;
};

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (t->bytes + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts with CURLE_WRITE_ERROR
  }
  t->bytes += n;
  if (!(*t->sink)(std::string_view(data, n))) {
    t->refused = true;
    return 0;
  }
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->cancel && t->cancel->load()) {
    t->cancelled = true;
    return 1;  // aborts with CURLE_ABORTED_BY_CALLBACK
  }
  return 0;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  const std::string line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response in a redirect chain: forget the last one's
    t->etag.clear();
    t->last_modified.clear();
  }
  const auto colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (name == "etag") t->etag = trim(line.substr(colon + 1));
  if (name == "last-modified") t->last_modified = trim(line.substr(colon + 1));
  return n;
}

Failure classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return Failure::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return Failure::kTimeout;
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Failure::kRedirect;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return Failure::kTls;
    case CURLE_FILESIZE_EXCEEDED:
      return Failure::kTooLarge;
    default:
      return Failure::kTransfer;
  }
}

}  // namespace

CurlClient::CurlClient(CurlOptions options) : options_(std::move(options)), handle_(std::make_unique<Handle>()) {}
CurlClient::~CurlClient() = default;

Response CurlClient::get(const Request& request, const Sink& sink) {
  Response response;
  CURL* c = handle_->easy.get();
  if (!c) {
    response.failure = Failure::kTransfer;
    response.error = "curl_easy_init failed";
    return response;
  }
  curl_easy_reset(c);
  Transfer t{&sink, request.max_bytes};
  t.cancel = options_.cancel;

  // Redirects may not change the scheme: an https feed never continues over http (nor the reverse).
  const std::string scheme = request.url.rfind("https://", 0) == 0 ? "https" : "http";
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, scheme.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options_.max_redirects);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  // gzip/deflate when the server offers it (a feed's JSON shrinks several times); the size cap
  // counts the decoded bytes, so a compressed bomb stops at the same limit.
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long long>(1, request.timeout.count())));
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count()));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  if (options_.cancel) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  }
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);

  struct SlistFree {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  };
  std::unique_ptr<curl_slist, SlistFree> headers;
  const auto add = [&](const std::string& h) { headers.reset(curl_slist_append(headers.release(), h.c_str())); };
  if (!request.if_none_match.empty()) add("If-None-Match: " + request.if_none_match);
  if (!request.if_modified_since.empty()) add("If-Modified-Since: " + request.if_modified_since);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode code = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    response.retry_after = std::chrono::seconds(retry_after);
  }
  response.status = static_cast<int>(status);
  response.etag = t.etag;
  response.last_modified = t.last_modified;
  response.body_bytes = t.bytes;
  if (code != CURLE_OK) {
    response.failure = t.cancelled   ? Failure::kCancelled
                       : t.too_large ? Failure::kTooLarge
                       : t.refused   ? Failure::kAborted
                                     : classify(code);
    response.error = error[0] ? error : curl_easy_strerror(code);
    if (response.failure == Failure::kTooLarge) {
      response.error = "larger than the limit of " + std::to_string(request.max_bytes) + " bytes";
    }
  }
  return response;
}

}  // namespace kiosk::fetch
