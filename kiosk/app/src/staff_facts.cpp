#include "app/staff_facts.h"

#include <sys/statvfs.h>

#include <cstdio>
#include <filesystem>

#include "cache/cache.h"
#include "slides/danish.h"

namespace kiosk::app {

namespace {

std::string when(std::int64_t unix) { return unix == 0 ? "aldrig" : slides::danish_moment(unix); }

std::string free_disk(const std::string& database) {
  const auto slash = database.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : database.substr(0, slash + 1);
  struct statvfs fs {};
  if (statvfs(dir.c_str(), &fs) != 0) return "ukendt (" + dir + ")";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f GB fri på %s", static_cast<double>(fs.f_bavail) * fs.f_frsize / 1e9, dir.c_str());
  return buf;
}

}  // namespace

std::string danish_outcome(const std::string& stored) {
  // The words of syncer::to_string() and cache::kRunningOutcome.
  static constexpr std::pair<const char*, const char*> kWords[] = {
      {"updated", "opdateret"},
      {"up to date", "uændret"},
      {"network failure", "netværksfejl"},
      {"rejected", "afvist"},
      {"local failure", "lokal fejl (disk eller database)"},
      {"busy", "optaget af en anden kørsel"},
      {"interrupted", "afbrudt"},
      {cache::kRunningOutcome, "i gang eller afbrudt"},
  };
  for (const auto& [english, danish] : kWords) {
    if (stored == english) return danish;
  }
  return stored;
}

std::vector<std::pair<std::string, std::string>> staff_facts(const config::Config& config, const LoadedContent& content,
                                                             int width, int height, SteadyTime started, WallTime now,
                                                             bool stale) {
  std::vector<std::pair<std::string, std::string>> facts;
  facts.emplace_back("Program", std::string("kiosk ") + KIOSK_VERSION);
  facts.emplace_back("Indhold", content.origin.built_in ? "indbygget (version " + std::to_string(content.origin.version) + ")"
                                                        : "version " + std::to_string(content.origin.version));
  facts.emplace_back("Udløber", when(content.origin.expires_unix));
  std::error_code ec;
  if (!std::filesystem::exists(config.database, ec)) {
    facts.emplace_back("Synk", "ingen cache endnu (" + config.database + ")");
  } else if (auto cache = cache::Cache::open_read_only(config.database); !cache) {
    facts.emplace_back("Synk", "cachen kan ikke læses: " + cache.error().message);
  } else if (auto s = cache->sync_state(); !s) {
    facts.emplace_back("Synk", "cachen kan ikke læses: " + s.error().message);
  } else {
    facts.emplace_back("Sidste synk-forsøg",
                       when(s->last_attempt) + (s->last_outcome.empty() ? "" : " (" + danish_outcome(s->last_outcome) + ")"));
    facts.emplace_back("Sidste gode synk", when(s->last_success));
    facts.emplace_back("Sidste fejl", s->last_error.empty() ? "ingen" : s->last_error);
  }
  facts.emplace_back("Forældet", stale ? "ja: " + slides::stale_reason(content.origin, now) : "nej");
  facts.emplace_back("Skærm", std::to_string(width) + " x " + std::to_string(height));
  const auto up = std::chrono::duration_cast<std::chrono::minutes>(SystemClock().steady() - started).count();
  facts.emplace_back("Oppetid", std::to_string(up / 60 / 24) + " d " + std::to_string(up / 60 % 24) + " t " + std::to_string(up % 60) + " min");
  facts.emplace_back("Disk", free_disk(config.database));
  return facts;
}

}  // namespace kiosk::app
