#include "cli.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "feed/feed_json.h"
#include "model/validate.h"
#include "publish/coverage.h"
#include "publish/diff.h"

namespace kiosk::feedtool {

Result<Args> parse_args(const std::vector<std::string>& args, std::size_t positional, const std::set<std::string>& options,
                        const std::set<std::string>& flags) {
  Args out;
  std::optional<std::string> mistake;  // the first; --help anywhere wins over it
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      out.help = true;
    } else if (a.rfind("--", 0) == 0) {
      if (options.count(a)) {
        if (i + 1 >= args.size()) {
          mistake = mistake.value_or(a + " needs a value");
        } else {
          out.options[a].push_back(args[++i]);
        }
      } else if (flags.count(a)) {
        out.flags.insert(a);
      } else {
        mistake = mistake.value_or("unknown option " + a);
      }
    } else {
      out.positional.push_back(a);
    }
  }
  if (out.help) return out;
  if (mistake) return make_error(*mistake);
  if (out.positional.size() != positional) {
    return make_error("expected " + std::to_string(positional) + " argument" + (positional == 1 ? "" : "s") + ", got " +
                      std::to_string(out.positional.size()));
  }
  return out;
}

bool stdout_is_tty() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::string label) : label_(std::move(label)) {}

void Progress::update(std::size_t done, std::size_t total) {
  if (!stderr_is_tty() || total == 0) return;
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = done * kWidth / total;
  std::fprintf(stderr, "\r%s [%s%s] %zu/%zu", label_.c_str(), std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(), done, total);
  std::fflush(stderr);
  shown_ = true;
}

Progress::~Progress() {
  if (shown_) std::fprintf(stderr, "\n");
}

namespace {

// Reads a line from the terminal with echo off.
Result<std::string> ask(const std::string& prompt) {
  std::FILE* tty = std::fopen("/dev/tty", "r+");
  if (!tty) return make_error("the key needs a password and there is no terminal to ask on; give --password-file FILE or set KIOSK_FEED_PASSWORD");
  std::fprintf(tty, "%s", prompt.c_str());
  std::fflush(tty);
  termios saved{};
  const bool echo_off = ::tcgetattr(::fileno(tty), &saved) == 0;
  if (echo_off) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(::fileno(tty), TCSAFLUSH, &quiet);
  }
  char buf[1024];
  const bool got = std::fgets(buf, sizeof buf, tty) != nullptr;
  if (echo_off) ::tcsetattr(::fileno(tty), TCSAFLUSH, &saved);
  std::fprintf(tty, "\n");
  std::fclose(tty);
  if (!got) return make_error("no password was given");
  std::string line(buf);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

Result<std::string> get_password(const Args& args, const std::string& prompt, bool confirm, std::size_t min_chars) {
  const auto long_enough = [min_chars](Result<std::string> password) -> Result<std::string> {
    if (!password || model::utf8_length(*password) >= min_chars) return password;
    return make_error("the password is " + std::to_string(model::utf8_length(*password)) + " characters; a new key's password must be at least " +
                      std::to_string(min_chars) + " (a few words are easy to remember and hard to guess)");
  };
  if (const auto file = args.option("--password-file")) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) return make_error("--password-file: cannot read " + *file);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return make_error("--password-file: " + *file + " starts with an empty line");
    return long_enough(line);
  }
  if (const char* env = std::getenv("KIOSK_FEED_PASSWORD"); env && *env) return long_enough(std::string(env));
  auto first = ask(prompt);
  if (!first || !confirm) return first;
  if (first->empty()) return make_error("the password is empty; for a key without one, give --unprotected");
  if (auto checked = long_enough(*first); !checked) return checked;
  auto second = ask("Again: ");
  if (!second) return second;
  if (*first != *second) return make_error("the two passwords differ");
  return first;
}

std::string key_ids(const std::vector<feed::minisign::PublicKey>& keys) {
  std::string out;
  for (const auto& key : keys) out += (out.empty() ? "" : ",") + feed::minisign::key_id_hex(key.key_id);
  return out;
}

std::string human_bytes(std::uint64_t bytes) { return publish::size_text(bytes); }

std::string human_time(std::int64_t unix_seconds) {
  std::string t = feed::format_timestamp(unix_seconds);  // "2026-12-11T04:36:42Z"
  return t.substr(0, 10) + " " + t.substr(11, 5) + " UTC";
}

void print_coverage(const model::Content& content, const Args& args, bool to_stderr) {
  const auto missing = args.flag("--verbose") ? publish::Missing::kListed : publish::Missing::kCounted;
  if (stdout_is_tty()) {
    std::printf("Translated texts (the others are shown in Danish):\n");
    for (const auto& line : publish::coverage_lines(content, missing)) std::printf("  %s\n", line.c_str());
  } else if (to_stderr) {
    for (const auto& line : publish::coverage_lines(content, missing)) std::fprintf(stderr, "translations: %s\n", line.c_str());
  } else {
    for (const auto& line : publish::coverage_values(content, missing)) std::printf("%s\n", line.c_str());
  }
}

Result<std::optional<std::string>> server_password(const Args& args, const std::string& option, const char* env) {
  if (const auto file = args.option(option)) {
    std::ifstream in(*file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) return make_error(option + ": cannot read " + *file);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return std::optional<std::string>(line);
  }
  if (const char* value = std::getenv(env); value && *value) return std::optional<std::string>(value);
  return std::optional<std::string>();
}

}  // namespace kiosk::feedtool
