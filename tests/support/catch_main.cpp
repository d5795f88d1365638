// Catch2's main(), built here from its header rather than linked from Debian's prebuilt
// libCatch2WithMain.a, which exists for the build machine's architecture only (a cross build
// links the tests for arm64).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
