"""Finding a browser for the browser tests, and what a contributor without one sees (no browser needed)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

import browsers
from browsers import CHECK_TEST, find_chromium
from conftest import ROOT


def fake_program(folder: Path, name: str = "chromium") -> Path:
    program = folder / name
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_chromium_path_comes_first(tmp_path: Path) -> None:
    mine = fake_program(tmp_path)
    choice = find_chromium({"CHROMIUM_PATH": str(mine)})
    assert (choice.path, choice.source, choice.problem) == (mine, "CHROMIUM_PATH", None)


def test_a_chromium_path_that_names_no_program_is_the_problem_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(browsers, "SYSTEM_CHROMIUMS", (fake_program(tmp_path),))  # present, yet not used instead
    not_a_program = tmp_path / "chrome.txt"
    not_a_program.write_text("", encoding="utf-8")
    for named in (tmp_path / "nowhere" / "chromium", not_a_program):
        choice = find_chromium({"CHROMIUM_PATH": str(named)})
        assert choice.path is None and choice.explicit
        assert f"CHROMIUM_PATH={named} is not a program" in choice.problem


@pytest.mark.parametrize("installed", [("chromium-headless-shell", "chromium"), ("chromium-headless-shell",), ("chromium",)])
def test_then_debians_headless_shell_then_its_chromium(tmp_path: Path, monkeypatch, installed: tuple[str, ...]) -> None:
    for name in installed:
        fake_program(tmp_path, name)
    monkeypatch.setattr(browsers, "SYSTEM_CHROMIUMS", (tmp_path / "chromium-headless-shell", tmp_path / "chromium"))
    monkeypatch.setattr(browsers, "playwright_chromium", lambda: pytest.fail("asked Playwright although Debian's is there"))
    assert find_chromium({}).path == tmp_path / installed[0]


def test_debians_headless_shell_is_the_one_looked_for_first() -> None:
    """The browser tests run headless: Debian's headless shell does the same with less (a fifth less time)."""
    assert browsers.SYSTEM_CHROMIUMS == (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))


def test_then_playwrights_own(tmp_path: Path, monkeypatch) -> None:
    downloaded = fake_program(tmp_path, "chrome")
    monkeypatch.setattr(browsers, "SYSTEM_CHROMIUMS", (tmp_path / "missing",))
    monkeypatch.setattr(browsers, "playwright_chromium", lambda: downloaded)
    choice = find_chromium({})
    assert (choice.path, choice.source) == (downloaded, "Playwright's own Chromium")


def test_playwright_is_really_asked_where_its_chromium_would_be(tmp_path: Path, monkeypatch) -> None:
    """The real Playwright, with a cache folder that holds nothing: it answers, and no browser is found."""
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "empty-cache"))
    assert browsers.playwright_chromium() is None
    # Asked again while Playwright runs in this process, as under the browser tests (whose own
    # may be running already: a second sync_playwright() cannot start beside it).
    with contextlib.nullcontext() if playwright_running() else sync_playwright():
        assert browsers.playwright_chromium() is None


def playwright_running() -> bool:
    try:
        return asyncio.get_running_loop().is_running()
    except RuntimeError:
        return False


def test_with_no_browser_the_message_says_how_to_install_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(browsers, "SYSTEM_CHROMIUMS", (tmp_path / "missing",))
    monkeypatch.setattr(browsers, "playwright_chromium", lambda: None)
    choice = find_chromium({})
    assert choice.path is None and not choice.explicit
    for advice in ("apt-get install chromium-headless-shell", "playwright install chromium", "CHROMIUM_PATH"):
        assert advice in choice.problem


def run_browser_tests_without_a_browser(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHROMIUM_PATH": "/nowhere/chromium"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_a_browser_one_test_fails_and_every_other_browser_test_skips_pointing_at_it() -> None:
    result = run_browser_tests_without_a_browser("tests/test_browser.py", "-rfs")
    summary = result.stdout.strip().splitlines()[-1]
    counts = dict((word, int(n)) for n, word in re.findall(r"(\d+) (failed|skipped|passed|error)", summary))
    assert counts.get("failed") == 1 and counts.get("skipped", 0) > 50 and "passed" not in counts and "error" not in counts, summary
    assert f"FAILED {CHECK_TEST}" in result.stdout
    assert "CHROMIUM_PATH=/nowhere/chromium is not a program" in result.stdout
    assert "sudo apt-get install chromium-headless-shell" in result.stdout
    skips = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skips and all(f"{CHECK_TEST} says how to install one" in line for line in skips)


def test_the_script_make_test_runs_tells_whether_a_download_could_help(tmp_path: Path) -> None:
    script = [sys.executable, str(ROOT / "tests" / "browsers.py")]
    named = subprocess.run(script, env={**os.environ, "CHROMIUM_PATH": str(tmp_path / "nowhere")}, capture_output=True, text=True, timeout=120)
    assert named.returncode == 2 and "is not a program" in named.stderr  # a download would not replace it
    found = subprocess.run(script, env={**os.environ, "CHROMIUM_PATH": str(fake_program(tmp_path))}, capture_output=True, text=True, timeout=120)
    assert found.returncode == 0 and "Chromium from CHROMIUM_PATH" in found.stdout
