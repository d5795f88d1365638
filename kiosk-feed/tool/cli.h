// What kiosk-feed's commands share: their arguments, how they talk to a person at a terminal or to
// a script, and passwords. Private to the tool.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "feed/minisign.h"
#include "model/content.h"
#include "platform/result.h"

namespace kiosk::feedtool {

enum Exit : int { kOk = 0, kFailed = 1, kUsage = 2 };

// A command's arguments: positional ones, `--name value` options and `--flag`s, each checked
// against what the command takes. `--help` or `-h` anywhere (not as an option's value) asks for the
// command's help; the arguments are then not checked further.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // each value given, in order
  std::set<std::string> flags;
  bool help = false;  // --help or -h was given: the command's help, and nothing run

  // The option's value; the last one when it was given more than once.
  std::optional<std::string> option(const std::string& name) const {
    const auto it = options.find(name);
    return it == options.end() ? std::nullopt : std::optional<std::string>(it->second.back());
  }
  // Every value of an option a command takes more than once ("--feed-key A --feed-key B").
  std::vector<std::string> option_values(const std::string& name) const {
    const auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>{} : it->second;
  }
  bool flag(const std::string& name) const { return flags.count(name) > 0; }
};

Result<Args> parse_args(const std::vector<std::string>& args, std::size_t positional,
                        const std::set<std::string>& options, const std::set<std::string>& flags);

// Whether stdout / stderr is a terminal: a person reads full sentences and progress bars; a
// script gets key=value lines and no bars.
bool stdout_is_tty();
bool stderr_is_tty();

// A progress bar on stderr while it is a terminal; nothing otherwise.
class Progress {
 public:
  explicit Progress(std::string label);
  void update(std::size_t done, std::size_t total);
  ~Progress();

 private:
  std::string label_;
  bool shown_ = false;
};

// The password for a key: the first line of --password-file, else $KIOSK_FEED_PASSWORD, else asked
// on the terminal without echo (twice when `confirm`). An error when there is no way to ask, or
// when it is shorter than `min_chars` characters (for a new key; a key that exists opens with the
// password it has).
Result<std::string> get_password(const Args& args, const std::string& prompt, bool confirm, std::size_t min_chars = 0);

// A web server's basic auth password: the first line of the file `option` names, else the
// environment variable `env`, else none (libcurl then looks in ~/.netrc).
Result<std::optional<std::string>> server_password(const Args& args, const std::string& option, const char* env);

// What a new key's password must be at least, in characters.
inline constexpr std::size_t kMinNewPasswordChars = 8;

// "E7C422E23C77894E,C8FF819F2A82A543": the key ids of `keys`, for messages and key=value lines.
std::string key_ids(const std::vector<feed::minisign::PublicKey>& keys);

// "1.4 MB", "830 KB"
std::string human_bytes(std::uint64_t bytes);
// "2026-12-11 10:00 UTC"
std::string human_time(std::int64_t unix_seconds);

// keys.cpp
int keygen(const Args& args);
// The whole of a file of at most `max_bytes` (a key, a keys document), or an error naming `what`.
Result<std::string> read_small_file(const std::string& path, const std::string& what, std::size_t max_bytes = 64 * 1024);
// `text` written to `path` (created, or truncated) with permissions `mode`, and flushed to the disk.
Status write_new_file(const std::filesystem::path& path, const std::string& text, mode_t mode);
// The secret key in `path`, decrypted with the password when it has one; refused when its
// comment says it expired before `now_unix`.
Result<feed::minisign::SecretKey> load_secret_key(const Args& args, const std::string& path, std::int64_t now_unix);
// A public key from a .pub file or the "RW..." line itself, given with `option` ("--pubkey").
Result<feed::minisign::PublicKey> load_public_key(const std::string& file_or_line, const std::string& option);

// How many texts each language has translated (publish/coverage.h), after a build or a preview:
// on a terminal as sentences on stdout; otherwise as key=value lines on stdout, or with `to_stderr`
// as lines on stderr (preview's stdout lists only its PNG files). --verbose lists what is missing.
void print_coverage(const model::Content& content, const Args& args, bool to_stderr = false);

// verify.cpp, preview.cpp, trust.cpp
int verify(const Args& args);
int preview(const Args& args);
int trust(const Args& args);

}  // namespace kiosk::feedtool
