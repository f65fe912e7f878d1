"""Two briefs side by side: the real Ford–Xiaomi content and a second story (tests/fixtures/second-brief).

Every number in every text is checked against the figures *in its scope*, so a
mistake in one brief is never excused by a figure of the other. Each planted
mistake below fails with file, line, field and a message that names the figure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, SECOND_BRIEF, add_second_brief, copy_project, mkdocs_build, problems
from sitehtml import read_site

MISTAKES = [
    pytest.param(
        "briefs/eu-states-fail-to-block-ev-duties.yaml",
        "headline: EU duties on electric cars from China take effect after member states fail to block them",
        "headline: EU duties on electric cars from China take effect after imports rise 70%",
        [
            "content/briefs/eu-states-fail-to-block-ev-duties.yaml:1: headline: '70%' matches no figure in this text's scope (chinese-electric-car-imports-eu-change-2023 = 33.5%, byd-duty-rate-provisional = 17.4%, byd-duty-rate-definitive = 17.0%, byd-duty-rate-definitive-as-reported = 17.0%, eu-vote-on-electric-car-duties.members = 27, eu-vote-on-electric-car-duties.voting = 27 and 6 more) — closest is chinese-electric-car-imports-eu-change-2023; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
        ],
        id="headline-number-from-the-other-brief",
    ),
    pytest.param(
        "figures/byd-duty-rate-change.yaml",
        "as_stated: 0.4 percentage points lower",
        "as_stated: 0.6 percentage points lower",
        [
            "content/figures/byd-duty-rate-change.yaml:5: as_stated: '0.6 percentage points' does not agree with the value -0.4 percentage-points — correct `value` or `as_stated`",
        ],
        id="wrong-points-in-as-stated",
    ),
    pytest.param(
        "figures/byd-duty-rate-change.yaml",
        "as_stated: 0.4 percentage points lower",
        "as_stated: 0.4% lower",
        [
            "content/figures/byd-duty-rate-change.yaml:5: as_stated: '0.4%' is in percent, but the figure is in percentage-points (-0.4 percentage-points) — correct `unit` or `as_stated`",
        ],
        id="points-written-as-percent",
    ),
    pytest.param(
        "figures/byd-duty-rate-change.yaml",
        "as_stated: 0.4 percentage points lower",
        "as_stated: 0.4 percentage points higher",
        [
            "content/figures/byd-duty-rate-change.yaml:5: as_stated: '0.4 percentage points' says a rise, but the value is -0.4 percentage-points — correct the sign of `value`, or `as_stated`",
        ],
        id="direction-against-the-value",
    ),
    pytest.param(
        "claims/eu-member-states-let-duties-pass.yaml",
        "12 abstained",
        "13 abstained",
        [
            "content/claims/eu-member-states-let-duties-pass.yaml:1: text: '13' matches no figure in this text's scope (eu-vote-on-electric-car-duties.abstaining = 12, eu-vote-on-electric-car-duties.in_favour = 10, eu-vote-on-electric-car-duties.members = 27, eu-vote-on-electric-car-duties.voting = 27, eu-vote-on-electric-car-duties.against = 5, diplomats-cited = 3 and 6 more) — closest is eu-vote-on-electric-car-duties.abstaining; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
        ],
        id="thirteen-abstained",
    ),
    pytest.param(
        "votes/eu-vote-on-electric-car-duties.yaml",
        "abstaining: 12",
        "abstaining: 11",
        [
            "content/briefs/eu-states-fail-to-block-ev-duties.yaml:2: summary: '12' matches no figure in this text's scope (eu-vote-on-electric-car-duties.abstaining = 11, eu-vote-on-electric-car-duties.in_favour = 10, eu-vote-on-electric-car-duties.voting = 26, eu-vote-on-electric-car-duties.members = 27, eu-vote-on-electric-car-duties.against = 5, diplomats-cited = 3 and 6 more) — closest is eu-vote-on-electric-car-duties.abstaining; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
            "content/briefs/eu-states-fail-to-block-ev-duties.yaml:10: updates[0].note: '12' matches no figure in this text's scope (eu-vote-on-electric-car-duties.abstaining = 11, eu-vote-on-electric-car-duties.in_favour = 10, eu-vote-on-electric-car-duties.voting = 26, eu-vote-on-electric-car-duties.members = 27, eu-vote-on-electric-car-duties.against = 5, diplomats-cited = 3 and 6 more) — closest is eu-vote-on-electric-car-duties.abstaining; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
            "content/claims/eu-member-states-let-duties-pass.yaml:1: text: '12' matches no figure in this text's scope (eu-vote-on-electric-car-duties.abstaining = 11, eu-vote-on-electric-car-duties.in_favour = 10, eu-vote-on-electric-car-duties.voting = 26, eu-vote-on-electric-car-duties.members = 27, eu-vote-on-electric-car-duties.against = 5, diplomats-cited = 3 and 6 more) — closest is eu-vote-on-electric-car-duties.abstaining; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
            "content/votes/eu-vote-on-electric-car-duties.yaml:11: members: the counts do not add up: in_favour 10 + against 5 + abstaining 11 + absent 0 = 26, but the body has 27 member states (−1) — correct a count or `members`",
        ],
        id="sum-of-counts-off-by-one",
    ),
    pytest.param(
        "claims/eu-member-states-let-duties-pass.yaml",
        "five against",
        "four against",
        [
            "content/claims/eu-member-states-let-duties-pass.yaml:1: text: 'four' matches no figure in this text's scope (eu-vote-on-electric-car-duties.against = 5, diplomats-cited = 3, eu-vote-on-electric-car-duties.in_favour = 10, eu-vote-on-electric-car-duties.abstaining = 12, eu-vote-on-electric-car-duties.members = 27, eu-vote-on-electric-car-duties.voting = 27 and 6 more) — closest is eu-vote-on-electric-car-duties.against; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
        ],
        id="four-against",
    ),
    pytest.param(
        "claims/chinese-electric-car-imports-grew.yaml",
        "rose 33.5%",
        "rose 40%",
        [
            "content/claims/chinese-electric-car-imports-grew.yaml:1: text: '40%' matches no figure in this text's scope (chinese-electric-car-imports-eu-change-2023 = 33.5%) — closest is chinese-electric-car-imports-eu-change-2023; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
        ],
        id="up-40-percent",
    ),
    pytest.param(
        "claims/byd-duty-lower-than-provisional.yaml",
        "provisional 17.4%",
        "provisional 17.8%",
        [
            "content/claims/byd-duty-lower-than-provisional.yaml:1: text: '17.8%' matches no figure in this text's scope (byd-duty-rate-provisional = 17.4%, byd-duty-rate-definitive = 17.0%, byd-duty-rate-definitive-as-reported = 17.0%, byd-duty-rate-change = −0.4 points) — closest is byd-duty-rate-provisional; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
        ],
        id="decimal-misquoted",
    ),
    pytest.param(
        "events/eu-duties-take-effect.yaml",
        "date: 2024-10-30",
        "date: 2024-10-31",
        [
            "content/events/eu-duties-take-effect.yaml:2: date: '2024-10-31' does not match 'tomorrow' as written in 'commission-regulation-notice' on 2024-10-29: that means 2024-10-30 — correct `date` or `date_as_stated`",
        ],
        id="tomorrow-two-days-later",
    ),
    pytest.param(
        "policies/eu-duties-chinese-electric-cars.yaml",
        "ends: 2029-10-30",
        "ends: 2030-10-30",
        [
            "content/policies/eu-duties-chinese-electric-cars.yaml:23: ends: '2030-10-30' does not match 'for five years' from 2024-10-30 (when it takes effect): that ends on 2029-10-29 — correct `ends` or `duration_as_stated`",
        ],
        id="duration-disagrees",
    ),
    pytest.param(
        "policies/eu-duties-chinese-electric-cars.yaml",
        "the EU's 10% car tariff\n",
        "the EU's 12% car tariff\n",
        [
            "content/policies/eu-duties-chinese-electric-cars.yaml:3: summary: '10%' matches no figure in this text's scope (byd-duty-rate-definitive = 17.0%, byd-duty-rate-definitive-as-reported = 17.0%, byd-duty-rate-provisional = 17.4%, chinese-electric-car-imports-eu-change-2023 = 33.5%, eu-vote-on-electric-car-duties.in_favour = 10, eu-vote-on-electric-car-duties.abstaining = 12 and 6 more) — closest is byd-duty-rate-definitive; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason",
            "content/policies/eu-duties-chinese-electric-cars.yaml:26: not_figures[0].text: 'the EU's 12% car tariff' is not a number in this record's text — remove it from `not_figures`, or correct it to the words as they appear",
        ],
        id="unused-exception",
    ),
]


def test_the_two_briefs_load_clean_together(two_briefs: Path) -> None:
    assert problems(two_briefs) == []


@pytest.mark.parametrize(("file", "old", "new", "expected"), MISTAKES)
def test_each_planted_mistake_is_caught_with_its_message(two_briefs: Path, file: str, old: str, new: str, expected: list[str]) -> None:
    target = two_briefs / file
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer holds {old!r}: update the table"
    target.write_text(text.replace(old, new), encoding="utf-8")
    assert problems(two_briefs) == expected


DOCS_MISTAKE = ("0.4 points below the provisional 17.4%.", "0.4 points below the provisional 17.9%.")


@pytest.fixture(scope="module")
def two_brief_site(tmp_path_factory) -> Path:
    """The real project with the second brief added, built strict once."""
    project = copy_project(tmp_path_factory.mktemp("two") / "project")
    add_second_brief(project)
    site_dir = project.parent / "site"
    result = mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


def test_a_docs_page_number_outside_its_scope_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    add_second_brief(project)
    page = project / "docs" / "eu-duties.md"
    page.write_text(page.read_text(encoding="utf-8").replace(*DOCS_MISTAKE), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/eu-duties.md:4: the number '17.9%' matches no figure this page refers to (closest: byd-duty-rate-provisional = 17.4%)") in result.stderr


def _titles_in_order(html: str, brief_ids: list[str]) -> list[str]:
    """The briefs in the order the page first links them (links are relative: 'briefs/<id>/' or '<id>/')."""
    found = sorted((html.find(f'{b}/"'), b) for b in brief_ids if html.find(f'{b}/"') >= 0)
    return [b for _, b in found]


BRIEFS = ["ford-xiaomi-deny-jv-report", "eu-states-fail-to-block-ev-duties"]  # newest first


def test_home_and_briefs_index_lead_with_the_newest(two_brief_site: Path) -> None:
    assert _titles_in_order((two_brief_site / "index.html").read_text(encoding="utf-8"), BRIEFS) == BRIEFS
    assert _titles_in_order((two_brief_site / "briefs" / "index.html").read_text(encoding="utf-8"), BRIEFS) == BRIEFS


def test_the_feed_has_an_entry_per_brief(two_brief_site: Path) -> None:
    import feedparser

    feed = feedparser.parse((two_brief_site / "feed.xml").read_text(encoding="utf-8"))
    links = {e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries}
    assert set(BRIEFS) <= links


def test_the_export_has_a_file_per_brief_and_one_for_all(two_brief_site: Path) -> None:
    data = two_brief_site / "data"
    everything = json.loads((data / "all.json").read_text(encoding="utf-8"))
    for brief in BRIEFS:
        one = json.loads((data / f"{brief}.json").read_text(encoding="utf-8"))
        assert one["brief"] == brief
    eu = json.loads((data / "eu-states-fail-to-block-ev-duties.json").read_text(encoding="utf-8"))
    ford = json.loads((data / "ford-xiaomi-deny-jv-report.json").read_text(encoding="utf-8"))
    assert "byd-duty-rate-definitive" in json.dumps(eu) and "byd-duty-rate-definitive" not in json.dumps(ford)
    assert "xiaomi-deliveries-2026-01" in json.dumps(ford) and "xiaomi-deliveries-2026-01" not in json.dumps(eu)
    assert "byd-duty-rate-definitive" in json.dumps(everything) and "xiaomi-deliveries-2026-01" in json.dumps(everything)


def test_the_shared_company_and_the_timeline_show_both_stories(two_brief_site: Path) -> None:
    byd = (two_brief_site / "companies" / "byd" / "index.html").read_text(encoding="utf-8")
    assert "connected-vehicle-ban-blocks-xiaomi-byd" in byd  # the Ford–Xiaomi story
    assert "byd-duty-rate-definitive" in byd  # the EU story: a figure *for* BYD under the duties
    timeline = (two_brief_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "eu-duties-take-effect" in timeline and "ford-xiaomi-deny-report" in timeline


def test_a_figure_appears_on_the_page_of_every_record_its_dimensions_name(two_brief_site: Path) -> None:
    policy = (two_brief_site / "policies" / "eu-duties-chinese-electric-cars" / "index.html").read_text(encoding="utf-8")
    assert 'data-figure="byd-duty-rate-definitive"' in policy


def test_written_decimals_survive_to_the_page(two_brief_site: Path) -> None:
    page = (two_brief_site / "figures" / "byd-duty-rate-definitive" / "index.html").read_text(encoding="utf-8")
    assert ">17.0</data>%" in page


GUIDE_EXAMPLE = re.compile(r"```yaml\n# (content/[^\n]+\.yaml)\n(.*?)```", re.S)


def test_every_example_in_the_editing_guide_is_a_file_the_tests_build() -> None:
    """The guide's examples of votes, policies over time, points, exceptions and relative dates are
    files of the second brief, verbatim: each is loaded, checked and built by the tests above."""
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    examples = GUIDE_EXAMPLE.findall(guide)
    assert all((SECOND_BRIEF / path).exists() or (ROOT / path).exists() for path, _ in examples)
    built = [(path, text) for path, text in examples if (SECOND_BRIEF / path).exists()]
    kinds = {path.split("/")[1] for path, _ in built}
    assert {"votes", "policies", "statements", "figures", "organizations", "events"} <= kinds
    for path, text in built:
        assert (SECOND_BRIEF / path).read_text(encoding="utf-8").strip() == text.strip(), f"the guide's {path} differs from the file"


def _model_text_paths(model_class, prefix: tuple = ()) -> set[tuple]:
    """Every prose field of a kind, from the model (nested lists and models included)."""
    from newsbrief.textcheck import NOT_PROSE
    from newsbrief.textfields import text_fields

    return {tuple(path.split(".")) for path in text_fields(model_class) if not set(path.split(".")) & NOT_PROSE}


def test_the_two_briefs_use_every_text_field_of_every_kind(two_briefs: Path) -> None:
    """So that the test below plants a wrong number in each: a new field must be given an example here."""
    from newsbrief.checks import load_site
    from newsbrief.model import KINDS
    from newsbrief.textcheck import texts_of

    site = load_site(two_briefs, two_briefs.parent)
    used = {(e.kind, *(step for step in loc if not isinstance(step, int))) for e in site.entries.values() for loc, _ in texts_of(e)}
    wanted = {(kind, *path) for kind, model in KINDS.items() for path in _model_text_paths(model)}
    assert wanted - used == set()


NOT_PROSE = {
    "url",
    "website",
    "language",
    "country",
    "in",
    "name",
    "native_name",
    "aliases",
    "date_as_stated",
    "period_as_stated",
    "duration_as_stated",
    "not_figures",
}
"""Text the number check must not read: names, addresses, codes, date words (checked as dates), exceptions.
Kept here apart from the code's own list, so that a field dropped from the check fails this test."""


