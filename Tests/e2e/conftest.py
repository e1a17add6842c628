"""Fixtures for the end-to-end suite: the sample site built by the real medsite binary, served by
a real HTTP server, and looked at by headless Chromium."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import threading

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = pathlib.Path(__file__).resolve().parent / "artifacts"
# Review dates are judged against a fixed day, so the suite gives the same result every day.
NOW = "2026-11-23"


def medsite_binary() -> pathlib.Path:
    """MEDSITE_BIN, else the release build, else the debug build."""
    candidates = [os.environ.get("MEDSITE_BIN"), REPO / ".build/release/medsite", REPO / ".build/debug/medsite"]
    for candidate in candidates:
        if candidate and pathlib.Path(candidate).is_file():
            return pathlib.Path(candidate)
    pytest.exit("no medsite binary: run `swift build` (or `make release`) first", returncode=3)


def copy_sample_site(site: pathlib.Path) -> pathlib.Path:
    """The sample site's inputs (Content/, Snippets/, medsite.yml) copied into `site`; not its review
    ledger, so a copy that edits a page is not refused as changed since its review."""
    shutil.copytree(REPO / "Content", site / "Content")
    shutil.copytree(REPO / "Snippets", site / "Snippets")
    shutil.copy(REPO / "medsite.yml", site / "medsite.yml")
    return site


def build_site(site: pathlib.Path, output: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(medsite_binary()), "build", "--site", str(site), "--output", str(output), "--now", NOW],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> pathlib.Path:
    """A copy of the repository's sample site (Content/, Snippets/ and medsite.yml), so the suite never touches Output/."""
    return copy_sample_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def output(sample_site) -> pathlib.Path:
    out = sample_site / "Output"
    result = build_site(sample_site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    # linkchecker drops root privileges to `nobody`, which must be able to read the site.
    for path in [sample_site, *sample_site.parents]:
        if str(path).startswith(("/tmp", "/var")) and path != pathlib.Path("/tmp"):
            path.chmod(path.stat().st_mode | 0o055)
    return out


# An article made to stress a phone-width layout, and overdue for review on NOW (under the sample
# site's `review.overdue: warning`): long words, an address, code and a code block that no 320 px
# screen can hold on one line.
STRESS_ARTICLE = """---
title: "Living with pneumonoultramicroscopicsilicovolcanoconiosis"
description: "A lung disease caused by breathing in very fine dust. This page is kept to test long words."
condition:
  name: Pneumonoultramicroscopicsilicovolcanoconiosis
  icd10: J62.8
last_reviewed: 2021-03-01
reviewed_by: "Dr Amelia Hart, MD FRCP (Respiratory Medicine and Occupational Lung Disease)"
authors: ["Sam Okafor"]
sources:
  - title: "Occupational lung disease: https://www.hse.gov.uk/lung-disease/silicosis/occupational-lung-disease-and-silicosis-explained-for-workers"
    url: "https://www.hse.gov.uk/lung-disease/silicosis/occupational-lung-disease-and-silicosis-explained-for-workers-and-going"
    publisher: "Health and Safety Executive"
tags: [occupationallungdiseaseandsilicosiswithoutspaces]
---
You can read more at <https://www.hse.gov.uk/lung-disease/silicosis/occupational-lung-disease-and-silicosis-explained-for-workers-and-going>.

## Pneumonoultramicroscopicsilicovolcanoconiosis explained

Your results letter may show a code such as `PNEUMONOULTRAMICROSCOPICSILICOVOLCANOCONIOSIS-OCCUPATIONAL-J62.8-CONFIRMED`.

```
Spirometry result: FEV1 2.1 L (65% predicted), FVC 3.4 L (80% predicted), FEV1/FVC 0.62, reviewed by the chest clinic
```

## Getting help

Talk to your GP if you are short of breath.
"""


@pytest.fixture(scope="session")
def stress_output(tmp_path_factory) -> pathlib.Path:
    """The sample site plus STRESS_ARTICLE, built on NOW."""
    site = copy_sample_site(tmp_path_factory.mktemp("stress"))
    (site / "Content" / "long-words.md").write_text(STRESS_ARTICLE, encoding="utf-8")
    result = build_site(site, site / "Output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "review-overdue" in result.stdout + result.stderr, "the stress article should be overdue"
    return site / "Output"


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves Output/ like a static host does, including 404.html for missing pages."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        not_found = pathlib.Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve(directory: pathlib.Path):
    handler = functools.partial(StaticSiteHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(output):
    yield from serve(output)


@pytest.fixture(scope="session")
def stress_server(stress_output):
    yield from serve(stress_output)


# Headless Chromium reports no pointer at all (`hover: none`, as a touch screen); the suite reads
# pages as a desktop browser with a mouse does (`hover: hover`, `pointer: fine`).
DESKTOP_POINTER = "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4"


@pytest.fixture(scope="session")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900",
                     DESKTOP_POINTER]:
        options.add_argument(argument)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts() -> pathlib.Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def axe_script() -> pathlib.Path:
    """axe-core 4.x: the copy shipped in the axe-playwright-python wheel (installed without Playwright),
    because the one bundled with axe-selenium-python is axe 3.1 from 2018 and misses WCAG 2.1/2.2 rules.
    It is injected through axe-selenium-python's `Axe(driver, script_url=...)`."""
    import importlib.util

    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.submodule_search_locations:
        script = pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
        if script.is_file():
            return script
    pytest.exit("axe-core 4 is missing: pip install --no-deps axe-playwright-python (make e2e does)", returncode=3)
