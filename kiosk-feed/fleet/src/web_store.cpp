// Reports on a web server: the folder's listing (nginx's autoindex, as JSON or HTML), then each file
// by GET, through one fetch::WebDavClient, so the connection is kept for the whole fleet.
#include "fetch/webdav.h"
#include "report_store.h"

namespace kiosk::fleet::detail {
namespace {

class WebStore final : public ReportStore {
 public:
  explicit WebStore(fetch::WebDavClient client) : client_(std::move(client)) {}

  Result<std::vector<std::string>> names() override {
    auto listing = client_.get("");
    if (!listing) return listing.error();
    if (listing->status != 200) {
      Error refused = client_.refused("GET", "", listing->status);
      if (listing->status == 403) refused.message += " (nginx lists a folder with autoindex on;)";
      return refused;
    }
    return names_in_listing(listing->body);
  }

  Fetched fetch(const std::string& name, std::size_t max_bytes) override {
    auto answer = client_.get(name);
    if (!answer) return {.kind = Fetched::Kind::kFailed, .bytes = "", .problem = answer.error().message};
    if (answer->status == 404) return {.kind = Fetched::Kind::kMissing, .bytes = "", .problem = ""};
    if (answer->status != 200) {
      return {.kind = Fetched::Kind::kFailed, .bytes = "", .problem = client_.refused("GET", name, answer->status).message};
    }
    if (answer->body.size() > max_bytes) return {.kind = Fetched::Kind::kTooLarge, .bytes = "", .problem = ""};
    return {.kind = Fetched::Kind::kOk, .bytes = std::move(answer->body), .problem = ""};
  }

  std::string where(const std::string& name) const override { return client_.folder_url() + name; }
  std::string where() const override { return client_.folder_url(); }

 private:
  fetch::WebDavClient client_;
};

}  // namespace

Result<std::unique_ptr<ReportStore>> open_web_store(const std::string& url, const Credentials& credentials) {
  // A body larger than the largest file read ends its transfer with an error naming the URL.
  fetch::WebDavOptions options{.request_timeout = std::chrono::seconds(60), .user_agent = "kiosk-feed", .max_body_bytes = kMaxPictureBytes};
  auto client = fetch::WebDavClient::open(url, {.user = credentials.user, .password = credentials.password, .netrc_file = credentials.netrc_file},
                                          options);
  if (!client) return client.error();
  return std::unique_ptr<ReportStore>(std::make_unique<WebStore>(std::move(*client)));
}

}  // namespace kiosk::fleet::detail
