"""The built site, read as HTML: pages at their URLs, figures that agree, sources, links, backlinks."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from newsbrief.checks import Site
from newsbrief.model import FOLDER_OF
from sitehtml import Page, links_in_section, read_site, resolve


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Page]:
    return read_site(built_site)


def record_url(site: Site, record_id: str) -> str:
    return f"{FOLDER_OF[site.entries[record_id].kind]}/{record_id}/"


def test_every_record_has_a_page_at_its_stable_url(pages, real_site: Site) -> None:
    missing = [record_url(real_site, i) for i in real_site.entries if record_url(real_site, i) not in pages]
    assert missing == []
    for url in ("companies/ford/", "companies/xiaomi/", "people/jim-farley/", "people/lei-jun/", "briefs/ford-xiaomi-deny-jv-report/"):
        assert url in pages


@pytest.mark.parametrize("folder", sorted(FOLDER_OF.values()))
def test_every_kind_has_an_index_listing_all_its_records(pages, real_site: Site, folder: str) -> None:
    index = pages[f"{folder}/"]
    kind = {v: k for k, v in FOLDER_OF.items()}[folder]
    linked = {resolve(index, href)[0] for href, _ in index.links if resolve(index, href)}
    assert {record_url(real_site, e.id) for e in real_site.of_kind(kind)} <= linked


def test_the_home_page_leads_with_the_latest_brief(pages) -> None:
    home = pages[""]
    assert home.text.startswith("Ford and Xiaomi deny report of talks on a US electric-vehicle joint venture")
    assert ("briefs/ford-xiaomi-deny-jv-report/", "") in [resolve(home, h) for h, _ in home.links]


def test_every_figure_occurrence_agrees_with_the_data(pages, real_site: Site) -> None:
    occurrences: dict[str, set[str]] = defaultdict(set)
    for url, page in pages.items():
        for figure_id, value, text in page.figures:
            expected_value, _ = real_site.figure_value(figure_id)
            # Read back as a machine would, against the record, not against the formatter's own output:
            # six significant digits at least (an implied 22,941.18 must not become 2.294e+04).
            assert float(value) == pytest.approx(expected_value, rel=5e-6), (url, figure_id, value)
            shown = text.replace(",", "").replace("−", "-")
            places = len(shown.partition(".")[2])
            assert abs(float(shown) - expected_value) <= 0.5 * 10**-places + 1e-9, (url, figure_id, text)
            occurrences[figure_id].add(url)
    # Every figure appears on its own page, and 411,837 on at least two pages.
    assert set(occurrences) == {e.id for e in real_site.of_kind("figure")}
    assert len(occurrences["xiaomi-registrations-2025"]) >= 2


def test_every_record_page_cites_a_source_page(pages, real_site: Site) -> None:
    uncited = []
    for entry in real_site.entries.values():
        if entry.kind == "source":
            continue
        page = pages[record_url(real_site, entry.id)]
        targets = [resolve(page, href) for href, _ in page.links]
        if not any(t and t[0].startswith("sources/") and t[0] != "sources/" for t in targets):
            uncited.append(entry.id)
    assert uncited == []


def test_no_internal_link_or_anchor_is_broken(pages, built_site: Path) -> None:
    """Every link inside the site names a file that was built, and every #anchor an id on that page."""
    broken = []
    for url, page in pages.items():
        for href, _ in page.links:
            target = resolve(page, href)
            if target is None:
                continue  # an outside link: listed, not fetched
            path, fragment = target
            file = built_site / path / "index.html" if path.endswith("/") or path == "" else built_site / path
            if not file.is_file() and (built_site / path / "index.html").is_file():
                file = built_site / path / "index.html"
            if not file.is_file():
                broken.append((url, href))
                continue
            key = file.relative_to(built_site).as_posix().removesuffix("index.html")
            if fragment and key in pages and fragment not in pages[key].ids:
                broken.append((url, href))
    assert broken == []


def test_the_site_loads_nothing_from_other_hosts(pages) -> None:
    remote = sorted({a for page in pages.values() for a in page.assets if a.startswith(("http:", "https:", "//"))})
    assert remote == []


