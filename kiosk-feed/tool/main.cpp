// kiosk-feed: the staff tool. Writes content without JSON, previews it with the kiosk's renderer,
// builds and signs it for the web server, and checks and compares what was published.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cli.h"
#include "notice_cmd.h"
#include "feed/feed_json.h"
#include "platform/files.h"
#include "publish/build.h"
#include "publish/coverage.h"
#include "publish/diff.h"
#include "screens/assets.h"
#include "source/source_folder.h"

namespace kiosk::feedtool {

int publish_command(const Args& args);  // publish_cmd.cpp
int fleet_command(const Args& args);    // fleet_cmd.cpp

namespace {

namespace fs = std::filesystem;

// Each command's entry in `kiosk-feed --help`, and its own help (`kiosk-feed COMMAND --help`).
struct Help {
  const char* synopsis;  // after "kiosk-feed "
  const char* summary;   // what it does, indented under the synopsis
  const char* details;   // the options, for the command's own help only
};

constexpr const char* kPasswordText =
    "A key's password is asked on the terminal, or read from the first line of --password-file FILE or from\n"
    "$KIOSK_FEED_PASSWORD. A new key's password must be at least 8 characters.\n";
constexpr const char* kKeyValueText = "in key=value lines, one a line (version=2)";
constexpr const char* kOutputText =
    "On a terminal init, keygen, build, verify and trust report in sentences with progress bars; otherwise\n"
    "(a pipe, a file, a script) in key=value lines, one a line (version=2).\n";
constexpr const char* kExitText = "Exit status: 0 done, 1 refused or failed (the reason is printed), 2 bad command line.\n";

int usage_error(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "kiosk-feed %s: %s\nRun kiosk-feed %s --help for its arguments.\n", command.c_str(), message.c_str(),
               command.c_str());
  return kUsage;
}

int failed(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "kiosk-feed %s: %s\n", command.c_str(), message.c_str());
  return kFailed;
}

std::optional<std::uint64_t> whole_number(const std::string& text) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

int init(const Args& args) {
  auto text = read_file(screens::find_assets(config::Config{}).default_feed(), feed::kMaxManifestBytes, "the built-in default content");
  if (!text) return failed("init", text.error().message);
  auto feed = feed::parse_feed(*text);
  if (!feed) return failed("init", "the built-in default content: " + feed.error().message);
  if (auto s = source::write_source(args.positional[0], feed->content, feed->source); !s) return failed("init", s.error().message);
  const auto dir = fs::absolute(args.positional[0]).string();
  if (stdout_is_tty()) {
    std::printf("Made %s with the built-in content: %zu areas and %zu results.\n"
                "Edit content.toml and the files in results/, then: kiosk-feed preview %s /tmp/preview\n",
                dir.c_str(), feed->content.areas.size(), feed->content.results.size(), dir.c_str());
  } else {
    std::printf("source=%s\nareas=%zu\nresults=%zu\n", dir.c_str(), feed->content.areas.size(), feed->content.results.size());
  }
  return kOk;
}

