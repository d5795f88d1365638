# What the Raspberry Pi OS toolchain files (aarch64-linux-gnu.cmake, arm-linux-gnueabihf.cmake)
# share: Debian's cross compiler for KIOSK_TRIPLET, the target's libraries installed beside the
# host's through multiarch, and the tests run through KIOSK_EMULATOR (qemu-user), which finds the
# target's loader and libraries in their multiarch places. Each file sets CMAKE_SYSTEM_PROCESSOR,
# KIOSK_TRIPLET, KIOSK_EMULATOR and KIOSK_DEB_ARCH, then includes this one.
set(CMAKE_SYSTEM_NAME Linux)

set(CMAKE_C_COMPILER ${KIOSK_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${KIOSK_TRIPLET}-g++)
# pkg-config's triplet wrapper reads the target's .pc files under /usr/lib/<triplet>.
set(PKG_CONFIG_EXECUTABLE /usr/bin/${KIOSK_TRIPLET}-pkg-config CACHE FILEPATH "pkg-config for ${KIOSK_DEB_ARCH}")
set(CMAKE_LIBRARY_ARCHITECTURE ${KIOSK_TRIPLET})
set(CMAKE_CROSSCOMPILING_EMULATOR ${KIOSK_EMULATOR})

# Headers and libraries of the target only; programs (cmake's helpers) of the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# The .deb names the architecture dpkg on the Pi expects.
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${KIOSK_DEB_ARCH})
