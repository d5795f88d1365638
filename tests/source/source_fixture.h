// What the source folder's tests share: the built-in content and a folder's refusal.
#pragma once

#include <catch2/catch.hpp>
#include <string>

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

}  // namespace kiosk::testing
