// Shared helpers for the tests: a temporary directory that removes itself, and the project's files.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "platform/files.h"

namespace kiosk::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("kiosk-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The bytes of `path`; empty when it does not exist (a test asking whether a file was written). Any
// other failure (a folder, no permission, over 1 GiB) throws, so the test fails with the reason.
inline std::string read_file(const std::filesystem::path& path) {
  FileProblem problem;
  auto bytes = kiosk::read_file(path, std::size_t{1} << 30, "", &problem);
  if (bytes) return std::move(*bytes);
  if (problem.kind == FileProblem::Kind::kMissing) return {};
  throw std::runtime_error(bytes.error().message);
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// What a command printed (stdout and stderr together) and its exit code; -1 when it did not exit
// normally (killed by a signal).
struct CommandRun {
  int exit_code;
  std::string output;
};

// Starts argv[0] (looked up in PATH) with stderr to /dev/null and returns its pid without waiting:
// for tests that kill a program at a chosen moment.
inline pid_t spawn_quiet(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

inline CommandRun run_command(const std::string& command) {
  TempDir dir;
  const std::string out = dir.file("out.txt");
  const int status = std::system((command + " >" + out + " 2>&1").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out)};
}

inline std::string source_path(const std::string& relative) { return std::string(KIOSK_SOURCE_DIR) + "/" + relative; }

inline std::string default_feed_text() { return read_file(source_path("assets/content/default-feed.json")); }

}  // namespace kiosk::testing
