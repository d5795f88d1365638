// The feed manifest (feed.json, format 1) <-> the content model. docs/feed-format.md is the field-by-
// field description of the format; this is its only reader and writer.
//
// Parsing is strict: unknown fields, wrong types, unknown enum words and missing required fields are
// errors naming their path ("content.results[3].title"), and the parsed feed is then validated
// (model/validate.h). Either the whole feed is returned or an error; never a partial feed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/content.h"
#include "platform/result.h"

namespace kiosk::feed {

// The largest manifest a kiosk reads: a format-1 feed at the model's limits fits well inside.
inline constexpr std::size_t kMaxManifestBytes = 4u << 20;

Result<model::Feed> parse_feed(std::string_view json_text);

// Serializes a feed so that parse_feed() returns an equal one. 2-space indented, UTF-8.
std::string to_json(const model::Feed& feed);

// RFC 3339 UTC timestamps as the feed writes them: "2026-11-27T00:00:00Z".
Result<std::int64_t> parse_timestamp(std::string_view text);
std::string format_timestamp(std::int64_t unix_seconds);

}  // namespace kiosk::feed
