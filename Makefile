# medsite: `make site` sets up a fresh Debian machine and builds the sample site;
# `make test` runs every test. Both install what they need.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
MEDSITE := .build/release/medsite

.PHONY: site test deps build release theme check-theme unit-tests clean help
.PHONY: safety-deps xss-browser fuzz-build fuzz-smoke fuzz sanitize

help:
	@echo "make site   install libcmark, build medsite (release) and the sample site into Output/"
	@echo "make test   install test tools and run every test"
	@echo "make theme  re-embed Templates/ into the binary after editing the default theme"
	@echo "make fuzz   fuzz parse → validate → render for FUZZ_SECONDS (default 3600); see docs/safety.md"
	@echo "make sanitize  the test suite under AddressSanitizer and ThreadSanitizer"

# libcmark (cmark 0.30) through pkg-config; installed only when missing.
deps:
	@pkg-config --exists libcmark 2>/dev/null || { \
	  echo "Installing libcmark-dev and pkg-config…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) libcmark-dev pkg-config; }

build: deps
	swift build

release: deps
	swift build -c release --product medsite

site: release
	$(MEDSITE) build --site .
	@echo "Site built: $(CURDIR)/Output/index.html"

theme:
	python3 scripts/embed-theme.py

check-theme:
	@python3 scripts/embed-theme.py --check || { echo "Templates/ differs from the embedded theme: run 'make theme'"; exit 1; }

unit-tests: deps safety-deps check-theme
	swift test

test: unit-tests xss-browser fuzz-smoke

clean:
	rm -rf .build Output

# --- Safety (docs/safety.md): hostile content, XSS in a real browser, fuzzing, sanitizers ---
FUZZ_BUILD := .build-fuzz
FUZZ_BIN := $(FUZZ_BUILD)/debug/medsite-fuzz
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer,address -Xswiftc -DMEDSITE_LIBFUZZER
FUZZ_OPTIONS := -timeout=10 -rss_limit_mb=2048 -dict=Tests/Fuzz/medsite.dict -artifact_prefix=$(FUZZ_BUILD)/crash-
FUZZ_SECONDS ?= 3600
XSS_PAGES := Tests/e2e/artifacts/xss

# faketime (wall-clock test), headless Chromium + chromedriver + selenium (XSS test); only when missing.
safety-deps:
	@command -v faketime >/dev/null && command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "Installing faketime, chromium, chromium-driver…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) faketime chromium chromium-driver python3-pip; }
	@python3 -c "import selenium" 2>/dev/null || pip install -q selenium || pip install -q --break-system-packages selenium

# The XSS corpus rendered by XSSCorpusTests, opened page by page in headless Chromium.
xss-browser: deps safety-deps
	rm -rf $(XSS_PAGES)
	MEDSITE_XSS_EXPORT=$(CURDIR)/$(XSS_PAGES) swift test --filter XSSCorpusTests
	python3 Tests/e2e/xss_browser.py $(XSS_PAGES)

# libFuzzer build of Sources/medsite-fuzz (its own build folder: sanitizer flags would rebuild .build).
fuzz-build: deps
	swift build -c debug --product medsite-fuzz --build-path $(FUZZ_BUILD) $(FUZZ_FLAGS)

# About a minute of fuzzing, part of `make test`; new inputs go to $(FUZZ_BUILD)/corpus, never the repository.
fuzz-smoke: fuzz-build
	mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_BIN) $(FUZZ_OPTIONS) -max_total_time=60 $(FUZZ_BUILD)/corpus Tests/Fuzz/corpus Tests/Fuzz/regressions

# The long run. A crash leaves $(FUZZ_BUILD)/crash-*: copy it into Tests/Fuzz/regressions/ and fix it.
fuzz: fuzz-build
	mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_BIN) $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_SECONDS) -jobs=$$(nproc) -workers=$$(nproc) $(FUZZ_BUILD)/corpus Tests/Fuzz/corpus Tests/Fuzz/regressions

# The whole suite under AddressSanitizer, then ThreadSanitizer (the parallel build), each in its own build folder.
sanitize: deps safety-deps
	MEDSITE_SANITIZER=address ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --build-path .build-asan
	MEDSITE_SANITIZER=thread TSAN_OPTIONS=halt_on_error=1 swift test --sanitize=thread --build-path .build-tsan
