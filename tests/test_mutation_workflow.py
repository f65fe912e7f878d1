"""The weekly mutation workflow is valid, runs `make mutation` and uploads its report, with least privilege."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_workflow import check_workflow, steps_using

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "mutation.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the bare key `on` as True
        data["on"] = data.pop(True)
    return data


def test_the_mutation_workflow_matches_the_github_workflow_schema() -> None:
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_weekly_and_by_hand_only(workflow: dict) -> None:
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (schedule,) = workflow["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert day == "*" and month == "*" and weekday not in ("*",), "once a week"


def test_it_runs_make_mutation_and_uploads_the_report_even_when_it_fails(workflow: dict) -> None:
    (job,) = workflow["jobs"].values()
    assert 0 < job["timeout-minutes"] <= 180
    commands = [step.get("run", "").strip() for step in job["steps"]]
    run_at = commands.index("make mutation")
    (upload,) = steps_using(job, "actions/upload-artifact")
    assert job["steps"].index(upload) > run_at
    assert upload["with"]["path"] == "mutation/report" and upload["if"] == "always()"


def test_least_privilege_and_no_credentials_left_in_the_checkout(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job
        (checkout,) = steps_using(job, "actions/checkout")
        assert checkout["with"]["persist-credentials"] is False
        for step in job["steps"]:
            if "uses" in step:
                action, version = step["uses"].split("@")
                # Current majors (node 24 runtimes).
                assert version == {"actions/checkout": "v5", "actions/setup-python": "v6", "actions/upload-artifact": "v5"}[action], step["uses"]
