"""The CI recipe in docs/github-actions.yml does what docs/editors.md promises."""
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
RECIPE = ROOT / "docs" / "github-actions.yml"


def load():
    # PyYAML (YAML 1.1) reads the key `on` as True.
    workflow = yaml.safe_load(RECIPE.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow, job):
    return workflow["jobs"][job]["steps"]


def run_text(workflow, job):
    return "\n".join(step.get("run", "") for step in steps(workflow, job))


def test_recipe_does_not_run_for_medsite_itself():
    assert not (ROOT / ".github" / "workflows" / "github-actions.yml").exists()


def test_triggers_include_push_pull_request_and_a_daily_schedule():
    triggers = load()["on"]
    assert "push" in triggers and "pull_request" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")


def test_installs_libcmark_and_builds_strictly_with_github_annotations():
    workflow = load()
    text = run_text(workflow, "build")
    assert "libcmark-dev" in text
    assert "swift build -c release --product medsite" in text
    assert "medsite build --strict --format github" in text


def test_keeps_the_build_cache_between_runs():
    caches = [step for step in steps(load(), "build") if step.get("uses", "").startswith("actions/cache@")]
    paths = [step["with"]["path"] for step in caches]
    assert ".medsite-cache" in paths
    cache = caches[paths.index(".medsite-cache")]
    assert "github.run_id" in cache["with"]["key"]  # a new entry each run...
    assert cache["with"]["restore-keys"].strip()     # ...restored from the newest earlier one


def test_schedule_is_driven_by_the_next_change_of_medsite_review():
    workflow = load()
    due = next(step for step in steps(workflow, "build") if step.get("id") == "due")
    assert "medsite review --format json" in due["run"]
    assert "next_change" in due["run"]
    build = next(step for step in steps(workflow, "build") if step.get("id") == "build")
    assert build["if"] == "steps.due.outputs.rebuild == 'true'"


def test_publishes_output_to_pages_only_after_a_clean_build_on_main():
    workflow = load()
    upload = next(step for step in steps(workflow, "build") if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "Output"
    assert "steps.build.outputs.published == 'true'" in upload["if"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "needs.build.outputs.publish == 'true'" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_external_links_are_checked_on_the_schedule_in_a_job_that_never_blocks_publishing():
    workflow = load()
    links = workflow["jobs"]["links"]
    assert "schedule" in links["if"] and "push" not in links["if"]
    assert "medsite check --external --format github" in run_text(workflow, "links")
    caches = [step["with"]["path"] for step in steps(workflow, "links") if step.get("uses", "").startswith("actions/cache@")]
    assert ".medsite-cache/external-links.json" in caches
    assert "links" not in str(workflow["jobs"]["deploy"]["needs"])
    assert "--external" not in run_text(workflow, "build")