def _string_leaves(node, model_class, loc: tuple = ()):
    """(location, key) of every plain-text value in a raw record, typed from the model: no ids, no choices."""
    import typing

    from newsbrief.textfields import nested_model as _inner_model
    from newsbrief.types import RefTo

    if isinstance(node, dict):
        fields = {info.alias or name: info for name, info in model_class.model_fields.items()}
        for key, value in node.items():
            info = fields[key]
            if key in NOT_PROSE or any(isinstance(m, RefTo) for m in _all_metadata(info.annotation, info.metadata)):
                continue
            if "Literal" in str(info.annotation):
                continue
            inner = _inner_model(info.annotation)
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*loc, key, i)
                    else:
                        yield from _string_leaves(item, inner, (*loc, key, i))
            elif isinstance(value, dict):
                yield from _string_leaves(value, inner, (*loc, key))
            elif isinstance(value, str) and typing.get_origin(info.annotation) is not None or info.annotation is str or "str" in str(info.annotation):
                if isinstance(value, str) and "PartialDate" not in str(info.annotation):
                    yield (*loc, key)


def _all_metadata(annotation, metadata):
    import typing

    yield from metadata
    yield from getattr(annotation, "__metadata__", ())
    for arg in typing.get_args(annotation):
        yield from _all_metadata(arg, [])


