# Entry points for people; CMake does the building. `make run` and `make test` (after .ci/install-deps,
# which brings make itself on a fresh machine) are the README's two commands.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: deps configure build run test screenshots golden bench browser-bench soak arm64 apt-repo asan fuzz clean

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

# 64-bit Raspberry Pi OS: installs Debian's cross compiler, qemu-user and the arm64 libraries, then
# cross-compiles, runs the tests under qemu-aarch64 and makes build-arm64/kiosk_<version>_arm64.deb,
# kiosk-feed_<version>_arm64.deb and kiosk-data_<version>_arm64.deb.
arm64:
	.ci/install-deps .ci/cross-packages.txt
	cmake --preset arm64
	cmake --build --preset arm64 -j $(JOBS)
	ctest --preset arm64 -j $(JOBS)
	cd build-arm64 && cpack -G DEB
	@ls build-arm64/*_arm64.deb

# The signed apt repository for the kiosks and staff's PCs in $(APT_REPO) (docs/deploy-raspberry-pi.md,
# "8. Updates from an apt repository"): the newest kiosk, kiosk-feed and kiosk-data .debs of $(BUILD),
# and build-arm64's when `make arm64` made them, signed with the key APT_KEY_ID in the GnuPG folder
# APT_KEY_HOME. Without APT_KEY_ID, a throwaway key signs a new repository for trying it out.
APT_REPO ?= $(BUILD)/apt-repo
APT_KEY_HOME ?=
APT_KEY_ID ?=
apt-repo: build
	cd $(BUILD) && cpack -G DEB
	@set -e; debs=$$(for p in kiosk kiosk-feed kiosk-data; do ls -t $(BUILD)/$${p}_*.deb | head -1; \
	  ls -t build-arm64/$${p}_*_arm64.deb 2>/dev/null | head -1; done); \
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
	rm -rf $(BUILD) build-arm64 build-asan build-fuzz
