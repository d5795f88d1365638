// A WebDAV destination: HEAD finds the objects the server has, PUT sends the rest and then the
// signature and the manifest. One libcurl handle, so the connection is kept for the whole upload.
// nginx writes a PUT to a temporary file and renames it into place: a reader sees each file whole.
#include <curl/curl.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "feed/feed_json.h"
#include "model/validate.h"
#include "platform/files.h"
#include "upload_destinations.h"

namespace kiosk::publish::detail {
namespace {

namespace fs = std::filesystem;

constexpr long kConnectTimeoutSeconds = 15;
constexpr long kLowSpeedBytes = 100;  // a transfer slower than this for kLowSpeedSeconds is abandoned
constexpr long kLowSpeedSeconds = 30;

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// What a status means to the person publishing, with what to change on an nginx server.
std::string status_words(long status) {
  switch (status) {
    case 401: return "401 Unauthorized: the user name or password is wrong";
    case 403: return "403 Forbidden: the server refuses to write it";
    case 404: return "404 Not Found";
    case 405: return "405 Method Not Allowed: the server takes no PUT there (nginx: dav_methods PUT;)";
    case 409: return "409 Conflict: its folder is missing on the server (nginx: create_full_put_path on;)";
    case 413: return "413 Payload Too Large: the server takes smaller files (nginx: client_max_body_size)";
    case 507: return "507 Insufficient Storage: the server's disk is full";
    default: return std::to_string(status);
  }
}

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

// Whether `url`'s host is this machine, where a password over plain http stays on it.
bool loopback(const std::string& url) {
  const auto host = url.substr(url.find("//") + 2);
  for (const char* local : {"127.0.0.1", "localhost", "[::1]"}) {
    const std::string l = local;
    if (host.rfind(l, 0) == 0 && (host.size() == l.size() || host[l.size()] == ':' || host[l.size()] == '/')) return true;
  }
  return false;
}

class WebDavDestination final : public Destination {
 public:
  WebDavDestination(std::string url, const std::optional<std::string>& user, const UploadCredentials& credentials)
      : base_(std::move(url)), user_(user.value_or("")), credentials_(credentials) {
    if (base_.back() != '/') base_ += '/';
  }

  Result<std::optional<Published>> read_published() override {
    auto manifest = request("GET", "feed.json");
    if (!manifest) return manifest.error();
    if (manifest->status == 404) return std::optional<Published>();
    if (manifest->status != 200) return refused("GET", "feed.json", manifest->status);
    auto signature = request("GET", "feed.json.minisig");
    if (!signature) return signature.error();
    return std::optional<Published>(
        Published{manifest->body, signature->status == 200 ? signature->body : std::string(), manifest->modified});
  }

  Result<ObjectsSent> send_objects(const std::string& objects_dir) override {
    auto names = files_in(objects_dir);
    if (!names) return names.error();
    ObjectsSent sent;
    for (const auto& name : *names) {
      const std::string path = "objects/" + name;
      std::error_code ec;
      const auto size = fs::file_size(fs::path(objects_dir) / name, ec);
      if (ec) return make_error("cannot read " + (fs::path(objects_dir) / name).string() + ": " + ec.message());
      auto head = request("HEAD", path);
      if (!head) return head.error();
      // An object is named by its SHA-256 and written whole: one there of the same size is the same.
      if (head->status == 200 && head->length == static_cast<curl_off_t>(size)) {
        ++sent.present;
        continue;
      }
      if (head->status != 200 && head->status != 404) return refused("HEAD", path, head->status);
      auto bytes = read_file(fs::path(objects_dir) / name, model::Limits::kMaxAssetBytes, "the built picture");
      if (!bytes) return bytes.error();
      if (auto s = put_file(path, *bytes, std::time(nullptr)); !s) return s.error();
      ++sent.sent;
      sent.bytes += bytes->size();
    }
    return sent;
  }

  Status put_file(const std::string& name, const std::string& bytes, std::int64_t modified) override {
    auto put = request("PUT", name, &bytes, modified);
    if (!put) return put.error();
    if (put->status != 200 && put->status != 201 && put->status != 204) return refused("PUT", name, put->status);
    return {};
  }

