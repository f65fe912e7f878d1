"""The GitHub Actions workflow: valid by GitHub's schema, clean by actionlint and zizmor, and
doing what it must (tests on both Pythons and engines, least privilege, deploys from main only)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"
BIN = Path(sys.executable).parent

# The current major of each action the workflow uses (looked up November 2026; all run on
# Node 24, Node 20 was retired from the runners in September 2026). Dependabot proposes new ones.
CURRENT_MAJORS = {
    "actions/checkout": "v7",
    "actions/setup-python": "v7",
    "actions/upload-artifact": "v7",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{path} is missing: install requirements-test.txt into the venv (make test does)"
    return str(path)


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    """Validate a workflow file offline against the schema bundled with check-jsonschema."""
    return run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path))


def actionlint(path: Path) -> subprocess.CompletedProcess:
    return run(tool("actionlint"), "-oneline", "-no-color", str(path))


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    """Every audit, the pedantic ones too, offline; .github/zizmor.yml explains its one setting."""
    return run(tool("zizmor"), "--offline", "--no-progress", "--persona", "pedantic", "--config", str(ZIZMOR_CONFIG), *map(str, paths))


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean True; GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="module")
def workflow() -> dict:
    return load(WORKFLOW)


def steps(workflow: dict):
    return [(name, step) for name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job.get("steps", []) if str(step.get("uses", "")).split("@")[0] == action]


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "site.yml"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    return broken


# ---------------------------------------------------------------- the linters


def test_the_workflow_matches_the_github_workflow_schema() -> None:
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_really_rejects_a_broken_workflow(tmp_path: Path) -> None:
    result = check_workflow(broken_copy(tmp_path, "\n    runs-on: ubuntu-latest\n", "\n    runs_on: ubuntu-latest\n"))
    assert result.returncode != 0, result.stdout
    assert "runs_on" in result.stdout + result.stderr


def test_dependabot_config_matches_its_schema() -> None:
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(DEPENDABOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing() -> None:
    result = actionlint(WORKFLOW)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_really_finds_an_action_on_a_retired_runtime(tmp_path: Path) -> None:
    result = actionlint(broken_copy(tmp_path, "actions/checkout@v7", "actions/checkout@v4"))
    assert result.returncode == 1
    assert 'runtime "node20" is deprecated' in result.stdout


def test_zizmor_finds_nothing() -> None:
    result = zizmor(WORKFLOW, DEPENDABOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_really_finds_credentials_left_in_the_checkout(tmp_path: Path) -> None:
    result = zizmor(broken_copy(tmp_path, "\n        with:\n          persist-credentials: false\n", "\n"))
    assert result.returncode != 0
    assert "artipacked" in result.stdout


# ---------------------------------------------------------------- what the workflow does


def test_every_pull_request_and_every_push_to_main_run_it(workflow: dict) -> None:
    on = workflow["on"]
    # No path filter on pull requests: a change to any file the tests read runs them.
    assert not (on["pull_request"] or {}).get("paths") and not (on["pull_request"] or {}).get("paths-ignore")
    assert on["push"] == {"branches": ["main"]}, "a pull request's branch would run twice"
    assert "workflow_dispatch" in on


def test_a_newer_run_of_a_branch_cancels_the_older_but_never_on_main(workflow: dict) -> None:
    concurrency = workflow["concurrency"]
    assert "github.ref" in concurrency["group"] and "github.workflow" in concurrency["group"]
    assert concurrency["cancel-in-progress"] == "${{ github.ref != 'refs/heads/main' }}"


def test_every_action_is_on_its_current_major(workflow: dict) -> None:
    used = {step["uses"] for _, step in steps(workflow) if "uses" in step}
    assert used, "no actions?"
    for uses in used:
        action, _, version = uses.partition("@")
        assert action in CURRENT_MAJORS, f"{uses}: not a known action; add its current major to CURRENT_MAJORS"
        assert version == CURRENT_MAJORS[action], f"{uses}: the current major is {CURRENT_MAJORS[action]}"


def test_permissions_are_least_privilege_per_job(workflow: dict) -> None:
    assert workflow["permissions"] == {}
    expected = {
        "test": {"contents": "read"},
        "site": {"contents": "read", "pages": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
        "docs-review": {"contents": "read"},
    }
    assert {name: job["permissions"] for name, job in workflow["jobs"].items()} == expected


def test_no_checkout_keeps_the_token(workflow: dict) -> None:
    checkouts = [step for _, step in steps(workflow) if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_every_job_has_a_time_limit(workflow: dict) -> None:
    assert all(isinstance(job.get("timeout-minutes"), int) for job in workflow["jobs"].values())


def test_the_pip_cache_is_keyed_on_every_requirements_file(workflow: dict) -> None:
    files = {path.name for path in ROOT.glob("requirements*.txt")} | {"constraints.txt"}
    cached = [step for _, step in steps(workflow) if str(step.get("uses", "")).startswith("actions/setup-python@") and step["with"].get("cache")]
    assert cached
    for step in cached:
        assert step["with"]["cache"] == "pip"
        assert set(step["with"]["cache-dependency-path"].split()) == files


def test_tests_run_on_python_311_and_313_and_on_both_engines(workflow: dict) -> None:
    job = workflow["jobs"]["test"]
    cells = {(cell["python"], cell["engine"]) for cell in job["strategy"]["matrix"]["include"]}
    assert {"3.11", "3.13"} <= {python for python, _ in cells}
    assert {"mkdocs", "properdocs"} == {engine for _, engine in cells}
    assert job["env"]["DOCS_ENGINE"] == "${{ matrix.engine }}"
    (python,) = steps_using(job, "actions/setup-python")
    assert python["with"]["python-version"] == "${{ matrix.python }}"
    commands = [step.get("run", "") for step in job["steps"]]
    assert "make properdocs PYTHON=python" in commands
    test_at = next(i for i, c in enumerate(commands) if c.startswith("make test"))
    build_at = next(i for i, c in enumerate(commands) if c.startswith("make build"))
    assert test_at < build_at


def test_screenshots_are_uploaded_when_a_test_fails(workflow: dict) -> None:
    job = workflow["jobs"]["test"]
    (upload,) = steps_using(job, "actions/upload-artifact")
    assert upload["if"] == "failure()"
    assert upload["with"]["path"] == "test-output"
    browser_tests = (ROOT / "tests" / "test_browser.py").read_text(encoding="utf-8")
    assert 'SCREENSHOTS = ROOT / "test-output" / "screenshots"' in browser_tests


def test_the_site_is_built_with_the_pages_address_checked_and_uploaded(workflow: dict) -> None:
    job = workflow["jobs"]["site"]
    assert job["needs"] == "test"
    (pages,) = steps_using(job, "actions/configure-pages")
    build = next(step for step in job["steps"] if step.get("run", "").startswith("make build"))
    assert build["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % pages["id"]
    assert job["steps"].index(pages) < job["steps"].index(build)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"\nbuild: .*\n\t.* build --strict .*\n\t.*check_pages\.py site\n", makefile), "make build checks the page count"
    (artifact,) = steps_using(job, "actions/upload-artifact")
    assert artifact["with"]["path"] == "site"
    (upload,) = steps_using(job, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    assert upload["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"


def test_only_main_deploys_to_pages(workflow: dict) -> None:
    job = workflow["jobs"]["deploy"]
    assert job["needs"] == "site"
    assert job["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    (deploy,) = steps_using(job, "actions/deploy-pages")
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % deploy["id"]
    # No commits to a gh-pages branch: nothing pushes, nothing runs gh-deploy.
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "gh-deploy" not in text and "gh-pages" not in text and "git push" not in text


def test_dependabot_updates_the_actions_and_the_python_packages() -> None:
    config = load(DEPENDABOT)
    assert {update["package-ecosystem"] for update in config["updates"]} == {"github-actions", "pip"}
