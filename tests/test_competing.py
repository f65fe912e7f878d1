"""Competing values of one measure (issue 16): the association's January figure beside Xiaomi's own count.

The fixture in tests/fixtures/cpca-release adds the China Passenger Car Association's
figure for Xiaomi's January 2026 deliveries with an invented, different value (38,650);
real strict builds show what an editor and a reader see.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, mkdocs_build, problems
from sitehtml import read_site

CPCA = FIXTURES / "cpca-release" / "content"
CPCA_FIGURE = "content/figures/cpca-xiaomi-deliveries-2026-01.yaml"
XIAOMI_FIGURE = "content/figures/xiaomi-deliveries-2026-01.yaml"
PREFERRED = "rank: preferred\nrank_reason: official statistics\n"


def add_cpca(project: Path, rank: str | None = PREFERRED) -> Path:
    shutil.copytree(CPCA, project / "content", dirs_exist_ok=True)
    figure = project / CPCA_FIGURE
    if rank:
        figure.write_text(figure.read_text(encoding="utf-8") + rank, encoding="utf-8")
    return project


def test_competing_values_without_a_preferred_one_fail_the_build_naming_both_files(tmp_path: Path) -> None:
    project = add_cpca(copy_project(tmp_path / "project"), rank=None)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    expected = (
        f"ERROR   -  {CPCA_FIGURE}:4: rank: competing values for xiaomi deliveries, 2026-01 (actual): "
        f"{CPCA_FIGURE}:4 38,650 vehicles (cpca-january-2026-passenger-car-data, 2026-02-11); "
        f"{XIAOMI_FIGURE}:4 over 39,000 vehicles (article-ford-xiaomi-deny-jv-report, xiaomi-deliveries-release-2026-01, 2026-02-01) — "
        "none is preferred: set `rank: preferred` and `rank_reason: <why>` ('official statistics', 'company's own count') on one of them"
    )
    assert expected in result.stderr


def test_two_preferred_values_are_an_error_naming_both(tmp_path: Path) -> None:
    project = add_cpca(copy_project(tmp_path / "project"))
    xiaomi = project / XIAOMI_FIGURE
    xiaomi.write_text(xiaomi.read_text(encoding="utf-8") + "rank: preferred\nrank_reason: company's own count\n", encoding="utf-8")
    found = [p for p in problems(project / "content") if "competing values" in p]
    assert len(found) == 1
    assert "2 are preferred (cpca-xiaomi-deliveries-2026-01, xiaomi-deliveries-2026-01): keep `rank: preferred` on one" in found[0]


@pytest.fixture(scope="module")
def cpca_site(tmp_path_factory) -> Path:
    """The real project with the association's value, preferred, built strict once."""
    base = tmp_path_factory.mktemp("cpca")
    project = add_cpca(copy_project(base / "project"))
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_the_figure_page_shows_both_values_and_the_discrepancy(cpca_site: Path) -> None:
    pages = read_site(cpca_site)
    for figure_id in ("xiaomi-deliveries-2026-01", "cpca-xiaomi-deliveries-2026-01"):
        page = pages[f"figures/{figure_id}/"]
        assert (
            "The sources disagree China Passenger Car Association reported 38,650 vehicles; Xiaomi reported over 39,000 vehicles. "
            "The preferred value is 38,650 vehicles (official statistics)." in page.text
        )
        this = {"xiaomi-deliveries-2026-01": (" (this page)", ""), "cpca-xiaomi-deliveries-2026-01": ("", " (this page)")}[figure_id]
        assert f"38,650 vehicles{this[1]} China Passenger Car Association preferred: official statistics 11 February 2026" in page.text
        assert f"over 39,000 vehicles{this[0]} Xiaomi normal 1 February 2026" in page.text
        shown = {(f, v) for f, v, _ in page.figures}
        assert {("cpca-xiaomi-deliveries-2026-01", "38650"), ("xiaomi-deliveries-2026-01", "39000")} <= shown


def test_the_brief_shows_the_preferred_value_with_the_other_beside_it(cpca_site: Path) -> None:
    page = read_site(cpca_site)["briefs/ford-xiaomi-deny-jv-report/"]
    assert "38,650 vehicles (also: over 39,000 vehicles, Xiaomi) sources disagree" in page.text
    # One row for the measure: the preferred value stands in the value column.
    assert page.text.count("Xiaomi deliveries January 2026 38,650 vehicles (also: over 39,000 vehicles, Xiaomi) sources disagree reported") == 1
    assert "deliveries January 2026 over 39,000 vehicles" not in page.text


