// Reads kiosk.toml with toml++ and checks every key against the ranges documented in config.h and
// docs/configuration.md. All problems in a file are collected and reported together, sorted by
// position, so staff fix a broken file in one round instead of one restart per mistake.
#include "config/config.h"

#include <toml++/toml.h>

#include "platform/files.h"
#include "platform/ids.h"
#include "platform/toml_depth.h"
#include "platform/toml_plain_error.h"
#include "reader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <cstring>
#include <exception>
#include <filesystem>
#include <initializer_list>
#include <system_error>
#include <type_traits>
#include <utility>

namespace kiosk::config {
namespace {

using namespace detail;


constexpr int64_t kMinSidePixels = 160;
constexpr int64_t kMaxSidePixels = 16384;
constexpr int64_t kMinSlideSeconds = 1;
constexpr int64_t kMaxSlideSeconds = 3600;
constexpr int64_t kMinStaleDays = 1;
constexpr int64_t kMaxStaleDays = 365;
constexpr size_t kMaxLanguages = 7;  // Danish and the six translations the kiosk ships
constexpr int64_t kMinNoticeSeconds = 3;    // long enough to read a short notice
constexpr int64_t kMaxNoticeSeconds = 600;
constexpr int64_t kMinRoundsPerLanguage = 1;
constexpr int64_t kMaxRoundsPerLanguage = 20;
constexpr Rotation kRotations[] = {Rotation::k0, Rotation::k90, Rotation::k180, Rotation::k270};
constexpr size_t kMaxPublicKeys = 2;            // the current key and its successor during rotation
constexpr size_t kMinisignPublicKeyBytes = 42;  // "Ed" + 8-byte key id + 32-byte Ed25519 key
constexpr size_t kMaxConfigBytes = 1 << 20;     // a real kiosk.toml is well under 4 KiB

// ---- checks for single values ----------------------------------------------------------------

bool is_http_url(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (url.size() > scheme.size() && url.substr(0, scheme.size()) == scheme) return true;
  }
  return false;
}

int base64_sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Standard, padded base64 (RFC 4648 section 4); nothing if `text` is not that.
std::optional<std::string> decode_base64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string bytes;
  uint32_t bits = 0;
  int bit_count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=') {
      // Padding: only in the last two places, and only padding after it.
      if (i + 2 < text.size() || (i + 1 < text.size() && text[i + 1] != '=')) return std::nullopt;
      break;
    }
    const int sextet = base64_sextet(text[i]);
    if (sextet < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(sextet);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes += static_cast<char>((bits >> bit_count) & 0xff);
    }
  }
  return bytes;
}

// Why `key` is not a minisign public key (the base64 line of a minisign .pub file), or nothing.
std::optional<std::string> minisign_key_problem(std::string_view key) {
  const auto bytes = decode_base64(key);
  if (!bytes) return "it is not base64";
  if (bytes->size() != kMinisignPublicKeyBytes) {
    return "it decodes to " + std::to_string(bytes->size()) + " bytes, not " +
           std::to_string(kMinisignPublicKeyBytes);
  }
  if (bytes->compare(0, 2, "Ed") != 0) return "it does not start with minisign's \"Ed\" marker";
  return std::nullopt;
}

// ---- one function per table ------------------------------------------------------------------

// An id a person writes (area, id): 1..64 of a-z, 0-9 and '-' (or, where `empty` allows it, "");
// anything else is named with its line.
void read_id(Reader& reader, const toml::table& root, std::string_view key, std::string& out, Empty empty) {
  auto id = reader.get<std::string>(&root, "", key);
  if (!id) return;
  if (is_valid_id(id->value) || (empty == Empty::kAllowed && id->value.empty())) {
    out = std::move(id->value);
  } else {
    const std::string rule = std::string(empty == Empty::kAllowed ? "empty or " : "") + "1 to " +
                             std::to_string(kMaxIdChars) + " characters of a-z, 0-9 and '-'";
    reader.report(id->at, must_be(id->name, rule, printable(id->value)));
  }
}

