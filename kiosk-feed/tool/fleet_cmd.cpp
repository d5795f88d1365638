// kiosk-feed fleet SOURCE: every kiosk's report (fleet/) in a table on stdout, and on request one
// HTML page and the daily counts as CSV. The exit status says whether a kiosk needs attention, so a
// script run by cron can mail the table when one does.
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "cli.h"
#include "feed/feed_json.h"
#include "fetch/curl_client.h"
#include "fleet/judge.h"
#include "fleet/output.h"
#include "fleet/reports_source.h"
#include "platform/clock.h"
#include "platform/files.h"

namespace kiosk::feedtool {
namespace {

constexpr long kMaxCheckMinutes = 24 * 60;

int fail(const std::string& message) {
  std::fprintf(stderr, "kiosk-feed fleet: %s\n", message.c_str());
  return kFailed;
}

int usage(const std::string& message) {
  std::fprintf(stderr, "kiosk-feed fleet: %s\nRun kiosk-feed fleet --help for its arguments.\n", message.c_str());
  return kUsage;
}

Status write_output(const std::optional<std::string>& path, const std::string& text) {
  if (!path) return {};
  return replace_file(*path, text);
}

}  // namespace

int fleet_command(const Args& args) {
  const std::string& source = args.positional[0];
  fleet::JudgeOptions options;
  options.now = std::chrono::duration_cast<std::chrono::seconds>(SystemClock().wall().time_since_epoch()).count();
  if (const auto now = args.option("--now")) {
    auto unix = feed::parse_timestamp(*now);
    if (!unix) return usage("--now must be a UTC time written YYYY-MM-DDTHH:MM:SSZ, not \"" + *now + "\"");
    options.now = *unix;
  }
  if (const auto minutes = args.option("--check-minutes")) {
    char* end = nullptr;
    const long n = std::strtol(minutes->c_str(), &end, 10);
    if (minutes->empty() || *end || n < 1 || n > kMaxCheckMinutes) {
      return usage("--check-minutes must be a whole number from 1 to " + std::to_string(kMaxCheckMinutes));
    }
    options.check_interval = std::chrono::minutes(n);
  }
  auto password = server_password(args, "--password-file", "KIOSK_FEED_FLEET_PASSWORD");
  if (!password) return fail(password.error().message);

  const fetch::CurlLibrary curl;
  if (const auto feed = args.option("--feed")) {
    auto version = fleet::read_published_version(*feed);
    if (!version) return fail(version.error().message);
    options.published_version = *version;
  }
  auto files = fleet::read_reports(source, {.user = args.option("--user").value_or(""), .password = *password, .netrc_file = ""});
  if (!files) return fail(files.error().message);
  const auto fleet = fleet::judge_fleet(*files, options);
  for (const auto& message : fleet.messages) std::fprintf(stderr, "kiosk-feed fleet: %s\n", message.c_str());
  std::fputs(fleet::format_table(fleet).c_str(), stdout);
  std::fflush(stdout);
  if (auto s = write_output(args.option("--html"), fleet::html_page(fleet, source)); !s) return fail(s.error().message);
  if (auto s = write_output(args.option("--csv"), fleet::counts_csv(fleet)); !s) return fail(s.error().message);
  return fleet.needing_attention() > 0 ? kFailed : kOk;
}

}  // namespace kiosk::feedtool
