// Facts about this process, for logs and benchmarks.
#pragma once

#include <optional>

namespace kiosk {

// The process's resident-set high-water mark in KiB (VmHWM in /proc/self/status), or nullopt where
// /proc is not available. Unlike getrusage's ru_maxrss it starts afresh at exec.
std::optional<long> peak_rss_kb();

// The resident set now, in KiB (VmRSS), or nullopt without /proc.
std::optional<long> current_rss_kb();

// How many file descriptors the process has open (entries of /proc/self/fd), or nullopt.
std::optional<long> open_fd_count();

}  // namespace kiosk
