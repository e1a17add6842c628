# medsite: `make site` sets up a fresh Debian machine and builds the sample site;
# `make test` runs every test. Both install what they need.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
MEDSITE := .build/release/medsite

.PHONY: site test deps build release theme check-theme unit-tests clean help serve-latency

help:
	@echo "make site   install libcmark, build medsite (release) and the sample site into Output/"
	@echo "make test   install test tools and run every test"
	@echo "make theme  re-embed Templates/ into the binary after editing the default theme"
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

theme:
	python3 scripts/embed-theme.py

check-theme:
	@python3 scripts/embed-theme.py --check || { echo "Templates/ differs from the embedded theme: run 'make theme'"; exit 1; }

unit-tests: deps check-theme
	swift test

test: unit-tests

clean:
	rm -rf .build Output

# medsite serve: edit-to-reload latency on the sample site and on 10,000 extra articles (release build).
serve-latency: deps
	swift build -c release --product medsite
	python3 scripts/serve-latency.py --binary $(MEDSITE) --articles 0 10000 --edits 20
