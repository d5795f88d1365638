#include "disk_room.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdint>

namespace kiosk::syncer {

namespace {

constexpr off_t kReserveBytes = 1 << 20;

std::string reserve_path(const std::string& database) { return database + ".reserve"; }

}  // namespace

void keep_reserve(const std::string& database) {
  const std::string path = reserve_path(database);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  if (::posix_fallocate(fd, 0, kReserveBytes) != 0) ::unlink(path.c_str());
  ::close(fd);
}

void release_reserve(const std::string& database) { ::unlink(reserve_path(database).c_str()); }

std::string disk_full_note(const std::string& database) {
  struct statvfs fs {};
  const auto slash = database.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : database.substr(0, slash + 1);
  if (::statvfs(dir.c_str(), &fs) != 0) return "";
  const auto free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
  return free_bytes < (64u << 10) ? " (the disk is full: " + std::to_string(free_bytes / 1024) + " KiB free)" : "";
}

}  // namespace kiosk::syncer
