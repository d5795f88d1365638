// The SHA-256 that names a feed's objects (objects/<sha256>), as 64 lowercase hex digits.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::feed {

std::string sha256_hex(std::string_view bytes);

}  // namespace kiosk::feed
