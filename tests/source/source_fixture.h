// What the source folder's tests share: the built-in content and a folder's refusal.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "feed/feed_json.h"
#include "source/source_folder.h"
#include "test_support.h"

namespace kiosk::testing {

inline model::Content default_content() {
  auto feed = feed::parse_feed(default_feed_text());
  REQUIRE(feed.ok());
  return feed->content;
}

// Why read_source refuses the folder `src` (it must refuse it).
inline std::string error_of(const std::string& src) {
  auto read = source::read_source(src);
  REQUIRE_FALSE(read.ok());
  return read.error().message;
}

// A folder `dir`/src with the default content, and `files` (path in the folder -> text) added.
inline std::string folder_with(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  const std::string src = dir.file("src");
  REQUIRE(source::write_source(src, default_content(), "test").ok());
  for (const auto& [name, text] : files) {
    std::filesystem::create_directories((std::filesystem::path(src) / name).parent_path());
    write_file(std::filesystem::path(src) / name, text);
  }
  return src;
}

}  // namespace kiosk::testing
