"""Every rule of the loader and the checks, proven on a small valid tree and its broken copies.

Each file in tests/fixtures/invalid/ says which file of the valid tree it replaces
(``# replaces:``) and the exact messages it must produce (``# expect:``, any number);
a fixture without ``expect`` lines must load cleanly.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, problems
from newsbrief.checks import load_site

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _header(fixture: Path) -> tuple[str, list[str]]:
    text = fixture.read_text(encoding="utf-8")
    replaces = re.search(r"^# replaces: (\S+)$", text, re.M).group(1)
    return replaces, re.findall(r"^# expect: (.+)$", text, re.M)


def test_the_valid_tree_has_no_problems(valid_content: Path) -> None:
    assert problems(valid_content) == []


@pytest.mark.parametrize("fixture", INVALID, ids=[f.stem for f in INVALID])
def test_each_mistake_gets_its_exact_message(fixture: Path, valid_content: Path) -> None:
    replaces, expected = _header(fixture)
    target = valid_content / replaces
    assert target.exists(), f"{fixture.name} replaces a file the valid tree does not have"
    shutil.copyfile(fixture, target)
    assert problems(valid_content) == sorted(expected)


def test_all_mistakes_are_reported_in_one_run(valid_content: Path) -> None:
    """Load everything, check everything, report once: an editor wants all mistakes together."""
    expected = []
    for name in ("unknown-speaker", "number-in-text-disagrees", "relative-period-mismatch", "duplicate-key", "impossible-date"):
        replaces, messages = _header(FIXTURES / "invalid" / f"{name}.yaml")
        shutil.copyfile(FIXTURES / "invalid" / f"{name}.yaml", valid_content / replaces)
        expected += messages
    assert len(expected) == 5
    assert problems(valid_content) == sorted(expected)


def test_dangling_references_after_a_deletion_are_listed_file_by_file(valid_content: Path) -> None:
    (valid_content / "companies" / "globex.yaml").unlink()
    assert problems(valid_content) == [
        "content/briefs/acme-denies-merger.yaml:5: entities[1]: no record 'globex'",
        "content/claims/acme-globex-merger-talks.yaml:2: subjects[1]: no record 'globex'",
        "content/figures/globex-sales-2025-01.yaml:1: subject: no record 'globex'",
        "content/figures/globex-sales-2026-01.yaml:1: subject: no record 'globex'",
        "content/figures/globex-sales-growth-2026-01.yaml:1: subject: no record 'globex'",
        "content/policies/widget-tariff.yaml:5: affects[0]: no record 'globex'",
        "content/statements/acme-denies-talks.yaml:6: about[0]: no record 'globex'",
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "companies/Globex Corp.yaml",
            "content/companies/Globex Corp.yaml: 'Globex Corp' is not a valid id: a file name is lower-case letters, digits and single hyphens — rename the file to 'globex-corp.yaml'",
        ),
        ("companies/initech.yml", "content/companies/initech.yml: only .yaml files are read here — rename it to 'initech.yaml'"),
        (
            "compnies/initech.yaml",
            "content/compnies: unknown folder 'compnies' — did you mean 'companies'? (folders are: briefs, claims, companies, events, figures, organizations, people, policies, sources, statements, votes)",
        ),
        (
            "people/acme.yaml",
            "content/people/acme.yaml: id 'acme' is already used by content/companies/acme.yaml — ids must be unique across all kinds; rename one file",
        ),
    ],
)
def test_file_names_folders_and_ids(valid_content: Path, path: str, message: str) -> None:
    target = valid_content / path
    target.parent.mkdir(exist_ok=True)
    target.write_text("name: Initech\ndescription: Another company.\n", encoding="utf-8")
    assert message in problems(valid_content)


def test_a_broken_file_does_not_cascade_into_dangling_references(valid_content: Path) -> None:
    """A company whose file fails to load is still known: references to it are not reported twice."""
    (valid_content / "companies" / "globex.yaml").write_text("name: Globex\n", encoding="utf-8")
    assert problems(valid_content) == ["content/companies/globex.yaml:1: description: required field is missing — add `description: …`"]


def test_claim_status_and_implied_figures_are_computed(valid_content: Path) -> None:
    site = load_site(valid_content)
    assert site.status("acme-globex-merger-talks") == "disputed"
    assert site.stances["acme-globex-merger-talks"] == [("acme-denies-talks", "denies"), ("daily-times-reports-talks", "asserts")]
    implied = site.implied["globex-sales-2025-01"]
    # Over 500 after a 25% rise rounded from 24.5–25.5%: 398.4 or more, said no more precisely than that.
    assert (implied.value, implied.qualifier) == (398, "at-least")
    assert implied.arithmetic == "over 500 / (1 + 25%) = 398 or more, taking 25% as 24.5% to 25.5%: at least 398 (implied)"
    assert site.arithmetic["acme-sales-growth-2025"] == "1,200 / 1,000 − 1 = +20%, stated as 20%"
