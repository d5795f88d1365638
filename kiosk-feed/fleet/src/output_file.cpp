// Writing the page and the CSV whole or not at all, so that a mail or a web server never picks up
// half a file.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fleet/output.h"

namespace kiosk::fleet {

Status write_whole_file(const std::filesystem::path& path, std::string_view bytes) {
  const auto temporary = path.parent_path() / ("." + path.filename().string() + ".writing-" + std::to_string(::getpid()));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return make_error("cannot write " + path.string() + ": " + std::strerror(errno));
  bool written = true;
  for (std::size_t done = 0; written && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    written = n > 0;
    if (written) done += static_cast<std::size_t>(n);
  }
  written = written && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(written ? errno : saved);
    ::unlink(temporary.c_str());
    return make_error("cannot write " + path.string() + ": " + why);
  }
  return {};
}

}  // namespace kiosk::fleet
