"""Search as patients use it (issue 17): the words they type, misspelt or lay, find the page they
meant, on the built sample site in headless Chromium."""
import gzip
import json

import pytest

from conftest import axe_script

# typed → a page (address) the patient meant, which must be among the first three results.
QUERIES = [
    ("diabetes", "hba1c-target-type-2-diabetes/"),
    ("diabetes", "type-2-diabetes-diet/"),
    ("sugar", "hba1c-target-type-2-diabetes/"),
    ("fits", "natalizumab-and-pml-risk/"),
    ("seizure", "natalizumab-and-pml-risk/"),
    ("seizure", "is-there-a-cure-for-pml/"),
    ("seizure", "pml-first-line-treatment/"),
    ("wheeze", "what-to-do-during-an-asthma-attack/"),
    ("breathless", "what-to-do-during-an-asthma-attack/"),
    ("metformin", "hba1c-target-type-2-diabetes/"),
    ("E11", "hba1c-target-type-2-diabetes/"),
    ("heart attack", None),
]


def results(browser, server, query):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "search/?q=" + query.replace(" ", "%20"))
    WebDriverWait(browser, 10).until(lambda driver: driver.find_element("id", "search-status").text)
    WebDriverWait(browser, 10).until(
        lambda driver: driver.find_elements("css selector", "#search-results li")
        or "No pages match" in driver.find_element("id", "search-status").text)
    return [link.get_attribute("href").removeprefix(server) for link in
            browser.find_elements("css selector", "#search-results li > a")]


@pytest.mark.parametrize("query,page", [q for q in QUERIES if q[1]])
def test_patients_words_find_the_page_they_meant(browser, server, query, page):
    found = results(browser, server, query)
    assert page in found[:3], (query, found)


def test_a_misspelling_is_corrected_with_did_you_mean(browser, server):
    found = results(browser, server, "diabetis")
    status = browser.find_element("id", "search-status")
    assert "Did you mean diabetes?" in status.text, status.text
    assert "hba1c-target-type-2-diabetes/" in found and "type-2-diabetes-diet/" in found
    suggestion = status.find_element("css selector", "a")
    assert suggestion.text == "diabetes"


def test_titles_rank_above_text_and_words_are_marked_in_a_snippet(browser, server):
    found = results(browser, server, "asthma attack")
    assert found[0] == "what-to-do-during-an-asthma-attack/", found
    marks = [mark.text.lower() for mark in browser.find_elements("css selector", "#search-results li:first-child mark")]
    assert "asthma" in marks or "attack" in marks, marks
    # Results are announced: the status is a polite live region.
    status = browser.find_element("id", "search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"


def test_page_text_is_shown_as_text_never_as_markup(browser, server):
    results(browser, server, "metformin")
    # Snippets are built from text nodes and <mark> only.
    tags = browser.execute_script(
        "return Array.from(document.querySelectorAll('#search-results p *')).map(e => e.tagName)")
    assert set(tags) <= {"MARK"}, tags


def test_a_search_loads_only_the_shards_it_needs(output):
    manifest = json.loads((output / "search/manifest.json").read_text())
    assert [["fit"], ["seizure"], ["convulsion"], ["epilepsy"]] in manifest["synonyms"]
    shard = json.loads((output / "search/index/di.json").read_text())
    assert shard["diabete"][0] >= 2  # two pages use "diabetes" (plural s dropped)
    assert not (output / "search/index.html").read_text().count("application/json")


def test_search_results_pass_axe(browser, server):
    from axe_selenium_python import Axe

    for query in ["diabetis", "seizure"]:
        results(browser, server, query)
        axe = Axe(browser, script_url=str(axe_script()))
        axe.inject()
        found = axe.run()
        assert found["passes"] and found["violations"] == [], axe.report(found["violations"])


def test_the_a_to_z_works_without_javascript(output):
    html = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="#letter-a"' in html and "<script" not in html
