"""How long an editor waits under `mkdocs serve`: from saving a one-line YAML edit to the rebuilt page.

    .venv/bin/python bench/serve.py --n 2000 --edits 3
    .venv/bin/python bench/serve.py --n 1000 2000 5000 10000 --edits 3 --kinds one-line rename add-delete mistake-fix

A project with N generated records (``bench/generate.py``) is served by
``mkdocs serve --dirty`` (as ``make serve`` runs it; ``--full`` serves without
``--dirty``, rebuilding every page on each save; ``--preview`` serves it with `make preview`'s
server, which renders each page when it is asked for) on a free local port. Once the first build is done, the script
changes one line of one company's YAML file (its description) and asks for that
company's page every 50 ms until the page shows the new text: the browser, told
by MkDocs's live reload when the rebuild is done, would show it at the same
moment. Each edit is timed; the median is reported as
``serve_edit_to_reload_s=<x> at N=<n> edit=<kind>``, for each kind of edit
``--kinds`` names (see ``KINDS``), with the server's CPU time per edit and its
memory after the first build and after the last edit. Nothing here asserts a time.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (bench/generate.py, beside this file)
from run import copy_project  # noqa: E402

POLL_SECONDS = 0.05
KINDS = ("one-line", "rename", "add-delete", "mistake-fix")
"""The edits timed: a description; the name of the company most records mention (every page that links it);
a new company, then its deletion; a broken reference (it shows on the problems page), then its fix."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """(HTTP status, body); (0, '') while the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def shows(text: str) -> Callable[[int, str], bool]:
    return lambda status, body: status == 200 and text in body


def lacks(text: str) -> Callable[[int, str], bool]:
    return lambda status, body: status in (200, 404) and text not in body


def is_gone(status: int, body: str) -> bool:
    return status == 404


def wait_until(url: str, done: Callable[[int, str], bool], timeout: float, what: str = "") -> float:
    """Seconds until the page at ``url`` answers as ``done`` says."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if done(*fetch(url)):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"{url} did not show {what or 'the edit'} within {timeout:.0f} s")


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at ``url`` contains ``text``."""
    return wait_until(url, shows(text), timeout, repr(text))


