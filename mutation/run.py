"""Mutation testing of hooks/newsbrief with mutmut: `make mutation` (or MODULES="derive reldates").

For each module a scratch copy of the project is made under mutation/work/<module>/, with a
[tool.mutmut] section naming that module and the test files that exercise it, so the shared
pyproject.toml carries no mutmut settings and modules can be run one at a time. mutmut runs the
selected tests once to learn which test calls which function, then runs, for each mutant, only
the tests that reach it. The killed-mutant score per module is printed and written to
mutation/report/ (scores.md, and the surviving mutants' diffs).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutation" / "work"
REPORT = ROOT / "mutation" / "report"

# The test files that exercise each module in-process. Browser tests are left out: they only
# reach the code through a built site, which mutmut cannot attribute to a function.
TESTS: dict[str, list[str]] = {
    "reldates": ["tests/test_dates.py"],
    "derive": ["tests/test_derive.py"],
    # checks has ~1,200 mutants and every test reaches check(): only the tests on the small valid tree
    # (test_content.py and test_mutation_holes.py load the real content again for each mutant, which
    # made the module take hours on the shared machine).
    # (test_dates.py and test_derive.py, once listed here, call reldates and derive directly and reach no
    # function of checks.)
    "checks": ["tests/test_mutation_checks.py", "tests/test_checks.py"],
    "yamlload": ["tests/test_yamlload.py", "tests/test_mutation_yamlload.py"],
    "types": ["tests/test_mutation_types.py", "tests/test_checks.py", "tests/test_dates.py", "tests/test_yamlload.py"],
    # loader and textcheck: the tests on the small valid tree (the real content, loaded again for each
    # mutant, took ~10 s a mutant on the shared machine).
    "loader": ["tests/test_mutation_loader.py", "tests/test_checks.py", "tests/test_yamlload.py"],
    "numbers": ["tests/test_numbers.py"],
    "textcheck": ["tests/test_mutation_textcheck.py", "tests/test_checks.py"],
    # In-process: the built-site tests reach export only through `mkdocs build` in a subprocess.
    "export": ["tests/test_mutation_export.py"],
    # The fast tests only: test_incremental.py's whole-site comparisons after generated edits take
    # minutes, and mutmut would run them for nearly every mutant.
    "incremental": [
        "tests/test_mutation_incremental.py",
        "tests/test_incremental.py::test_merging_the_search_index",
        "tests/test_incremental.py::test_a_page_is_changed_until_its_fingerprint_is_remembered",
        "tests/test_incremental.py::test_fingerprints_keep_their_parts_apart",
    ],
    # In-process renders of every page; the built-site tests reach render only through a subprocess.
    "render": ["tests/test_mutation_render.py"],
}

COPIED = ("hooks", "tests", "content", "docs", "schemas", "bench", "mkdocs.yml", "pyproject.toml", ".github", ".ci")


def scratch_copy(module: str) -> Path:
    """A fresh copy of the project whose pyproject.toml tells mutmut to mutate only ``module``."""
    target = WORK / module
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for part in COPIED:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        elif source.exists():
            shutil.copyfile(source, target / part)
    move_hooks_to_src(target)
    tests = [t for t in TESTS[module] if (ROOT / t.split("::")[0]).exists()]
    settings = {
        "source_paths": ["src/newsbrief"],
        "only_mutate": [f"src/newsbrief/{module}.py"],
        "also_copy": [p for p in COPIED if p not in ("tests", "pyproject.toml", "hooks")] + ["src/brief_hooks.py"],
        # Chromium is not driven; one worker keeps the shared machine usable.
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-m", "not browser", "-x", "-q"],
        "pytest_add_cli_args_test_selection": tests,
        # Mutants are forked from a server that has imported the tests but run none: forked from the
        # process that ran them, a mutant would inherit caches filled by the original code
        # (numbers._read_cached) and survive without ever running.
        "process_isolation": "forkserver",
        # mutmut stops a mutant after (its tests' recorded call time + timeout_constant) × timeout_multiplier
        # × 2 seconds of CPU: a mutant that never ends (a search that no longer advances, `decimals in (0, 6)`
        # → `and`) costs that much. mutmut's defaults made it 30 s + 30 × the tests' time; a module
        # fixture's set-up (a content tree planted, a site loaded) is not in the call time, hence the
        # constant. With 60 and 15, as before, one such mutant of checks ran 10 minutes of a 19-minute run.
        "timeout_constant": 10,
        "timeout_multiplier": 5,
        # A mutant mypy rejects is caught by `make lint` (part of `make test`) without running a test:
        # about 40 % of render's mutants (None for a str, a wrong argument…). mypy runs once over the
        # mutated file; mutmut maps each error to the mutant whose function holds its line. The
        # trampolines' own `type: ignore` comments would be "unused" errors outside any mutant.
        "type_check_command": ["mypy", f"src/newsbrief/{module}.py", "--output", "json", "--no-warn-unused-ignores", "--no-incremental"],
    }
    with open(target / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n[tool.mutmut]\n")
        for key, value in settings.items():
            f.write(f"{key} = {json.dumps(value)}\n")
    return target


def move_hooks_to_src(target: Path) -> None:
    """mutmut names a mutant by its file's path less a leading src/: in the copy, hooks/ becomes src/
    so that a mutant of src/newsbrief/x.py is the module newsbrief.x the tests import."""
    (target / "hooks").rename(target / "src")
    edits = [
        # the tests' import path, and mypy's (the type check of the mutants)
        ("pyproject.toml", 'pythonpath = ["hooks"]', 'pythonpath = ["src"]'),
        ("pyproject.toml", 'files = ["hooks/newsbrief"]\nmypy_path = "hooks"', 'files = ["src/newsbrief"]\nmypy_path = "src"'),
        # the hook and the watched folder (a build in a test fails when a watched path is missing)
        ("mkdocs.yml", "  - hooks/brief_hooks.py\n\nwatch:\n  - content\n  - hooks\n", "  - src/brief_hooks.py\n\nwatch:\n  - content\n  - src\n"),
        ("tests/conftest.py", 'PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "content")', 'PROJECT_PARTS = ("mkdocs.yml", "docs", "src", "content")'),
    ]
    for name, old, new in edits:
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer has {old!r}: update mutation/run.py"
        path.write_text(text.replace(old, new), encoding="utf-8")


def run_module(module: str, children: int, timeout: int) -> dict:
    """mutmut run in the module's scratch copy; returns its counts (killed, survived, …)."""
    same_statuses_as_mutmut()
    where = scratch_copy(module)
    # mutmut recognises the type checker by the word "mypy" in its command: the venv's comes first.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1", "NEWSBRIEF_WORKER": "0"}
    mutmut = [str(Path(sys.executable).parent / "mutmut")]
    started = time.monotonic()
    with open(REPORT / f"{module}.log", "w", encoding="utf-8") as log:
        try:
            exit_code = subprocess.run(
                [*mutmut, "run", "--max-children", str(children)], cwd=where, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=timeout
            ).returncode
        except subprocess.TimeoutExpired:
            log.write(f"\nstopped after {timeout} s\n")
            exit_code = 0  # stopped on purpose: the mutants not reached are counted as not run
    stats = counts(where / "mutants" / "src" / "newsbrief" / f"{module}.py.meta")
    stats["seconds"] = round(time.monotonic() - started)
    if exit_code:
        stats["failed"] = exit_code
    results = subprocess.run([*mutmut, "results"], cwd=where, env=env, capture_output=True, text=True).stdout
    survivors = [line.split(":")[0].strip() for line in results.splitlines() if line.strip().endswith(("survived", "no tests"))]
    (REPORT / f"{module}-survivors.txt").write_text(survivor_diffs(where, module, survivors), encoding="utf-8")
    stats["survivor_names"] = survivors
    return stats


