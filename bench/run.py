"""Build time of the project against plain MkDocs for the same pages, at several sizes.

    .venv/bin/python bench/run.py --sizes 500 2000 --runs 3

For each size N: a synthetic content tree of N records (``bench/generate.py``) goes
into a temporary copy of the project (``mkdocs.yml``, ``docs/`` and ``hooks/`` from
this repository, ``content/`` generated). The plain MkDocs project gets *the same
pages*: every page the project generates, written back as hand-written Markdown
(``bench/plain_pages.py``; a test checks that both sites show the same text), with
the same theme, plugins and extensions and no hooks. The two are then built in
turn with ``mkdocs build --strict``, each build in a fresh process, ``--runs``
times each. For every build: the wall time, and from ``os.wait4`` the peak RSS
and the CPU time (both include the project's render worker, which the build
process waits for); for the last build: pages (index.html files) and the size of
the site. Loading the content and the checks alone are timed ``--runs`` times
too, in this process. Every figure reported is a median. The last line reads
``ratio_vs_plain_mkdocs=<x> at N=<n>`` for the largest N: project build time over
plain build time. ``--one-process`` also builds the project without its render
worker (``NEWSBRIEF_WORKER=0``).

Nothing here asserts a time: the numbers depend on the machine and on whatever
else runs on it (the load average is printed before and after).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (bench/generate.py, beside this file)

ROOT = generate.ROOT
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks")


@dataclass
class Build:
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float


@dataclass
class Variant:
    name: str
    config: Path
    env: dict[str, str] = field(default_factory=dict)
    builds: list[Build] = field(default_factory=list)
    pages: int = 0
    site_mb: float = 0.0

    @property
    def median_s(self) -> float:
        return statistics.median(b.seconds for b in self.builds)

    @property
    def peak_rss_mb(self) -> float:
        return statistics.median(b.peak_rss_mb for b in self.builds)

    @property
    def cpu_s(self) -> float:
        return statistics.median(b.cpu_seconds for b in self.builds)

    @property
    def ms_per_page(self) -> float:
        return self.median_s * 1000 / self.pages if self.pages else float("nan")


def copy_project(target: Path) -> Path:
    """The project with its content/ replaced by N generated records; returns the project folder."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, target / part)
    return target


def mkdocs_build(config: Path, site_dir: Path, log_dir: Path, label: str, extra_env: dict[str, str] | None = None) -> Build:
    """One strict build in a fresh process: wall time, peak RSS and CPU time."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    out_path, err_path = log_dir / f"{label}.out", log_dir / f"{label}.err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)  # ru_maxrss is in KiB on Linux
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        tail = err_path.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(f"{label}: mkdocs build --strict failed (exit {child.returncode}):\n" + "\n".join(tail))
    # With the render worker, both figures cover it too: rusage counts the children a process has waited for.
    return Build(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def site_stats(site_dir: Path) -> tuple[int, float]:
    """(pages built = index.html files, size of the site in MB)."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.name == "index.html")
    return pages, sum(p.stat().st_size for p in files) / 1e6


def time_checks(content_dir: Path, runs: int) -> tuple[float, float]:
    """Median seconds, in this process, of loading the content tree (read, parse, validate) and of the checks alone."""
    checks = generate._newsbrief()
    from newsbrief import loader

    load_times, check_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        loaded = loader.load_content(content_dir, content_dir.parent)
        load_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        site = checks.check(loaded)
        check_times.append(time.perf_counter() - start)
        if site.problems:
            raise SystemExit("the generated content has problems:\n" + "\n".join(map(str, site.problems[:20])))
    return statistics.median(load_times), statistics.median(check_times)


