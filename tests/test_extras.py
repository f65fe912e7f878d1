"""What readers get beyond pages: timeline, charts, graphs, popovers, downloads, feed, JSON-LD."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from referencing import Registry, Resource

from conftest import copy_project, mkdocs_build
from newsbrief.checks import Site
from sitehtml import read_site, resolve


@pytest.fixture(scope="module")
def pages(built_site: Path):
    return read_site(built_site)


def html(built_site: Path, url: str) -> str:
    return (built_site / url / "index.html").read_text(encoding="utf-8")


# --- timeline ----------------------------------------------------------------


def test_the_timeline_lists_dated_records_in_order(built_site: Path, pages, real_site: Site) -> None:
    text = html(built_site, "timeline")
    dates = re.findall(r'<li><span class="nb-tl-item"[^>]*></span><time datetime="([^"]+)"', text)
    assert len(dates) >= len(real_site.of_kind("event")) + len(real_site.of_kind("statement"))
    firsts = [d + "-01-01"[len(d) - 4 :] if len(d) < 10 else d for d in dates]
    assert firsts == sorted(firsts)
    assert "January 2026 (“last month”) — Statement" in pages["timeline/"].text
    assert "2027 (“next year”) — Event (planned)" in pages["timeline/"].text
    assert 'data-entities="ford xiaomi"' in text  # the filter's data, for the script


def test_the_brief_page_has_its_timeline(pages) -> None:
    page = pages["briefs/ford-xiaomi-deny-jv-report/"]
    assert "more-on-this-story" in {w for _, w in page.links}  # folded away under "More on this story"
    assert "Timeline: " in page.text
    assert "31 January 2026 (“Saturday”) — Statement" in page.text


# --- charts and graphs ---------------------------------------------------------


def test_figure_series_are_drawn_as_inline_svg_charts(built_site: Path) -> None:
    text = html(built_site, "companies/xiaomi")
    charts = re.findall(r'<figure class="nb-chart".*?</figure>', text, re.S)
    assert len(charts) == 2
    deliveries = charts[0]
    assert '<title id="chart-xiaomi-vehicles-month-title">Xiaomi: vehicles by month</title>' in deliveries
    assert "deliveries — January 2025: at least 22,800 (implied); December 2025: at least 48,400 (implied); January 2026: over 39,000" in deliveries
    assert deliveries.count('nb-point--implied" cx') == 2  # two implied values, drawn hollow
    assert deliveries.count('class="nb-bound ') == 3  # three lower bounds ("over", "at least")
    assert ">vehicles</text>" in deliveries  # the axis says its unit
    tariff = html(built_site, "policies/us-tariff-chinese-vehicles-2024")
    # The earlier rate is known only as "before 2024": no year is invented to draw a line to it.
    assert "chart-us-tariff-chinese-vehicles-2024" not in tariff
    assert 'before <time datetime="2024">2024</time>' in tariff


def test_relationship_graphs_link_every_node(built_site: Path, pages) -> None:
    text = html(built_site, "companies/ford")
    graph = re.search(r'<figure class="nb-graph">.*?</figure>', text, re.S).group(0)
    assert '<title id="nb-graph-title">Relationships of Ford Motor Company</title>' in graph
    page = pages["companies/ford/"]
    for href in re.findall(r'<a xlink:href="([^"]+)" class="nb-graph-node', graph):
        target = resolve(page, href)
        assert target[0] in pages, href
    # A legend names the kinds of line drawn, and only those.
    drawn = set(re.findall(r'<line class="nb-graph-edge nb-graph-edge--(\w+)" x1="[\d.]+"', graph))
    legend = set(re.findall(r"<figcaption>.*</figcaption>", graph, re.S)[0].split("nb-graph-edge--")[1:])
    assert {entry.split('"')[0] for entry in legend} == drawn and {"denies", "role"} <= drawn
    # The same relations as a table (relation, with whom, when, sources): the primary view.
    assert "denies Ford–Xiaomi joint venture talks 1 February 2026" in pages["companies/ford/"].text


# --- popovers and sourcing -------------------------------------------------------


def test_every_figure_and_claim_status_has_a_keyboard_popover(built_site: Path) -> None:
    text = html(built_site, "briefs/ford-xiaomi-deny-jv-report")
    facts = re.findall(
        r'<span class="nb-fact" tabindex="0" aria-describedby="([^"]+)">(.*?)<span class="nb-pop" role="tooltip" id="([^"]+)" data-search-exclude>(.*?)</span></span>',
        text,
    )
    figures = text.count("<data ")
    statuses = text.count('class="nb-status ')
    assert len(facts) == figures + statuses
    for described_by, _, pop_id, note in facts:
        assert described_by == pop_id
    notes = [note for *_, note in facts]
    assert any("Xiaomi deliveries, January 2026. A lower bound: the true value is higher. Source:" in n for n in notes)
    assert any(
        n.startswith(
            "Disputed: reported by Financial Times, citing four people familiar with the matter (anonymous); "
            "denied on the record by Ford Motor Company and Xiaomi"
        )
        for n in notes
    )


def test_implied_figures_are_labelled_with_their_arithmetic(pages) -> None:
    assert "over 39,000 / (1 + 70%) = 22,874 or more" in pages["figures/xiaomi-deliveries-2025-01/"].text
    assert "at least 22,800 vehicles (implied)" in pages["companies/xiaomi/"].text


def test_claims_say_how_they_are_sourced(pages) -> None:
    assert (
        "Sourcing: reported by Financial Times, citing four people familiar with the matter (anonymous); denied on the record by Ford Motor Company and Xiaomi"
    ) in pages["claims/ford-xiaomi-us-ev-joint-venture-talks/"].text
    assert "Sourcing: reported by Unattributed outlet (second-hand)" in pages["claims/xiaomi-europe-deliveries-2027/"].text


# --- downloads -------------------------------------------------------------------


def registry(built_site: Path) -> Registry:
    resources = []
    for path in (built_site / "schemas").glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@pytest.mark.parametrize("name", ["all", "ford-xiaomi-deny-jv-report"])
def test_data_downloads_are_valid_and_hold_every_figure(built_site: Path, real_site: Site, name: str) -> None:
    data = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    export_schema = json.loads((built_site / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(export_schema, registry=registry(built_site)).iter_errors(data)]
    assert errors == []
    exported = set(data["records"]["figures"])
    if name == "all":
        assert exported == {e.id for e in real_site.of_kind("figure")}
    else:  # a brief's file holds the figures it lists (and what they derive from), however many briefs there are
        assert set(real_site.record(name).figures) <= exported
        assert exported <= {e.id for e in real_site.of_kind("figure")}
    assert data["records"]["figures"]["xiaomi-registrations-2025"]["value"] == 411837
    assert data["derived"]["claims"]["ford-xiaomi-us-ev-joint-venture-talks"]["status"] == "disputed"
    assert data["derived"]["implied_figures"]["xiaomi-deliveries-2025-12"] == {
        "value": 48400,
        "qualifier": "at-least",
        "lower": 48447.204969,
        "upper": None,
        "arithmetic": "over 39,000 / (1 − 20%) = 48,447 or more, taking −20% as −20.5% to −19.5%: at least 48,400 (implied)",
    }


def test_the_export_schema_rejects_a_broken_record(built_site: Path) -> None:
    data = json.loads((built_site / "data" / "all.json").read_text(encoding="utf-8"))
    data["records"]["figures"]["xiaomi-registrations-2025"]["value"] = "411,837"
    export_schema = json.loads((built_site / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(export_schema, registry=registry(built_site)).iter_errors(data))
    assert errors


def test_figures_csv_has_a_row_per_figure(built_site: Path, real_site: Site) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "figures.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(real_site.of_kind("figure"))
    by_id = {r["id"]: r for r in rows}
    assert (by_id["xiaomi-deliveries-2026-01"]["value"], by_id["xiaomi-deliveries-2026-01"]["qualifier"]) == ("39000", "over")
    assert by_id["xiaomi-deliveries-2025-01"]["implied"] == "yes"
    # The precision the inputs justify, never 22941.2.
    assert (by_id["xiaomi-deliveries-2025-01"]["value"], by_id["xiaomi-deliveries-2025-01"]["qualifier"]) == ("22800", "at-least")


CSV_COLUMNS = [
    "id",
    "subject",
    "metric",
    "value",
    "qualifier",
    "unit",
    "period",
    "basis",
    "scope",
    "implied",
    "derivation",
    "sources",
    "rank",
    "rank_reason",
    "preferred",
]


def test_figures_csv_has_every_column_of_every_figure_from_its_record(built_site: Path, real_site: Site) -> None:
    text = (built_site / "data" / "figures.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == CSV_COLUMNS
    rows = {r["id"]: r for r in reader}
    assert set(rows) == {e.id for e in real_site.of_kind("figure")}
    for entry in real_site.of_kind("figure"):
        f, row = entry.record, rows[entry.id]
        value, qualifier = real_site.figure_value(entry.id)
        implier = real_site.record(f.implied_by) if f.implied_by else None
        expected = {
            "subject": f.subject,
            "metric": f.metric,
            "qualifier": qualifier,
            "unit": f.unit,
            "period": str(f.period),
            "basis": f.basis,
            "scope": f.scope or "",
            "implied": "yes" if f.implied_by else "",
            "derivation": f.derivation.relation if f.derivation else "",
            # An implied figure is backed by the sources of the derived figure that implies it.
            "sources": " ".join(f.sources or implier.sources),
        }
        assert {k: row[k] for k in expected} == expected, entry.id
        assert row["period"] and row["sources"], entry.id
        assert float(row["value"]) == pytest.approx(value, rel=5e-6), entry.id


def _record_fields(record) -> dict:
    """Each field of a record that has a value, as JSON, by its YAML name: from the model's field list."""
    out = {}
    for name, info in type(record).model_fields.items():
        if getattr(record, name) is not None:
            out[info.alias or name] = json.loads(
                json.dumps(record.model_dump(mode="json", by_alias=True, exclude_none=True, include={name})[info.alias or name])
            )
    return out


