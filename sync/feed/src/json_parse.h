// Parsing JSON text with nlohmann::json for the documents kiosk_feed reads (feed.json, keys.json).
// Private to kiosk_feed.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/result.h"

namespace kiosk::feed::detail {

// `text` as JSON, or "<document> is not valid JSON: <nlohmann's own words, with line and column>",
// without its "[json.exception.parse_error.101] " prefix. Not only parse_error: a number too large
// for a double ("1e999") is out_of_range (found by fuzzing, tests/fuzz).
inline Result<nlohmann::json> parse_json(std::string_view text, const std::string& document) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return make_error(document + " is not valid JSON: " + what);
  }
}

}  // namespace kiosk::feed::detail
