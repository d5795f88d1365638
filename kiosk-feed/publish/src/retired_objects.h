// Objects that have left the feed but stay published for a while, so that a kiosk that read the
// previous feed.json can still fetch every object it lists after a build has swapped the folder.
// The published folder records when each left in a ledger, OUT/.kiosk-feed-retired, one line each:
//
//   # objects no longer in feed.json, kept for kiosks that read an earlier one: sha256, when it left
//   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 2026-11-27T04:46:48Z
//
// A web server may serve the ledger: it names only objects that were published anyway. A ledger
// that is missing or has a line that cannot be read only makes objects stay longer (the build that
// finds an object without a line records it as leaving then). Private to kiosk_publish.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kiosk::publish::detail {

inline constexpr const char* kRetiredLedger = ".kiosk-feed-retired";

struct RetiredObject {
  std::string sha256;
  std::int64_t left_at = 0;  // unix seconds: the issued time of the first feed without it
};

struct Retirement {
  std::vector<RetiredObject> keep;  // in sha256 order
  std::size_t dropped = 0;          // retired for `keep_for` or longer: not carried over
};

// Which objects of the published folder `out` the next one keeps besides its own: each file in
// out/objects named by a sha256 that is not in `current`, unless it left the feed `keep_for` or
// more before `now` (unix seconds, the new feed's issued time). Nothing when `out` has no objects.
Retirement plan_retirement(const std::filesystem::path& out, const std::map<std::string, std::string>& current, std::int64_t now,
                           std::chrono::seconds keep_for);

// The ledger's text for `kept`; empty when there is nothing to record.
std::string format_ledger(const std::vector<RetiredObject>& kept);

}  // namespace kiosk::publish::detail
