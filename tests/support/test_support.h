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
#include <string>
#include <vector>

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

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
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
