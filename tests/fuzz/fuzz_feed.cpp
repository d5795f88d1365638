// The manifest parser and validator: whatever bytes a web server or a USB stick gives, parse_feed
// returns a valid feed or an error, and a feed it returns passes validate and survives a round trip.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "feed/feed_json.h"
#include "model/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto feed = kiosk::feed::parse_feed(text);
  if (!feed) {
    if (feed.error().message.empty()) std::abort();  // every refusal says why
    return 0;
  }
  if (!kiosk::model::validate(*feed)) std::abort();
  auto again = kiosk::feed::parse_feed(kiosk::feed::to_json(*feed));
  if (!again || !(*again == *feed)) std::abort();
  return 0;
}