def test_entity_backlinks_match_the_model(pages, real_site: Site) -> None:
    for entry in real_site.entries.values():
        if entry.kind not in ("company", "organization", "person"):
            continue
        page = pages[record_url(real_site, entry.id)]
        made = {s.id for s in real_site.of_kind("statement") if s.record.speaker == entry.id}
        # The section id comes from its heading; find it by the statements it lists.
        listed = set()
        for sid in {w for _, w in page.links if w and w.startswith("statements")}:
            if not sid.startswith("statements-about"):
                listed |= links_in_section(page, sid, "statements/")
        assert listed == made, entry.id
        claims = {c.id for c in real_site.of_kind("claim") if entry.id in c.record.subjects}
        assert links_in_section(page, "claims", "claims/") == claims, entry.id


def test_source_pages_list_everything_they_back(pages, real_site: Site) -> None:
    from newsbrief.refs import iter_refs

    for source in real_site.of_kind("source"):
        backed = {
            e.id
            for e in real_site.entries.values()
            for path, target, _ in iter_refs(e.record)
            if target == source.id and len(path) >= 2 and path[-2] == "sources"
        }
        page = pages[record_url(real_site, source.id)]
        listed = set()
        for href, _ in page.links:
            target = resolve(page, href)
            if target and target[0].count("/") == 2 and not target[0].startswith("sources/"):
                listed.add(target[0].split("/")[1])
        publisher = source.record.publisher
        assert listed - {publisher} == backed - {publisher}, source.id


def test_a_disputed_claim_names_who_asserts_and_who_denies(pages) -> None:
    for url in ("claims/ford-xiaomi-us-ev-joint-venture-talks/", "companies/xiaomi/"):
        assert "Disputed asserted by Financial Times; denied by Ford Motor Company and Xiaomi" in pages[url].text, url
    # The brief says it in running text (tests/test_brief.py).
    assert "Ford and Xiaomi deny it." in pages["briefs/ford-xiaomi-deny-jv-report/"].text


def test_a_statement_shows_the_other_statements_on_its_claim(pages) -> None:
    page = pages["statements/ford-denies-jv-report/"]
    others = {target for href, _ in page.links if (target := resolve(page, href)) and target[0].startswith("statements/")}
    assert {t[0] for t in others} >= {"statements/xiaomi-denies-jv-report/", "statements/ft-reports-ford-xiaomi-jv-talks/"}


def test_figure_pages_write_out_their_arithmetic(pages) -> None:
    assert "550,000 / 411,837 − 1 = +33.55%, stated as 34%" in pages["figures/xiaomi-target-2026-vs-registrations-2025/"].text
    assert (
        "over 39,000 / (1 + 70%) = 22,874 or more, taking 70% as 69.5% to 70.5%: at least 22,800 (implied)" in pages["figures/xiaomi-deliveries-2025-01/"].text
    )


def test_dates_are_shown_with_their_precision(pages) -> None:
    text = pages["statements/farley-drives-xiaomi-su7/"].text
    assert "October 2024" in text and "2024-10-01" not in text
    assert "January 2026 (“last month”)" in pages["statements/lei-jun-2026-target/"].text


def test_record_pages_stay_out_of_the_nav(pages) -> None:
    import re

    nav = re.findall(r'href="([^"]*)" class="md-nav__link', pages[""].path.read_text(encoding="utf-8"))
    assert "companies/" in nav and "editing/" in nav
    assert [href for href in nav if href.count("/") > 1] == []  # no /<kind>/<id>/ page


