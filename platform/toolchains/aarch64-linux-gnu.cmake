# Cross-compiling for 64-bit Raspberry Pi OS (arm64) on a Debian amd64 machine, with Debian's own
# cross compiler (crossbuild-essential-arm64) and the arm64 -dev packages installed side by side
# through multiarch (dpkg --add-architecture arm64). .ci/install-cross-deps installs both.
# The tests run through qemu-user (qemu-aarch64), which finds the arm64 loader and libraries in
# their multiarch places.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(KIOSK_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${KIOSK_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${KIOSK_TRIPLET}-g++)
# pkg-config's triplet wrapper reads the arm64 .pc files under /usr/lib/aarch64-linux-gnu.
set(PKG_CONFIG_EXECUTABLE /usr/bin/${KIOSK_TRIPLET}-pkg-config CACHE FILEPATH "pkg-config for arm64")
set(CMAKE_LIBRARY_ARCHITECTURE ${KIOSK_TRIPLET})
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)

# Headers and libraries of the target only; programs (cmake's helpers) of the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# The .deb says arm64, as dpkg on the Pi expects.
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