int build(const Args& args) {
  publish::BuildOptions options;
  options.source_dir = args.positional[0];
  options.out_dir = args.positional[1];
  options.now = SystemClock().wall();
  const auto key_path = args.option("--key");
  if (!key_path) return usage_error("build", "give --key, the secret key file from kiosk-feed keygen");
  if (const auto days = args.option("--expires-days")) {
    const auto n = whole_number(*days);
    if (!n || *n < 1 || *n > 365) return usage_error("build", "--expires-days must be a whole number from 1 to 365");
    options.expires_days = static_cast<int>(*n);
  }
  if (const auto version = args.option("--version")) {
    options.version = whole_number(*version);
    if (!options.version || *options.version == 0) return usage_error("build", "--version must be a whole number above 0");
  }
  if (const auto days = args.option("--keep-old-objects")) {
    const auto n = whole_number(*days);
    if (!n || *n > 365) return usage_error("build", "--keep-old-objects must be a whole number of days from 0 to 365");
    options.keep_old_objects = std::chrono::hours(24 * static_cast<int>(*n));
  }
  const std::string untouched = "\nNothing was written; " + options.out_dir + " is as it was.";
  // The content first, so that a mistake is found before anyone types a password.
  Result<publish::Assembled> assembled = make_error("");
  {
    Progress progress("pictures");
    options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
    assembled = publish::assemble_feed(options);
  }
  if (!assembled) return failed("build", assembled.error().message + untouched);
  // Before the password is asked: they may be reason enough to stop and edit first.
  for (const auto& w : assembled->warnings) std::fprintf(stderr, "kiosk-feed build: warning: %s\n", w.c_str());
  const auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(options.now.time_since_epoch()).count();
  auto key = load_secret_key(args, *key_path, now_unix);
  if (!key) return failed("build", key.error().message + untouched);
  auto report = publish::write_feed(*assembled, options.out_dir, *key, options.keep_old_objects);
  if (!report) return failed("build", report.error().message + untouched);
  const auto out = fs::absolute(options.out_dir).lexically_normal().string();
  if (stdout_is_tty()) {
    std::printf("Built version %llu in %s: %zu areas, %zu results, %zu picture%s (%zu scaled down), %s.\n",
                static_cast<unsigned long long>(report->version), out.c_str(), report->areas, report->results, report->pictures,
                report->pictures == 1 ? "" : "s", report->pictures_scaled, human_bytes(report->bytes).c_str());
    if (report->old_objects_kept || report->old_objects_dropped) {
      std::printf("Pictures of earlier versions: %zu kept for kiosks still fetching them, %zu removed after %lld days.\n",
                  report->old_objects_kept, report->old_objects_dropped,
                  static_cast<long long>(options.keep_old_objects.count() / 86400));
    }
    if (!assembled->warnings.empty()) {
      std::printf("Built with %zu warning%s (above); check %s.\n", assembled->warnings.size(),
                  assembled->warnings.size() == 1 ? "" : "s", assembled->warnings.size() == 1 ? "it" : "them");
    }
    print_coverage(assembled->feed.content, args);
    std::printf("Expires %s. Publish the whole folder to the web server, e.g. rsync -a --delay-updates --delete-after %s/ server:/var/www/kiosk/\n",
                human_time(report->expires).c_str(), out.c_str());
  } else {
    std::printf("version=%llu\nout=%s\nissued=%s\nexpires=%s\nareas=%zu\nresults=%zu\npictures=%zu\npictures_scaled=%zu\nbytes=%llu\n"
                "old_pictures_kept=%zu\nold_pictures_removed=%zu\nwarnings=%zu\n",
                static_cast<unsigned long long>(report->version), out.c_str(), feed::format_timestamp(report->issued).c_str(),
                feed::format_timestamp(report->expires).c_str(), report->areas, report->results, report->pictures,
                report->pictures_scaled, static_cast<unsigned long long>(report->bytes), report->old_objects_kept,
                report->old_objects_dropped, assembled->warnings.size());
    print_coverage(assembled->feed.content, args);
  }
  return kOk;
}

Result<model::Feed> load_feed(const std::string& path) {
  std::error_code ec;
  const fs::path file = fs::is_directory(path, ec) ? fs::path(path) / "feed.json" : fs::path(path);
  auto read = read_file(file, feed::kMaxManifestBytes, "the feed");
  if (!read) return read.error();
  const std::string& text = *read;
  // A feed.json is a JSON object. What a web server sends instead (its 404 page, a login page) is
  // named as such, not as a JSON syntax error.
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return make_error(file.string() + ": not a feed: the file is empty (did the download fail? fetch it with curl -fsS)");
  }
  if (text[first] != '{') {
    std::size_t shown = std::min<std::size_t>(40, text.size() - first);
    while (first + shown < text.size() && (static_cast<unsigned char>(text[first + shown]) & 0xC0) == 0x80) --shown;  // whole UTF-8
    std::string start = text.substr(first, shown);
    start = start.substr(0, start.find_first_of("\r\n"));
    for (char& c : start) {
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    return make_error(file.string() + ": not a feed (HTML page?): it begins with \"" + start +
                      "\" where a feed.json begins with {. A web server's error page is saved like this when a feed is "
                      "fetched with curl without -f; fetch it with curl -fsS");
  }
  auto feed = feed::parse_feed(text);
  if (!feed) return make_error(file.string() + ": " + feed.error().message);
  return feed;
}

