#include "platform/process.h"

#include <filesystem>
#include <fstream>
#include <string>

namespace kiosk {

namespace {

std::optional<long> status_kb(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
  }
  return std::nullopt;
}

}  // namespace

std::optional<long> peak_rss_kb() { return status_kb("VmHWM:"); }

std::optional<long> current_rss_kb() { return status_kb("VmRSS:"); }

std::optional<long> open_fd_count() {
  std::error_code ec;
  long count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) ++count;
  if (ec) return std::nullopt;
  return count - 1;  // the directory iterator's own descriptor
}

}  // namespace kiosk
