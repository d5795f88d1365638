// kiosk-feed publish SRC: build, sign and upload in one step, to the destination in SRC/publish.toml
// (publish/upload.h).
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "cli.h"
#include "feed/feed_json.h"
#include "fetch/curl_client.h"
#include "platform/clock.h"
#include "publish/upload.h"

namespace kiosk::feedtool {
namespace {

void print_report(const publish::PublishReport& report, const publish::PublishConfig& config, std::size_t warnings) {
  const auto& b = report.build;
  const auto& o = report.upload.objects;
  if (stdout_is_tty()) {
    std::printf("Published version %llu to %s%s.\n", static_cast<unsigned long long>(b.version), config.to.c_str(),
                report.replaced ? (" (it served version " + std::to_string(*report.replaced) + ")").c_str() : "");
    if (o.sent + o.present == 0) {
      std::printf("Sent the signature and feed.json (the feed has no pictures).\n");
    } else {
      std::printf("Sent %zu new picture%s (%s); %zu %s there already; then the signature and feed.json.\n", o.sent,
                  o.sent == 1 ? "" : "s", human_bytes(o.bytes).c_str(), o.present, o.present == 1 ? "was" : "were");
    }
    std::printf("The build: %zu areas, %zu results, %zu picture%s, kept in %s for the next publish. Expires %s.\n", b.areas,
                b.results, b.pictures, b.pictures == 1 ? "" : "s", report.staging.c_str(), human_time(b.expires).c_str());
    if (warnings) std::printf("Published with %zu warning%s (above); check %s.\n", warnings, warnings == 1 ? "" : "s", warnings == 1 ? "it" : "them");
  } else {
    std::printf("version=%llu\nto=%s\nreplaced=%s\nstaging=%s\nissued=%s\nexpires=%s\nareas=%zu\nresults=%zu\npictures=%zu\n"
                "objects_sent=%zu\nobjects_present=%zu\nbytes_sent=%llu\nwarnings=%zu\n",
                static_cast<unsigned long long>(b.version), config.to.c_str(),
                report.replaced ? std::to_string(*report.replaced).c_str() : "", report.staging.c_str(),
                feed::format_timestamp(b.issued).c_str(), feed::format_timestamp(b.expires).c_str(), b.areas, b.results,
                b.pictures, o.sent, o.present, static_cast<unsigned long long>(o.bytes), warnings);
  }
  for (const auto& note : report.notes) std::fprintf(stderr, "kiosk-feed publish: note: %s\n", note.c_str());
}

}  // namespace

int publish_command(const Args& args) {
  const auto fail = [](const std::string& message) {
    std::fprintf(stderr, "kiosk-feed publish: %s\n", message.c_str());
    return kFailed;
  };
  publish::PublishOptions options;
  options.source_dir = args.positional[0];
  options.now = SystemClock().wall();
  if (const auto days = args.option("--expires-days")) {
    char* end = nullptr;
    const long n = std::strtol(days->c_str(), &end, 10);
    if (days->empty() || *end || n < 1 || n > 365) {
      std::fprintf(stderr, "kiosk-feed publish: --expires-days must be a whole number from 1 to 365\n");
      return kUsage;
    }
    options.expires_days = static_cast<int>(n);
  }
  auto config = publish::read_publish_config(options.source_dir);
  if (!config) return fail(config.error().message);
  auto password = server_password(args, "--upload-password-file", "KIOSK_FEED_UPLOAD_PASSWORD");
  if (!password) return fail(password.error().message);
  const fetch::CurlLibrary curl;
  auto destination = publish::open_destination(*config, {.password = *password, .netrc_file = ""});
  if (!destination) return fail(destination.error().message);

  std::size_t warnings = 0;
  const auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(options.now.time_since_epoch()).count();
  Result<publish::PublishReport> report = make_error("");
  {
    Progress progress("pictures");
    options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
    // Asked once the content is assembled: a mistake or a warning is seen before anyone types a password.
    const publish::KeyLoader key = [&](const publish::Assembled& assembled) {
      warnings = assembled.warnings.size();
      for (const auto& w : assembled.warnings) std::fprintf(stderr, "kiosk-feed publish: warning: %s\n", w.c_str());
      return load_secret_key(args, config->key, now_unix);
    };
    report = publish::publish(options, *config, **destination, key);
  }
  if (!report) return fail(report.error().message);
  print_report(*report, *config, warnings);
  return kOk;
}

}  // namespace kiosk::feedtool
