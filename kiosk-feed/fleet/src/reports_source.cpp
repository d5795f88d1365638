// Listing a store, picking the reports' names and fetching each report with its picture, bounded.
#include "fleet/reports_source.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "platform/ids.h"
#include "report_store.h"

namespace kiosk::fleet {
namespace {

constexpr std::string_view kReportSuffix = ".json";
constexpr std::string_view kPictureSuffix = ".png";

std::string megabytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// "%2E%2E" -> "..", so that an escaped name is judged as what it names.
std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The targets of the href="..." links of an HTML page, up to a '?' or '#'. A plain scan rather than
// std::regex, whose matching recurses per character and could exhaust the stack on a long line.
std::vector<std::string> links_in(const std::string& html) {
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::vector<std::string> links;
  for (std::size_t at = lower.find("href"); at != std::string::npos; at = lower.find("href", at + 1)) {
    std::size_t i = lower.find_first_not_of(" \t\r\n", at + 4);
    if (i == std::string::npos || lower[i] != '=') continue;
    i = lower.find_first_not_of(" \t\r\n", i + 1);
    if (i == std::string::npos || lower[i] != '"') continue;
    const std::size_t end = html.find('"', i + 1);
    if (end == std::string::npos) break;
    const std::string target = html.substr(i + 1, end - i - 1);
    links.push_back(target.substr(0, target.find_first_of("?#")));
  }
  return links;
}

void fetch_picture(detail::ReportStore& store, ReportFile& file) {
  const std::string name = file.id + std::string(kPictureSuffix);
  auto png = store.fetch(name, kMaxPictureBytes);
  switch (png.kind) {
    case detail::Fetched::Kind::kMissing: return;  // no picture yet: not a problem
    case detail::Fetched::Kind::kTooLarge:
      file.picture_problem = store.where(name) + " is larger than the " + megabytes(kMaxPictureBytes) + " a picture may be";
      return;
    case detail::Fetched::Kind::kFailed: file.picture_problem = png.problem; return;
    case detail::Fetched::Kind::kOk: break;
  }
  if (!looks_like_png(png.bytes)) {
    file.picture_problem = store.where(name) + " is not a PNG picture";
    return;
  }
  file.picture = std::move(png.bytes);
}

ReportFile fetch_report(detail::ReportStore& store, const std::string& id) {
  const std::string name = id + std::string(kReportSuffix);
  ReportFile file{.id = id, .where = store.where(name), .json = std::nullopt, .problem = "", .picture = std::nullopt, .picture_problem = ""};
  auto json = store.fetch(name, kMaxReportBytes);
  switch (json.kind) {
    case detail::Fetched::Kind::kOk: file.json = std::move(json.bytes); break;
    case detail::Fetched::Kind::kMissing: file.problem = file.where + " is gone (deleted while it was read?)"; break;
    case detail::Fetched::Kind::kTooLarge:
      file.problem = file.where + " is larger than the " + megabytes(kMaxReportBytes) + " a report may be";
      break;
    case detail::Fetched::Kind::kFailed: file.problem = json.problem; break;
  }
  fetch_picture(store, file);
  return file;
}

}  // namespace

bool is_url(const std::string& source) { return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0; }

std::optional<std::string> report_id(const std::string& name) {
  if (name.size() <= kReportSuffix.size() || !name.ends_with(kReportSuffix)) return std::nullopt;
  std::string id = name.substr(0, name.size() - kReportSuffix.size());
  if (!is_valid_id(id)) return std::nullopt;
  return id;
}

bool looks_like_png(const std::string& bytes) { return bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0; }

std::vector<std::string> names_in_listing(const std::string& body) {
  std::vector<std::string> names;
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_array()) {  // nginx: autoindex_format json;
    for (const auto& entry : json) {
      if (entry.is_object() && entry.contains("name") && entry["name"].is_string() && entry.value("type", "file") == "file") {
        names.push_back(entry["name"].get<std::string>());
      }
    }
  } else {  // an HTML index: nginx's default autoindex, Apache's
    for (const auto& link : links_in(body)) names.push_back(percent_decoded(link));
  }
  std::erase_if(names, [](const std::string& n) { return n.empty() || n.find('/') != std::string::npos; });
  return names;
}

Result<std::vector<ReportFile>> read_reports(const std::string& source, const Credentials& credentials) {
  std::unique_ptr<detail::ReportStore> store;
  if (is_url(source)) {
    auto web = detail::open_web_store(source, credentials);
    if (!web) return web.error();
    store = std::move(*web);
  } else {
    store = detail::open_folder_store(source);
  }
  auto names = store->names();
  if (!names) return names.error();
  std::vector<std::string> ids;
  for (const auto& name : *names) {
    if (auto id = report_id(name)) ids.push_back(*id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return make_error("no reports in " + store->where() + " (no file named <kiosk id>.json)");
  std::vector<ReportFile> files;
  for (const auto& id : ids) files.push_back(fetch_report(*store, id));
  return files;
}

}  // namespace kiosk::fleet