int diff(const Args& args) {
  auto old_feed = load_feed(args.positional[0]);
  if (!old_feed) return failed("diff", old_feed.error().message);
  auto new_feed = load_feed(args.positional[1]);
  if (!new_feed) return failed("diff", new_feed.error().message);
  std::fputs(publish::format(publish::diff(*old_feed, *new_feed)).c_str(), stdout);
  return kOk;
}

struct Command {
  const char* name;
  std::size_t positional;
  std::set<std::string> options;
  std::set<std::string> flags;
  int (*run)(const Args&);
  Help help;
  bool asks_password;
  const char* script_output;  // what it prints when stdout is not a terminal, if that differs
};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"init", 1, {}, {}, init,
       {"init DIR", "a new source folder holding the built-in default content",
        "  DIR must be new or empty. It gets content.toml and results/*.txt to edit, then:\n"
        "  kiosk-feed preview DIR /tmp/preview\n"},
       false, kKeyValueText},
      {"keygen", 0, {"--dir", "--name", "--valid-days", "--password-file", "--kdf"}, {"--unprotected", "--force"}, keygen,
       {"keygen [--dir DIR] [--name NAME] [--unprotected] [--valid-days N] [--force] [--kdf strong|fast]",
        "a minisign key pair: NAME.key (secret, password-protected) and NAME.pub",
        "  --dir DIR             the folder for the two files (default: the current folder)\n"
        "  --name NAME           the files' name (default: kiosk-feed)\n"
        "  --valid-days N        build refuses the key after N days (1 to 3650, default 730)\n"
        "  --password-file FILE  the new key's password is FILE's first line (else asked twice)\n"
        "  --unprotected         no password: only for tests and throwaway keys\n"
        "  --force               overwrites NAME.key and NAME.pub; kiosks keep trusting only the old public key\n"
        "  --kdf strong|fast     strong (minisign's own, the default) or fast (for tests)\n"},
       true, kKeyValueText},
      {"build", 2, {"--key", "--expires-days", "--version", "--keep-old-objects", "--password-file"}, {"--verbose"}, build,
       {"build SRC OUT --key SECRET [--expires-days N] [--version N] [--keep-old-objects DAYS] [--verbose]",
        "checks SRC, scales its pictures, signs, and swaps the result in as OUT;\n"
        "pictures of earlier versions stay DAYS (default 7) for kiosks fetching them",
        "  --key SECRET               the secret key file (NAME.key) from kiosk-feed keygen\n"
        "  --password-file FILE       the key's password is FILE's first line\n"
        "  --expires-days N           this version expires after N days (1 to 365; default: content.toml's expires_days)\n"
        "  --version N                the version number (default: one above OUT's)\n"
        "  --keep-old-objects DAYS    0 to 365, default 7\n"
        "  --verbose                  under each language's count of translated texts, the texts not translated\n"
        "  Always build into the same OUT: the next version number comes from it.\n"},
       true, kKeyValueText},
      {"publish", 1, {"--password-file", "--upload-password-file", "--expires-days"}, {}, publish_command,
       {"publish SRC [--upload-password-file FILE] [--expires-days N]",
        "builds and signs SRC as build does and uploads it to the destination in\n"
        "SRC/publish.toml (a folder, rsync, WebDAV): new pictures first, feed.json last",
        "  SRC/publish.toml           to = \"/srv/www/kiosk\" | \"user@host:/var/www/kiosk\" | \"https://host/kiosk/\"\n"
        "                             key = \"SECRET\"  the secret key file (NAME.key) from kiosk-feed keygen\n"
        "                             user = \"NAME\"   WebDAV basic auth; method = \"rsync\" rsyncs to a local path;\n"
        "                             keep_old_objects_days = 7; staging = \"DIR\" (default: SRC.published)\n"
        "  --password-file FILE       the key's password is FILE's first line\n"
        "  --upload-password-file FILE\n"
        "                             the WebDAV password is FILE's first line (else $KIOSK_FEED_UPLOAD_PASSWORD,\n"
        "                             else ~/.netrc)\n"
        "  --expires-days N           this version expires after N days (1 to 365; default: content.toml's expires_days)\n"
        "  The build is kept in SRC.published: the next version number comes from it and from the destination.\n"},
       true, kKeyValueText},
      {"verify", 1, {"--pubkey", "--root-key-pub"}, {}, verify,
       {"verify OUT|URL --pubkey PUB [--root-key-pub ROOT.pub]",
        "checks a published feed as a kiosk would, and OUT's keys.json when there is one",
        "  OUT|URL                 a published folder, or the address of its feed.json (http:// or https://)\n"
        "  --pubkey PUB            the .pub file or the \"RW...\" line the kiosks trust\n"
        "  --root-key-pub ROOT.pub trust the feed keys OUT's keys.json lists, signed with this root key\n"},
       false, kKeyValueText},
      {"trust", 1, {"--root-key", "--feed-key", "--root-key-pub", "--note", "--password-file"}, {"--new-epoch"}, trust,
       {"trust OUT --root-key ROOT.key --feed-key PUB [--feed-key PUB2 ...] [--new-epoch] [--note TEXT]\n"
        "            [--root-key-pub OTHER_ROOT.pub]",
        "signs OUT/keys.json with the offline root key: the feed keys kiosks trust\n"
        "from now on, and with --new-epoch a new version line (docs/keys.md)",
        "  --password-file FILE  the root key's password is FILE's first line\n"},
       true, kKeyValueText},
      {"preview", 2, {"--size", "--area", "--at"}, {"--verbose"}, preview,
       {"preview SRC|OUT PNGDIR [--size WxH] [--area ID] [--at WHEN] [--verbose]", "every slide as a PNG, drawn by the kiosk's own renderer",
        "  --size WxH   the screen's size (default 1920x1080)\n"
        "  --area ID    the slides of this area (default: the first in content.toml)\n"
        "  --at WHEN    drawn as at that time, as kiosk-feed notice reads it (\"i morgen kl. 9\", 2026-12-01 15:00):\n"
        "               the notices, events and slides of that moment (default: now)\n"
        "  --verbose    under each language's count of translated texts, the texts not translated\n"},
       false, "the PNG files' paths, one a line"},
      {"diff", 2, {}, {}, diff,
       {"diff OLD NEW", "what changed between two published feeds (folders or feed.json files)",
        "  Fetch the one on the web server with curl -fsS -o FILE URL: -f keeps an error page out of FILE.\n"},
       false, nullptr},
      {"notice", 2, {"--text", "--from", "--until", "--areas"}, {"--urgent"}, notice,
       {"notice SRC TITLE [--text TEXT] [--from WHEN] [--until WHEN] [--urgent] [--areas ID,ID]",
        "writes a notice for the screens into SRC/notices/ and says in Danish when and where it shows",
        "  --text TEXT     more than the title, at most 400 characters\n"
        "  --from WHEN     when it starts showing (default: when it is published)\n"
        "  --until WHEN    when it is gone (default: [notices] default_days in content.toml after it starts)\n"
        "  --urgent        a screen of its own before every slide (default: a band on every slide)\n"
        "  --areas ID,ID   only the screens of these areas (default: every screen)\n"
        "  WHEN is local time: nu, om 2 timer, i dag 15:00, i morgen kl. 9.30, torsdag 19, 1. december 15:00,\n"
        "  1/12-2026 15:00, 2026-12-01 15:00, or a day alone (its start for --from, its end for --until).\n"
        "  Then: kiosk-feed publish SRC\n"},
       false, "the Danish sentence, then key=value lines"},
      {"fleet", 1, {"--now", "--check-minutes", "--feed", "--html", "--csv", "--user", "--password-file"}, {}, fleet_command,
       {"fleet DIR|URL [--feed URL|DIR|FILE] [--html FILE] [--csv FILE] [--user NAME]",
        "every kiosk's report in a table, those needing attention first;\n"
        "one HTML page with their pictures; the daily counts as CSV",
        "  DIR|URL               the folder the kiosks send their reports to, or its http(s) address\n"
        "  --feed URL|DIR|FILE   the published feed.json, whose version every kiosk should show\n"
        "                        (default: the newest version a kiosk reports)\n"
        "  --html FILE           one page, in Danish, with every kiosk's row, picture and problems\n"
        "  --csv FILE            the daily counts: a row per kiosk per day, a column per language\n"
        "  --check-minutes N     how often kiosk-sync checks (default 15): silent after 2 checks + 1 minute\n"
        "  --now TIME            judge as at TIME (YYYY-MM-DDTHH:MM:SSZ) instead of the clock\n"
        "  --user NAME           the report server's basic auth user; the password is the first line of\n"
        "                        --password-file FILE, else $KIOSK_FEED_FLEET_PASSWORD, else ~/.netrc\n"
        "  Exit status: 0 no kiosk needs attention, 1 some do (or SOURCE could not be read), 2 bad\n"
        "  command line.\n"},
       false, nullptr},
      {"notices", 1, {"--remove"}, {}, notices,
       {"notices SRC [--remove ID]", "lists SRC's notices, each showing, coming or ended; --remove ID takes one out",
        "  --remove ID     deletes SRC/notices/ID.txt and its translations; then kiosk-feed publish SRC\n"},
       false, nullptr},
  };
  return kCommands;
}

