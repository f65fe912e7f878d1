"""The package's own housekeeping: every module is reloaded under `mkdocs serve`."""

from __future__ import annotations

import ast
from pathlib import Path

import newsbrief


def test_every_module_is_in_the_reload_list() -> None:
    modules = {p.stem for p in Path(newsbrief.__file__).parent.glob("*.py")} - {"__init__"}
    assert set(newsbrief.MODULES) == modules


def test_the_reload_list_respects_imports() -> None:
    """A module is reloaded after every sibling it imports, so it picks up their new code."""
    order = {name: i for i, name in enumerate(newsbrief.MODULES)}
    for name in newsbrief.MODULES:
        tree = ast.parse((Path(newsbrief.__file__).parent / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                imported = [node.module] if node.module else [alias.name for alias in node.names]
                for other in imported:
                    assert order[other] < order[name], f"{name} imports {other}"