def test_every_exported_field_of_every_record_matches_its_record(built_site: Path, real_site: Site) -> None:
    from newsbrief.model import FOLDER_OF

    data = json.loads((built_site / "data" / "all.json").read_text(encoding="utf-8"))
    kinds = set()
    for entry in real_site.entries.values():
        exported = data["records"][FOLDER_OF[entry.kind]][entry.id]
        expected = _record_fields(entry.record)
        assert exported == expected, entry.id
        kinds.add(entry.kind)
    assert len(kinds) >= 9


def test_the_data_download_carries_each_derivations_arithmetic(built_site: Path, real_site: Site) -> None:
    data = json.loads((built_site / "data" / "all.json").read_text(encoding="utf-8"))
    derived = [e.id for e in real_site.of_kind("figure") if e.record.derivation]
    assert derived and data["derived"]["arithmetic"] == {fid: real_site.arithmetic[fid] for fid in derived}
    for fid in derived:
        # The arithmetic a reader checks: the two values it compares and the result, e.g. "… = +34%".
        assert "=" in data["derived"]["arithmetic"][fid], fid
    implied = {e.id for e in real_site.of_kind("figure") if e.record.implied_by}
    assert set(data["derived"]["implied_figures"]) == implied
    for fid in implied:
        assert " = " in data["derived"]["implied_figures"][fid]["arithmetic"]