def test_every_derived_figure_still_checks_and_says_which_value_it_uses(cpca_site: Path) -> None:
    data = json.loads((cpca_site / "data" / "all.json").read_text(encoding="utf-8"))
    arithmetic = data["derived"]["arithmetic"]["xiaomi-deliveries-2026-01-vs-2025-12"]
    assert arithmetic == (
        "38,650 / (1 − 20%) = 48,012 to 48,616, taking −20% as −20.5% to −19.5%: about 48,300 (implied), using the preferred value "
        "cpca-xiaomi-deliveries-2026-01 (official statistics) of xiaomi-deliveries-2026-01"
    )
    page = read_site(cpca_site)["figures/xiaomi-deliveries-2025-12/"]
    assert "using the preferred value cpca-xiaomi-deliveries-2026-01 (official statistics) of xiaomi-deliveries-2026-01" in page.text


def test_the_exports_carry_every_value_with_its_rank_and_source(cpca_site: Path) -> None:
    data = json.loads((cpca_site / "data" / "ford-xiaomi-deny-jv-report.json").read_text(encoding="utf-8"))
    values = data["derived"]["competing_values"]["xiaomi-deliveries-2026-01"]
    assert values == {
        "measure": "xiaomi deliveries, 2026-01 (actual)",
        "preferred": "cpca-xiaomi-deliveries-2026-01",
        "discrepant": ["xiaomi-deliveries-2026-01"],
        "values": [
            {
                "figure": "cpca-xiaomi-deliveries-2026-01",
                "value": "38650",
                "qualifier": "exact",
                "rank": "preferred",
                "rank_reason": "official statistics",
                "sources": ["cpca-january-2026-passenger-car-data"],
            },
            {
                "figure": "xiaomi-deliveries-2026-01",
                "value": "39000",
                "qualifier": "over",
                "rank": "normal",
                "sources": ["article-ford-xiaomi-deny-jv-report", "xiaomi-deliveries-release-2026-01"],
            },
        ],
    }
    assert "cpca-xiaomi-deliveries-2026-01" in data["records"]["figures"]
    import jsonschema
    from test_extras import registry

    export_schema = json.loads((cpca_site / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
    for name in ("all", "ford-xiaomi-deny-jv-report"):
        exported = json.loads((cpca_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert [e.message for e in jsonschema.Draft202012Validator(export_schema, registry=registry(cpca_site)).iter_errors(exported)] == []
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((cpca_site / "data" / "figures.csv").read_text(encoding="utf-8")))}
    assert (rows["cpca-xiaomi-deliveries-2026-01"]["rank"], rows["cpca-xiaomi-deliveries-2026-01"]["rank_reason"]) == ("preferred", "official statistics")
    assert (rows["xiaomi-deliveries-2026-01"]["rank"], rows["xiaomi-deliveries-2026-01"]["preferred"]) == ("normal", "cpca-xiaomi-deliveries-2026-01")
    assert rows["cpca-xiaomi-deliveries-2026-01"]["sources"] == "cpca-january-2026-passenger-car-data"


def test_json_ld_of_a_figure_carries_every_value_with_rank_and_source(cpca_site: Path) -> None:
    html = (cpca_site / "figures" / "xiaomi-deliveries-2026-01" / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Observation"
    ranks = {(v["value"], v["additionalProperty"][0]["value"], v["citation"][0]["name"]) for v in data["value"]}
    assert ranks == {
        (38650, "preferred", "January 2026 passenger-car retail and delivery data"),
        (39000, "normal", "Ford and Xiaomi deny Financial Times report of US electric-vehicle joint venture talks"),
    }


REVISION = """\
subject: xiaomi
metric: deliveries
unit: vehicles
value: 38700
period: 2026-01
revises: cpca-xiaomi-deliveries-2026-01
note: Invented for the tests, a revision of the association's first count.
sources: [cpca-february-2026-revision]
"""

REVISING_SOURCE = """\
title: Revised January 2026 passenger-car data
publisher: china-passenger-car-association
published: 2026-03-10
kind: data-release
no_public_link: Invented for the tests.
"""


def add_revision(content: Path, published: str = "2026-03-10") -> None:
    (content / "figures" / "cpca-xiaomi-deliveries-2026-01-revised.yaml").write_text(REVISION, encoding="utf-8")
    (content / "sources" / "cpca-february-2026-revision.yaml").write_text(REVISING_SOURCE.replace("2026-03-10", published), encoding="utf-8")


def test_a_revision_is_preferred_and_the_old_value_deprecated(tmp_path: Path) -> None:
    project = add_cpca(copy_project(tmp_path / "project"))
    add_revision(project / "content")
    from newsbrief.checks import load_site

    site = load_site(project / "content", project)
    assert [str(p) for p in site.problems] == []
    group = site.competing["xiaomi-deliveries-2026-01"]
    assert [(v.figure_id, v.rank, v.reason) for v in group.values] == [
        ("cpca-xiaomi-deliveries-2026-01-revised", "preferred", "later revision"),
        ("xiaomi-deliveries-2026-01", "normal", None),
        ("cpca-xiaomi-deliveries-2026-01", "deprecated", "revised by cpca-xiaomi-deliveries-2026-01-revised"),
    ]
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "figures" / "cpca-xiaomi-deliveries-2026-01" / "index.html").read_text(encoding="utf-8")
    text = read_site(tmp_path / "site")["figures/cpca-xiaomi-deliveries-2026-01/"].text
    assert "Revised: 38,650 vehicles1 → 38,700 vehicles2" in text
    assert '<del><a href="./"><data value="38650" data-figure="cpca-xiaomi-deliveries-2026-01">38,650</data> vehicles</a></del>' in page
    sources = read_site(tmp_path / "site")["figures/cpca-xiaomi-deliveries-2026-01/"].links
    assert {"../../sources/cpca-january-2026-passenger-car-data/", "../../sources/cpca-february-2026-revision/"} <= {h for h, _ in sources}


def test_a_revision_must_come_from_a_later_source(tmp_path: Path) -> None:
    project = add_cpca(copy_project(tmp_path / "project"))
    add_revision(project / "content", published="2026-02-11")
    assert [p for p in problems(project / "content") if "revises" in p] == [
        "content/figures/cpca-xiaomi-deliveries-2026-01-revised.yaml:6: revises: a revision comes from a later source, but this "
        "figure's latest source is from 2026-02-11 and 'cpca-xiaomi-deliveries-2026-01''s from 2026-02-11 — cite the revising "
        "source, or make it a competing value (`rank`) instead"
    ]


SHARE = """\
subject: xiaomi
metric: January 2026 deliveries as a multiple of 2025 registrations
unit: times
value: 0.0947
period: 2026-01
derivation:
  relation: multiple
  base: xiaomi-registrations-2025
  current: xiaomi-deliveries-2026-01
sources: [xiaomi-deliveries-release-2026-01]
"""


def test_a_change_of_preference_rechecks_derived_figures_and_says_which_value(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    share = project / "content" / "figures" / "xiaomi-deliveries-2026-01-vs-registrations-2025.yaml"
    share.write_text(SHARE, encoding="utf-8")
    assert problems(project / "content") == []  # over 39,000 / 411,837 admits 0.0947
    add_cpca(project)  # the association's 38,650, preferred: 0.0938, not 0.0947
    assert problems(project / "content") == [
        "content/figures/xiaomi-deliveries-2026-01-vs-registrations-2025.yaml:4: value: 0.0947× does not agree with the figures it is "
        "derived from: 38,650 / 411,837 = 0.09×, using the preferred value cpca-xiaomi-deliveries-2026-01 (official statistics) of "
        "xiaomi-deliveries-2026-01 — correct `value` (or `rounding`), or the figures it uses (or set `derivation.values: as-named`): "
        "content/figures/xiaomi-registrations-2025.yaml:4, content/figures/cpca-xiaomi-deliveries-2026-01.yaml:4"
    ]
    share.write_text(SHARE.replace("  current: xiaomi-deliveries-2026-01\n", "  current: xiaomi-deliveries-2026-01\n  values: as-named\n"), encoding="utf-8")
    assert problems(project / "content") == []


def test_a_change_of_preference_rechecks_texts_and_says_which_value(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    claim = project / "content" / "claims" / "xiaomi-december-2025-deliveries.yaml"
    claim.write_text(
        "text: Xiaomi delivered at least 48,400 vehicles in December 2025.\nsubjects: [xiaomi]\n"
        "figures: [xiaomi-deliveries-2025-12]\nsources: [article-ford-xiaomi-deny-jv-report]\n",
        encoding="utf-8",
    )
    assert problems(project / "content") == []  # implied from over 39,000 and a rounded 20%: at least 48,400
    add_cpca(project)
    assert problems(project / "content") == [
        "content/claims/xiaomi-december-2025-deliveries.yaml:1: text: '48,400' matches no figure in this text's scope "
        "(xiaomi-deliveries-2025-12 = 48,300 (implied from the preferred value cpca-xiaomi-deliveries-2026-01), "
        "xiaomi-deliveries-2026-01 = 39,000, cpca-xiaomi-deliveries-2026-01 = 38,650, "
        "xiaomi-deliveries-2025-01 = 22,700 (implied from the preferred value cpca-xiaomi-deliveries-2026-01), "
        "xiaomi-deliveries-2026-01-vs-2025-01 = 70%, xiaomi-deliveries-2026-01-vs-2025-12 = −20%) — closest is xiaomi-deliveries-2025-12; correct the text or the figure, "
        "or, if it is not a figure, list it under `not_figures` with the reason"
    ]
