"""Tables and images on the sample site (issue 15): the HbA1c page has a table with a caption and an
image from Content/. Checked with axe-core at phone and desktop widths in light and dark, and
screenshotted for docs/editors.md. The Nu checker and linkchecker runs in test_site.py cover the page
too (every page, every link and image address)."""
import pathlib

import pytest

from conftest import REPO, axe_script

PAGE = "hba1c-target-type-2-diabetes/"
SCREENSHOTS = REPO / "docs" / "screenshots"


def at_width(browser, width):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_table_and_image_page_has_no_axe_violations(browser, server, width, scheme):
    from axe_selenium_python import Axe

    at_width(browser, width)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        browser.get(server + PAGE)
        assert browser.find_elements("css selector", ".table-scroll table caption"), "the table is not on the page"
        axe = Axe(browser, script_url=str(axe_script()))
        axe.inject()
        results = axe.run()
        assert results["passes"], "axe ran no checks"
        assert results["violations"] == [], axe.report(results["violations"])
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


@pytest.mark.parametrize("width", [320, 375])
def test_a_wide_table_scrolls_in_its_own_region_not_the_page(browser, server, width):
    at_width(browser, width)
    try:
        browser.get(server + PAGE)
        page_width = browser.execute_script("return document.documentElement.scrollWidth")
        assert page_width <= width, f"the page is {page_width}px wide at {width}px"
        region = browser.find_element("css selector", ".table-scroll")
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region"
        label = browser.execute_script("return document.getElementById(arguments[0].getAttribute('aria-labelledby')).textContent",
                                       region)
        assert label == "HbA1c targets for adults with type 2 diabetes"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_image_loads_from_its_copy(browser, server):
    browser.get(server + PAGE)
    image = browser.find_element("css selector", ".article-body img")
    assert image.get_attribute("src") == server + "hba1c-ranges.png"
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 640
    # The page states the size read from the file, and it is the size the browser decoded: no layout shift.
    # get_dom_attribute reads the HTML attribute; get_attribute would read the laid-out width, which
    # max-width: 100% shrinks whenever the window is narrower than the image.
    natural = browser.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", image)
    assert [int(image.get_dom_attribute("width")), int(image.get_dom_attribute("height"))] == natural


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshot_of_the_table(browser, server, width):
    """docs/screenshots/table-<width>.png, shown in docs/editors.md."""
    at_width(browser, width)
    try:
        browser.get(server + PAGE)
        region = browser.find_element("css selector", ".table-scroll")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", region)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"table-{width}.png"
        region.screenshot(str(path))
        assert path.stat().st_size > 1000
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
