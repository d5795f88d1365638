#include "report/send.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "cache/cache.h"
#include "feed/feed_json.h"
#include "fetch/webdav.h"
#include "platform/files.h"

namespace kiosk::report {
namespace {

using json = nlohmann::ordered_json;

// The display writes a few kilobytes and a picture of some tens; anything much larger is not its.
constexpr std::size_t kMaxDisplayJsonBytes = 1 << 20;
constexpr std::size_t kMaxPictureBytes = 2 << 20;

// The file's bytes; nullopt when it is not there (the display has not written it yet).
Result<std::optional<std::string>> file_if_there(const std::string& path, std::size_t max_bytes, const char* what) {
  FileProblem problem;
  auto bytes = read_file(path, max_bytes, what, &problem);
  if (bytes) return std::optional<std::string>(std::move(*bytes));
  if (problem.kind == FileProblem::Kind::kMissing) return std::optional<std::string>();
  return bytes.error();
}

std::string moment(std::int64_t unix) { return unix == 0 ? std::string() : feed::format_timestamp(unix); }

}  // namespace

Result<CheckFacts> read_check_facts(const std::string& database) {
  std::error_code ec;
  if (!std::filesystem::exists(database, ec)) return CheckFacts{};
  auto cache = cache::Cache::open_read_only(database);
  if (!cache) return cache.error();
  auto state = cache->sync_state();
  if (!state) return state.error();
  auto version = cache->current_version();
  if (!version) return version.error();
  return CheckFacts{.checked = state->last_attempt,
                    .outcome = state->last_outcome,
                    .last_success = state->last_success,
                    .last_error = state->last_error,
                    .content_version = version->value_or(0)};
}

std::string report_json(const std::string& kiosk_id, const std::string& area, std::int64_t sent, const CheckFacts& facts,
                        const std::optional<std::string>& display_json) {
  json doc = {{"format", 1},
              {"kiosk", kiosk_id},
              {"area", area},
              {"sent", moment(sent)},
              {"sync",
               {{"program", KIOSK_VERSION},
                {"checked", moment(facts.checked)},
                {"outcome", facts.outcome},
                {"last_success", moment(facts.last_success)},
                {"last_error", facts.last_error},
                {"content_version", facts.content_version}}},
              {"display", nullptr}};
  if (display_json) {
    json display = json::parse(*display_json, nullptr, false);
    if (!display.is_discarded() && display.is_object()) {
      doc["display"] = std::move(display);
    } else {
      doc["display_problem"] = "the display's report.json is damaged (not a JSON object)";
    }
  }
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<std::string> report_password() {
  const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
  if (!dir || !*dir) return std::nullopt;
  auto text = read_file(std::filesystem::path(dir) / "report-password", 4096, "report password");
  if (!text) return std::nullopt;
  std::string line = text->substr(0, text->find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return std::nullopt;
  return line;
}

Result<std::string> send(const SendSettings& settings, const config::Config& config, const CheckFacts& facts,
                         std::int64_t now) {
  auto display = file_if_there(cache::beside(config.database, cache::kReportFile), kMaxDisplayJsonBytes, "the display's report");
  if (!display) return display.error();
  auto picture = file_if_there(cache::beside(config.database, cache::kReportPictureFile), kMaxPictureBytes, "the display's picture");
  if (!picture) return picture.error();

  fetch::WebDavCredentials credentials;
  if (settings.password) credentials = {.user = settings.user.empty() ? settings.kiosk_id : settings.user,
                                        .password = settings.password};
  auto client = fetch::WebDavClient::open(settings.url, credentials,
                                          {.connect_timeout = settings.connect_timeout,
                                           .low_speed_bytes = 100,
                                           .low_speed_time = settings.time_limit / 2,
                                           // each of the two files gets half the time
                                           .request_timeout = settings.time_limit / 2,
                                           .user_agent = "kiosk-sync/" KIOSK_VERSION,
                                           .max_body_bytes = 64 * 1024});
  if (!client) return client.error();
  auto put = [&](const std::string& name, const std::string& bytes) -> Status {
    auto answer = client->put(name, bytes, now);
    if (!answer) return answer.error();
    if (answer->status != 200 && answer->status != 201 && answer->status != 204) {
      return client->refused("PUT", name, answer->status);
    }
    return {};
  };
  // The picture first: the JSON that names it comes last, so a reader never finds a report whose
  // picture is older than the one it describes.
  std::string sent;
  if (*picture) {
    if (Status s = put(settings.kiosk_id + ".png", **picture); !s) return s.error();
    sent = " and " + settings.kiosk_id + ".png";
  }
  if (Status s = put(settings.kiosk_id + ".json", report_json(settings.kiosk_id, config.area, now, facts, *display)); !s) {
    return s.error();
  }
  return "sent " + settings.kiosk_id + ".json" + sent + " to " + client->folder_url();
}

}  // namespace kiosk::report
