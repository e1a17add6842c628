# medsite: `make site` sets up a fresh Debian machine and builds the sample site;
# `make test` runs every test. Both install what they need.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
MEDSITE := .build/release/medsite

.PHONY: site test deps build release theme check-theme unit-tests clean help

help:
	@echo "make site   install libcmark, build medsite (release) and the sample site into Output/"
	@echo "make test   install test tools and run every test"
	@echo "make theme  re-embed Templates/ into the binary after editing the default theme"

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

unit-tests: deps check-theme
	swift test

test: unit-tests workload-check

clean:
	rm -rf .build Output

# Benchmarks: medsite against Hugo on generated sites (see PERFORMANCE.md). 100k takes minutes:
# `make bench SIZES="1000 10000"` for a quick run.
SIZES ?= 1000 10000 100000
.PHONY: bench bench-deps workload-check
bench-deps:
	@command -v hyperfine >/dev/null && command -v hugo >/dev/null && [ -x /usr/bin/time ] || { \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) hyperfine hugo time; }

bench: release bench-deps
	python3 bench/run.py --medsite $(MEDSITE) --sizes "$(SIZES)"

# The benchmark workload must stay valid as content rules are added: 60 generated articles build
# with no errors (debug binary, already built by unit-tests).
workload-check: deps
	@rm -rf .build/workload-check && python3 scripts/generate-workload.py --count 60 --out .build/workload-check
	swift build --product medsite 2>&1 | tail -1
	set -o pipefail; .build/debug/medsite build --site .build/workload-check --now 2026-11-23 --no-cache | tail -1
