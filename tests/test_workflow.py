"""The GitHub Actions workflow is valid, tests and builds the site, and deploys it with least privilege."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    """Validate a workflow file offline against the schema bundled with check-jsonschema."""
    assert CHECK_JSONSCHEMA.exists(), f"{CHECK_JSONSCHEMA} is missing: install requirements.txt into the venv"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean True; GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job.get("steps", []) if str(step.get("uses", "")).split("@")[0] == action]


def test_the_workflow_matches_the_github_workflow_schema() -> None:
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_really_rejects_a_broken_workflow(tmp_path: Path) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\n    runs-on: ubuntu-latest\n" in text
    broken = tmp_path / "site.yml"
    broken.write_text(text.replace("\n    runs-on: ubuntu-latest\n", "\n    runs_on: ubuntu-latest\n", 1), encoding="utf-8")
    result = check_workflow(broken)
    assert result.returncode != 0, result.stdout
    assert "runs_on" in result.stdout + result.stderr


@pytest.mark.parametrize("event", ["push", "pull_request"])
def test_changes_to_the_site_trigger_the_workflow(workflow: dict, event: str) -> None:
    paths = workflow["on"][event]["paths"]
    for pattern in ("content/**", "docs/**", "hooks/**", "mkdocs.yml", "requirements.txt", "constraints.txt",
                    "Makefile", "package.json", "package-lock.json", ".github/workflows/**"):
        assert pattern in paths, f"{event} does not run on changes to {pattern}"
    assert "workflow_dispatch" in workflow["on"]


def test_the_test_job_tests_builds_and_uploads_the_site(workflow: dict) -> None:
    job = workflow["jobs"]["test"]
    assert job["runs-on"] == "ubuntu-latest"
    assert steps_using(job, "actions/checkout")
    (python,) = steps_using(job, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    assert python["with"]["cache"] == "pip"
    assert {"requirements.txt", "constraints.txt"} <= set(python["with"]["cache-dependency-path"].split())
    commands = [step.get("run", "") for step in job["steps"]]
    assert any("chromium" in c and "CHROMIUM_PATH" in c for c in commands)
    # npm packages (axe-core) are installed by `make test` itself (Makefile: NODE_STAMP).
    test_at = next(i for i, c in enumerate(commands) if c.strip() == "make test")
    build_at = next(i for i, c in enumerate(commands) if c.strip() == "make build")
    (artifact,) = steps_using(job, "actions/upload-artifact")
    assert test_at < build_at < job["steps"].index(artifact)
    assert artifact["with"]["path"] == "site"
    (pages,) = steps_using(job, "actions/upload-pages-artifact")
    assert pages["with"]["path"] == "site"
    assert "refs/heads/main" in pages["if"] and "push" in pages["if"]


def test_only_a_push_to_main_deploys_to_pages(workflow: dict) -> None:
    job = workflow["jobs"]["deploy"]
    assert job["needs"] == "test" or job["needs"] == ["test"]
    assert "github.event_name == 'push'" in job["if"] and "github.ref == 'refs/heads/main'" in job["if"]
    (deploy,) = steps_using(job, "actions/deploy-pages")
    assert deploy["uses"] == "actions/deploy-pages@v4"
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % deploy["id"]
    # No commits to a gh-pages branch: nothing pushes, nothing runs gh-deploy.
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "gh-deploy" not in text and "gh-pages" not in text and "git push" not in text


def test_permissions_are_least_privilege(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in workflow["jobs"].items():
        if name != "deploy":
            assert "permissions" not in job or all(v in ("read", "none") for v in job["permissions"].values()), name


def test_runs_of_one_ref_do_not_overlap(workflow: dict) -> None:
    concurrency = workflow["concurrency"]
    assert "github.ref" in concurrency["group"]
    # Pull-request runs may be cancelled by a newer push; a deployment from main is never cut off.
    assert concurrency["cancel-in-progress"] in (False, "${{ github.event_name == 'pull_request' }}")
