"""Which Chromium the browser tests drive, and what to tell a contributor who has none.

The order: ``CHROMIUM_PATH`` when set (an explicit choice is never silently replaced:
if it names no program, that is the problem to report), then Debian's headless shell
``/usr/bin/chromium-headless-shell`` (the tests run headless: the same Blink without the
desktop browser around it, a fifth less time for the browser tests), then Debian's
``/usr/bin/chromium``, then the Chromium Playwright downloads with
``playwright install chromium``. ``make test`` runs this file first and tries that
download when it says none was found (exit status 1); exit status 2 means
``CHROMIUM_PATH`` names no program, which no download can fix.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SYSTEM_CHROMIUMS = (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))
"""Debian's packages chromium-headless-shell and chromium, the lighter first."""
CHECK_TEST = "tests/test_browser.py::test_a_browser_is_installed"

HOW_TO_INSTALL = """\
Install one, then run `make test` again:
  Debian:        sudo apt-get install chromium-headless-shell   (or chromium)
  Ubuntu, macOS: .venv/bin/python -m playwright install chromium
                 (Ubuntu's apt package is a snap stub outside GitHub's images; on a bare
                 Ubuntu add --with-deps to install the libraries Chromium needs)
  or set CHROMIUM_PATH to a Chromium or Chrome program you have."""


@dataclass(frozen=True)
class BrowserChoice:
    path: Path | None
    """The Chromium program to drive; None when there is none."""
    source: str
    """Where it came from (or what was looked for), for messages."""
    explicit: bool = False
    """Named by CHROMIUM_PATH: a download would not replace it."""

    @property
    def problem(self) -> str | None:
        if self.path is not None:
            return None
        return f"No Chromium for the browser tests: {self.source}.\n{HOW_TO_INSTALL}"


def _is_program(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


ASK_PLAYWRIGHT = "from playwright.sync_api import sync_playwright\nwith sync_playwright() as p:\n    print(p.chromium.executable_path)"


def playwright_chromium() -> Path | None:
    """The Chromium `playwright install chromium` put in Playwright's cache, if it did.

    Asked in a child process: Playwright's sync API cannot start while another instance
    runs in this one (the browser tests' own), and `make serve`'s venv has no Playwright.
    """
    try:
        answer = subprocess.run([sys.executable, "-c", ASK_PLAYWRIGHT], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if answer.returncode != 0:  # no Playwright here
        return None
    path = Path(answer.stdout.strip())
    return path if _is_program(path) else None


def find_chromium(environ: dict[str, str] | None = None) -> BrowserChoice:
    environ = os.environ if environ is None else environ
    named = environ.get("CHROMIUM_PATH")
    if named:
        path = Path(named)
        if _is_program(path):
            return BrowserChoice(path, "CHROMIUM_PATH", explicit=True)
        return BrowserChoice(None, f"CHROMIUM_PATH={named} is not a program (unset it to use the others)", explicit=True)
    for system in SYSTEM_CHROMIUMS:
        if _is_program(system):
            return BrowserChoice(system, str(system))
    downloaded = playwright_chromium()
    if downloaded is not None:
        return BrowserChoice(downloaded, "Playwright's own Chromium")
    return BrowserChoice(None, f"CHROMIUM_PATH is unset, {' and '.join(map(str, SYSTEM_CHROMIUMS))} are missing, and Playwright has no Chromium")


def main() -> int:
    choice = find_chromium()
    if choice.path is not None:
        print(f"browser tests: Chromium from {choice.source}: {choice.path}")
        return 0
    print(choice.problem, file=sys.stderr)
    return 2 if choice.explicit else 1


if __name__ == "__main__":
    sys.exit(main())
