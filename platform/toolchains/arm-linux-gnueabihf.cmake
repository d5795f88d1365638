# Cross-compiling for 32-bit Raspberry Pi OS (armhf) on a Debian amd64 machine, with Debian's own
# cross compiler (crossbuild-essential-armhf) and the armhf -dev packages installed side by side
# through multiarch (dpkg --add-architecture armhf); `.ci/install-deps .ci/cross-packages.txt armhf`
# installs both. Debian's armhf is ARMv7 with hard float: Pi 2, 3 and Zero 2 W, not the ARMv6 Pi 1
# and Zero. The tests run through qemu-user (qemu-arm).
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(KIOSK_TRIPLET arm-linux-gnueabihf)
set(KIOSK_EMULATOR qemu-arm)
set(KIOSK_DEB_ARCH armhf)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
# GCC notes on every std::vector iterator passed by value that GCC 7.1 changed how ARM passes such
# arguments; it matters only when linking code built by a GCC older than 7.1, which bookworm has not.
set(CMAKE_CXX_FLAGS_INIT -Wno-psabi)