def test_a_wrong_number_in_any_text_field_is_caught_there(two_briefs: Path) -> None:
    """A number no figure has, appended to every plain-text value of every record: each one is reported, by file and field."""
    import yaml

    from newsbrief.checks import load_site
    from newsbrief.loader import field_name
    from newsbrief.model import KINDS
    from newsbrief.yamlload import parse_yaml

    site = load_site(two_briefs, two_briefs.parent)
    expected = set()
    for entry in site.entries.values():
        path = two_briefs.parent / entry.file
        raw = _plain(parse_yaml(path.read_bytes()))
        for loc in list(_string_leaves(raw, KINDS[entry.kind])):
            expected.add((entry.file, field_name(loc)))
            *parents, last = loc
            node = raw
            for step in parents:
                node = node[step]
            node[last] = f"{node[last]} and 9,876,543 more"
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = {(p.file, p.field) for p in load_site(two_briefs, two_briefs.parent).problems if "'9,876,543'" in p.message}
    assert expected - found == set()
    assert len(expected) >= 140


def _plain(node):
    """The loader's line-keeping dicts, lists and written floats as plain ones, for YAML to write."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, float):
        return float(node)
    return node


def test_the_planted_mistakes_fail_the_strict_build_with_their_messages(tmp_path: Path) -> None:
    """One real `mkdocs build --strict` with one mistake per file from the table: each is printed, the build fails."""
    project = copy_project(tmp_path / "project")
    add_second_brief(project)
    seen_files: set[str] = set()
    expected: list[str] = []
    for case in MISTAKES:
        file, old, new, messages = case.values
        if file in seen_files or not all(m.startswith(f"content/{file}:") for m in messages):
            continue  # one mistake a file, and only mistakes reported in their own file: they cannot mask each other
        seen_files.add(file)
        target = project / "content" / file
        target.write_text(target.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        expected += messages
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    printed = [line.split("ERROR   -  ", 1)[1] for line in result.stderr.splitlines() if "ERROR   -  " in line]
    assert len(seen_files) >= 6

    # Exact messages are asserted case by case above; here mistakes are combined, so the lists of figures
    # in scope differ: each mistake's file, line, field and number must be printed.
    def head(message: str) -> str:
        return message.split(" (")[0]

    assert {head(m) for m in expected} <= {head(p) for p in printed}


def test_written_decimals_and_vote_counts_survive_to_the_downloads(two_brief_site: Path) -> None:
    import csv
    import io

    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((two_brief_site / "data" / "figures.csv").read_text(encoding="utf-8")))}
    assert rows["byd-duty-rate-definitive"]["value"] == "17.0"
    assert rows["xiaomi-registrations-2025"]["value"] == "411837"
    data = json.loads((two_brief_site / "data" / "eu-states-fail-to-block-ev-duties.json").read_text(encoding="utf-8"))
    assert data["derived"]["values_as_written"]["byd-duty-rate-definitive"] == "17.0"
    assert data["derived"]["vote_counts"]["eu-vote-on-electric-car-duties.abstaining"] == 12
    assert data["records"]["figures"]["byd-duty-rate-definitive"]["dimensions"] == {"for": "byd", "under": "eu-duties-chinese-electric-cars", "in": "CN"}


@pytest.mark.parametrize(("today", "shown"), [("2024-10-29", True), ("2024-10-30", False), ("2026-02-01", False)])
def test_a_scheduled_event_shows_as_scheduled_until_its_day(two_briefs: Path, monkeypatch, today: str, shown: bool) -> None:
    """The build's today (NEWSBRIEF_TODAY fixes it) decides: announced the day before, it is scheduled; on the day, it happened."""
    from newsbrief.checks import load_site
    from newsbrief.render import Renderer

    monkeypatch.setenv("NEWSBRIEF_TODAY", today)
    site = load_site(two_briefs, two_briefs.parent)
    renderer = Renderer(site)
    event = renderer.record_page(site.entries["eu-duties-take-effect"]).html
    policy = renderer.record_page(site.entries["eu-duties-chinese-electric-cars"]).html
    assert ("(scheduled)" in event) is shown
    assert ("<em>(scheduled)</em>" in policy) is shown  # the step "in force" of 30 October, in the history table