std::string indented(const std::string& text, const std::string& indent) {
  std::string out;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t to = std::min(text.find('\n', from), text.size());
    out += indent + text.substr(from, to - from) + "\n";
    from = to + 1;
  }
  return out;
}

std::string usage_text() {
  constexpr std::size_t kColumn = 31;
  std::string text = "Usage: kiosk-feed COMMAND ...\n\n";
  for (const auto& c : commands()) {
    std::string entry = "  " + std::string(c.help.synopsis);
    std::string summary = indented(c.help.summary, std::string(kColumn, ' '));
    if (entry.find('\n') == std::string::npos && entry.size() < kColumn) {
      summary.replace(0, entry.size(), entry);  // a short synopsis: the summary on the same line
      entry.clear();
    } else {
      entry += "\n";
    }
    text += entry + summary;
  }
  text += "\nkiosk-feed COMMAND --help shows a command's options.\n";
  text += kPasswordText;
  text += kOutputText;
  text += kExitText;
  text += "docs/staff-guide.md (in Danish) walks through editing, previewing and publishing.\n";
  return text;
}

std::string command_help(const Command& c) {
  std::string text = "Usage: kiosk-feed " + std::string(c.help.synopsis) + "\n\n" + indented(c.help.summary, "  ") + "\n" +
                     c.help.details + "\n";
  if (c.asks_password) text += kPasswordText;
  if (c.script_output) {
    text += "On a terminal it reports in sentences; otherwise (a pipe, a file, a script) " + std::string(c.script_output) + ".\n";
  }
  text += kExitText;
  return text;
}

}  // namespace

