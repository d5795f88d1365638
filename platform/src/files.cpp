#include "platform/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

// fstat tells the size of a file past 2 GiB only with a 64-bit off_t: on 32-bit systems the build
// asks for one (_FILE_OFFSET_BITS=64, CMakeLists.txt).
static_assert(sizeof(off_t) == 8, "off_t must have 64 bits: build with _FILE_OFFSET_BITS=64");

namespace {

Status os_error(const std::string& what, const std::filesystem::path& path) {
  return make_error(what + " " + path.string() + ": " + std::strerror(errno));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// `bytes` for a person: "512 bytes", "64 KiB", "1.1 MiB" (rounded up to a tenth, so a size over a
// limit never reads as the limit itself).
std::string size_text(std::uintmax_t bytes) {
  if (bytes < 10 * 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  const bool mib = bytes >= (std::uintmax_t{1} << 20);
  const std::uintmax_t unit = mib ? std::uintmax_t{1} << 20 : 1024;
  const std::uintmax_t tenths = (bytes * 10 + unit - 1) / unit;  // rounded up
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10 != 0) text += "." + std::to_string(tenths % 10);
  return text + (mib ? " MiB" : " KiB");
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes, std::string_view what,
                              FileProblem* problem) {
  const std::string name = (what.empty() ? "" : std::string(what) + " ") + path.string();
  const auto fail = [&](FileProblem::Kind kind, int error_number, std::uintmax_t size, std::string message) {
    if (problem) *problem = FileProblem{kind, error_number, size};
    return make_error(name + message);
  };
  const auto too_large = [&](std::uintmax_t size, bool exact) {
    return fail(FileProblem::Kind::kTooLarge, EFBIG, size,
                (exact ? " is " + size_text(size) + ", larger than the " : " is larger than the ") + size_text(max_bytes) +
                    " it may be");
  };

  // O_NONBLOCK: opening a pipe nobody writes to would otherwise wait for ever; it is refused below.
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    const int e = errno;
    if (e == ENOENT) return fail(FileProblem::Kind::kMissing, e, 0, " does not exist");
    return fail(FileProblem::Kind::kUnreadable, e, 0, std::string(" cannot be read: ") + std::strerror(e));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    const int e = errno;
    return fail(FileProblem::Kind::kUnreadable, e, 0, std::string(" cannot be read: ") + std::strerror(e));
  }
  if (S_ISDIR(st.st_mode)) return fail(FileProblem::Kind::kNotAFile, EISDIR, 0, " is a folder, not a file");
  if (!S_ISREG(st.st_mode)) return fail(FileProblem::Kind::kNotAFile, 0, 0, " is a device or a pipe, not a file");
  // Refused by its size before any of it is read.
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) return too_large(static_cast<std::uintmax_t>(st.st_size), true);

  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[64 * 1024];
  for (;;) {
    // One byte more than allowed is enough to know the file grew too large since fstat.
    const std::size_t left = max_bytes - bytes.size();
    const std::size_t room = left < sizeof buffer ? left + 1 : sizeof buffer;
    const ssize_t n = ::read(fd.get(), buffer, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int e = errno;
      return fail(FileProblem::Kind::kUnreadable, e, 0, std::string(" cannot be read: ") + std::strerror(e));
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > max_bytes) return too_large(bytes.size(), false);
  }
  return bytes;
}

Status replace_file(const std::filesystem::path& path, std::string_view bytes, std::optional<std::int64_t> modified) {
  namespace fs = std::filesystem;
  const fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".uploading-" + std::to_string(::getpid()));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return os_error("cannot write", temporary);
  bool written = true;
  for (std::size_t done = 0; written && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    written = n > 0;
    if (written) done += static_cast<std::size_t>(n);
  }
  if (written && modified) {
    const timespec times[2] = {{static_cast<time_t>(*modified), 0}, {static_cast<time_t>(*modified), 0}};
    written = ::futimens(fd, times) == 0;
  }
  written = written && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    if (!written) errno = saved;  // what write or fsync said, not what close did after
    const Status failed = os_error(written ? "cannot rename into place" : "cannot write", written ? path : temporary);
    ::unlink(temporary.c_str());
    return failed;
  }
  const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace kiosk
