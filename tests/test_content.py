"""The real content/: the Ford–Xiaomi brief, every fact encoded, loaded and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import problems
from newsbrief.checks import Site
from newsbrief.types import PartialDate

REQUIRED_IDS = {
    "ford": "company",
    "xiaomi": "company",
    "byd": "company",
    "huawei": "company",
    "jim-farley": "person",
    "lei-jun": "person",
    "donald-trump": "person",
    "financial-times": "organization",
    "biden-administration": "organization",
    "trump-administration": "organization",
    "china-passenger-car-association": "organization",
    "everything-electric-show": "organization",
    "us-tariff-chinese-vehicles-2024": "policy",
    "us-connected-vehicle-software-hardware-ban": "policy",
    "ford-xiaomi-deny-jv-report": "brief",
}


def test_real_content_has_no_problems(real_site: Site) -> None:
    assert [str(p) for p in real_site.problems] == []


@pytest.mark.parametrize(("record_id", "kind"), sorted(REQUIRED_IDS.items()))
def test_named_records_exist(real_site: Site, record_id: str, kind: str) -> None:
    assert real_site.entries[record_id].kind == kind


def test_native_names(real_site: Site) -> None:
    assert {i: real_site.record(i).native_name for i in ("xiaomi", "lei-jun", "byd")} == {"xiaomi": "小米", "lei-jun": "雷军", "byd": "比亚迪"}


@pytest.mark.parametrize(
    ("figure_id", "value", "qualifier", "unit", "period"),
    [
        ("xiaomi-deliveries-2026-01", 39000, "over", "vehicles", "2026-01"),
        ("xiaomi-deliveries-2026-01-vs-2025-01", 70, "exact", "percent", "2026-01"),
        ("xiaomi-deliveries-2026-01-vs-2025-12", -20, "exact", "percent", "2026-01"),
        ("xiaomi-registrations-2025", 411837, "exact", "vehicles", "2025"),
        ("xiaomi-target-2025", 400000, "exact", "vehicles", "2025"),
        ("xiaomi-target-2026", 550000, "exact", "vehicles", "2026"),
        ("xiaomi-target-2026-vs-registrations-2025", 34, "exact", "percent", "2026"),
        ("us-tariff-rate-chinese-vehicles-2024", 100, "exact", "percent", "2024"),
        ("us-tariff-chinese-vehicles-quadrupled", 4, "exact", "times", "2024"),
        ("farley-su7-driving-time", 6, "exact", "months", "2024-10"),
        ("ft-report-people-cited", 4, "exact", "people", "2026-01-31"),
    ],
)
def test_the_article_figures(real_site: Site, figure_id, value, qualifier, unit, period) -> None:
    figure = real_site.record(figure_id)
    assert (figure.value, figure.qualifier, figure.unit, str(figure.period)) == (value, qualifier, unit, period)


@pytest.mark.parametrize(
    ("figure_id", "value", "qualifier"),
    [
        # Interval arithmetic: over 39,000 and a rounded 70% (69.5–70.5) admit 22,874 or more.
        ("xiaomi-deliveries-2025-01", 22800, "at-least"),
        ("xiaomi-deliveries-2025-12", 48400, "at-least"),
        ("us-tariff-rate-chinese-vehicles-before-2024", 25, "about"),
    ],
)
def test_implied_figures_are_computed_not_typed(real_site: Site, figure_id, value, qualifier) -> None:
    assert real_site.record(figure_id).value is None
    got = real_site.implied[figure_id]
    assert (got.value, got.qualifier) == (pytest.approx(value), qualifier)


def test_the_34_percent_is_shown_with_its_arithmetic(real_site: Site) -> None:
    assert real_site.arithmetic["xiaomi-target-2026-vs-registrations-2025"] == "550,000 / 411,837 − 1 = +33.55%, stated as 34%"


@pytest.mark.parametrize(
    ("record_id", "field", "words", "resolved"),
    [
        ("ft-reports-ford-xiaomi-jv-talks", "date", "Saturday", "2026-01-31"),
        ("ford-denies-jv-report", "date", "Sunday", "2026-02-01"),
        ("trump-chinese-automakers-build-in-us", "date", "last month", "2026-01"),
        ("lei-jun-2026-target", "date", "last month", "2026-01"),
        ("xiaomi-registrations-2025", "period", "last year", "2025"),
        ("xiaomi-europe-deliveries-begin", "date", "next year", "2027"),
        ("cpca-january-2026-data-release", "date", "later in the month", "2026-02"),
    ],
)
def test_relative_dates_are_pinned(real_site: Site, record_id, field, words, resolved) -> None:
    record = real_site.record(record_id)
    assert (getattr(record, f"{field}_as_stated"), str(getattr(record, field))) == (words, resolved)


def test_the_joint_venture_claim_is_disputed_by_both_companies(real_site: Site) -> None:
    claim = "ford-xiaomi-us-ev-joint-venture-talks"
    assert real_site.status(claim) == "disputed"
    assert real_site.stances[claim] == [
        ("ford-denies-jv-report", "denies"),
        ("ft-reports-ford-xiaomi-jv-talks", "asserts"),
        ("xiaomi-denies-jv-report", "denies"),
    ]


def test_quotes_are_verbatim(real_site: Site) -> None:
    assert real_site.record("ford-denies-jv-report").quote == "This story is completely false. There is no truth to it."
    assert "I’ve been driving it for six months now and I don’t want to give it up." in real_site.record("farley-drives-xiaomi-su7").quote


def test_the_cut_off_sentence_is_recorded_as_published(real_site: Site) -> None:
    note = real_site.record("farley-drove-xiaomi-su7").note
    assert "cut off as published" in note
    assert 'had been driving it for six months [as of".' in note


def test_the_article_is_the_source_of_the_brief(real_site: Site) -> None:
    brief = real_site.record("ford-xiaomi-deny-jv-report")
    source = real_site.record(brief.sources[0])
    assert (source.published, source.kind) == (PartialDate(2026, 2, 1), "news-report")
    assert PartialDate(2026, 2, 1).first_day.strftime("%A") == "Sunday"


def test_every_claim_statement_figure_policy_and_event_has_a_resolving_source(real_site: Site) -> None:
    for entry in real_site.entries.values():
        if entry.kind in ("claim", "statement", "policy", "event") or (entry.kind == "figure" and not entry.record.implied_by):
            assert entry.record.sources, entry.file
            assert all(real_site.entries[s].kind == "source" for s in entry.record.sources), entry.file


def test_every_article_number_is_somewhere_in_the_data(real_site: Site) -> None:
    """Each number in the seed article appears as a figure value (or an implied one)."""
    values = {e.record.value for e in real_site.of_kind("figure")}
    for number in (39000, 70, -20, 411837, 400000, 550000, 34, 100, 4, 6):
        assert number in values, number


# --- the "done when" cases: real content, broken on purpose ----------


def test_changing_550000_to_600000_fails_naming_the_file(real_content: Path) -> None:
    target = real_content / "figures" / "xiaomi-target-2026.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("550000", "600000"), encoding="utf-8")
    in_scope = (
        "xiaomi-target-2026 = 600,000, xiaomi-registrations-2025 = 411,837, xiaomi-target-2025 = 400,000, "
        "xiaomi-deliveries-2025-12 = 48,400, xiaomi-deliveries-2026-01 = 39,000, xiaomi-deliveries-2025-01 = 22,800 and 8 more"
    )
    advice = "closest is xiaomi-target-2026; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason"
    assert problems(real_content) == [
        "content/claims/xiaomi-2026-target.yaml:1: text: '550,000' matches no figure in this text's scope (xiaomi-target-2026 = 600,000, "
        f"xiaomi-registrations-2025 = 411,837, xiaomi-target-2025 = 400,000, xiaomi-target-2026-vs-registrations-2025 = 34%) — {advice}",
        f"content/events/lei-jun-announces-2026-target.yaml:1: title: '550,000' matches no figure in this text's scope ({in_scope}) — {advice}",
        "content/figures/xiaomi-target-2026-vs-registrations-2025.yaml:4: value: 34% does not agree with the figures it is "
        "derived from: 600,000 / 411,837 − 1 = +45.69% — correct `value` (or `rounding`), or the figures it uses: "
        "content/figures/xiaomi-registrations-2025.yaml:4, content/figures/xiaomi-target-2026.yaml:4",
        f"content/statements/lei-jun-2026-target.yaml:5: paraphrase: '550,000' matches no figure in this text's scope ({in_scope}) — {advice}",
    ]


def test_a_duplicated_key_in_a_company_file_fails_naming_file_and_line(real_content: Path) -> None:
    target = real_content / "companies" / "ford.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "name: Ford Motors\n", encoding="utf-8")
    assert problems(real_content) == ["content/companies/ford.yaml:5: key 'name' appears twice in the same mapping (first on line 1) — keep one"]


def test_a_misspelled_speaker_gets_a_hint(real_content: Path) -> None:
    target = real_content / "statements" / "ford-denies-jv-report.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("speaker: ford", "speaker: ford-motors"), encoding="utf-8")
    assert problems(real_content) == ["content/statements/ford-denies-jv-report.yaml:1: speaker: no record 'ford-motors' — did you mean 'ford'?"]


def test_a_claim_without_a_source_fails(real_content: Path) -> None:
    target = real_content / "claims" / "xiaomi-europe-deliveries-2027.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text("\n".join(line for line in text.splitlines() if not line.startswith("sources:")) + "\n", encoding="utf-8")
    assert problems(real_content) == [
        "content/claims/xiaomi-europe-deliveries-2027.yaml:1: sources: every claim needs at least one source — add `sources: [<source-id>]`"
    ]


def test_calling_the_december_figure_last_month_fails(real_content: Path) -> None:
    target = real_content / "statements" / "lei-jun-2026-target.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("date: 2026-01", "date: 2025-12"), encoding="utf-8")
    assert problems(real_content) == [
        "content/statements/lei-jun-2026-target.yaml:2: date: '2025-12' does not match 'last month' as written in "
        "'article-ford-xiaomi-deny-jv-report' on 2026-02-01: that means 2026-01 — correct `date` or `date_as_stated`"
    ]
