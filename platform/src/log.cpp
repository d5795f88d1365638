#include "platform/log.h"

#include <cstdio>
#include <cstdlib>
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

}  // namespace

void set_sink(Sink s) { sink() = std::move(s); }

void write(Level level, std::string_view message) {
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
