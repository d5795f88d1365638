// kiosk-feed keygen, and reading the keys the other commands are given.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "cli.h"
#include "feed/feed_json.h"
#include "platform/files.h"

namespace kiosk::feedtool {
namespace {

namespace fs = std::filesystem;
namespace ms = feed::minisign;

constexpr int kDefaultValidDays = 730;
constexpr int kMaxValidDays = 3650;
constexpr const char* kValidUntil = "valid until ";

std::string utc_date(std::int64_t unix_seconds) { return feed::format_timestamp(unix_seconds).substr(0, 10); }

}  // namespace

Result<std::string> read_small_file(const std::string& path, const std::string& what, std::size_t max_bytes) {
  return read_file(path, max_bytes, what);
}

Status write_new_file(const fs::path& path, const std::string& text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return make_error("cannot write " + path.string() + ": " + std::strerror(errno));
  ::fchmod(fd, mode);  // also when the file was there (--force)
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return make_error("cannot write " + path.string() + ": " + std::strerror(errno));
  return {};
}

int keygen(const Args& args) {
  const fs::path dir = args.option("--dir").value_or(".");
  const std::string name = args.option("--name").value_or("kiosk-feed");
  int valid_days = kDefaultValidDays;
  if (const auto days = args.option("--valid-days")) {
    const auto [end, ec] = std::from_chars(days->data(), days->data() + days->size(), valid_days);
    if (ec != std::errc() || end != days->data() + days->size() || valid_days < 1 || valid_days > kMaxValidDays) {
      std::fprintf(stderr, "kiosk-feed keygen: --valid-days must be a whole number from 1 to %d\n", kMaxValidDays);
      return kUsage;
    }
  }
  const fs::path secret_path = fs::absolute(dir / (name + ".key"));
  const fs::path public_path = fs::absolute(dir / (name + ".pub"));
  std::error_code ec;
  for (const auto& p : {secret_path, public_path}) {
    if (fs::exists(p, ec) && !args.flag("--force")) {
      std::fprintf(stderr,
                   "kiosk-feed keygen: %s already exists. A new key pair does not replace an old one on the kiosks: they "
                   "keep trusting only the old public key (see \"Nye nøgler\" in docs/staff-guide.md). --force overwrites.\n",
                   p.c_str());
      return kFailed;
    }
  }
  const std::string kdf = args.option("--kdf").value_or("strong");
  if (kdf != "strong" && kdf != "fast") {
    std::fprintf(stderr, "kiosk-feed keygen: --kdf must be strong (minisign's own, the default) or fast (for tests)\n");
    return kUsage;
  }
  std::optional<std::string> password;
  if (!args.flag("--unprotected")) {
    auto pw = get_password(args, "Password for the new secret key (at least " + std::to_string(kMinNewPasswordChars) + " characters): ",
                           true, kMinNewPasswordChars);
    if (!pw) {
      std::fprintf(stderr, "kiosk-feed keygen: %s. Nothing was written.\n", pw.error().message.c_str());
      return kFailed;
    }
    password = std::move(*pw);
  }
  const auto valid_until = utc_date(std::time(nullptr) + static_cast<std::int64_t>(valid_days) * 86400);
  const ms::KeyPair pair = ms::generate_key_pair();
  const auto limits = kdf == "fast" ? ms::kKdfLimitsFast : ms::kKdfLimitsMinisign;
  auto secret = ms::format_minisign_secret_key(pair.secret_key, password, limits,
                                               "kiosk-feed secret key " + ms::key_id_hex(pair.public_key.key_id) + ", " +
                                                   kValidUntil + valid_until);
  if (!secret) {
    std::fprintf(stderr, "kiosk-feed keygen: %s\n", secret.error().message.c_str());
    return kFailed;
  }
  fs::create_directories(dir, ec);
  if (auto s = write_new_file(secret_path, *secret, 0600); !s) {
    std::fprintf(stderr, "kiosk-feed keygen: %s\n", s.error().message.c_str());
    return kFailed;
  }
  if (auto s = write_new_file(public_path, ms::format_public_key(pair.public_key), 0644); !s) {
    std::fprintf(stderr, "kiosk-feed keygen: %s\n", s.error().message.c_str());
    return kFailed;
  }
  const std::string line = ms::public_key_line(pair.public_key);
  if (stdout_is_tty()) {
    std::printf("Secret key: %s\n  %s. Keep it off the web server, and keep a copy somewhere safe.\n", secret_path.c_str(),
                password ? "Protected by the password you chose" : "NOT protected by a password (--unprotected)");
    std::printf("Public key: %s\n  Each kiosk needs this line in /etc/kiosk/kiosk.toml, under [sync]:\n  public_keys = [\"%s\"]\n",
                public_path.c_str(), line.c_str());
    std::printf("Key id %s, valid until %s.\n", ms::key_id_hex(pair.public_key.key_id).c_str(), valid_until.c_str());
  } else {
    std::printf("secret_key=%s\npublic_key=%s\npublic_key_line=%s\nkey_id=%s\nvalid_until=%s\nprotected=%s\n", secret_path.c_str(),
                public_path.c_str(), line.c_str(), ms::key_id_hex(pair.public_key.key_id).c_str(), valid_until.c_str(),
                password ? "yes" : "no");
  }
  return kOk;
}

Result<ms::SecretKey> load_secret_key(const Args& args, const std::string& path, std::int64_t now_unix) {
  auto text = read_small_file(path, "the secret key file");
  if (!text) return text.error();
  const std::string comment = text->substr(0, text->find('\n'));
  if (comment.find("public key") != std::string::npos) {
    return make_error(path + " is a public key (.pub); --key takes the secret key file, NAME.key, made with it");
  }
  if (const auto at = comment.find(kValidUntil); at != std::string::npos) {
    const std::string until = comment.substr(at + std::strlen(kValidUntil), 10);
    if (until < utc_date(now_unix)) {
      return make_error("the key " + path + " expired on " + until +
                        "; make a new key pair with `kiosk-feed keygen` and change keys as docs/staff-guide.md describes "
                        "(\"Nye nøgler\")");
    }
  }
  std::optional<std::string> password;
  if (ms::secret_key_is_encrypted(*text)) {
    auto pw = get_password(args, "Password for " + path + ": ", false);
    if (!pw) return pw.error();
    password = std::move(*pw);
  }
  auto key = ms::read_secret_key(*text, password);
  if (!key) return make_error(path + ": " + key.error().message);
  return key;
}

Result<ms::PublicKey> load_public_key(const std::string& file_or_line, const std::string& option) {
  std::error_code ec;
  if (fs::is_regular_file(file_or_line, ec)) {
    auto text = read_small_file(file_or_line, "the public key file");
    if (!text) return text.error();
    auto key = ms::parse_public_key(*text);
    if (!key) return make_error(file_or_line + ": " + key.error().message);
    return key;
  }
  auto key = ms::parse_public_key(file_or_line);
  if (!key) return make_error(option + " " + file_or_line + ": not a file, and " + key.error().message);
  return key;
}

}  // namespace kiosk::feedtool
