# Cross-compiling for 64-bit Raspberry Pi OS (arm64) on a Debian amd64 machine, with Debian's own
# cross compiler (crossbuild-essential-arm64) and the arm64 -dev packages installed side by side
# through multiarch (dpkg --add-architecture arm64); `.ci/install-deps .ci/cross-packages.txt arm64`
# installs both. The tests run through qemu-user (qemu-aarch64).
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(KIOSK_TRIPLET aarch64-linux-gnu)
set(KIOSK_EMULATOR qemu-aarch64)
set(KIOSK_DEB_ARCH arm64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
