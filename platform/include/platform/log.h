// Logging for journald: one line per event on stderr, no log files (the SD card must not fill up).
// Under systemd (JOURNAL_STREAM set) each line carries a syslog priority prefix ("<3>") that journald
// turns into the entry's priority; on a terminal the prefix is a readable word instead.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::log {

enum class Level { kError = 3, kWarning = 4, kInfo = 6, kDebug = 7 };

void write(Level level, std::string_view message);

// Where lines go instead of stderr while set: a seam for tests that check what was logged. Pass an
// empty function to go back to stderr. Not for use while other threads log.
using Sink = std::function<void(Level level, std::string_view line)>;
void set_sink(Sink sink);
inline void error(std::string_view m) { write(Level::kError, m); }
inline void warning(std::string_view m) { write(Level::kWarning, m); }
inline void info(std::string_view m) { write(Level::kInfo, m); }

// The last error lines this process logged, oldest first, at most kRecentErrors: what the kiosk's
// report shows staff without a look at the journal. Kept whatever the sink; safe from any thread.
struct Logged {
  std::int64_t at_unix = 0;  // the system clock's seconds when it was logged
  std::string message;
};
inline constexpr std::size_t kRecentErrors = 10;
std::vector<Logged> recent_errors();

// Logs each distinct key once per process: for content errors that would otherwise repeat every
// frame (a missing image, an unknown area). Bounded: after kMaxKeys distinct keys it stops remembering
// and logs nothing more through this object.
class Once {
 public:
  static constexpr std::size_t kMaxKeys = 1024;
  void write(Level level, const std::string& key, std::string_view message);

 private:
  std::mutex mutex_;
  std::set<std::string> seen_;
};

}  // namespace kiosk::log
