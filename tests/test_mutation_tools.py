"""The mutation tooling (mutation/): the template mutants it plants and the scratch copy mutmut runs in."""

from __future__ import annotations

import importlib.util
import json
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"mutation_{name}", ROOT / "mutation" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_template_mutants_unescape_user_text_and_drop_sections() -> None:
    templates = _load("templates")
    mutants = templates.mutants_of(ROOT / "hooks" / "newsbrief" / "templates" / "statement.html.j2")
    changes = {(m.kind, m.before.strip(), m.after.strip()) for m in mutants}
    assert ("safe", "<p><em>Note:</em> {{ r.quote_note }}</p>", "<p><em>Note:</em> {{ r.quote_note|safe }}</p>") in changes
    assert ("drop", "{{ m.sources_section(entry) }}", "") in changes
    # Helpers' output (already escaped Markup) is not mutated: only plain values are.
    assert not any("h.link(r.speaker)|safe" in m.after for m in mutants)


def test_the_scratch_copy_imports_the_mutated_package_as_the_tests_do(tmp_path: Path, monkeypatch) -> None:
    run = _load("run")
    monkeypatch.setattr(run, "WORK", tmp_path)
    where = run.scratch_copy("reldates")
    assert (where / "src" / "newsbrief" / "reldates.py").is_file() and not (where / "hooks").exists()
    settings = tomllib.loads((where / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings["tool"]["pytest"]["ini_options"]["pythonpath"] == ["src"]
    mutmut = settings["tool"]["mutmut"]
    assert mutmut["only_mutate"] == ["src/newsbrief/reldates.py"]
    assert mutmut["pytest_add_cli_args_test_selection"] == run.TESTS["reldates"]
    assert mutmut["process_isolation"] == "forkserver"
    assert "- src/brief_hooks.py" in (where / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_scratch_copy_type_checks_the_mutated_module_with_the_projects_mypy_settings(tmp_path: Path, monkeypatch) -> None:
    # A mutant mypy rejects counts as killed (`make lint` fails on it): mypy must read the copy's
    # src/ with the project's settings (the pydantic plugin, the model's overrides), not hooks/.
    run = _load("run")
    monkeypatch.setattr(run, "WORK", tmp_path)
    where = run.scratch_copy("derive")
    settings = tomllib.loads((where / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings["tool"]["mypy"]["mypy_path"] == "src" and settings["tool"]["mypy"]["files"] == ["src/newsbrief"]
    command = settings["tool"]["mutmut"]["type_check_command"]
    assert command[:2] == ["mypy", "src/newsbrief/derive.py"] and "--output" in command and "json" in command


def test_a_type_checked_mutant_counts_as_killed_and_a_mutant_without_tests_as_survived() -> None:
    run = _load("run")
    assert run.score({"killed": 6, "caught_by_type_check": 2, "survived": 1, "no_tests": 1}) == "80.0% (8/10)"
    assert run.table_row("derive", {"killed": 6, "caught_by_type_check": 2, "survived": 1, "no_tests": 1, "seconds": 9}) == (
        "| derive | 80.0% (8/10) | 2 | 1 | 1 | 9 s |"
    )


def test_every_template_mutant_listed_as_equivalent_exists_and_none_is_a_records_own_text() -> None:
    templates = _load("templates")
    every = templates.mutants_of_every_template(sorted((ROOT / "hooks" / "newsbrief" / "templates").glob("*.j2")))
    equivalent = templates.equivalent_mutants()
    assert set(equivalent) <= {(m.template, m.kind, m.target) for m in every}
    # A record's own fields (r.summary, s.record.paraphrase…) are what editors write: never equivalent.
    assert not [key for key in equivalent if key[2].startswith("r.") or ".record." in key[2]]
    assert all(why.strip() for why in equivalent.values())


def test_a_test_id_is_plain_ascii_or_the_run_stops_saying_which() -> None:
    # mutmut hands a mutant's tests back to pytest by id in a process that has collected them
    # already, and there an escaped id is not found: the mutant was scored killed with no test run.
    import pytest

    import conftest

    assert conftest.pytest_make_parametrize_id(None, "Ford–Xiaomi\t雷军", "text") == "Ford_Xiaomi___"
    assert conftest.pytest_make_parametrize_id(None, "plain words, 1.5%", "text") is None

    class Item:
        def __init__(self, nodeid: str) -> None:
            self.nodeid = nodeid

        def get_closest_marker(self, name: str) -> None:
            return None

    conftest.pytest_collection_modifyitems(None, [Item("tests/test_x.py::test_y[plain-1]")])
    with pytest.raises(pytest.UsageError, match=r"not plain ASCII.*\n  tests/test_x.py::test_y\[xiaomi:\\u5c0f\\u7c73\]"):
        conftest.pytest_collection_modifyitems(None, [Item("tests/test_x.py::test_y[plain-1]"), Item("tests/test_x.py::test_y[xiaomi:\\u5c0f\\u7c73]")])


def test_the_score_counts_each_mutant_by_the_exit_code_mutmut_recorded(tmp_path: Path) -> None:
    # mutmut's export-cicd-stats has no count for the mutants mypy rejected (incremental showed 53/59, not
    # 122/128); and reckoned as its total less the others, a run that stopped before testing any mutant
    # scored checks "100.0% (1235/1235)": every mutant not run was counted as rejected by mypy.
    run = _load("run")
    meta = tmp_path / "x.py.meta"
    codes = {"a": 1, "b": 37, "c": 37, "d": 0, "e": 36, "f": 33, "g": None, "h": None}
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    stats = run.counts(meta)
    assert stats == {"killed": 1, "caught_by_type_check": 2, "survived": 1, "timeout": 1, "no_tests": 1, "not_checked": 2}
    assert run.score(stats) == "66.7% (4/6)"
    assert run.table_row("x", {**stats, "seconds": 5}) == "| x | 66.7% (4/6) | 2 | 1 | 1 | 5 s (2 not run) |"


def test_a_module_mutmut_stopped_on_has_no_score_and_the_run_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    run = _load("run")
    row = run.table_row("checks", {"not_checked": 1235, "failed": 1, "seconds": 49})
    assert (
        row == "| checks | **mutmut stopped with exit code 1**: see mutation/report/checks.log | | | | 49 s |"
    )  # and `make mutation` exits non-zero, naming the module
    monkeypatch.setattr(run, "REPORT", tmp_path)
    monkeypatch.setattr(run, "run_module", lambda module, children, timeout: {"not_checked": 3, "failed": 1, "seconds": 2})
    monkeypatch.setattr(sys, "argv", ["run.py", "checks"])
    assert run.main() == 1
    assert "mutmut failed on checks" in capsys.readouterr().err
