"""Template mutations: plant one bug at a time in hooks/newsbrief/templates/*.j2 and run the tests.

Templates are not Python, so mutmut cannot mutate them. Three kinds of bug are planted, each alone:

- ``safe``: ``|safe`` added to an output of a plain field (``{{ r.quote_note }}``), the way a
  user-written text would reach the page unescaped (the templates are autoescaped, so there is
  no ``|e`` to remove; ``|safe`` is the one way to turn escaping off);
- ``drop``: a line that calls a section macro or cites sources (``{{ m.sources_section(entry) }}``,
  ``{{ h.cite(...) }}``) removed, the way a page kind can lose its backlinks or citations;
- ``noescape``: ``|e``/``|escape`` removed where a template uses one.

Each mutant is made in a scratch copy (mutation/work/templates/) and the tests that read the
pages are run against it; a mutant survives when they all pass. Prints and writes
mutation/report/templates.md.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutation" / "work" / "templates"
REPORT = ROOT / "mutation" / "report"
EQUIVALENT = ROOT / "mutation" / "equivalent-templates.yaml"
COPIED = ("hooks", "tests", "content", "docs", "schemas", "bench", "mkdocs.yml", "pyproject.toml")
TESTS = [
    # First the in-process renders (seconds): planted text in every field of every kind, backlinks,
    # citations, figures, exports; a mutant they kill never waits for a build.
    "tests/test_mutation_render.py",
    "tests/test_mutation_export.py",
]
IN_PROCESS = list(TESTS)
TESTS += [
    # The planted-text build (every text field of every kind holds markup) and the real site's pages.
    "tests/test_hostile.py::test_no_planted_script_survives_as_markup",
    "tests/test_hostile.py::test_planted_text_is_shown_as_text",
    "tests/test_hostile.py::test_feeds_and_json_ld_carry_planted_text_inertly",
    "tests/test_hostile.py::test_no_inline_script_holds_text_the_html_parser_acts_on",
    "tests/test_site.py",
    "tests/test_extras.py",
]

PLAIN_OUTPUT = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")
"""``{{ r.field }}``: a value written as it is, escaped only by autoescape."""
DROPPABLE = re.compile(r"\{\{\s*(m\.\w+_section\(|m\.entity_sections\(|m\.events_section\(|h\.cite\()")
ESCAPE_FILTER = re.compile(r"\|\s*(e|escape)\b")


@dataclass(frozen=True)
class Mutant:
    template: str
    line: int
    kind: str
    before: str
    after: str
    target: str
    """What the mutant changes: the output (``r.quote_note``) or the dropped line, stripped."""

    def __str__(self) -> str:
        return f"{self.template}:{self.line} {self.kind}: {self.before.strip()} → {self.after.strip() or '(removed)'}"


def mutants_of(path: Path) -> list[Mutant]:
    """Every single-line mutant of one template."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), start=1):
        for match in PLAIN_OUTPUT.finditer(line):
            after = line[: match.start()] + "{{ " + match.group(1) + "|safe }}" + line[match.end() :]
            found.append(Mutant(path.name, number, "safe", line, after, match.group(1)))
        if DROPPABLE.search(line):
            found.append(Mutant(path.name, number, "drop", line, "", line.strip()))
        for match in ESCAPE_FILTER.finditer(line):
            found.append(Mutant(path.name, number, "noescape", line, line[: match.start()] + line[match.end() :], line.strip()))
    return found


def scratch_copies(count: int) -> list[Path]:
    """One copy of the project per worker: a worker plants its mutant in its own templates."""
    shutil.rmtree(WORK, ignore_errors=True)
    copies = []
    for number in range(count):
        where = WORK / str(number)
        where.mkdir(parents=True)
        for part in COPIED:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, where / part, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
            else:
                shutil.copyfile(source, where / part)
        copies.append(where)
    return copies


def equivalent_mutants() -> dict[tuple[str, str, str], str]:
    """The mutants listed as equivalent (cannot change what a reader sees): (template, kind, target) → why."""
    listed = yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8"))
    return {(entry["template"], entry["kind"], entry["target"]): entry["why"] for entry in listed}


