"""Shared fixtures: copies of the valid content trees, and a way to read their problems."""

from __future__ import annotations

import shutil
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
