#include "syncer/object_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kiosk::syncer {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPartialPrefix = ".partial-";

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

Status sync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return make_error(dir + ": " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return make_error(dir + ": fsync: " + std::strerror(errno));
  return Status::success();
}

}  // namespace

struct ObjectStore::Incoming::State {
  std::string dir;
  std::string sha256;
  std::uint64_t expected = 0;
  std::uint64_t received = 0;
  std::string temp_path;
  int fd = -1;
  crypto_hash_sha256_state hash;
  std::string error;
  bool local = false;  // the error is this machine's (a write failed), not the sender's
};

ObjectStore::Incoming::Incoming(std::unique_ptr<State> state) : state_(std::move(state)) {}

ObjectStore::Incoming::~Incoming() {
  if (state_->fd >= 0) ::close(state_->fd);
  if (!state_->temp_path.empty()) ::unlink(state_->temp_path.c_str());
}

bool ObjectStore::Incoming::write(std::string_view bytes) {
  State& s = *state_;
  if (s.received + bytes.size() > s.expected) {
    s.error = "more than its signed size of " + std::to_string(s.expected) + " bytes";
    return false;
  }
  crypto_hash_sha256_update(&s.hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(s.fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      s.error = s.temp_path + ": " + std::strerror(errno);
      s.local = true;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  s.received += bytes.size();
  return true;
}

void ObjectStore::Incoming::reset() {
  State& s = *state_;
  crypto_hash_sha256_init(&s.hash);
  s.received = 0;
  s.error.clear();
  s.local = false;
  if (::ftruncate(s.fd, 0) != 0 || ::lseek(s.fd, 0, SEEK_SET) != 0) {
    s.error = s.temp_path + ": " + std::strerror(errno);
    s.local = true;
  }
}

bool ObjectStore::Incoming::failed_locally() const { return state_->local; }

Status ObjectStore::Incoming::commit() {
  State& s = *state_;
  if (!s.error.empty()) return make_error("object " + s.sha256 + ": " + s.error);
  if (s.received != s.expected) {
    return make_error("object " + s.sha256 + ": " + std::to_string(s.received) + " bytes, the feed signed " +
                      std::to_string(s.expected));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&s.hash, digest);
  const std::string actual = hex(digest, sizeof digest);
  if (actual != s.sha256) return make_error("object " + s.sha256 + ": its bytes hash to " + actual);
  if (::fsync(s.fd) != 0) {
    s.local = true;
    return make_error(s.temp_path + ": fsync: " + std::strerror(errno));
  }
  ::close(s.fd);
  s.fd = -1;
  const std::string final_path = s.dir + "/" + s.sha256;
  if (::rename(s.temp_path.c_str(), final_path.c_str()) != 0) {
    return make_error(final_path + ": " + std::strerror(errno));
  }
  s.temp_path.clear();
  return sync_dir(s.dir);
}

Status ObjectStore::prepare() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return make_error(dir_ + ": " + ec.message());
  return Status::success();
}

bool ObjectStore::has(const std::string& sha256, std::uint64_t size) const {
  std::error_code ec;
  const auto actual = fs::file_size(path(sha256), ec);
  return !ec && actual == size;
}

bool ObjectStore::hash_matches(const std::string& sha256) const {
  if (sodium_init() < 0) return false;
  const int fd = ::open(path(sha256).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  unsigned char buf[64 * 1024];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) != 0) {
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return false;
    }
    crypto_hash_sha256_update(&hash, buf, static_cast<unsigned long long>(n));
  }
  ::close(fd);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  return hex(digest, sizeof digest) == sha256;
}

void ObjectStore::remove(const std::string& sha256) { ::unlink(path(sha256).c_str()); }

Result<std::unique_ptr<ObjectStore::Incoming>> ObjectStore::receive(const std::string& sha256, std::uint64_t size) {
  if (sodium_init() < 0) return make_error("libsodium could not start");
  auto state = std::make_unique<Incoming::State>();
  state->dir = dir_;
  state->sha256 = sha256;
  state->expected = size;
  state->temp_path = dir_ + "/" + kPartialPrefix + sha256;
  state->fd = ::open(state->temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (state->fd < 0) {
    const std::string why = state->temp_path + ": " + std::strerror(errno);
    state->temp_path.clear();
    return make_error(why);
  }
  crypto_hash_sha256_init(&state->hash);
  return std::unique_ptr<Incoming>(new Incoming(std::move(state)));
}

std::size_t ObjectStore::prune(const std::set<std::string>& keep) {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (keep.count(name)) continue;
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace kiosk::syncer
