// An exclusive lock on a file (flock), held for the life of the object: how two kiosk-sync runs
// against one cache take turns. The kernel drops the lock when the process ends however it ends
// (kill -9, power cut), so a crashed run never leaves the cache locked.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "platform/result.h"

namespace kiosk {

class FileLock {
 public:
  // What to do while another process holds the lock: wait this long, looking every `poll`, and
  // call `sleep` between looks (a test passes its own).
  struct Patience {
    std::chrono::milliseconds wait{0};
    std::chrono::milliseconds poll{250};
    std::function<void(std::chrono::milliseconds)> sleep;
  };

  // Takes the lock on `path` (created with mode 0600 if needed). Nullopt inside the Result: someone
  // else still held it after `patience.wait`. An error: the file could not be opened or locked.
  static Result<std::optional<FileLock>> acquire(const std::string& path, const Patience& patience);

  // True when some process holds the lock on `path` now (for status reports). Never blocks.
  static bool held_by_another(const std::string& path);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace kiosk
