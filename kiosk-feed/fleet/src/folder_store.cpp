// Reports in a folder on the disk: the web server's WebDAV folder itself, or a copy of it.
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "platform/files.h"
#include "report_store.h"

namespace kiosk::fleet::detail {
namespace {

namespace fs = std::filesystem;

class FolderStore final : public ReportStore {
 public:
  explicit FolderStore(std::string dir) : dir_(std::move(dir)) {}

  Result<std::vector<std::string>> names() override {
    std::error_code ec;
    if (!fs::exists(dir_, ec)) return make_error("the folder " + dir_ + " does not exist");
    if (!fs::is_directory(dir_, ec)) return make_error(dir_ + " is not a folder");
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) return make_error("cannot read the folder " + dir_ + ": " + ec.message());
    return names;
  }

  Fetched fetch(const std::string& name, std::size_t max_bytes) override {
    FileProblem problem;
    auto bytes = read_file(fs::path(dir_) / name, max_bytes, "", &problem);
    if (bytes) return {.kind = Fetched::Kind::kOk, .bytes = std::move(*bytes), .problem = ""};
    switch (problem.kind) {
      case FileProblem::Kind::kMissing: return {.kind = Fetched::Kind::kMissing, .bytes = "", .problem = ""};
      case FileProblem::Kind::kTooLarge: return {.kind = Fetched::Kind::kTooLarge, .bytes = "", .problem = ""};
      default: break;
    }
    std::string words = bytes.error().message;
    return {.kind = Fetched::Kind::kFailed, .bytes = "", .problem = words};
  }

  std::string where(const std::string& name) const override { return (fs::path(dir_) / name).string(); }
  std::string where() const override { return dir_; }

 private:
  std::string dir_;
};

}  // namespace

std::unique_ptr<ReportStore> open_folder_store(const std::string& dir) { return std::make_unique<FolderStore>(dir); }

}  // namespace kiosk::fleet::detail
