"""Prototype (issue 17): one page rendered on demand from the in-memory model, timed stage by stage.

    .venv/bin/python bench/preview.py --n 2000 10000 --edits 3

After a save, `mkdocs serve --dirty` rebuilds the whole site (bench/breakdown.py: every file
listed, every record checked, MkDocs' files, navigation and search index, the downloads). A
preview in the manner of Hugo's fast render mode would instead update the model from the saved
file and render only the page the browser asks for. This script measures each stage of that with
the project's own code, on generated content of N records, after one company's description is
edited:

- parse the saved file alone (the loader's per-file step; the watcher names the file);
- the checks, today whole-site (`checks.check` on the loaded records): what per-record checks
  would make proportional;
- the renderer's whole-site indexes (backlinks, relations, chartable figures), built again;
- the page's body (`Renderer.record_page`);
- the page in the theme: Material's template with MkDocs' context for that page (the navigation
  from the first build, which an edit to a record's text does not change).

It then rebuilds the site as `mkdocs serve --dirty` does and checks that the previewed page's
article is the built page's, so the prototype is measured doing the real work. Nothing asserts a
time: the numbers go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from breakdown import SERVE_URL, edit_description, edited_project  # noqa: E402

ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
STAGES = (
    "parse the saved file",
    "checks (whole site, today)",
    "renderer's whole-site indexes",
    "the page's body",
    "the page in the theme",
)
CLOCK = time.process_time
"""CPU seconds of this process: every stage runs in this one thread, so on a quiet machine it is the
wall time, and on a shared machine it is still what the stage costs (bench/breakdown.py reports both)."""
CAPTURED: dict[str, object] = {}
"""MkDocs' navigation, environment and files from the first build, kept as a preview server would."""


@contextlib.contextmanager
def capturing_build_page():
    """Keep what MkDocs hands its page writer during one build; MkDocs is left as it was after."""
    from mkdocs.commands import build

    original = build._build_page

    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        CAPTURED.update(nav=nav, env=env, files=doc_files)
        return original(page, config, doc_files, nav, env, dirty, excluded)

    build._build_page = _build_page
    try:
        yield
    finally:
        build._build_page = original


class Preview:
    """The model and MkDocs' structures in memory; a page rendered when asked for."""

    def __init__(self, project: Path, config) -> None:
        from newsbrief.checks import check
        from newsbrief.loader import FileCache, load_content
        from newsbrief.render import Renderer

        self.project, self.config = project, config
        self.cache = FileCache()
        self.loaded = load_content(project / "content", project, self.cache)
        self.site = check(self.loaded)
        self.renderer = Renderer(self.site)

    def saved(self, path: Path, kind: str, times: dict[str, float]) -> None:
        """What a save costs before any page is asked for."""
        from newsbrief.checks import check
        from newsbrief.loader import Loaded, _load_file
        from newsbrief.render import Renderer

        shown = path.relative_to(self.project).as_posix()
        start = CLOCK()
        fresh = Loaded()
        _load_file(path, kind, shown, fresh, self.cache, self.project / "content")
        self.loaded.entries = [e for e in self.loaded.entries if e.file != shown] + fresh.entries
        times[STAGES[0]] = CLOCK() - start
        start = CLOCK()
        self.site = check(self.loaded)
        times[STAGES[1]] = CLOCK() - start
        start = CLOCK()
        self.renderer = Renderer(self.site)
        times[STAGES[2]] = CLOCK() - start

    def page(self, record_id: str, times: dict[str, float]) -> str:
        """The record's page as the browser would get it."""
        from mkdocs.commands.build import get_context
        from mkdocs.structure.toc import get_toc

        from newsbrief.mkdocs_adapter import banner_slot
        from newsbrief.render import page_uri

        start = CLOCK()
        entry = self.site.entries[record_id]
        body = self.renderer.record_page(entry)
        times[STAGES[3]] = CLOCK() - start
        start = CLOCK()
        files = CAPTURED["files"]
        page = next(f.page for f in files if f.src_uri == page_uri(entry.kind, entry.id))
        # As the hooks do after search has indexed it: the page opens with the problems banner's slot.
        page.content, page.toc = banner_slot(self.site.problems, "../" * page.file.url.count("/")) + body.html, get_toc(body.toc)
        context = get_context(CAPTURED["nav"], files, self.config, page)
        html = CAPTURED["env"].get_template(page.meta.get("template", "main.html")).render(context)
        times[STAGES[4]] = CLOCK() - start
        return html


def run(n: int, edits: int, seed: int) -> tuple[dict[str, list[float]], list[tuple[bool, bool]]]:
    """CPU seconds per stage for each edit, and for each edit whether the previewed page's article is
    the built one and shows the edit."""
    base = Path(tempfile.mkdtemp(prefix=f"newsbrief-preview-{n}-"))
    try:
        edited = edited_project(base, n, seed)
        project, yaml_file, site_dir, serve_url, get_config = edited.project, edited.yaml_file, edited.site_dir, SERVE_URL, edited.config
        from mkdocs.commands.build import build

        config = get_config()
        config.plugins.on_startup(command="serve", dirty=True)
        with capturing_build_page():
            build(config, serve_url=serve_url, dirty=True)
        preview = Preview(project, config)
        rows: dict[str, list[float]] = defaultdict(list)
        agreements = []
        for edit in range(edits):
            marker = f"edit-{edit}-{time.time_ns()}"
            edit_description(yaml_file, marker)
            times: dict[str, float] = {}
            preview.saved(yaml_file, "company", times)
            html = preview.page(edited.company_id, times)
            for stage in STAGES:
                rows[stage].append(times[stage])
            rows["save to page, today's checks"].append(sum(times.values()))
            rows["save to page, checks left out"].append(sum(times.values()) - times[STAGES[1]])
            start = CLOCK()
            build(get_config(), serve_url=serve_url, dirty=True)
            rows["mkdocs serve --dirty rebuild (same process)"].append(CLOCK() - start)
            built = (site_dir / "companies" / edited.company_id / "index.html").read_text(encoding="utf-8")
            same = ARTICLE.search(html).group(1) == ARTICLE.search(built).group(1)
            agreements.append((same, marker in html))
            print(
                f"N={n} edit {edit + 1}: the previewed article {'is' if same else 'IS NOT'} the built one; shows the edit: {marker in html}",
                file=sys.stderr,
                flush=True,
            )
        return rows, agreements
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2000])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    results = {n: run(n, args.edits, args.seed)[0] for n in args.n}
    print(f"| stage (median of {args.edits} edits, CPU s) | " + " | ".join(f"N={n}" for n in args.n) + " |")
    print("|---|" + "--:|" * len(args.n))
    for stage in results[args.n[0]]:
        print(f"| {stage} | " + " | ".join(f"{statistics.median(results[n][stage]):.3f}" for n in args.n) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
