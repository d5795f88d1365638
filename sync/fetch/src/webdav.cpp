#include "fetch/webdav.h"

#include <curl/curl.h>

#include <cstdio>
#include <ctime>

namespace kiosk::fetch {
namespace {

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// "Tue, 01 Dec 2026 05:00:00 GMT"
std::string http_date(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[40];  // English names whatever the locale, as HTTP has them
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return text;
}

struct Receiving {
  WebDavAnswer* answer;
  std::uint64_t limit;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* in = static_cast<Receiving*>(user);
  if (in->answer->body.size() + size * count > in->limit) {
    in->too_large = true;
    return 0;
  }
  in->answer->body.append(data, size * count);
  return size * count;
}

}  // namespace

struct WebDavClient::Handle {
  CURL* easy = curl_easy_init();
  ~Handle() {
    if (easy) curl_easy_cleanup(easy);
  }
};

std::string status_words(long status) {
  switch (status) {
    case 401: return "401 Unauthorized: the user name or password is wrong";
    case 403: return "403 Forbidden: the server refuses it to this user";
    case 404: return "404 Not Found";
    case 405: return "405 Method Not Allowed: the server takes no PUT there (nginx: dav_methods PUT;)";
    case 409: return "409 Conflict: its folder is missing on the server (nginx: create_full_put_path on;)";
    case 413: return "413 Payload Too Large: the server takes smaller files (nginx: client_max_body_size)";
    case 507: return "507 Insufficient Storage: the server's disk is full";
    default: return std::to_string(status);
  }
}

bool loopback_url(const std::string& url) {
  const auto scheme = url.find("//");
  if (scheme == std::string::npos) return false;
  const auto host = url.substr(scheme + 2);
  for (const std::string local : {"127.0.0.1", "localhost", "[::1]"}) {
    if (host.rfind(local, 0) == 0 &&
        (host.size() == local.size() || host[local.size()] == ':' || host[local.size()] == '/')) {
      return true;
    }
  }
  return false;
}

Result<WebDavClient> WebDavClient::open(std::string folder_url, WebDavCredentials credentials, WebDavOptions options) {
  if (folder_url.rfind("http://", 0) != 0 && folder_url.rfind("https://", 0) != 0) {
    return make_error(folder_url + ": not an http:// or https:// address");
  }
  if (!credentials.user.empty() && folder_url.rfind("http://", 0) == 0 && !loopback_url(folder_url)) {
    return make_error(folder_url + ": a password is not sent over plain http to another machine; give an https:// address");
  }
  WebDavClient client(std::move(folder_url), std::move(credentials), std::move(options));
  if (!client.handle_->easy) return make_error("libcurl cannot make a handle");
  return client;
}

WebDavClient::WebDavClient(std::string folder_url, WebDavCredentials credentials, WebDavOptions options)
    : base_(std::move(folder_url)),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      handle_(std::make_unique<Handle>()) {
  if (base_.back() != '/') base_ += '/';
}

WebDavClient::WebDavClient(WebDavClient&&) noexcept = default;
WebDavClient& WebDavClient::operator=(WebDavClient&&) noexcept = default;
WebDavClient::~WebDavClient() = default;

Result<WebDavAnswer> WebDavClient::get(const std::string& name) { return request("GET", name, nullptr, 0); }
Result<WebDavAnswer> WebDavClient::head(const std::string& name) { return request("HEAD", name, nullptr, 0); }
Result<WebDavAnswer> WebDavClient::put(const std::string& name, const std::string& upload, std::int64_t modified) {
  return request("PUT", name, &upload, modified);
}

Error WebDavClient::refused(const std::string& method, const std::string& name, long status) const {
  std::string words = status_words(status);
  if (status == 401) words += credentials_.user.empty() ? " (no user given)" : " (user " + credentials_.user + ")";
  return make_error(method + " " + base_ + name + ": the server answered " + words);
}

Result<WebDavAnswer> WebDavClient::request(const char* method, const std::string& name, const std::string* upload,
                                           std::int64_t modified) {
  CURL* c = handle_->easy;
  curl_easy_reset(c);
  WebDavAnswer answer;
  Receiving receiving{&answer, options_.max_body_bytes};
  char error[CURL_ERROR_SIZE] = "";
  const std::string url = base_ + name;
  const std::string& user = credentials_.user;
  // Without a password libcurl looks in the netrc file, but only for a user named in the URL
  // (CURLOPT_USERNAME makes it skip the file).
  const bool netrc = !user.empty() && !credentials_.password;
  std::string fetched = url;
  if (netrc) {
    const auto host = url.find("//") + 2;
    char* escaped = curl_easy_escape(c, user.c_str(), static_cast<int>(user.size()));
    fetched = url.substr(0, host) + (escaped ? escaped : "") + "@" + url.substr(host);
    curl_free(escaped);
  }
  curl_easy_setopt(c, CURLOPT_URL, fetched.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count()));
  if (options_.request_timeout.count() > 0) {
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  }
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &receiving);
  curl_easy_setopt(c, CURLOPT_FILETIME, 1L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzipped when the server offers it
  if (!user.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    if (!netrc) {
      curl_easy_setopt(c, CURLOPT_USERNAME, user.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, credentials_.password->c_str());
    } else {
      curl_easy_setopt(c, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
      if (!credentials_.netrc_file.empty()) curl_easy_setopt(c, CURLOPT_NETRC_FILE, credentials_.netrc_file.c_str());
    }
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  const std::string m = method;
  if (m == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (m == "PUT") {
    // The body at once, without waiting for "100 Continue": one round trip less per file.
    headers.reset(curl_slist_append(nullptr, "Expect:"));
    if (modified > 0) headers.reset(curl_slist_append(headers.release(), ("Date: " + http_date(modified)).c_str()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, upload->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(upload->size()));
  }
  const CURLcode code = curl_easy_perform(c);
  if (receiving.too_large) {
    return make_error(m + " " + url + ": the answer is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
  }
  if (code != CURLE_OK) return make_error(m + " " + url + ": " + (error[0] ? std::string(error) : curl_easy_strerror(code)));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  curl_off_t length = -1;
  curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  answer.length = static_cast<std::int64_t>(length);
  curl_off_t filetime = -1;
  if (curl_easy_getinfo(c, CURLINFO_FILETIME_T, &filetime) == CURLE_OK && filetime > 0) answer.modified = filetime;
  return answer;
}

}  // namespace kiosk::fetch
