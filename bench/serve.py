"""How long an editor waits under `mkdocs serve`: from saving a one-line YAML edit to the rebuilt page.

    .venv/bin/python bench/serve.py --n 2000 --edits 3

A project with N generated records (``bench/generate.py``) is served by
``mkdocs serve --dirty`` (as ``make serve`` runs it; ``--full`` serves without
``--dirty``, rebuilding every page on each save) on a free local port. Once the first build is done, the script
changes one line of one company's YAML file (its description) and asks for that
company's page every 50 ms until the page shows the new text: the browser, told
by MkDocs's live reload when the rebuild is done, would show it at the same
moment. Each edit is timed; the median is reported as
``serve_edit_to_reload_s=<x> at N=<n>``. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (bench/generate.py, beside this file)
from run import copy_project  # noqa: E402

POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at ``url`` contains ``text``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")


def edit_description(path: Path, marker: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("description:"):
            lines[i] = f"description: Edited {marker}.\n"
            break
    else:
        raise SystemExit(f"{path}: no description line to edit")
    path.write_text("".join(lines), encoding="utf-8")


def measure(n: int, edits: int, seed: int, workdir: Path | None, options: list[str]) -> list[float]:
    base = Path(tempfile.mkdtemp(prefix=f"newsbrief-serve-{n}-", dir=workdir))
    try:
        project = copy_project(base / "project")
        shutil.rmtree(project / "content", ignore_errors=True)
        records = generate.generate_content(n, project / "content", seed, project / "docs")
        company = next(r for r in records.values() if r.kind == "company")
        yaml_file = project / "content" / company.folder / f"{company.id}.yaml"
        port = free_port()
        url = f"http://127.0.0.1:{port}/{company.folder}/{company.id}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        with open(base / "serve.log", "w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", *options, "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
            try:
                first = wait_for(url, company.data["name"], timeout=600)
                print(f"  N={n}: first build served after {first:.1f} s", file=sys.stderr, flush=True)
                times = []
                for edit in range(edits):
                    marker = f"edit-{edit}-{time.time_ns()}"
                    time.sleep(1.0)  # a distinct modification time, and a server at rest
                    edit_description(yaml_file, marker)
                    times.append(wait_for(url, marker, timeout=600))
                    print(f"  N={n}: edit {edit + 1}/{edits} shown after {times[-1]:.2f} s", file=sys.stderr, flush=True)
                return times
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of records (default: 2000)")
    parser.add_argument("--edits", type=int, default=3, help="edits to time (default: 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--full", action="store_true", help="plain `mkdocs serve`: every page rebuilt on each save")
    args = parser.parse_args(argv)
    times = measure(args.n, args.edits, args.seed, args.workdir, [] if args.full else ["--dirty"])
    mode = "full" if args.full else "dirty"
    print(f"serve_edit_to_reload_s={statistics.median(times):.2f} at N={args.n} ({mode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
