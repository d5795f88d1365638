// The two places reports are read from behind one face: a folder on the disk and a web server's
// folder. reports_source.cpp lists, picks the reports' names and bounds their sizes the same way for
// both.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "fleet/reports_source.h"
#include "platform/result.h"

namespace kiosk::fleet::detail {

// A file fetched from a store, or why not.
struct Fetched {
  enum class Kind { kOk, kMissing, kTooLarge, kFailed };
  Kind kind = Kind::kOk;
  std::string bytes;
  std::string problem;  // kFailed: in words, naming the file
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;
  // The names of the files in the folder, as it lists them. An error when the folder cannot be read.
  virtual Result<std::vector<std::string>> names() = 0;
  // The bytes of `name`, at most `max_bytes`.
  virtual Fetched fetch(const std::string& name, std::size_t max_bytes) = 0;
  // `name`'s path or URL, for messages.
  virtual std::string where(const std::string& name) const = 0;
  // The folder's path or URL.
  virtual std::string where() const = 0;
};

std::unique_ptr<ReportStore> open_folder_store(const std::string& dir);
Result<std::unique_ptr<ReportStore>> open_web_store(const std::string& url, const Credentials& credentials);

}  // namespace kiosk::fleet::detail
