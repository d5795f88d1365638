// publish_load_bench: what a check every 15 minutes costs the web server, measured on a real nginx
// on 127.0.0.1 from its access log (requests, and bytes on the wire: request line, headers and body
// both ways). kiosk-feed publish uploads by WebDAV, a kiosk syncs with the real syncer:
//
//   1. the default content: a publish, the first sync, 96 checks with no change (a day at 15
//      minutes), then a small change (a title) published and the check that fetches it;
//   2. a generated feed of 1,000 results with 200 pictures: the first publish, a publish with one
//      picture changed (what every later publish costs), and the check that fetches it;
//   3. the same from an nginx that gzips JSON.
//
// Prints one line per figure, then what they make for 1,000 kiosks. Not a test; `make bench` runs it.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "content_gen.h"
#include "nginx.h"
#include "platform/log.h"
#include "publish_fixture.h"

using namespace kiosk;

namespace {

constexpr int kChecksPerDay = 96;  // every 15 minutes
constexpr double kKiosks = 1000;

struct Wire {
  std::size_t requests = 0;
  std::uint64_t bytes = 0;  // request and response, as nginx counted them
  std::string methods;      // "HEAD 4, PUT 3"
};

Wire wire_of(const std::vector<testing::NginxRequest>& log) {
  Wire w;
  std::map<std::string, std::size_t> by_method;
  for (const auto& r : log) {
    ++w.requests;
    w.bytes += r.bytes();
    ++by_method[r.method + " " + std::to_string(r.status)];
  }
  for (const auto& [method, n] : by_method) w.methods += (w.methods.empty() ? "" : ", ") + method + " x" + std::to_string(n);
  return w;
}

// The requests and bytes nginx served for `step`, printed.
template <class Step>
Wire measure(testing::Nginx& nginx, const char* what, Step&& step) {
  nginx.clear_requests();
  step();
  const Wire w = wire_of(nginx.requests());
  std::printf("%-44s %6zu requests %11llu bytes   (%s)\n", what, w.requests, static_cast<unsigned long long>(w.bytes),
              w.methods.c_str());
  return w;
}

void publish_or_die(testing::StaffFolder& staff) {
  const publish::UploadCredentials credentials{.password = "bench", .netrc_file = ""};
  auto published = staff.publish(credentials);
  if (!published) {
    std::fprintf(stderr, "publish failed: %s\n", published.error().message.c_str());
    std::exit(1);
  }
}

void sync_or_die(testing::SyncingKiosk& kiosk, const std::string& url, WallTime now, syncer::Outcome expected) {
  const auto report = kiosk.sync(url, now);
  if (report.outcome != expected) {
    std::fprintf(stderr, "sync: %s (%s), expected %s\n", syncer::to_string(report.outcome), report.message.c_str(),
                 syncer::to_string(expected));
    std::exit(1);
  }
}

std::string human(double bytes) {
  char text[32];
  if (bytes >= 1e9) std::snprintf(text, sizeof text, "%.2f GB", bytes / 1e9);
  else if (bytes >= 1e6) std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
  else std::snprintf(text, sizeof text, "%.1f KB", bytes / 1e3);
  return text;
}

}  // namespace

