// Reading a whole file, within a bound, and replacing one whole: the one reader every program uses for its config, fonts,
// default content, source files and feed files. A file larger than the bound is refused by its size
// before it is read (a 220 MB file given by mistake must not take 220 MB of memory), and every error
// names the file and says in plain words what is wrong with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace kiosk {

// Why a file could not be read, for a caller that words it in its own terms.
struct FileProblem {
  enum class Kind { kMissing, kNotAFile, kUnreadable, kTooLarge };
  Kind kind = Kind::kUnreadable;
  int error_number = 0;     // errno: ENOENT, EACCES, EIO, ...; EISDIR for a folder, 0 for a device or pipe
  std::uintmax_t size = 0;  // kTooLarge: the file's size (at least max_bytes + 1 when it grew while read)
};

// The bytes of `path`, all of them, at most `max_bytes`. `what` says what the file is for ("font
// file", "default content"); the errors begin with it and the path:
//   "<what> <path> does not exist"
//   "<what> <path> is a folder, not a file"             (or "is a device or a pipe, not a file")
//   "<what> <path> cannot be read: <strerror>"          (no permission, an I/O error midway)
//   "<what> <path> is <size>, larger than the <max> it may be"   (by its size, before it is read)
// With `problem`, the kind of failure is also set there.
Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes, std::string_view what,
                              FileProblem* problem = nullptr);

// `bytes` as `path`, whole or not at all: written to a temporary file beside it (".<name>.uploading-
// <pid>"), flushed, renamed into place, and the folder flushed so the rename survives a power cut.
// With `modified`, the file gets that time (Unix seconds). A reader sees the old file or the new one,
// never a part; on any failure the old file stays and the error names the path and strerror's words.
Status replace_file(const std::filesystem::path& path, std::string_view bytes,
                    std::optional<std::int64_t> modified = std::nullopt);

}  // namespace kiosk
