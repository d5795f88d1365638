// What the feed.json tests share: the built-in default feed as JSON to break, and the reader's verdict.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "feed/feed_json.h"
#include "test_support.h"

namespace kiosk::testing {

inline nlohmann::json default_json() { return nlohmann::json::parse(default_feed_text()); }

// "ok", or the reader's message for `j`.
inline std::string error_of(const nlohmann::json& j) {
  auto r = feed::parse_feed(j.dump());
  return r.ok() ? std::string("ok") : r.error().message;
}

}  // namespace kiosk::testing
