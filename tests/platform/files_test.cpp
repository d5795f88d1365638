// platform/files.h: the one bounded whole-file reader. Each refusal names the file and says why.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstring>
#include <string>

#include "platform/files.h"
#include "test_support.h"

using kiosk::FileProblem;
using kiosk::testing::TempDir;
using kiosk::testing::write_file;

namespace {

constexpr std::size_t kMax = 4096;

std::string error_of(const kiosk::Result<std::string>& r) { return r.ok() ? "ok" : r.error().message; }

}  // namespace

TEST_CASE("read_file gives back every byte of a file, NULs and all", "[files]") {
  TempDir dir;
  std::string bytes;
  for (int i = 0; i < 3 * 256; ++i) bytes += static_cast<char>(i % 256);  // each byte value, NUL first
  write_file(dir.file("bytes"), bytes);
  const auto read = kiosk::read_file(dir.file("bytes"), kMax, "test file");
  REQUIRE(read.ok());
  CHECK(read->size() == bytes.size());
  CHECK(*read == bytes);
}

TEST_CASE("read_file reads a file larger than one read call", "[files]") {
  TempDir dir;
  std::string bytes(200 * 1024 + 7, 'x');
  bytes[100 * 1024] = '\0';
  bytes.back() = 'z';
  write_file(dir.file("big"), bytes);
  const auto read = kiosk::read_file(dir.file("big"), bytes.size(), "test file");
  REQUIRE(read.ok());
  CHECK(*read == bytes);
}

TEST_CASE("an empty file is read as no bytes, not as an error", "[files]") {
  TempDir dir;
  write_file(dir.file("empty"), "");
  const auto read = kiosk::read_file(dir.file("empty"), kMax, "test file");
  REQUIRE(read.ok());
  CHECK(read->empty());
}

TEST_CASE("a missing file is an error naming what it is for and its path", "[files]") {
  TempDir dir;
  FileProblem problem;
  CHECK(error_of(kiosk::read_file(dir.file("nothing.toml"), kMax, "config file", &problem)) ==
        "config file " + dir.file("nothing.toml") + " does not exist");
  CHECK(problem.kind == FileProblem::Kind::kMissing);
  CHECK(problem.error_number == ENOENT);
  CHECK(error_of(kiosk::read_file(dir.file("nothing.toml"), kMax, "")) == dir.file("nothing.toml") + " does not exist");
}

TEST_CASE("a folder given as a file is refused as a folder", "[files]") {
  TempDir dir;
  FileProblem problem;
  CHECK(error_of(kiosk::read_file(dir.path(), kMax, "font file", &problem)) ==
        "font file " + dir.path().string() + " is a folder, not a file");
  CHECK(problem.kind == FileProblem::Kind::kNotAFile);
  CHECK(problem.error_number == EISDIR);
}

TEST_CASE("a pipe given as a file is refused without waiting for a writer", "[files]") {
  TempDir dir;
  REQUIRE(::mkfifo(dir.file("pipe").c_str(), 0600) == 0);
  FileProblem problem;
  CHECK(error_of(kiosk::read_file(dir.file("pipe"), kMax, "font file", &problem)) ==
        "font file " + dir.file("pipe") + " is a device or a pipe, not a file");
  CHECK(problem.kind == FileProblem::Kind::kNotAFile);
}

TEST_CASE("a file of the largest size allowed is read and one byte more is refused by its size", "[files]") {
  TempDir dir;
  write_file(dir.file("at-limit"), std::string(kMax, 'a'));
  const auto at_limit = kiosk::read_file(dir.file("at-limit"), kMax, "test file");
  REQUIRE(at_limit.ok());
  CHECK(at_limit->size() == kMax);

  write_file(dir.file("over"), std::string(kMax + 1, 'a'));
  FileProblem problem;
  CHECK(error_of(kiosk::read_file(dir.file("over"), kMax, "test file", &problem)) ==
        "test file " + dir.file("over") + " is 4097 bytes, larger than the 4096 bytes it may be");
  CHECK(problem.kind == FileProblem::Kind::kTooLarge);
  CHECK(problem.size == kMax + 1);
}

TEST_CASE("a huge file is refused by its size before any of it is read, in KiB or MiB", "[files]") {
  TempDir dir;
  // Sparse: 3 GiB that takes no room on the disk, and that no test machine could read into memory.
  write_file(dir.file("huge"), "");
  REQUIRE(::truncate(dir.file("huge").c_str(), 3ll << 30) == 0);
  CHECK(error_of(kiosk::read_file(dir.file("huge"), 1 << 20, "picture")) ==
        "picture " + dir.file("huge") + " is 3072 MiB, larger than the 1 MiB it may be");
  write_file(dir.file("kib"), std::string(20 * 1024 + 1, 'a'));
  CHECK(error_of(kiosk::read_file(dir.file("kib"), 16 * 1024, "picture")) ==
        "picture " + dir.file("kib") + " is 20.1 KiB, larger than the 16 KiB it may be");
}

TEST_CASE("a file that cannot be opened is an error with the system's words", "[files]") {
  TempDir dir;
  write_file(dir.file("plain"), "x");
  // A file taken for a folder: open fails with ENOTDIR, also for root (who passes every permission).
  const std::string path = dir.file("plain") + "/kiosk.toml";
  FileProblem problem;
  CHECK(error_of(kiosk::read_file(path, kMax, "config file", &problem)) ==
        "config file " + path + " cannot be read: " + std::strerror(ENOTDIR));
  CHECK(problem.kind == FileProblem::Kind::kUnreadable);
  CHECK(problem.error_number == ENOTDIR);
}

TEST_CASE("a file whose size the system does not tell is still refused once it passes the bound", "[files]") {
  // /proc files say they are 0 bytes long; reading stops one byte past the bound.
  FileProblem problem;
  CHECK(error_of(kiosk::read_file("/proc/self/status", 16, "status file", &problem)) ==
        "status file /proc/self/status is larger than the 16 bytes it may be");
  CHECK(problem.kind == FileProblem::Kind::kTooLarge);
  CHECK(problem.size == 17);
  const auto whole = kiosk::read_file("/proc/self/status", 1 << 20, "status file");
  REQUIRE(whole.ok());
  CHECK(whole->find("Pid:") != std::string::npos);
}
