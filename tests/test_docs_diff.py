"""The CI check that flags script added to docs/ in a pull request (.ci/docs_diff_check.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / ".ci" / "docs_diff_check.py"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a docs/ page on main, and a branch to change it on."""
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "editor@example.org")
    git(tmp_path, "config", "user.name", "Editor")
    (tmp_path / "docs").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# A page\n\nSome prose.\n", encoding="utf-8")
    (tmp_path / "content" / "note.yaml").write_text("name: x\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "main")
    git(tmp_path, "checkout", "-q", "-b", "change")
    return tmp_path


def check(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "main"], cwd=repo, capture_output=True, text=True)


def commit_line(repo: Path, path: str, line: str) -> None:
    target = repo / path
    target.write_text(target.read_text(encoding="utf-8") + line + "\n" if target.exists() else line + "\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("< SCRIPT src=https://example.org/x.js></script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "an on…= event-handler attribute"),
        ('A paragraph.\n{: onclick="alert(1)" }', "an on…= event-handler attribute"),
        ("[a link](javascript:alert(1))", "a javascript: link"),
        ("[a link](JavaScript :alert(1))", "a javascript: link"),
    ],
)
def test_each_kind_of_script_added_to_docs_is_flagged_with_file_and_line(repo: Path, line: str, what: str) -> None:
    commit_line(repo, "docs/page.md", line)
    result = check(repo)
    added_at = 4 + line.count("\n")
    assert result.stdout.splitlines() == [f"docs/page.md:{added_at}: adds {what} — docs/ is reviewed like code: a maintainer must approve it"]
    assert result.returncode == 1


def test_prose_in_docs_and_script_outside_docs_pass(repo: Path) -> None:
    commit_line(repo, "docs/page.md", "Online sales rose; the script of the podcast is linked.")
    commit_line(repo, "docs/new.md", "# New page\n\nWith `code` and [a link](https://example.org/).")
    commit_line(repo, "content/note.yaml", "description: <script>alert(1)</script>")  # content is escaped, always
    result = check(repo)
    assert (result.returncode, result.stdout) == (0, "")


def test_a_removed_script_is_not_flagged(repo: Path) -> None:
    commit_line(repo, "docs/page.md", "<script>alert(1)</script>")
    git(repo, "checkout", "-q", "-b", "cleanup")
    (repo / "docs" / "page.md").write_text("# A page\n\nSome prose.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "remove")
    result = subprocess.run([sys.executable, str(SCRIPT), "change"], cwd=repo, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "")


def test_the_workflow_runs_the_check_on_pull_requests() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["docs-review"]
    assert job["if"] == "github.event_name == 'pull_request'"
    checkout = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "the base branch must be there to diff against"
    assert any(".ci/docs_diff_check.py" in step.get("run", "") and "$BASE" in step.get("run", "") for step in job["steps"])