def test_counts_read_one_and_many(two_brief_site: Path) -> None:
    from newsbrief.vocabulary import unit_words

    assert (unit_words("member-states", 1), unit_words("member-states", 27)) == ("member state", "member states")
    assert (unit_words("people", 1), unit_words("people", 3)) == ("person", "people")
    vote = (two_brief_site / "votes" / "eu-vote-on-electric-car-duties" / "index.html").read_text(encoding="utf-8")
    assert '<data value="12">12</data> member states' in vote and '<data value="0">0</data> member states' in vote


def test_country_names_come_from_babel(two_brief_site: Path) -> None:
    geely = (two_brief_site / "companies" / "geely" / "index.html").read_text(encoding="utf-8")
    commission = (two_brief_site / "organizations" / "european-commission" / "index.html").read_text(encoding="utf-8")
    assert "China" in geely and "Belgium" in commission  # BE is in no table of ours


def test_every_field_of_every_kind_is_in_the_editing_guide() -> None:
    """A field added to the model must be explained to editors: its name appears in the guide."""
    from newsbrief.model import KINDS
    from newsbrief.textfields import nested_model as _inner_model

    def names(model, seen: set) -> set[str]:
        found = set()
        for name, info in model.model_fields.items():
            found.add(info.alias or name)
            inner = _inner_model(info.annotation)
            if inner is not None and inner not in seen:
                seen.add(inner)
                found |= names(inner, seen)
        return found

    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    missing = {kind: sorted(f for f in names(model, set()) if not re.search(rf"(`|^|\s){re.escape(f)}(:|`)", guide, re.M)) for kind, model in KINDS.items()}
    assert {kind: fields for kind, fields in missing.items() if fields} == {}