def killed(where: Path, mutant: Mutant, tests: list[str], timeout: int) -> bool:
    """Plant the mutant, run the tests (stopping at the first failure), put the template back."""
    path = where / "hooks" / "newsbrief" / "templates" / mutant.template
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    assert lines[mutant.line - 1] == mutant.before
    lines[mutant.line - 1] = mutant.after
    path.write_text("".join(lines), encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not browser", *tests],
            cwd=where,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return result.returncode != 0
    except subprocess.TimeoutExpired:
        return True
    finally:
        path.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="*", default=["safe", "drop", "noescape"])
    parser.add_argument("--templates", nargs="*", help="template file names (default: all)")
    parser.add_argument("--limit", type=int, default=0, help="try at most this many mutants (0: all)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per mutant")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 1, help="mutants tried at once (default: one per core)")
    parser.add_argument("--quick", action="store_true", help="only the in-process tests (seconds a mutant, no site built)")
    parser.add_argument("--survivors", action="store_true", help="only the mutants the last report lists as survivors (after new tests)")
    parser.add_argument("--all", action="store_true", help="also try the mutants listed as equivalent in mutation/equivalent-templates.yaml")
    args = parser.parse_args()
    tests = [t for t in TESTS if (ROOT / t.split("::")[0]).exists() and not (args.quick and t not in IN_PROCESS)]
    templates = sorted((ROOT / "hooks" / "newsbrief" / "templates").glob("*.j2"))
    mutants = [m for t in templates if not args.templates or t.name in args.templates for m in mutants_of(t) if m.kind in args.kinds]
    equivalent = equivalent_mutants()
    stale = sorted(set(equivalent) - {(m.template, m.kind, m.target) for m in mutants_of_every_template(templates)})
    if stale:
        print("mutation/equivalent-templates.yaml lists mutants no template has any more:", *stale, sep="\n  ")
        return 1
    skipped = [] if args.all else [m for m in mutants if (m.template, m.kind, m.target) in equivalent]
    mutants = [m for m in mutants if m not in skipped]
    if args.survivors:
        # By template, kind and line text, not line number: a template edited since still matches.
        without_line = lambda text: re.sub(r"^(\S+?):\d+ ", r"\1 ", text)  # noqa: E731
        last = {without_line(line[2:]) for line in (REPORT / "templates.md").read_text(encoding="utf-8").splitlines() if line.startswith("- ")}
        mutants = [m for m in mutants if without_line(str(m)) in last]
    if args.limit:
        mutants = mutants[: args.limit]
    REPORT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    survivors = try_all(mutants, tests, args.timeout, args.children)
    dead_count = len(mutants) - len(survivors)
    summary = (
        f"templates{' (in-process tests only)' if args.quick else ''}: {dead_count}/{len(mutants)} killed "
        f"({100 * dead_count / max(len(mutants), 1):.1f}%) in {time.monotonic() - started:.0f} s; "
        f"{len(skipped)} listed as equivalent, not tried"
    )
    report = (
        "# Template mutants\n\n"
        + summary
        + "\n\nSurvivors:\n\n"
        + "".join(f"- {m}\n" for m in survivors)
        + "\nEquivalent (mutation/equivalent-templates.yaml), not tried:\n\n"
        + "".join(f"- {m}: {equivalent[(m.template, m.kind, m.target)]}\n" for m in skipped)
    )
    (REPORT / "templates.md").write_text(report, encoding="utf-8")
    print(summary)
    return 0


def mutants_of_every_template(templates: list[Path]) -> list[Mutant]:
    return [m for t in templates for m in mutants_of(t)]


def try_all(mutants: list[Mutant], tests: list[str], timeout: int, children: int) -> list[Mutant]:
    """Each mutant in a free scratch copy, ``children`` at a time; returns the survivors, in order."""
    free: queue.Queue[Path] = queue.Queue()
    for where in scratch_copies(children):
        free.put(where)
    done = 0

    def attempt(mutant: Mutant) -> bool:
        nonlocal done
        where = free.get()
        try:
            dead = killed(where, mutant, tests, timeout)
        finally:
            free.put(where)
        done += 1
        print(f"[{done}/{len(mutants)}] {'killed  ' if dead else 'SURVIVED'} {mutant}", flush=True)
        return dead

    with ThreadPoolExecutor(max_workers=children) as pool:
        results = list(pool.map(attempt, mutants))
    return [m for m, dead in zip(mutants, results, strict=True) if not dead]


if __name__ == "__main__":
    sys.exit(main())