 private:
  struct Answer {
    long status = 0;
    std::string body;
    curl_off_t length = -1;  // Content-Length, for HEAD
    std::int64_t modified = 0;  // Last-Modified, 0 when not sent
  };

  Error refused(const std::string& method, const std::string& name, long status) const {
    std::string words = status_words(status);
    if (status == 401) {
      words += user_.empty() ? " (publish.toml names no user)" : " (user " + user_ + ")";
    }
    return make_error(method + " " + base_ + name + ": the server answered " + words);
  }

  static size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* answer = static_cast<Answer*>(user);
    if (answer->body.size() + size * count > feed::kMaxManifestBytes) return 0;  // only manifests are read
    answer->body.append(data, size * count);
    return size * count;
  }

  // `modified` goes to a PUT as its Date header, which nginx's WebDAV module gives the file as its time.
  Result<Answer> request(const std::string& method, const std::string& name, const std::string* upload = nullptr,
                         std::int64_t modified = 0) {
    CURL* c = easy_.get();
    if (!c) return make_error("libcurl cannot make a handle");
    curl_easy_reset(c);
    Answer answer;
    char error[CURL_ERROR_SIZE] = "";
    const std::string url = base_ + name;
    // Without a password libcurl looks in the netrc file, but only for a user named in the URL
    // (CURLOPT_USERNAME makes it skip the file).
    const bool netrc = !user_.empty() && !credentials_.password;
    const std::string fetched = netrc ? with_user(url) : url;
    curl_easy_setopt(c, CURLOPT_URL, fetched.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "kiosk-feed");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, kLowSpeedBytes);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, kLowSpeedSeconds);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(c, CURLOPT_FILETIME, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // the served feed.json gzipped, when the server offers it
    if (!user_.empty()) {
      curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      if (!netrc) {
        curl_easy_setopt(c, CURLOPT_USERNAME, user_.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, credentials_.password->c_str());
      } else {
        curl_easy_setopt(c, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
        if (!credentials_.netrc_file.empty()) curl_easy_setopt(c, CURLOPT_NETRC_FILE, credentials_.netrc_file.c_str());
      }
    }
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    if (method == "HEAD") {
      curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else if (method == "PUT") {
      // The body at once, without waiting for "100 Continue": one round trip less per file.
      headers.reset(curl_slist_append(nullptr, "Expect:"));
      if (modified > 0) headers.reset(curl_slist_append(headers.release(), ("Date: " + http_date(modified)).c_str()));
      curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, upload->data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(upload->size()));
    }
    const CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK) {
      return make_error(method + " " + url + ": " + (error[0] ? std::string(error) : curl_easy_strerror(code)));
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
    curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &answer.length);
    curl_off_t filetime = -1;
    if (curl_easy_getinfo(c, CURLINFO_FILETIME_T, &filetime) == CURLE_OK && filetime > 0) answer.modified = filetime;
    return answer;
  }

  // "https://kiosk@host/kiosk/feed.json": the user in the URL, escaped.
  std::string with_user(const std::string& url) const {
    const auto host = url.find("//") + 2;
    char* escaped = curl_easy_escape(easy_.get(), user_.c_str(), static_cast<int>(user_.size()));
    const std::string out = url.substr(0, host) + (escaped ? escaped : "") + "@" + url.substr(host);
    curl_free(escaped);
    return out;
  }

  std::string base_;
  std::string user_;
  UploadCredentials credentials_;
  std::unique_ptr<CURL, CurlDeleter> easy_{curl_easy_init()};
};

}  // namespace

Result<std::unique_ptr<Destination>> webdav_destination(const std::string& url, const std::optional<std::string>& user,
                                                        const UploadCredentials& credentials) {
  if (user && url.rfind("http://", 0) == 0 && !loopback(url)) {
    return make_error(url + ": a password is not sent over plain http to another machine; give an https:// address");
  }
  return std::unique_ptr<Destination>(std::make_unique<WebDavDestination>(url, user, credentials));
}

}  // namespace kiosk::publish::detail
