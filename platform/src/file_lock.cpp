#include "platform/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace kiosk {

Result<std::optional<FileLock>> FileLock::acquire(const std::string& path, const Patience& patience) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return make_error(path + ": " + std::strerror(errno));
  FileLock lock(fd);
  auto waited = std::chrono::milliseconds(0);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return make_error(path + ": flock: " + std::strerror(errno));
    if (waited >= patience.wait) return std::optional<FileLock>{};
    const auto step = std::min(patience.poll, patience.wait - waited);
    if (patience.sleep) {
      patience.sleep(step);
    } else {
      std::this_thread::sleep_for(step);
    }
    waited += step;
  }
  return std::optional<FileLock>{std::move(lock)};
}

bool FileLock::held_by_another(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor releases the lock
}

}  // namespace kiosk