def bench_size(n: int, runs: int, seed: int, workdir: Path, keep: bool, one_process: bool = False) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"newsbrief-bench-{n}-", dir=workdir))
    try:
        project = copy_project(base / "project")
        records = generate.generate_records(n, seed, project / "docs")
        generate.write_content(records, project / "content")
        plain = generate.write_plain(project / "content", base / "plain", project)
        load_s, checks_s = time_checks(project / "content", runs)
        variants = [Variant("project", project / "mkdocs.yml"), Variant("plain", plain / "mkdocs.yml")]
        if one_process:  # the project without its render worker: what one core does
            variants.append(Variant("1-proc", project / "mkdocs.yml", {"NEWSBRIEF_WORKER": "0"}))
        logs = base / "logs"
        logs.mkdir()
        for run in range(runs):
            # Alternate, and swap who goes first each round, so drift hits both alike.
            for variant in variants if run % 2 == 0 else variants[::-1]:
                site_dir = base / f"site-{variant.name}-{run}"
                build = mkdocs_build(variant.config, site_dir, logs, f"{variant.name}-{run}", variant.env)
                variant.builds.append(build)
                if run == runs - 1:
                    variant.pages, variant.site_mb = site_stats(site_dir)
                if not keep:
                    shutil.rmtree(site_dir)
                print(f"  N={n} run {run + 1}/{runs} {variant.name:7} {build.seconds:7.2f} s  {build.peak_rss_mb:6.0f} MB", file=sys.stderr, flush=True)
        return {"n": n, "project": variants[0], "plain": variants[1], "one_process": variants[2:], "load_s": load_s, "checks_s": checks_s, "dir": base}
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)


COLUMNS = [
    ("N", "{n}"),
    ("project s", "{project.median_s:.2f}"),
    ("plain s", "{plain.median_s:.2f}"),
    ("ratio", "{ratio:.2f}"),
    ("project CPU s", "{project.cpu_s:.2f}"),
    ("plain CPU s", "{plain.cpu_s:.2f}"),
    ("project ms/page", "{project.ms_per_page:.1f}"),
    ("plain ms/page", "{plain.ms_per_page:.1f}"),
    ("project RSS MB", "{project.peak_rss_mb:.0f}"),
    ("plain RSS MB", "{plain.peak_rss_mb:.0f}"),
    ("load s", "{load_s:.2f}"),
    ("checks s", "{checks_s:.2f}"),
    ("project site MB", "{project.site_mb:.1f}"),
    ("plain site MB", "{plain.site_mb:.1f}"),
    ("pages project/plain", "{project.pages}/{plain.pages}"),
]


def table(rows: list[dict]) -> str:
    cells = [[title for title, _ in COLUMNS]]
    for row in rows:
        cells.append([fmt.format(**row) for _, fmt in COLUMNS])
    widths = [max(len(r[i]) for r in cells) for i in range(len(COLUMNS))]
    lines = ["| " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000], help="numbers of records (default: 500 2000)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each project per size, and timings of the checks (default: 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="where the temporary projects go (default: the system temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites (their folder is printed)")
    parser.add_argument("--one-process", action="store_true", help="also build the project without its render worker")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (other work on the machine slows the builds down)",
        file=sys.stderr,
        flush=True,
    )
    rows = []
    for n in args.sizes:
        row = bench_size(n, args.runs, args.seed, args.workdir, args.keep, args.one_process)
        row["ratio"] = row["project"].median_s / row["plain"].median_s
        rows.append(row)
        if args.keep:
            print(f"  kept {row['dir']}", file=sys.stderr)
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print(f"Medians of {args.runs} runs; mkdocs build --strict, a fresh process each; seed {args.seed}.")
    print(table(rows))
    for row in rows:
        for single in row["one_process"]:
            print(
                f"N={row['n']}: the project in one process (NEWSBRIEF_WORKER=0): {single.median_s:.2f} s, "
                f"ratio {single.median_s / row['plain'].median_s:.2f}, CPU {single.cpu_s:.2f} s"
            )
    largest = max(rows, key=lambda r: r["n"])
    print(f"ratio_vs_plain_mkdocs={largest['ratio']:.2f} at N={largest['n']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