def survivor_diffs(where: Path, module: str, names: list[str]) -> str:
    """The diff of each surviving mutant against the original function, read from mutmut's mutated copy.

    (`mutmut show` starts mutmut once a mutant: ~15 s each on the shared machine, half an hour for a module.)
    """
    source = (where / "mutants" / "src" / "newsbrief" / f"{module}.py").read_text(encoding="utf-8")
    # Sliced by line numbers: ast.get_source_segment splits the whole file again for each of its thousands of functions.
    lines = source.splitlines()
    functions = {node.name: "\n".join(lines[node.lineno - 1 : node.end_lineno]) for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef)}
    parts = []
    for name in names:
        function = name.rsplit(".", 1)[-1]
        original_name = function.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
        original = functions.get(original_name, "")
        mutated = functions.get(function, "").replace(function, original_name, 1)
        diff = difflib.unified_diff(original.splitlines(), mutated.splitlines(), "original", name, n=1, lineterm="")
        parts.append(f"## {name}\n" + "\n".join(diff) + "\n")
    return "\n".join(parts)


def counts(meta_file: Path) -> dict:
    """How many mutants ended in each status, read from mutmut's own record of each mutant's exit code.

    (Not `mutmut export-cicd-stats`: it leaves out the mutants mypy rejected, and a run that stopped
    before testing any mutant would have them all counted as rejected.)
    """
    found: dict = {}
    if meta_file.exists():
        for exit_code in json.loads(meta_file.read_text(encoding="utf-8"))["exit_code_by_key"].values():
            status = STATUS_BY_EXIT_CODE.get(exit_code, "suspicious").replace(" ", "_")
            found[status] = found.get(status, 0) + 1
    return found


