"""`medsite schema` checked with a real JSON Schema validator (PyPI jsonschema, draft 2020-12).

The sample site's articles and a freshly `medsite init`-ed site must validate; the seed 000
fixture (a market report with no review date, reviewer or sources) must not. A few hand-made
front matters check that the schema and medsite's decoder agree on what is wrong.

Run with `make schema-tests` (MEDSITE_BIN names the binary; default .build/debug/medsite).
"""
import datetime
import json
import os
import pathlib
import subprocess
import tempfile

import jsonschema
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
MEDSITE = os.environ.get("MEDSITE_BIN", str(ROOT / ".build" / "debug" / "medsite"))
NOW = "2026-11-23"


def run_medsite(*arguments):
    return subprocess.run([MEDSITE, *arguments], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture(scope="module")
def validator():
    result = run_medsite("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def as_json(value):
    """PyYAML reads 2026-04-07 as a date; JSON (and medsite) see the text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def front_matter(text):
    assert text.startswith("---\n"), "no front matter"
    yaml_text = text[4:].split("\n---\n", 1)[0]
    return as_json(yaml.safe_load(yaml_text))


def errors(validator, data):
    return sorted(validator.iter_errors(data), key=lambda error: list(error.path))


SAMPLE_ARTICLES = sorted((ROOT / "Content").rglob("*.md"))


def test_the_sample_site_has_articles():
    assert len(SAMPLE_ARTICLES) >= 7


@pytest.mark.parametrize("path", SAMPLE_ARTICLES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_sample_article_matches_the_schema(validator, path):
    found = errors(validator, front_matter(path.read_text(encoding="utf-8")))
    assert not found, [f"{list(error.path)}: {error.message}" for error in found]


def test_seed_000_promotional_fixture_fails(validator):
    paths = list((ROOT / "Tests/MedsiteCoreTests/Fixtures/promotional/Content").glob("*.md"))
    assert len(paths) == 1
    found = errors(validator, front_matter(paths[0].read_text(encoding="utf-8")))
    messages = " ".join(error.message for error in found)
    for field in ("last_reviewed", "reviewed_by", "sources"):
        assert f"'{field}' is a required property" in messages
    # medsite build rejects it too, for the same missing fields.
    site = paths[0].parents[1]
    with tempfile.TemporaryDirectory() as output:
        built = run_medsite("build", "--site", str(site), "--output", output + "/Output", "--now", NOW)
    assert built.returncode == 1
    for field in ("last_reviewed", "reviewed_by", "sources"):
        assert f"[required-field] '{field}' is required" in built.stdout


def test_an_initialised_site_and_a_filled_in_draft_match_the_schema(validator):
    with tempfile.TemporaryDirectory() as folder:
        site = folder + "/site"
        assert run_medsite("init", site, "--now", NOW).returncode == 0
        example = pathlib.Path(site, "Content/washing-your-hands.md").read_text(encoding="utf-8")
        assert not errors(validator, front_matter(example))

        assert run_medsite("new", "Is PML curable?", "--type", "short-answer", "--site", site).returncode == 0
        draft = front_matter(pathlib.Path(site, "Content/is-pml-curable.md").read_text(encoding="utf-8"))
        # The draft leaves the review to the reviewer, so it fails exactly there...
        failing = {error.path[0] if error.path else error.message for error in errors(validator, draft)}
        assert failing == {"description", "last_reviewed", "reviewed_by", "sources"}
        # ...and passes once those are filled in.
        draft.update(description="Not yet, but treatment can stop it.", last_reviewed="2026-10-01",
                     reviewed_by="Dr Amelia Hart, MD FRCP",
                     sources=[{"title": "PML", "url": "https://www.ninds.nih.gov/", "publisher": "NINDS"}])
        assert not errors(validator, draft)


VALID = {
    "title": "What is PML?",
    "description": "A rare infection of the brain.",
    "last_reviewed": "2026-04-07",
    "reviewed_by": "Dr Amelia Hart, MD FRCP",
    "sources": [{"title": "PML", "url": "https://www.ninds.nih.gov/"}],
}

# Each of these is an error in `medsite build` too (see FrontMatterDecoder).
INVALID = {
    "misspelt field": {"last_reviewd": "2026-04-07"},
    "impossible date": {"last_reviewed": "2026-02-30"},
    "date in another form": {"last_reviewed": "07/04/2026"},
    "title that YAML reads as a number": {"title": 2026},
    "empty description": {"description": ""},
    "short answer without question": {"type": "short-answer"},
    "unknown type": {"type": "faq"},
    "unknown audience": {"audience": "doctors"},
    "slug with a slash": {"slug": "../etc"},
    "reserved slug": {"slug": "search"},
    "no sources": {"sources": []},
    "source without url": {"sources": [{"title": "PML"}]},
    "source url that is not a web address": {"sources": [{"title": "PML", "url": "javascript:alert(1)"}]},
    "reviewer without name": {"reviewed_by": [{"credentials": "MD"}]},
    "bad ICD-10 code": {"condition": {"name": "PML", "icd10": "pml"}},
    "draft that is not true/false": {"draft": "yes please"},
    "change of an unknown kind": {"changes": [{"date": "2026-04-01", "summary": "Typo", "kind": "typo"}]},
    "change without a summary": {"changes": [{"date": "2026-04-01", "kind": "minor"}]},
    "change with an impossible date": {"changes": [{"date": "2026-02-30", "summary": "Typo", "kind": "minor"}]},
    "change log that is not a list": {"changes": "fixed a typo"},
}


def test_the_baseline_is_valid(validator):
    assert not errors(validator, VALID)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_schema_rejects_what_medsite_rejects(validator, name):
    data = {**VALID, **INVALID[name]}
    assert errors(validator, data), f"{name} should fail the schema"
    # medsite agrees: the same front matter is an error in a build.
    with tempfile.TemporaryDirectory() as site:
        pathlib.Path(site, "medsite.yml").write_text(
            'title: T\nbase_url: https://example.org/\ndisclaimers:\n  general: "Not advice."\n', encoding="utf-8")
        content = pathlib.Path(site, "Content")
        content.mkdir()
        body = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n\nText.\n"
        (content / "page.md").write_text(body, encoding="utf-8")
        built = run_medsite("build", "--site", site, "--now", NOW)
    assert built.returncode == 1, f"{name}: medsite accepted it:\n{body}\n{built.stdout}"