void read_root(Reader& reader, const toml::table& root, Config& config) {
  reader.reject_unknown(root, "", {"area", "id", "languages", "cache", "assets", "screen", "slides", "sync", "power"});
  read_id(reader, root, "area", config.area, Empty::kRefused);
  read_id(reader, root, "id", config.id, Empty::kAllowed);
}

bool is_language_code(std::string_view code) {
  return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// languages = ["da", "ar", "so"]: 1..kMaxLanguages distinct two-letter codes, in the cycle's order.
void read_languages(Reader& reader, const toml::table& root, Config& config) {
  const auto list = reader.get_array(&root, "", "languages");
  if (!list) return;
  const size_t count = list->value->size();
  if (count == 0 || count > kMaxLanguages) {
    reader.report(list->at, key_label(list->name) + " must list 1 to " + std::to_string(kMaxLanguages) +
                                " languages, not " + std::to_string(count));
    return;
  }
  std::vector<std::string> codes;
  bool usable = true;
  for (size_t i = 0; i < count; ++i) {
    auto code = reader.get_element<std::string>(*list, i);
    if (!code) {
      usable = false;
    } else if (!is_language_code(code->value)) {
      reader.report(code->at, must_be(code->name, "a two-letter lowercase language code such as \"da\"",
                                      printable(code->value)));
      usable = false;
    } else if (std::find(codes.begin(), codes.end(), code->value) != codes.end()) {
      reader.report(code->at, key_label(code->name) + " names \"" + code->value + "\" a second time; list each language once");
      usable = false;
    } else {
      codes.push_back(std::move(code->value));
    }
  }
  if (!usable) return;
  config.languages = {.codes = std::move(codes), .line = static_cast<int>(list->at.line)};
}

void read_cache(Reader& reader, const toml::table* cache, Config& config) {
  if (cache == nullptr) return;
  reader.reject_unknown(*cache, "cache", {"database"});
  if (auto database = reader.get_path(cache, "cache", "database", Empty::kRefused)) {
    config.database = std::move(database->value);
  }
}

void read_assets(Reader& reader, const toml::table* assets, Config& config) {
  if (assets == nullptr) return;
  reader.reject_unknown(*assets, "assets", {"dir"});
  if (auto dir = reader.get_path(assets, "assets", "dir", Empty::kAllowed)) {
    config.assets_dir = std::move(dir->value);
  }
}

// width and height: each 0 or in range, and both 0 or both set.
void read_size(Reader& reader, const toml::table* screen, Config& config) {
  const auto width = reader.get<int64_t>(screen, "screen", "width");
  const auto height = reader.get<int64_t>(screen, "screen", "height");
  // A side of the wrong type is reported already; pairing it would only say so again.
  bool sides_usable =
      (width || !screen->contains("width")) && (height || !screen->contains("height"));
  for (const auto* side : {&width, &height}) {
    if (!*side) continue;
    const int64_t pixels = (*side)->value;
    if (pixels != 0 && (pixels < kMinSidePixels || pixels > kMaxSidePixels)) {
      reader.report((*side)->at,
                    must_be((*side)->name, "0 or " + range_text(kMinSidePixels, kMaxSidePixels),
                            std::to_string(pixels)));
      sides_usable = false;
    }
  }
  if (!sides_usable) return;
  const int64_t w = width ? width->value : 0;
  const int64_t h = height ? height->value : 0;
  if ((w == 0) != (h == 0)) {
    const std::string both =
        "'screen.width' and 'screen.height' must be both 0 (the display's own size) or both set";
    reader.report(w != 0 ? width->at : height->at,
                  both + ", not " + std::to_string(w) + " and " + std::to_string(h));
    return;
  }
  config.width = static_cast<int>(w);
  config.height = static_cast<int>(h);
}

void read_screen(Reader& reader, const toml::table* screen, Config& config) {
  if (screen == nullptr) return;
  reader.reject_unknown(*screen, "screen", {"width", "height", "rotation", "allow_quit_keys"});
  read_size(reader, screen, config);
  if (const auto rotation = reader.get<int64_t>(screen, "screen", "rotation")) {
    const auto it = std::find_if(std::begin(kRotations), std::end(kRotations), [&](Rotation r) {
      return static_cast<int64_t>(r) == rotation->value;
    });
    if (it != std::end(kRotations)) {
      config.rotation = *it;
    } else {
      reader.report(rotation->at,
                    must_be(rotation->name, "0, 90, 180 or 270", std::to_string(rotation->value)));
    }
  }
  if (const auto quit = reader.get<bool>(screen, "screen", "allow_quit_keys")) {
    config.allow_quit_keys = quit->value;
  }
}

// [[slides.show]]: the cycle's slides in order, each `kind = "..."` and optionally `seconds = N`.
void read_playlist(Reader& reader, const toml::table& slides, Config& config) {
  const auto show = reader.get_array(&slides, "slides", "show");
  if (!show) return;
  std::vector<SlideShow> playlist;
  for (size_t i = 0; i < show->value->size(); ++i) {
    const toml::node& node = (*show->value)[i];
    const std::string name = "slides.show[" + std::to_string(i) + "]";
    const toml::table* entry = node.as_table();
    if (entry == nullptr) {
      reader.report(node.source().begin, key_label(name) + " must be a table: write each slide as [[slides.show]] with kind = \"status\" below it");
      continue;
    }
    std::vector<std::string_view> known = {"kind", "seconds"};
    const auto days = day_keys();
    known.insert(known.end(), days.begin(), days.end());
    reader.reject_unknown(*entry, name, known,
                          "; a slide has kind, seconds and the days every_day, weekdays, weekend, monday ... sunday");
    SlideShow slide;
    slide.line = static_cast<int>(entry->source().begin.line);
    if (auto kind = reader.get<std::string>(entry, name, "kind")) {
      if (is_valid_id(kind->value)) {  // the same form as an id: a-z, 0-9 and -
        slide.kind = kind->value;
        slide.line = static_cast<int>(kind->at.line);
      } else {
        reader.report(kind->at, must_be(kind->name, "a slide kind such as \"status\"", printable(kind->value)));
      }
    } else {
      reader.report(entry->source().begin, "[[slides.show]] number " + std::to_string(i + 1) +
                                              " has no kind; write kind = \"status\", \"timeline\" or \"results\" below it");
    }
    if (const auto seconds = get_in_range(reader, entry, name, "seconds", kMinSlideSeconds, kMaxSlideSeconds)) {
      slide.duration = std::chrono::seconds(*seconds);
    }
    // Off all week is only said of a week read whole: a bad day would make it look off.
    if (read_week(reader, entry, name, slide.when) && slide.when.always_off()) {
      const std::string which = slide.kind.empty() ? "" : " (kind = \"" + slide.kind + "\")";
      reader.report(entry->source().begin, key_label(name) + which + " is off all week, so it would never show; " +
                                               "give it a day with an on-time, or remove it");
    }
    playlist.push_back(std::move(slide));
  }
  if (show->value->empty()) reader.report(show->at, key_label(show->name) + " lists no slide; remove it, or list one or more");
  config.playlist = std::move(playlist);
}

void read_slides(Reader& reader, const toml::table* slides, Config& config) {
  if (slides == nullptr) return;
  reader.reject_unknown(
      *slides, "slides",
      {"show", "status_seconds", "timeline_seconds", "results_seconds", "idle_return_seconds", "stale_after_days",
       "rounds_per_language", "notice_seconds"});
  read_playlist(reader, *slides, config);
  // The keys from before the playlist set the seconds of today's three slides; beside a
  // [[slides.show]] they would be ambiguous, so they are refused there with how to write them now.
  const bool listed = slides->contains("show");
  for (const char* kind : {"status", "timeline", "results"}) {
    const std::string key = std::string(kind) + "_seconds";
    const auto seconds = get_in_range(reader, slides, "slides", key, kMinSlideSeconds, kMaxSlideSeconds);
    if (!seconds) continue;
    if (listed) {
      reader.report(slides->find(key)->first.source().begin,
                    key_label("slides." + key) + " and [[slides.show]] are both given; write seconds = " + std::to_string(*seconds) +
                        " in the [[slides.show]] entry with kind = \"" + kind + "\" instead");
      continue;
    }
    for (auto& show : config.playlist) {
      if (show.kind == kind) show.duration = std::chrono::seconds(*seconds);
    }
  }
  if (const auto seconds = get_in_range(reader, slides, "slides", "idle_return_seconds", kMinSlideSeconds, kMaxSlideSeconds)) {
    config.idle_return = std::chrono::seconds(*seconds);
  }
  if (const auto seconds = get_in_range(reader, slides, "slides", "notice_seconds", kMinNoticeSeconds, kMaxNoticeSeconds)) {
    config.notice_seconds = std::chrono::seconds(*seconds);
  }
  if (const auto rounds = get_in_range(reader, slides, "slides", "rounds_per_language", kMinRoundsPerLanguage,
                                       kMaxRoundsPerLanguage)) {
    config.rounds_per_language = static_cast<int>(*rounds);
  }
  if (const auto days = get_in_range(reader, slides, "slides", "stale_after_days", kMinStaleDays,
                                     kMaxStaleDays)) {
    config.stale_after_days = static_cast<int>(*days);
  }
}

// sync.public_keys or sync.root_keys: at most kMaxPublicKeys, each a minisign public key.
void read_minisign_keys(Reader& reader, const toml::table* sync, std::string_view key_name,
                        std::vector<std::string>& out) {
  const auto keys = reader.get_array(sync, "sync", key_name);
  if (!keys) return;
  const size_t count = keys->value->size();
  if (count > kMaxPublicKeys) {
    reader.report(keys->at, key_label(keys->name) + " holds " + std::to_string(count) +
                                " keys; at most " + std::to_string(kMaxPublicKeys) +
                                " are allowed");
  }
  for (size_t i = 0; i < count; ++i) {
    auto key = reader.get_element<std::string>(*keys, i);
    if (!key) continue;
    if (const auto problem = minisign_key_problem(key->value)) {
      reader.report(key->at, key_label(key->name) + " is not a minisign public key: " + *problem);
    } else {
      out.push_back(std::move(key->value));
    }
  }
}

void read_sync(Reader& reader, const toml::table* sync, Config& config) {
  if (sync == nullptr) return;
  reader.reject_unknown(*sync, "sync", {"feed_url", "public_keys", "root_keys", "report_url", "report_user"});
  for (auto [key, out] : {std::pair{"feed_url", &config.feed_url}, std::pair{"report_url", &config.report_url}}) {
    if (auto url = reader.get_path(sync, "sync", key, Empty::kAllowed)) {
      if (url->value.empty() || is_http_url(url->value)) {
        *out = std::move(url->value);
      } else {
        reader.report(url->at, must_be(url->name, "empty or start with http:// or https://", printable(url->value)));
      }
    }
  }
  if (auto user = reader.get<std::string>(sync, "sync", "report_user")) {
    // Sent in an Authorization header: no colon (it ends the user name), nothing unprintable.
    const bool plain = user->value.size() <= 64 && std::all_of(user->value.begin(), user->value.end(), [](char c) {
                         return static_cast<unsigned char>(c) > ' ' && c != ':' && c != 0x7f;
                       });
    if (plain) {
      config.report_user = std::move(user->value);
    } else {
      reader.report(user->at, must_be(user->name, "empty or up to 64 printable characters without ':' or spaces",
                                      printable(user->value)));
    }
  }
  read_minisign_keys(reader, sync, "public_keys", config.public_keys);
  read_minisign_keys(reader, sync, "root_keys", config.root_keys);
}

// ---- files -----------------------------------------------------------------------------------

// The file's text, in the words the config's errors have always used (the tests hold them).
Result<std::string> read_text(const std::string& path) {
  FileProblem problem;
  auto text = read_file(path, kMaxConfigBytes, "config file", &problem);
  if (text) return text;
  switch (problem.kind) {
    case FileProblem::Kind::kMissing:
      return make_error("config file not found: " + path);
    case FileProblem::Kind::kTooLarge:
      return make_error("config file " + path + " is larger than " + std::to_string(kMaxConfigBytes) + " bytes");
    case FileProblem::Kind::kNotAFile:
    case FileProblem::Kind::kUnreadable:
      if (problem.error_number != 0) {
        return make_error("cannot read config file " + path + ": " + std::strerror(problem.error_number));
      }
      break;
  }
  return text.error();
}

}  // namespace

