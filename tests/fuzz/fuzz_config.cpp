// kiosk.toml: any text gives a config inside the documented ranges, or errors that each name a
// position in the file.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = kiosk::config::parse(text, "fuzz.toml");
  if (!config) {
    const std::string& message = config.error().message;
    if (message.rfind("fuzz.toml:", 0) != 0) std::abort();  // every problem names the file
    return 0;
  }
  const auto& c = *config;
  bool slides_in_range = !c.playlist.empty();
  for (const auto& show : c.playlist) slides_in_range &= show.duration.count() >= 1 && show.duration.count() <= 3600 && !show.kind.empty();
  const bool in_range = (c.width == 0) == (c.height == 0) && slides_in_range && c.stale_after_days >= 1 && c.stale_after_days <= 365 &&
                        c.public_keys.size() <= 2 && !c.database.empty() && c.wake_on_touch.count() >= 1 &&
                        c.wake_on_touch.count() <= 240;
  if (!in_range) std::abort();
  return 0;
}
