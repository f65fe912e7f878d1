"""What each MkDocs event does: load and check content/ once per build, report every problem.

Problems are logged through the ``mkdocs.*`` logger at ERROR level, so
``mkdocs build --strict`` counts them and fails, while ``mkdocs serve`` keeps running.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Site, load_site
from .loader import FileCache

log = logging.getLogger("mkdocs.hooks.newsbrief")


@dataclass
class BuildState:
    """State of one build; replaced at the start of every build (MkDocs keeps hook modules alive)."""

    root: Path
    content_dir: Path
    site: Site | None = None


@dataclass
class Session:
    """What may outlive a build: the parsed-file cache, valid while files are unchanged."""

    cache: FileCache = field(default_factory=FileCache)
    build: BuildState | None = None


def start_build(session: Session, config) -> BuildState:
    root = Path(config.config_file_path).resolve().parent
    session.build = BuildState(root=root, content_dir=root / "content")
    return session.build


def load_and_report(state: BuildState, cache: FileCache) -> Site:
    """Load and check the content; log each problem once, as an editor should read it."""
    state.site = load_site(state.content_dir, state.root, cache)
    for problem in state.site.problems:
        log.error(str(problem))
    if state.site.problems:
        count = len(state.site.problems)
        log.info(f"content/ has {count} problem{'s' if count != 1 else ''}: fix the lines above (each names the file and line)")
    return state.site
