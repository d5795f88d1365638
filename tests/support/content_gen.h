// Content for tests and benchmarks: the default content stretched to the format's limits, and a
// large feed (many results, many pictures) written to disk as kiosk-sync would leave it.
#pragma once

#include <cstddef>
#include <string>

#include "model/content.h"

namespace kiosk::testing {

// The built-in default feed, parsed.
model::Feed default_feed();

// Every text at or near its length limit, long unbreakable words, many milestones, many chart points,
// and no translations (every language draws these Danish texts): for the layout tests.
model::Feed stress_feed();

// `results` results, spread evenly `images` of them with a picture, a third with a bar chart and a
// third with a line chart, each a copy of a default result with a new id and title and without
// its translations; the pictures are written as PNG files of
// `image_w` x `image_h` into `objects_dir`/<sha256>. Returns the feed (version 1).
model::Feed large_feed(std::size_t results, std::size_t images, const std::string& objects_dir, int image_w = 640,
                       int image_h = 400);

// A large_feed without pictures as version `version`: every result's summary starts "Version <n>: ",
// so two versions differ everywhere; issued follows the version, expiry is far off.
model::Feed numbered_feed(std::uint64_t version, std::size_t results);

}  // namespace kiosk::testing