# --- feed ----------------------------------------------------------------------


def test_the_atom_feed_is_valid_with_an_entry_per_brief(built_site: Path, real_site: Site) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    briefs = sorted(real_site.of_kind("brief"), key=lambda e: (e.record.published, e.id), reverse=True)
    assert [e.title for e in feed.entries] == [b.record.headline for b in briefs]
    assert [e.link.rsplit("/", 2)[-2] for e in feed.entries] == [b.id for b in briefs]


def test_updates_and_corrections_are_notes_on_the_page_and_entries_in_the_feed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    brief = project / "content" / "briefs" / "ford-xiaomi-deny-jv-report.yaml"
    brief.write_text(
        brief.read_text(encoding="utf-8").replace(
            "published: 2026-02-01\n",
            "published: 2026-02-01\nupdates:\n  - date: 2026-02-02\n    kind: correction\n"
            "    note: An earlier version gave the FT report's date as Sunday; it was Saturday.\n",
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries][0] == "Correction: Ford and Xiaomi deny report of talks on a US electric-vehicle joint venture"
    page = read_site(tmp_path / "site")["briefs/ford-xiaomi-deny-jv-report/"]
    assert "Corrected 2 February 2026" in page.text
    assert "Correction, 2 February 2026 An earlier version gave the FT report's date as Sunday; it was Saturday." in page.text


# --- JSON-LD -------------------------------------------------------------------


def json_ld(built_site: Path, url: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html(built_site, url), re.S)]


def test_every_company_organization_and_person_page_has_json_ld(built_site: Path, real_site: Site) -> None:
    expected = {"company": "Organization", "person": "Person"}
    for entry in real_site.entries.values():
        if entry.kind not in ("company", "person", "organization"):
            continue
        (data,) = json_ld(
            built_site, f"{ {'company': 'companies', 'person': 'people', 'organization': 'organizations'}[entry.kind] }/{entry.id}".replace(" ", "")
        )
        assert data["@context"] == "https://schema.org"
        assert data["name"] == entry.record.name
        if entry.kind in expected:
            assert data["@type"] == expected[entry.kind]
    assert json_ld(built_site, "organizations/biden-administration")[0]["@type"] == "GovernmentOrganization"
    assert json_ld(built_site, "people/lei-jun")[0]["alternateName"] == "雷军"


def test_briefs_are_news_articles_and_disputed_claims_claim_reviews(built_site: Path) -> None:
    (article,) = json_ld(built_site, "briefs/ford-xiaomi-deny-jv-report")
    assert (article["@type"], article["datePublished"]) == ("NewsArticle", "2026-02-01")
    (review,) = json_ld(built_site, "claims/ford-xiaomi-us-ev-joint-venture-talks")
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Disputed"
    assert json_ld(built_site, "claims/xiaomi-europe-deliveries-2027") == []
