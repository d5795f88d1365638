// The facts the staff overlay shows: how this screen is doing, read when the overlay is drawn. Times
// are local, as the on-screen clock shows them, in Danish words.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/content_source.h"
#include "config/config.h"
#include "platform/clock.h"

namespace kiosk::app {

// Label and value pairs, read from the cache (read-only) and the system.
std::vector<std::pair<std::string, std::string>> staff_facts(const config::Config& config, const LoadedContent& content,
                                                             int width, int height, SteadyTime started, WallTime now,
                                                             bool stale);

// A run's outcome as kiosk-sync stores it ("updated", "up to date", "network failure", ...) in
// Danish: "opdateret", "uændret", "netværksfejl", ... A word this program does not know is shown as
// it is.
std::string danish_outcome(const std::string& stored);

}  // namespace kiosk::app