int main() {
  fetch::CurlLibrary curl;
  log::set_sink([](log::Level, std::string_view) {});
  testing::Nginx nginx({.dav_location = "/kiosk/", .user = "kiosk", .password = "bench", .server_config = ""});
  const std::string url = nginx.url("/kiosk/feed.json");

  std::printf("== the default content (%zu pictures), WebDAV to nginx on 127.0.0.1\n", std::size_t{0});
  testing::StaffFolder staff(0);
  staff.configure("to = \"" + nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  testing::SyncingKiosk kiosk(staff.public_key());
  measure(nginx, "publish (first)", [&] { publish_or_die(staff); });
  measure(nginx, "first sync", [&] { sync_or_die(kiosk, url, staff.now, syncer::Outcome::kUpdated); });
  Wire day;
  std::size_t most_requests = 0;
  for (int i = 0; i < kChecksPerDay; ++i) {
    staff.now += std::chrono::minutes(15);
    nginx.clear_requests();
    sync_or_die(kiosk, url, staff.now, syncer::Outcome::kUpToDate);
    const Wire w = wire_of(nginx.requests());
    day.requests += w.requests;
    day.bytes += w.bytes;
    most_requests = std::max(most_requests, w.requests);
  }
  std::printf("%-44s %6zu requests %11llu bytes   (at most %zu requests in one check)\n", "96 checks, no change (one day)",
              day.requests, static_cast<unsigned long long>(day.bytes), most_requests);
  const double check_requests = static_cast<double>(day.requests) / kChecksPerDay;
  const double check_bytes = static_cast<double>(day.bytes) / kChecksPerDay;
  std::printf("%-44s %6.1f requests %11.0f bytes\n", "  per check", check_requests, check_bytes);

  const auto files = staff.result_files();
  const auto retitle = [&](const std::string& file) {  // a change the size of a notice
    const auto path = std::filesystem::path(staff.src()) / "results" / file;
    std::string text = testing::read_file(path);
    text.replace(text.find("title: ") + 7, 0, "Nyt: ");
    testing::write_file(path, text);
  };
  retitle(files[0]);
  staff.now += std::chrono::minutes(5);
  const Wire small_publish = measure(nginx, "publish a small change (a title)", [&] { publish_or_die(staff); });
  staff.now += std::chrono::minutes(10);
  const Wire change = measure(nginx, "the check that fetches it", [&] { sync_or_die(kiosk, url, staff.now, syncer::Outcome::kUpdated); });

  std::printf("\n== a generated feed: 1,000 results, 200 pictures\n");
  testing::TempDir scratch;
  testing::StaffFolder large(200, testing::large_feed(1000, 0, scratch.file("objects")));
  large.configure("to = \"" + nginx.url("/kiosk/large/") + "\"\nuser = \"kiosk\"");
  const std::string large_url = nginx.url("/kiosk/large/feed.json");
  testing::SyncingKiosk large_kiosk(large.public_key());
  measure(nginx, "publish (first)", [&] { publish_or_die(large); });
  measure(nginx, "first sync", [&] { sync_or_die(large_kiosk, large_url, large.now, syncer::Outcome::kUpdated); });
  large.now += std::chrono::minutes(15);
  measure(nginx, "a check, no change", [&] { sync_or_die(large_kiosk, large_url, large.now, syncer::Outcome::kUpToDate); });
  large.set_picture(large.result_files()[0], 4242);
  const Wire large_publish = measure(nginx, "publish with one picture changed", [&] { publish_or_die(large); });
  large.now += std::chrono::minutes(15);
  const Wire large_change =
      measure(nginx, "the check that fetches it", [&] { sync_or_die(large_kiosk, large_url, large.now, syncer::Outcome::kUpdated); });

  std::printf("\n== the same feed from nginx with gzip on; gzip_types application/json\n");
  testing::Nginx gzip_nginx({.dav_location = "/kiosk/", .user = "kiosk", .password = "bench",
                             .server_config = "    gzip on;\n    gzip_types application/json;\n"});
  large.configure("to = \"" + gzip_nginx.url("/kiosk/") + "\"\nuser = \"kiosk\"");
  const std::string gzip_url = gzip_nginx.url("/kiosk/feed.json");
  testing::SyncingKiosk gzip_kiosk(large.public_key());
  publish_or_die(large);
  measure(gzip_nginx, "first sync", [&] { sync_or_die(gzip_kiosk, gzip_url, large.now, syncer::Outcome::kUpdated); });
  large.set_picture(large.result_files()[1], 4343);
  const Wire gzip_publish = measure(gzip_nginx, "publish with one picture changed", [&] { publish_or_die(large); });
  large.now += std::chrono::minutes(15);
  const Wire gzip_change =
      measure(gzip_nginx, "the check that fetches it", [&] { sync_or_die(gzip_kiosk, gzip_url, large.now, syncer::Outcome::kUpdated); });

  staff.configure("to = \"" + gzip_nginx.url("/kiosk/default/") + "\"\nuser = \"kiosk\"");
  const std::string gzip_default_url = gzip_nginx.url("/kiosk/default/feed.json");
  testing::SyncingKiosk gzip_default_kiosk(staff.public_key());
  publish_or_die(staff);
  sync_or_die(gzip_default_kiosk, gzip_default_url, staff.now, syncer::Outcome::kUpdated);
  retitle(files[1]);
  publish_or_die(staff);
  staff.now += std::chrono::minutes(15);
  const Wire gzip_default_change = measure(gzip_nginx, "default content: a check fetching a title",
                                           [&] { sync_or_die(gzip_default_kiosk, gzip_default_url, staff.now, syncer::Outcome::kUpdated); });

  std::printf("\n== for 1,000 kiosks\n");
  std::printf("every 15 minutes, no change: %.0f requests/day, %s/day (nightly: %.0f requests/day, %s/day)\n",
              check_requests * kChecksPerDay * kKiosks, human(check_bytes * kChecksPerDay * kKiosks).c_str(),
              check_requests * kKiosks, human(check_bytes * kKiosks).c_str());
  std::printf("a small change to the default content: one publish %zu requests, %s; the kiosks fetch %s in all\n",
              small_publish.requests, human(static_cast<double>(small_publish.bytes)).c_str(),
              human(static_cast<double>(change.bytes) * kKiosks).c_str());
  std::printf("the same small change with gzip: the kiosks fetch %s in all\n",
              human(static_cast<double>(gzip_default_change.bytes) * kKiosks).c_str());
  std::printf("a picture changed in the 1,000-result feed: one publish %zu requests, %s; the kiosks fetch %s in all\n",
              large_publish.requests, human(static_cast<double>(large_publish.bytes)).c_str(),
              human(static_cast<double>(large_change.bytes) * kKiosks).c_str());
  std::printf("that picture with gzip: one publish %zu requests, %s; the kiosks fetch %s in all\n", gzip_publish.requests,
              human(static_cast<double>(gzip_publish.bytes)).c_str(), human(static_cast<double>(gzip_change.bytes) * kKiosks).c_str());
  return 0;
}
