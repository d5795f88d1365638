#include "retired_objects.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "feed/feed_json.h"
#include "model/validate.h"

namespace kiosk::publish::detail {
namespace {

namespace fs = std::filesystem;

// sha256 -> when it left the feed, from the ledger in `out`. Lines that cannot be read are skipped.
std::map<std::string, std::int64_t> read_ledger(const fs::path& out) {
  std::map<std::string, std::int64_t> left;
  std::ifstream in(out / kRetiredLedger);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string sha256, when;
    if (!(fields >> sha256 >> when) || !model::is_sha256_hex(sha256)) continue;
    if (const auto at = feed::parse_timestamp(when)) left[sha256] = *at;
  }
  return left;
}

}  // namespace

Retirement plan_retirement(const fs::path& out, const std::map<std::string, std::string>& current, std::int64_t now,
                           std::chrono::seconds keep_for) {
  std::vector<std::string> retired;
  std::error_code ec;
  for (fs::directory_iterator it(out / "objects", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (model::is_sha256_hex(name) && !current.count(name) && it->is_regular_file(type_ec)) retired.push_back(name);
  }
  std::sort(retired.begin(), retired.end());
  const auto ledger = read_ledger(out);
  Retirement plan;
  for (auto& sha256 : retired) {
    const auto recorded = ledger.find(sha256);
    const std::int64_t left_at = recorded == ledger.end() ? now : recorded->second;
    if (now - left_at >= keep_for.count()) {
      ++plan.dropped;
    } else {
      plan.keep.push_back({std::move(sha256), left_at});
    }
  }
  return plan;
}

std::string format_ledger(const std::vector<RetiredObject>& kept) {
  if (kept.empty()) return {};
  std::string text = "# objects no longer in feed.json, kept for kiosks that read an earlier one: sha256, when it left\n";
  for (const auto& object : kept) text += object.sha256 + " " + feed::format_timestamp(object.left_at) + "\n";
  return text;
}

}  // namespace kiosk::publish::detail
