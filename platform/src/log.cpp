#include "platform/log.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

namespace kiosk::log {
namespace {

bool to_journal() {
  static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  return journal;
}

const char* word(Level level) {
  switch (level) {
    case Level::kError: return "error: ";
    case Level::kWarning: return "warning: ";
    case Level::kInfo: return "";
    case Level::kDebug: return "debug: ";
  }
  return "";
}

Sink& sink() {
  static Sink s;
  return s;
}

struct Recent {
  std::mutex mutex;
  std::deque<Logged> lines;
};

Recent& recent() {
  static Recent r;
  return r;
}

void remember(std::string_view message) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  Recent& r = recent();
  std::lock_guard lock(r.mutex);
  r.lines.push_back({now.count(), std::string(message)});
  if (r.lines.size() > kRecentErrors) r.lines.pop_front();
}

}  // namespace

std::vector<Logged> recent_errors() {
  Recent& r = recent();
  std::lock_guard lock(r.mutex);
  return {r.lines.begin(), r.lines.end()};
}

void set_sink(Sink s) { sink() = std::move(s); }

void write(Level level, std::string_view message) {
  if (level == Level::kError) remember(message);
  if (sink()) {
    std::string line(message);
    for (char& c : line) c = c == '\n' ? ' ' : c;
    sink()(level, line);
    return;
  }
  std::string line;
  if (to_journal()) {
    line = "<" + std::to_string(static_cast<int>(level)) + ">";
  } else {
    line = word(level);
  }
  // One event, one line: a newline inside the message would split it into two journal entries.
  for (char c : message) line += (c == '\n') ? ' ' : c;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void Once::write(Level level, const std::string& key, std::string_view message) {
  {
    std::lock_guard lock(mutex_);
    if (seen_.size() >= kMaxKeys || !seen_.insert(key).second) return;
  }
  log::write(level, message);
}

}  // namespace kiosk::log