def test_the_votes_index_has_the_columns_of_its_kind(two_brief_site: Path) -> None:
    from newsbrief.indexes import COLUMNS

    html = (two_brief_site / "votes" / "index.html").read_text(encoding="utf-8")
    headers = re.findall(r"<th>([^<]*)</th>", html[html.index('class="nb-sortable nb-index"') :])
    assert headers == [header for header, _ in COLUMNS["vote"]] == ["Vote", "Date", "Body", "Outcome"]
    assert "4 October 2024" in html and "EU member states" in html and "passed" in html


def test_a_period_known_only_as_before_2024_is_shown_as_such(two_brief_site: Path) -> None:
    page = (two_brief_site / "figures" / "us-tariff-rate-chinese-vehicles-before-2024" / "index.html").read_text(encoding="utf-8")
    assert 'before <time datetime="2024">2024</time>' in page
    assert "2023" not in page  # the article never says 2023
    data = json.loads((two_brief_site / "data" / "all.json").read_text(encoding="utf-8"))
    assert data["records"]["figures"]["us-tariff-rate-chinese-vehicles-before-2024"]["period"] == "before 2024"


def test_the_editors_page_names_competing_values_as_a_reader_would(two_brief_site: Path) -> None:
    """Not the message's ids ('eu-duties-chinese-electric-cars duty rate … for byd'): the figure's own label, linked."""
    editors = read_site(two_brief_site)["editors/"]
    assert (
        "Competing values¶ EU duty rate for BYD (definitive): 17.0% (European Commission, preferred: the regulation itself); 17.0% (Brussels Wire, normal)"
    ) in editors.text
    assert ("../figures/byd-duty-rate-definitive/", "competing-values") in editors.links


