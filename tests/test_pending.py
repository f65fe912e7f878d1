"""Data still to come (issue 16): the association's January release, expected, overdue, then recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT, copy_project, mkdocs_build
from newsbrief.checks import load_site
from sitehtml import read_site

RELEASE = "cpca-january-2026-data-release"
RELEASE_FILE = f"content/events/{RELEASE}.yaml"


def test_the_real_content_marks_the_association_release_as_pending(monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-02-10")
    item = load_site(ROOT / "content", ROOT).pending[RELEASE]
    # "later in the month", written on 1 February 2026: by the last day of February.
    assert (item.due.isoformat(), item.state, item.fulfilled_by) == ("2026-02-28", "expected", ())
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-02-28")
    assert load_site(ROOT / "content", ROOT).pending[RELEASE].state == "expected"
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-03-01")
    assert load_site(ROOT / "content", ROOT).pending[RELEASE].state == "overdue"


def test_an_overdue_release_is_logged_and_listed_but_the_strict_build_passes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-03-15")
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (
        f"INFO    -  {RELEASE_FILE}:2: overdue: expected by 2026-02-28 (“later in the month”, from 2026-02-01), nothing recorded "
        f"by 2026-03-15 — record the figure with `fulfils: {RELEASE}`, or correct the date (see /editors/)"
    ) in result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    pages = read_site(tmp_path / "site")
    editors = pages["editors/"].text
    assert "Build date (today): 15 March 2026" in editors
    assert (
        "China Passenger Car Association releases January 2026 delivery data China Passenger Car Association will publish "
        "Xiaomi deliveries for January 2026 (overdue: expected by 28 February 2026; nothing recorded by 15 March 2026) "
        f"{RELEASE_FILE}"
    ) in editors
    assert (
        "Expected release: China Passenger Car Association will publish Xiaomi deliveries for January 2026 "
        "(overdue: expected by 28 February 2026; nothing recorded by 15 March 2026)"
    ) in pages[f"events/{RELEASE}/"].text
    brief = pages["briefs/ford-xiaomi-deny-jv-report/"].text
    assert (
        "Data still to come¶ China Passenger Car Association will publish Xiaomi deliveries for January 2026 — China Passenger Car "
        "Association releases January 2026 delivery data (overdue: expected by 28 February 2026; nothing recorded by 15 March 2026)"
    ) in brief
    # The brief's own "What's next" point says the same as the event's page, not the record's bare status.
    assert (
        "What's next¶ February 2026 (“later in the month”): China Passenger Car Association releases January 2026 delivery data "
        "(overdue: expected by 28 February 2026; nothing recorded by 15 March 2026)"
    ) in brief


def test_an_expected_release_says_by_when(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-02-10")
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "overdue" not in result.stderr
    pages = read_site(tmp_path / "site")
    assert "Xiaomi deliveries for January 2026 (expected by 28 February 2026)" in pages[f"events/{RELEASE}/"].text
    assert (
        "What's next¶ February 2026 (“later in the month”): China Passenger Car Association releases January 2026 delivery data (expected by 28 February 2026)"
        in pages["briefs/ford-xiaomi-deny-jv-report/"].text
    )
    assert "Build date (today): 10 February 2026" in pages["editors/"].text


def test_recording_the_figure_clears_it_and_the_timeline_shows_announcement_and_release(tmp_path: Path, monkeypatch) -> None:
    from test_competing import add_cpca

    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-03-15")
    project = add_cpca(copy_project(tmp_path / "project"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "overdue" not in result.stderr
    pages = read_site(tmp_path / "site")
    assert "Xiaomi deliveries for January 2026 (released: 38,650 vehicles)" in pages["editors/"].text
    assert (
        "Delivers the expected release: China Passenger Car Association releases January 2026 delivery data"
        in pages["figures/cpca-xiaomi-deliveries-2026-01/"].text
    )
    event = pages[f"events/{RELEASE}/"]
    assert "Xiaomi deliveries for January 2026 (released: 38,650 vehicles)" in event.text
    assert (
        "What's next¶ February 2026 (“later in the month”): China Passenger Car Association releases January 2026 delivery data (released: 38,650 vehicles)"
        in pages["briefs/ford-xiaomi-deny-jv-report/"].text
    )
    assert any(href.endswith("figures/cpca-xiaomi-deliveries-2026-01/") for href, _ in event.links)
    brief = pages["briefs/ford-xiaomi-deny-jv-report/"].text
    assert ("1 February 2026 — Release announced: China Passenger Car Association releases January 2026 delivery data") in brief
    assert ("11 February 2026 — Released: China Passenger Car Association releases January 2026 delivery data: 38,650 vehicles") in brief


def test_fulfils_must_name_an_expected_release_of_the_same_measure(two_briefs: Path) -> None:
    shutil.copytree(FIXTURES / "cpca-release" / "content", two_briefs, dirs_exist_ok=True)
    figure = two_briefs / "figures" / "cpca-xiaomi-deliveries-2026-01.yaml"
    text = figure.read_text(encoding="utf-8") + "rank: preferred\nrank_reason: official statistics\n"
    figure.write_text(text.replace(f"fulfils: {RELEASE}", "fulfils: eu-duties-take-effect"), encoding="utf-8")
    found = [str(p) for p in load_site(two_briefs, two_briefs.parent).problems]
    assert found == [
        "content/figures/cpca-xiaomi-deliveries-2026-01.yaml:8: fulfils: 'eu-duties-take-effect' expects nothing — "
        "give it `expects:` (publisher, subject, metric, period), or remove `fulfils`"
    ]
    figure.write_text(text.replace("period: 2026-01", "period: 2025-12"), encoding="utf-8")
    found = [str(p) for p in load_site(two_briefs, two_briefs.parent).problems]
    assert (
        f"content/figures/cpca-xiaomi-deliveries-2026-01.yaml:8: fulfils: '{RELEASE}' expects xiaomi deliveries for 2026-01, "
        "but this figure is xiaomi deliveries for 2025-12 — correct the figure or `fulfils`" in found
    )


def test_the_problems_page_prints_the_build_today(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-03-15")
    project = copy_project(tmp_path / "project")
    target = project / "content" / "figures" / "xiaomi-target-2026.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("550000", "600000"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    text = read_site(tmp_path / "site")["problems/"].text
    assert "Build date (today): 15 March 2026 — set NEWSBRIEF_TODAY to fix it." in text


def test_an_event_that_fulfils_the_release_clears_it(two_briefs: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-03-15")
    assert load_site(two_briefs, two_briefs.parent).pending[RELEASE].state == "overdue"
    shutil.copy(FIXTURES / "cpca-release" / "content" / "sources" / "cpca-january-2026-passenger-car-data.yaml", two_briefs / "sources")
    (two_briefs / "events" / "cpca-publishes-january-2026-data.yaml").write_text(
        "title: China Passenger Car Association publishes its January 2026 data\ndate: 2026-02-11\n"
        f"participants: [china-passenger-car-association]\nfulfils: {RELEASE}\nsources: [cpca-january-2026-passenger-car-data]\n",
        encoding="utf-8",
    )
    site = load_site(two_briefs, two_briefs.parent)
    assert [str(p) for p in site.problems] == []
    assert (site.pending[RELEASE].state, site.pending[RELEASE].fulfilled_by) == ("fulfilled", ("cpca-publishes-january-2026-data",))
