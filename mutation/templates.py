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
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutation" / "work" / "templates"
REPORT = ROOT / "mutation" / "report"
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

    def __str__(self) -> str:
        return f"{self.template}:{self.line} {self.kind}: {self.before.strip()} → {self.after.strip() or '(removed)'}"


def mutants_of(path: Path) -> list[Mutant]:
    """Every single-line mutant of one template."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), start=1):
        for match in PLAIN_OUTPUT.finditer(line):
            after = line[: match.start()] + "{{ " + match.group(1) + "|safe }}" + line[match.end() :]
            found.append(Mutant(path.name, number, "safe", line, after))
        if DROPPABLE.search(line):
            found.append(Mutant(path.name, number, "drop", line, ""))
        for match in ESCAPE_FILTER.finditer(line):
            found.append(Mutant(path.name, number, "noescape", line, line[: match.start()] + line[match.end() :]))
    return found


def scratch_copy() -> Path:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    for part in COPIED:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, WORK / part, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        else:
            shutil.copyfile(source, WORK / part)
    return WORK


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
    parser.add_argument("--quick", action="store_true", help="only the in-process tests (seconds a mutant, no site built)")
    parser.add_argument("--survivors", action="store_true", help="only the mutants the last report lists as survivors (after new tests)")
    args = parser.parse_args()
    where = scratch_copy()
    tests = [t for t in TESTS if (ROOT / t.split("::")[0]).exists() and not (args.quick and t not in IN_PROCESS)]
    templates = sorted((where / "hooks" / "newsbrief" / "templates").glob("*.j2"))
    mutants = [m for t in templates if not args.templates or t.name in args.templates for m in mutants_of(t) if m.kind in args.kinds]
    if args.survivors:
        # By template, kind and line text, not line number: a template edited since still matches.
        without_line = lambda text: re.sub(r"^(\S+?):\d+ ", r"\1 ", text)  # noqa: E731
        last = {without_line(line[2:]) for line in (REPORT / "templates.md").read_text(encoding="utf-8").splitlines() if line.startswith("- ")}
        mutants = [m for m in mutants if without_line(str(m)) in last]
    if args.limit:
        mutants = mutants[: args.limit]
    REPORT.mkdir(parents=True, exist_ok=True)
    survivors, started = [], time.monotonic()
    for number, mutant in enumerate(mutants, start=1):
        dead = killed(where, mutant, tests, args.timeout)
        print(f"[{number}/{len(mutants)}] {'killed  ' if dead else 'SURVIVED'} {mutant}", flush=True)
        if not dead:
            survivors.append(mutant)
    dead_count = len(mutants) - len(survivors)
    summary = f"templates{' (in-process tests only)' if args.quick else ''}: {dead_count}/{len(mutants)} killed ({100 * dead_count / max(len(mutants), 1):.1f}%) in {time.monotonic() - started:.0f} s"
    report = "# Template mutants\n\n" + summary + "\n\nSurvivors:\n\n" + "".join(f"- {m}\n" for m in survivors)
    (REPORT / "templates.md").write_text(report, encoding="utf-8")
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