@pytest.mark.parametrize("brief", BRIEFS)
def test_each_key_point_says_who_says_so_once(two_brief_site: Path, brief: str) -> None:
    """The page adds a claim's attribution from its source ('…, according to a Brussels Wire report,
    citing three people familiar with the vote.'); a claim whose text carries it too reads it twice."""
    page = (two_brief_site / "briefs" / brief / "index.html").read_text(encoding="utf-8")
    points = [
        re.sub(r"<[^>]+>", "", item)
        for block in re.findall(r'<ul class="nb-points">(.*?)</ul>', page, re.S)
        for item in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]
    assert points, f"{brief} shows no key points"
    twice = [point for point in points if point.count("according to") > 1]
    assert twice == []


def test_a_figure_page_names_each_dimension_once_and_the_subject_only_as_the_subject(two_brief_site: Path) -> None:
    """'For: BYD · Under: … · In: China · Of: …' links each record the figure names, from the model's
    dimensions; one that is the figure's subject again (a rate under the policy it is the subject of)
    is left out: the line above already names it."""
    from newsbrief.checks import load_site
    from newsbrief.render import Renderer

    content = two_brief_site.parent / "project" / "content"
    site = load_site(content, content.parent)
    renderer = Renderer(site)
    with_dimensions = [e for e in site.of_kind("figure") if e.record.dimensions]
    assert any(e.record.dimensions.under == e.record.subject for e in with_dimensions), "no figure names its subject again: the case is not tested"
    for entry in with_dimensions:
        record, dims = entry.record, entry.record.dimensions
        page = (two_brief_site / "figures" / entry.id / "index.html").read_text(encoding="utf-8")
        line = re.search(r'<p class="nb-dimensions">(.*?)</p>', page, re.S)
        named = [(label, other) for label, other in (("For", dims.for_), ("Under", dims.under)) if other and other != record.subject]
        expected = [f"{label}: {renderer.title(other)}" for label, other in named]
        expected += [f"In: {renderer.country(dims.in_)}"] if dims.in_ else []
        expected += [f"Of: {dims.of}"] if dims.of else []
        if not expected:
            assert line is None, f"{entry.id}: an empty dimensions line"
            continue
        assert line is not None, f"{entry.id}: no dimensions line"
        text = " ".join(re.sub(r"<[^>]+>", "", line.group(1)).split())
        assert text == " · ".join(expected), entry.id
        links = re.findall(r'href="([^"]+)"', line.group(1))
        assert [link.rstrip("/").split("/")[-1] for link in links] == [other for _, other in named], entry.id
