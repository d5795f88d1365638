// kiosk-feed notice: a notice written into the source folder from the command line, its times as
// staff say them ("i dag 15:00"), and told back in Danish exactly as understood. kiosk-feed notices:
// the notices of a source folder, and taking one down. Private to the tool.
#pragma once

#include "cli.h"

namespace kiosk::feedtool {

// kiosk-feed notice SRC TITLE [--text T] [--from WHEN] [--until WHEN] [--urgent] [--areas a,b]
int notice(const Args& args);

// kiosk-feed notices SRC [--remove ID]
int notices(const Args& args);

}  // namespace kiosk::feedtool
