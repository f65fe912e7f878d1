"""The mutation tooling (mutation/): the template mutants it plants and the scratch copy mutmut runs in."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

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
