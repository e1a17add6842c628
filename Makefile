# medsite: `make site` sets up a fresh Debian machine and builds the sample site;
# `make test` runs every test. Both install what they need.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
MEDSITE := .build/release/medsite

.PHONY: site test deps build release theme check-theme unit-tests schema-deps schema-tests clean help

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

# `medsite schema` checked by a real JSON Schema validator (PyPI jsonschema) against the sample site,
# and the CI recipe in docs/ checked for what docs/editors.md promises.
schema-deps:
	@python3 -c "import jsonschema, yaml, pytest" 2>/dev/null || { \
	  echo "Installing jsonschema, PyYAML and pytest…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-jsonschema python3-yaml python3-pytest \
	  || python3 -m pip install --quiet jsonschema pyyaml pytest \
	  || python3 -m pip install --quiet --break-system-packages jsonschema pyyaml pytest; }

schema-tests: build schema-deps
	MEDSITE_BIN=.build/debug/medsite python3 -m pytest -q Tests/schema Tests/recipes

test: unit-tests schema-tests

clean:
	rm -rf .build Output
