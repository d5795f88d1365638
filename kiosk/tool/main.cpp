// kiosk: the community-centre information display. See `kiosk --help`.
#include <string>
#include <vector>

#include "app/kiosk_app.h"

int main(int argc, char** argv) {
  return kiosk::app::run_kiosk(std::vector<std::string>(argv + 1, argv + argc));
}