def test_the_search_index_finds_latin_and_chinese_names(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))

    def locations(term: str) -> set[str]:
        return {d["location"].split("#")[0] for d in index["docs"] if term in d["text"].replace("\u200b", "") or term in d["title"]}

    assert "companies/xiaomi/" in locations("小米")
    assert "people/lei-jun/" in locations("雷军")
    assert "people/lei-jun/" in locations("Lei Jun")
    # jieba splits Chinese text into words, so the search engine can match them.
    assert any("\u200b" in d["text"] for d in index["docs"] if "小米集团" in d["text"].replace("\u200b", ""))


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory) -> Path:
    """One strict build carrying three tests' edits, each on pages the others do not read: a repository
    (edit links on record pages), a page of prose macros (analysis/) and a page that opts out of the
    number check (about/). One build instead of three: each is a whole build of the project."""
    folder = tmp_path_factory.mktemp("edited")
    project = copy_project(folder / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nrepo_url: https://example.org/newsroom/briefs\nedit_uri: edit/main/docs/\n", encoding="utf-8")
    (project / "docs" / "analysis.md").write_text(
        '# Analysis\n\nXiaomi registered {{ figure("xiaomi-registrations-2025") }} EVs in 2025; see [[lei-jun|its chief]].\n',
        encoding="utf-8",
    )
    (project / "docs" / "about.md").write_text(
        "---\ncheck_numbers: false\n---\n\n# About\n\nThe build takes 56.2 s for 2,000 records; see [[xiaomi]].\n", encoding="utf-8"
    )
    result = mkdocs_build(project, folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


def test_edit_links_point_at_the_yaml_file(edited_site: Path) -> None:
    html = (edited_site / "companies" / "ford" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/newsroom/briefs/edit/main/content/companies/ford.yaml"' in html


def test_a_typed_number_that_contradicts_the_data_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "analysis.md").write_text(
        '# Analysis\n\nXiaomi registered {{ figure("xiaomi-registrations-2025") }} EVs, [[xiaomi]] said.\n\n'
        "Last year it registered 411,000 cars.\n\nSee [[xiaomy]] and `411,000` in code.\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "ERROR   -  docs/analysis.md:5: the number '411,000' matches no figure this page refers to (closest: xiaomi-registrations-2025 = 411,837)"
        in result.stderr
    )
    assert "ERROR   -  docs/analysis.md:7: link: no record 'xiaomy' — did you mean 'xiaomi'?" in result.stderr


def test_prose_macros_render_figures_and_links(edited_site: Path) -> None:
    page = read_site(edited_site)["analysis/"]
    assert page.figures == [("xiaomi-registrations-2025", "411837", "411,837")]
    assert "Xiaomi registered 411,837 vehicles" in page.text
    assert ("people/lei-jun/", "") in [resolve(page, h) for h, _ in page.links]


def test_content_problems_show_on_every_page_of_a_non_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    target = project / "content" / "statements" / "ford-denies-jv-report.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("speaker: ford", "speaker: ford-motors"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    message = "content/statements/ford-denies-jv-report.yaml:1: speaker: no record &#x27;ford-motors&#x27; — did you mean &#x27;ford&#x27;?"
    for page in ("index.html", "companies/xiaomi/index.html", "problems/index.html"):
        assert message in (tmp_path / "site" / page).read_text(encoding="utf-8"), page


def test_a_page_about_the_site_can_opt_out_of_the_number_check(edited_site: Path) -> None:
    page = read_site(edited_site)["about/"]
    assert "2,000 records" in page.text and ("companies/xiaomi/", "") in [resolve(page, h) for h, _ in page.links]


def test_generated_pages_give_search_their_sections_and_text_but_not_drawings_or_hover_notes(built_site: Path, pages) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    xiaomi = {d["location"]: d for d in index["docs"] if d["location"].startswith("companies/xiaomi/")}
    assert {
        "companies/xiaomi/",
        "companies/xiaomi/#people",
        "companies/xiaomi/#statements-by-xiaomi",
        "companies/xiaomi/#relationships",
        "companies/xiaomi/#charts",
        "companies/xiaomi/#sources",
    } <= set(xiaomi)
    assert xiaomi["companies/xiaomi/#people"]["title"] == "People"
    assert "Lei Jun, Co-founder and chief executive officer" in xiaomi["companies/xiaomi/#people"]["text"]
    text = " ".join(d["text"] for d in xiaomi.values())
    assert "Relationships of Xiaomi" not in text  # the graph's SVG title
    assert "Implied, not stated" not in text  # a hover note
    page = pages["companies/xiaomi/"].path.read_text(encoding="utf-8")
    assert '<title id="nb-graph-title">Relationships of Xiaomi</title>' in page and "Implied, not stated" in page


def test_generated_pages_have_the_table_of_contents_and_anchors_of_their_headings(pages) -> None:
    import re

    page = pages["companies/xiaomi/"].path.read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="([^"]+)">', page)
    toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', page)
    assert headings[:3] == ["people", "statements-by-xiaomi", "statements-about-xiaomi"]
    assert headings == [t for t in toc if t in headings] and set(headings) <= set(toc)
