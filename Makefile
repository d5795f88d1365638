# Entry points for people; CMake does the building. `make run` and `make test` (after .ci/install-deps,
# which brings make itself on a fresh machine) are the README's two commands.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: deps configure build run test screenshots golden bench browser-bench soak arm64 armhf apt-repo asan fuzz clean

deps:
	.ci/install-deps

configure:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

# Shows the kiosk in a window on the built-in default content. Without a display it says so and
# renders the slides to $(BUILD)/screenshots instead.
run: build
	@$(BUILD)/kiosk/tool/kiosk --windowed --size 1280x720; rc=$$?; \
	if [ $$rc -eq 3 ]; then \
	  echo "Rendering the slides to $(BUILD)/screenshots instead."; \
	  $(BUILD)/kiosk/tool/kiosk --screenshot $(BUILD)/screenshots && ls $(BUILD)/screenshots; \
	else exit $$rc; fi

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

screenshots: build
	$(BUILD)/kiosk/tool/kiosk --screenshot $(BUILD)/screenshots

# Refreshes the reference screenshots in tests/golden/ (and the README's, docs/screenshots/) after an
# intended change of the slides; look at them first (`make screenshots`).
golden: build
	KIOSK_UPDATE_GOLDEN=1 $(BUILD)/tests/app/app_test "[golden]"
	cp tests/golden/1920x1080/0[1-4]-*.png docs/screenshots/
	cp tests/golden/1920x1080/ar/01-status.png docs/screenshots/01-status-ar.png

# Prints first-frame time, transition frame times, idle CPU and peak RSS (docs/performance.md) for
# three display paths: dummy, X11 with the software renderer, X11 with opengles2 (a private Xvfb).
bench: build
	$(BUILD)/tests/bench/kiosk_bench dummy x11-software x11-gles2
	$(BUILD)/tests/bench/sync_bench
	$(BUILD)/tests/bench/publish_load_bench

# A simulated week of the display (docs/testing.md): memory and open files must not grow.
soak: build
	$(BUILD)/tests/bench/soak 168

# The kiosk beside headless Chromium showing the same content (docs/performance.md).
browser-bench: build
	.ci/install-deps .ci/bench-packages.txt
	$(BUILD)/tests/bench/browser_bench 5 1920x1080
	$(BUILD)/tests/bench/browser_bench 5 800x480

# Raspberry Pi OS, cross-compiled: `make arm64` for the 64-bit image, `make armhf` for the 32-bit one
# (ARMv7: Pi 2, 3 and Zero 2 W; not the ARMv6 Pi 1 and Zero). Each installs Debian's cross compiler,
# qemu-user and the target's libraries, then cross-compiles into build-<arch>, runs the tests under
# qemu (qemu-aarch64, qemu-arm) and makes build-<arch>/kiosk_<version>_<arch>.deb,
# kiosk-feed_<version>_<arch>.deb and kiosk-data_<version>_<arch>.deb.
arm64 armhf:
	.ci/install-deps .ci/cross-packages.txt $@
	cmake --preset $@
	cmake --build --preset $@ -j $(JOBS)
	ctest --preset $@ -j $(JOBS)
	cd build-$@ && cpack -G DEB
	@ls build-$@/*_$@.deb

# The signed apt repository for the kiosks and staff's PCs in $(APT_REPO) (docs/deploy-raspberry-pi.md,
# "8. Updates from an apt repository"): the newest kiosk, kiosk-feed and kiosk-data .debs of $(BUILD),
# and build-arm64's and build-armhf's when `make arm64` and `make armhf` made them, signed with the
# key APT_KEY_ID in the GnuPG folder APT_KEY_HOME. Without APT_KEY_ID, a throwaway key signs a new repository for trying it out.
APT_REPO ?= $(BUILD)/apt-repo
APT_KEY_HOME ?=
APT_KEY_ID ?=
apt-repo: build
	cd $(BUILD) && cpack -G DEB
	@set -e; debs=$$(for p in kiosk kiosk-feed kiosk-data; do ls -t $(BUILD)/$${p}_*.deb | head -1; \
	  for arch in arm64 armhf; do ls -t build-$$arch/$${p}_*_$$arch.deb 2>/dev/null | head -1; done; done); \
	if [ -n "$(APT_KEY_ID)" ]; then \
	  $(if $(APT_KEY_HOME),GNUPGHOME="$(APT_KEY_HOME)") systemd/debian/make-apt-repo $(APT_REPO) "$(APT_KEY_ID)" $$debs; \
	else \
	  rm -rf $(APT_REPO); \
	  systemd/debian/make-apt-repo $(APT_REPO) --throwaway-key $$debs; \
	  echo "*** NOT FOR KIOSKS: signed with a throwaway key that is already gone, so this repository can never"; \
	  echo "*** be updated. For kiosks: make apt-repo APT_KEY_HOME=<folder> APT_KEY_ID=<key id>"; \
	fi

# The whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer (docs/testing.md).
asan: deps
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

# The libFuzzer programs (clang), then each target for FUZZ_SECONDS from its corpus in tests/fuzz/corpus.
FUZZ_SECONDS ?= 600
fuzz: deps
	.ci/install-deps .ci/fuzz-packages.txt
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)
	for t in feed minisign trusted_keys config text_layout; do \
	  mkdir -p build-fuzz/corpus/$$t && cp -n tests/fuzz/corpus/$$t/* build-fuzz/corpus/$$t/; \
	  build-fuzz/tests/fuzz/fuzz_$$t build-fuzz/corpus/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/crash-$$t- || exit 1; \
	done

clean:
	rm -rf $(BUILD) build-arm64 build-armhf build-asan build-fuzz