def replace_line(path: Path, starts: str, line: str) -> str:
    """Replace the first line that starts with ``starts``; return the line it replaced."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, old in enumerate(lines):
        if old.startswith(starts):
            lines[i] = line
            path.write_text("".join(lines), encoding="utf-8")
            return old
    raise SystemExit(f"{path}: no line starting {starts!r} to edit")


def edit_description(path: Path, marker: str) -> None:
    replace_line(path, "description:", f"description: Edited {marker}.\n")


@dataclass
class Step:
    """One save, and how the page that shows it answers once it does."""

    edit: Callable[[], object]
    url: str
    done: Callable[[int, str], bool]


def mentions(records: dict, record_id: str) -> list:
    """The records that refer to ``record_id`` (their pages show its name)."""

    def refers(value) -> bool:
        if isinstance(value, dict):
            return any(refers(v) for v in value.values())
        if isinstance(value, list):
            return any(refers(v) for v in value)
        return value == record_id

    return [r for r in records.values() if r.id != record_id and refers(r.data)]


def add_mentions(project: Path, records: dict, count: int) -> str:
    """Make the most-mentioned company mentioned by at least ``count`` records (the issue's rename of a company
    500 records mention): statements that do not yet name it get it in their `about`. Returns its id."""
    companies = [r for r in records.values() if r.kind == "company"]
    renamed = max(companies, key=lambda c: (len(mentions(records, c.id)), c.id))
    missing = count - len(mentions(records, renamed.id))
    statements = [r for r in records.values() if r.kind == "statement" and r not in mentions(records, renamed.id)]
    if missing > len(statements):
        raise SystemExit(f"only {len(statements)} statements can mention {renamed.id}: use more records for --mentions {count}")
    for record in sorted(statements, key=lambda r: r.id)[: max(missing, 0)]:
        record.data["about"] = [*(record.data.get("about") or []), renamed.id]
        (project / "content" / record.folder / f"{record.id}.yaml").write_text(generate.to_yaml(record.data), encoding="utf-8")
    return renamed.id


def edit_kinds(project: Path, records: dict, base: str) -> dict[str, Callable[[str], list[tuple[str, Step]]]]:
    """Each kind of edit an editor makes → the timed steps of one such edit (a mistake is timed, then its fix)."""
    content = project / "content"

    def page(record) -> str:
        return f"{base}/{record.folder}/{record.id}/"

    def file(record) -> Path:
        return content / record.folder / f"{record.id}.yaml"

    companies = [r for r in records.values() if r.kind == "company"]
    edited = companies[0]
    # The company most records mention: renaming it changes every page that links to it.
    renamed = max(companies, key=lambda c: (len(mentions(records, c.id)), c.id))
    last_mention = max(mentions(records, renamed.id), key=lambda r: r.id)  # the last of them MkDocs writes
    statement = next(r for r in records.values() if r.kind == "statement")

    def one_line(marker: str) -> list[tuple[str, Step]]:
        return [("one-line", Step(lambda: edit_description(file(edited), marker), page(edited), shows(marker)))]

    def rename(marker: str) -> list[tuple[str, Step]]:
        return [("rename", Step(lambda: replace_line(file(renamed), "name:", f"name: Renamed {marker}\n"), page(last_mention), shows(marker)))]

    def add_then_delete(marker: str) -> list[tuple[str, Step]]:
        new = content / "companies" / f"{marker}.yaml"
        url = f"{base}/companies/{marker}/"
        text = f"name: New {marker}\ndescription: A company added while serving.\ncountry: CN\n"
        return [
            ("add", Step(lambda: new.write_text(text, encoding="utf-8"), url, shows(f"New {marker}"))),
            ("delete", Step(new.unlink, url, is_gone)),
        ]

    def mistake_then_fix(marker: str) -> list[tuple[str, Step]]:
        original: list[str] = []
        problems = f"{base}/problems/"
        return [
            ("mistake", Step(lambda: original.append(replace_line(file(statement), "speaker:", f"speaker: {marker}\n")), problems, shows(marker))),
            ("fix", Step(lambda: replace_line(file(statement), "speaker:", original[0]), problems, lacks(marker))),
        ]

    print(f"  rename: {renamed.id}, mentioned by {len(mentions(records, renamed.id))} records", file=sys.stderr, flush=True)
    return {"one-line": one_line, "rename": rename, "add-delete": add_then_delete, "mistake-fix": mistake_then_fix}


def server_usage(pid: int) -> tuple[float, float]:
    """(CPU seconds, resident MB) of the server process so far (Linux /proc; zeros elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        return cpu, rss
    except (OSError, IndexError, ValueError):
        return 0.0, 0.0


def server_command(project: Path, port: int, options: list[str]) -> list[str]:
    """`mkdocs serve` with ``options``, or with ``--preview`` the preview server (make preview)."""
    if "--preview" in options:
        return [sys.executable, "-m", "newsbrief.preview", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    return [sys.executable, "-m", "mkdocs", "serve", *options, "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]


def measure(
    n: int,
    edits: int,
    seed: int,
    workdir: Path | None,
    options: list[str],
    kinds: list[str] | None = None,
    with_mentions: int = 0,
    rest: float = 1.0,
) -> dict[str, list[float]]:
    """Seconds from each save to the page showing it, by edit kind (``kinds``; default: the one-line edit)."""
    base = Path(tempfile.mkdtemp(prefix=f"newsbrief-serve-{n}-", dir=workdir))
    try:
        project = copy_project(base / "project")
        shutil.rmtree(project / "content", ignore_errors=True)
        records = generate.generate_content(n, project / "content", seed, project / "docs")
        company = next(r for r in records.values() if r.kind == "company")
        if with_mentions:
            add_mentions(project, records, with_mentions)
        port = free_port()
        root = f"http://127.0.0.1:{port}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}
        with open(base / "serve.log", "w") as log:
            server = subprocess.Popen(
                server_command(project, port, options),
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
            try:
                first = wait_for(f"{root}/{company.folder}/{company.id}/", company.data["name"], timeout=1800)
                cpu, first_rss = server_usage(server.pid)
                print(f"  N={n}: first build served after {first:.1f} s (server CPU {cpu:.1f} s, {first_rss:.0f} MB)", file=sys.stderr, flush=True)
                makers = edit_kinds(project, records, root)
                times: dict[str, list[float]] = {}
                for kind in kinds or ["one-line"]:
                    for edit in range(edits):
                        for name, step in makers[kind](f"bench-edit-{edit}-{time.time_ns()}"):
                            time.sleep(rest)  # a distinct modification time, and a server at rest
                            cpu_before = server_usage(server.pid)[0]
                            step.edit()
                            times.setdefault(name, []).append(wait_until(step.url, step.done, timeout=600, what=name))
                            cpu = server_usage(server.pid)[0] - cpu_before
                            print(
                                f"  N={n}: {name} {edit + 1}/{edits} shown after {times[name][-1]:.2f} s (server CPU {cpu:.2f} s)", file=sys.stderr, flush=True
                            )
                _, rss = server_usage(server.pid)
                print(f"serve_rss_mb={rss:.0f} after {sum(map(len, times.values()))} edits, {first_rss:.0f} after the first build, at N={n}")
                return times
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2000], help="numbers of records (default: 2000)")
    parser.add_argument("--edits", type=int, default=3, help="edits to time (default: 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None)
    servers = parser.add_mutually_exclusive_group()
    servers.add_argument("--full", action="store_true", help="plain `mkdocs serve`: every page rebuilt on each save")
    servers.add_argument("--preview", action="store_true", help="`make preview`: each page rendered when asked for")
    parser.add_argument("--mentions", type=int, default=0, help="make the renamed company mentioned by this many records (the issue: 500)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=["one-line"], help=f"edits to time (default: one-line; all: {' '.join(KINDS)})")
    args = parser.parse_args(argv)
    mode = "full" if args.full else "preview" if args.preview else "dirty"
    options = {"full": [], "dirty": ["--dirty"], "preview": ["--preview"]}[mode]
    for n in args.n:
        times = measure(n, args.edits, args.seed, args.workdir, options, args.kinds, args.mentions)
        for kind, seconds in times.items():
            print(f"serve_edit_to_reload_s={statistics.median(seconds):.2f} at N={n} edit={kind} ({mode}, median of {len(seconds)})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
