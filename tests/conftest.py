"""Shared fixtures: copies of the valid content trees, and a way to read their problems."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsbrief.checks import Site, load_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_CONTENT = FIXTURES / "valid" / "content"


def problems(content_dir: Path) -> list[str]:
    """Every problem of a content tree, as the editor reads them."""
    return [str(p) for p in load_site(content_dir, content_dir.parent).problems]


@pytest.fixture
def valid_content(tmp_path: Path) -> Path:
    """A copy of the small valid tree in tests/fixtures/valid, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, target)
    return target


@pytest.fixture
def real_content(tmp_path: Path) -> Path:
    """A copy of the project's real content/, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.fixture(scope="session")
def real_site() -> Site:
    return load_site(ROOT / "content", ROOT)


PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "content")
CACHE = ".cache"
"""The search plugin's word-splitter cache (jieba, made by the first build): copied when there, so that
each copied project does not spend seconds making it again."""


SECOND_BRIEF = FIXTURES / "second-brief"


def add_second_brief(project_or_content: Path) -> None:
    """Copy the second brief's records (and its docs page, for a project) beside the real ones."""
    content = project_or_content if project_or_content.name == "content" else project_or_content / "content"
    shutil.copytree(SECOND_BRIEF / "content", content, dirs_exist_ok=True)
    if content.parent.joinpath("docs").is_dir():
        shutil.copytree(SECOND_BRIEF / "docs", content.parent / "docs", dirs_exist_ok=True)


@pytest.fixture
def two_briefs(tmp_path: Path) -> Path:
    """A copy of the real content/ with the second brief beside it, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    add_second_brief(target)
    return target


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, target / part)
    if (ROOT / CACHE).is_dir():
        shutil.copytree(ROOT / CACHE, target / CACHE)
    return target


def mkdocs_build(project: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built strict once for all the tests that read its HTML."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def mkdocs_serve(project: Path, log_path: Path, *options: str):
    """`mkdocs serve` of ``project`` on a free local port: yields its base URL (no trailing slash)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, env=env,
        )
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def touch_later(path: Path) -> None:
    """Give an edited file a distinct mtime, even on file systems that keep whole seconds."""
    stamp = time.time() + 1
    os.utime(path, (stamp, stamp))
