"""Where the seconds of one edit go under `mkdocs serve --dirty`, stage by stage.

    .venv/bin/python bench/breakdown.py --n 2000 --edits 3

Runs what `mkdocs serve --dirty` runs after a save, in this process and without
the HTTP server: loads mkdocs.yml again (MkDocs does, on every rebuild), then
``build(config, serve_url=..., dirty=True)``. The first build fills the hooks'
memory; then one company's description is edited and the site rebuilt, ``--edits``
times. Each stage is timed by wrapping the function that does it (MkDocs' own,
the search plugin's events, the hooks' steps); the median of each over the edits
is printed, with what the watcher costs: one poll of the watched folders
(MkDocs polls them every 0.5 s, so a save waits 0.25 s on average, plus the poll
itself and MkDocs' 0.1 s build delay). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from run import copy_project  # noqa: E402

TIMES: dict[str, float] = defaultdict(float)
"""Seconds per stage during the current build."""


TOTAL = "total (one rebuild)"
REST = "mkdocs: the rest (Page objects, loops; untimed)"
WATCHER = "watcher: one poll of the watched folders"
TOP_LEVEL = (
    "mkdocs: load mkdocs.yml and plugins",
    "event config",
    "event pre_build",
    "mkdocs: walk docs/ (get_files)",
    "mkdocs: theme files",
    "event files",
    "mkdocs: navigation",
    "event nav",
    "mkdocs: read pages (skipped or not)",
    "event env",
    "mkdocs: copy static files",
    "mkdocs: sitemap.xml, 404.html",
    "mkdocs: write pages (skipped or not)",
    "mkdocs: validate anchors",
    "event post_build",
)
"""The stages that do not overlap: together with the rest, they make up a rebuild (the hooks' steps run inside events)."""


CPU: dict[str, float] = defaultdict(float)
"""CPU seconds per stage (the build runs in one thread): on a loaded machine, wall time says little."""


def timed(stage: str, function):
    def wrapper(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[stage] += time.perf_counter() - start
            CPU[stage] += time.process_time() - cpu

    wrapper.__wrapped__ = function  # type: ignore[attr-defined]
    return wrapper


def wrap(owner, name: str, stage: str) -> None:
    setattr(owner, name, timed(stage, getattr(owner, name)))


def instrument_mkdocs() -> None:
    """MkDocs' own per-build steps, and every plugin event by name (hooks and search together)."""
    from mkdocs.commands import build
    from mkdocs.config import load_config as _  # noqa: F401  (imported before wrapping)
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    wrap(build, "get_files", "mkdocs: walk docs/ (get_files)")
    wrap(Files, "add_files_from_theme", "mkdocs: theme files")
    wrap(build, "get_navigation", "mkdocs: navigation")
    wrap(build, "_populate_page", "mkdocs: read pages (skipped or not)")
    wrap(Files, "copy_static_files", "mkdocs: copy static files")
    wrap(build, "_build_theme_template", "mkdocs: sitemap.xml, 404.html")
    wrap(build, "_build_page", "mkdocs: write pages (skipped or not)")
    wrap(Page, "validate_anchor_links", "mkdocs: validate anchors")
    original = PluginCollection.run_event

    def run_event(self, name, item=None, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return original(self, name, item, **kwargs)
        finally:
            TIMES[f"event {name}"] += time.perf_counter() - start
            CPU[f"event {name}"] += time.process_time() - cpu

    PluginCollection.run_event = run_event  # type: ignore[method-assign]


def instrument_hooks() -> None:
    """The hooks' steps inside their events (imported from hooks/, as MkDocs does)."""
    from newsbrief import checks, incremental, mkdocs_adapter, prerender

    wrap(checks, "load_content", "hooks: load content/ (parse changed files)")
    wrap(checks, "check", "hooks: checks (all records)")
    wrap(mkdocs_adapter, "_expand_docs_pages", "hooks: hand-written pages")
    wrap(mkdocs_adapter, "_add_generated_pages", "hooks: add generated pages")
    wrap(incremental, "record_prints", "hooks: record fingerprints")
    wrap(prerender.Prerender, "do_now", "hooks: render changed bodies")
    wrap(mkdocs_adapter, "_skip_unchanged_pages", "hooks: page fingerprints")
    wrap(mkdocs_adapter, "_merge_search_index", "hooks: merge search index")
    wrap(mkdocs_adapter, "write_downloads", "hooks: downloads (made and written)")


def edit_description(path: Path, marker: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("description:"))
    lines[index] = f"description: Edited {marker}.\n"
    path.write_text("".join(lines), encoding="utf-8")


def watcher_poll_seconds(project: Path) -> float:
    """One poll of what `mkdocs serve` watches here (docs/, mkdocs.yml, content/, hooks/)."""
    from watchdog.utils.dirsnapshot import DirectorySnapshot

    start = time.perf_counter()
    for folder in ("docs", "content", "hooks"):
        DirectorySnapshot(str(project / folder), recursive=True)
    return time.perf_counter() - start


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


SERVE_URL = "http://127.0.0.1:8000/"


@dataclass
class EditedProject:
    """A copy of the project with N generated records, and the company whose description is edited."""

    project: Path
    site_dir: Path
    company_id: str
    yaml_file: Path

    def config(self):
        """mkdocs.yml loaded as `mkdocs serve` loads it again before each rebuild."""
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config


def edited_project(base: Path, n: int, seed: int) -> EditedProject:
    project = copy_project(base / "project")
    shutil.rmtree(project / "content", ignore_errors=True)
    records = generate.generate_content(n, project / "content", seed, project / "docs")
    company = next(r for r in records.values() if r.kind == "company")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    logging.basicConfig(level=logging.WARNING)
    return EditedProject(project, base / "site", company.id, project / "content" / company.folder / f"{company.id}.yaml")


def run(n: int, edits: int, seed: int, profile: bool = False) -> None:
    base = Path(tempfile.mkdtemp(prefix=f"newsbrief-breakdown-{n}-"))
    try:
        edited = edited_project(base, n, seed)
        project, yaml_file, serve_url, get_config = edited.project, edited.yaml_file, SERVE_URL, edited.config
        from mkdocs.commands.build import build

        config = get_config()
        config.plugins.on_startup(command="serve", dirty=True)
        instrument_mkdocs()
        start = time.perf_counter()
        build(config, serve_url=serve_url, dirty=True)
        print(f"first build: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
        instrument_hooks()  # after the first build: the hooks' package is imported by now
        rows: dict[str, list[float]] = defaultdict(list)
        for edit in range(edits):
            edit_description(yaml_file, f"edit-{edit}-{time.time_ns()}")
            TIMES.clear()
            CPU.clear()
            start, cpu = time.perf_counter(), cpu_seconds()
            profiler = cProfile.Profile() if profile else None
            if profiler is not None:
                profiler.enable()
            config = timed("mkdocs: load mkdocs.yml and plugins", get_config)()
            build(config, serve_url=serve_url, dirty=True)
            if profiler is not None:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
            TIMES[TOTAL], CPU[TOTAL] = time.perf_counter() - start, cpu_seconds() - cpu
            TIMES[REST] = TIMES[TOTAL] - sum(TIMES[s] for s in TOP_LEVEL)
            CPU[REST] = CPU[TOTAL] - sum(CPU[s] for s in TOP_LEVEL)
            poll_cpu = time.process_time()
            TIMES[WATCHER] = watcher_poll_seconds(project)
            CPU[WATCHER] = time.process_time() - poll_cpu
            for stage, seconds in TIMES.items():
                rows[stage].append((seconds, CPU[stage]))
            print(f"edit {edit + 1}/{edits}: {TIMES[TOTAL]:.2f} s, CPU {CPU[TOTAL]:.2f} s", file=sys.stderr, flush=True)
        print(f"| stage, N={n} (median of {edits} edits) | wall s | CPU s |\n|---|--:|--:|")
        for stage in sorted(rows, key=lambda s: (s == TOTAL, s)):
            wall, cpu_s = (statistics.median(column) for column in zip(*rows[stage]))
            if wall or cpu_s:
                print(f"| {stage} | {wall:.3f} | {cpu_s:.3f} |")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions of each edit's build")
    args = parser.parse_args(argv)
    run(args.n, args.edits, args.seed, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