std::vector<SlideShow> default_playlist() {
  return {{"status", std::chrono::seconds(12)},
          {"map", std::chrono::seconds(12)},
          {"timeline", std::chrono::seconds(12)},
          {"results", std::chrono::seconds(12)},
          {"events", std::chrono::seconds(12)}};
}

Result<Config> parse(std::string_view toml_text, const std::string& path) {
  // Before toml++, which a key of thousands of dotted parts would crash.
  if (const auto deep = find_too_deep_toml(toml_text)) {
    return make_error(located(path, deep->line, deep->column, deep->message));
  }
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string_view(path));
  } catch (const toml::parse_error& e) {
    const toml::source_position at = e.source().begin;
    return make_error(located(path, at.line, at.column, plain_toml_error(e.description(), toml_text, at.line, at.column)));
  } catch (const std::exception& e) {
    return make_error(path + ": cannot parse config: " + one_line(e.what()));
  } catch (...) {
    return make_error(path + ": cannot parse config: unknown error");
  }

  Reader reader(path);
  Config config;
  read_root(reader, root, config);
  read_languages(reader, root, config);
  read_cache(reader, reader.get_table(root, "cache"), config);
  read_assets(reader, reader.get_table(root, "assets"), config);
  read_screen(reader, reader.get_table(root, "screen"), config);
  read_slides(reader, reader.get_table(root, "slides"), config);
  read_sync(reader, reader.get_table(root, "sync"), config);
  read_power(reader, reader.get_table(root, "power"), config);
  if (!reader.ok()) return reader.error();
  return config;
}

Result<Config> load(const std::string& path) {
  auto text = read_text(path);
  if (!text) return text.error();
  auto config = parse(*text, path);
  if (config) config->source_path = path;
  return config;
}

Result<Config> load_for_program(const std::optional<std::string>& explicit_path) {
  if (explicit_path) return load(*explicit_path);
  std::error_code ec;
  const bool exists = std::filesystem::exists(kDefaultConfigPath, ec);
  if (ec) {
    return make_error(std::string("cannot look for config file ") + kDefaultConfigPath + ": " +
                      ec.message());
  }
  if (!exists) return Config{};
  return load(kDefaultConfigPath);
}

}  // namespace kiosk::config

namespace kiosk::config {

Result<std::string> kiosk_id(const Config& config) {
  if (!config.id.empty()) return config.id;
  char host[256] = "";
  if (::gethostname(host, sizeof host - 1) != 0) return make_error("the host name cannot be read; set id in kiosk.toml");
  std::string name(host);
  name = name.substr(0, name.find('.'));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!is_valid_id(name)) {
    return make_error("the host name '" + name + "' is no kiosk id (a-z, 0-9 and '-'); set id in kiosk.toml");
  }
  return name;
}

}  // namespace kiosk::config