int run(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || (argv[0] == "help" && argv.size() == 1)) {
    std::fputs(usage_text().c_str(), argv.empty() ? stderr : stdout);
    return argv.empty() ? kUsage : kOk;
  }
  if (argv[0] == "--version") {
    std::printf("kiosk-feed %s\n", KIOSK_VERSION);
    return kOk;
  }
  const bool help_for = argv[0] == "help";  // kiosk-feed help COMMAND
  const std::string& name = help_for ? argv[1] : argv[0];
  for (const auto& c : commands()) {
    if (name != c.name) continue;
    if (help_for) {
      std::fputs(command_help(c).c_str(), stdout);
      return kOk;
    }
    auto args = parse_args({argv.begin() + 1, argv.end()}, c.positional, c.options, c.flags);
    if (!args) return usage_error(c.name, args.error().message);
    if (args->help) {
      std::fputs(command_help(c).c_str(), stdout);
      return kOk;
    }
    return c.run(*args);
  }
  std::fprintf(stderr, "kiosk-feed: no such command: %s\nRun kiosk-feed --help for the commands.\n", name.c_str());
  return kUsage;
}

}  // namespace kiosk::feedtool

int main(int argc, char** argv) { return kiosk::feedtool::run(std::vector<std::string>(argv + 1, argv + argc)); }