STATUS_BY_EXIT_CODE: dict[int | None, str] = {
    **dict.fromkeys((1, 3), "killed"),  # 3: pytest's internal error
    0: "survived",
    **dict.fromkeys((5, 33), "no tests"),
    2: "check was interrupted by user",
    None: "not checked",
    34: "skipped",
    35: "suspicious",
    **dict.fromkeys((36, -24, 24, 152, 255), "timeout"),  # 24, 152: the CPU limit's SIGXCPU
    37: "caught by type check",
    **dict.fromkeys((-11, -9), "segfault"),
}
"""mutmut 3.8's `mutmut.stats.status_by_exit_code` (any other code: "suspicious"), as data: the tests of
this script run where mutmut is not installed; `same_statuses_as_mutmut` checks it before each run."""


def same_statuses_as_mutmut() -> None:
    from mutmut.stats import status_by_exit_code

    if dict(status_by_exit_code) != STATUS_BY_EXIT_CODE:
        raise SystemExit("mutmut's exit codes changed (mutmut.stats.status_by_exit_code): update STATUS_BY_EXIT_CODE in mutation/run.py")


def score(stats: dict) -> str:
    """Killed over all mutants tried; 'no tests' counts as survived.

    Killed: a selected test failed, ran out of time or crashed, or mypy rejected the mutant (`make
    lint`, part of `make test`, fails on it: the suite catches it without running a test).
    """
    killed = sum(stats.get(key, 0) for key in ("killed", "timeout", "segfault", "caught_by_type_check"))
    tried = killed + stats.get("survived", 0) + stats.get("no_tests", 0) + stats.get("suspicious", 0)
    return f"{100 * killed / tried:.1f}% ({killed}/{tried})" if tried else "no mutants"


def table_row(module: str, stats: dict, when: str = "") -> str:
    if stats.get("failed"):
        return (
            f"| {module} | **mutmut stopped with exit code {stats['failed']}**: see mutation/report/{module}.log | | | | {stats.get('seconds', '?')} s{when} |"
        )
    not_run = f" ({stats['not_checked']} not run)" if stats.get("not_checked") else ""
    return (
        f"| {module} | {score(stats)} | {stats.get('caught_by_type_check', 0)} | {stats.get('survived', 0)} | "
        f"{stats.get('no_tests', 0)} | {stats.get('seconds', '?')} s{not_run}{when} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(TESTS), help="modules of hooks/newsbrief (default: all listed)")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 1, help="parallel mutant runs (default: one per core)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per module before it is stopped")
    args = parser.parse_args()
    REPORT.mkdir(parents=True, exist_ok=True)
    rows, failed = [], []
    for module in args.modules:
        stats = run_module(module, args.children, args.timeout)
        if stats.get("failed"):
            failed.append(module)
        line = table_row(module, stats)
        print(line, flush=True)
        rows.append(line)
        (REPORT / f"{module}.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
    # The table holds every module measured so far (this run's and earlier runs' reports).
    for path in sorted(REPORT.glob("*.json")):
        if path.stem not in args.modules:
            stats = json.loads(path.read_text(encoding="utf-8"))
            rows.append(table_row(path.stem, stats, " (earlier run)"))
    table = "| module | killed | of which by mypy | survived | no tests | time |\n|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    (REPORT / "scores.md").write_text(table, encoding="utf-8")
    print(table)
    if failed:
        print(f"mutmut failed on {', '.join(failed)}: the score of a module it stopped on is not known (see its log)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
