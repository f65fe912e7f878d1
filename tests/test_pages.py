"""Pages that say what they are: titles from their content, a claim's verdict, labels a reader understands."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from newsbrief.checks import Site
from newsbrief.editorial import short_name
from newsbrief.model import FOLDER_OF
from newsbrief.render import Renderer
from newsbrief.vocabulary import BASIS_WORDS
from newsbrief.vocabulary import CHANNELS as CHANNEL_WORDS
from sitehtml import Page, read_site


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Page]:
    return read_site(built_site)


def _title_of(page: Page) -> str:
    return re.search(r"<title>(.*?)</title>", page.path.read_text(encoding="utf-8"), re.DOTALL).group(1)


def _page(pages, site: Site, record_id: str) -> Page:
    return pages[f"{FOLDER_OF[site.entries[record_id].kind]}/{record_id}/"]


def test_no_two_pages_share_a_title(pages) -> None:
    by_title: dict[str, list[str]] = defaultdict(list)
    for url, page in pages.items():
        by_title[_title_of(page)].append(url)
    assert {t: urls for t, urls in by_title.items() if len(urls) > 1} == {}


def test_a_statement_is_titled_by_what_was_said(pages, real_site: Site) -> None:
    title = Renderer(real_site).title
    for statement in real_site.of_kind("statement"):
        r = statement.record
        heading = _page(pages, real_site, statement.id).text.split("¶")[0]
        words = (r.quote or r.paraphrase).strip()
        assert heading.startswith(f"{short_name(real_site, r.speaker, title)}: "), heading
        assert heading.split(": ", 1)[1].strip("“”…").split()[:3] == words.split()[:3], heading
        assert r.date.human() in _page(pages, real_site, statement.id).text  # the date is beneath
    assert "Ford: “This story is completely false”" in pages["statements/ford-denies-jv-report/"].text


def test_a_claim_page_leads_with_its_verdict_and_explanation(pages, real_site: Site) -> None:
    for claim in real_site.of_kind("claim"):
        text = _page(pages, real_site, claim.id).text
        verdict = text[: text.index("Status:") + 400] if "Status:" in text else ""
        assert "Made by" in verdict and "Status:" in verdict, claim.id
        if claim.record.explanation:
            assert " ".join(claim.record.explanation.split()) in text, claim.id
    jv = pages["claims/ford-xiaomi-us-ev-joint-venture-talks/"].text
    assert "Made by: Financial Times (news report, 31 January 2026" in jv
    assert "Status: Disputed asserted by Financial Times; denied by Ford Motor Company and Xiaomi" in jv


def test_every_claim_has_an_explanation(real_site: Site) -> None:
    assert [c.id for c in real_site.of_kind("claim") if not c.record.explanation] == []


def test_labels_are_words_a_reader_understands(pages, real_site: Site) -> None:
    everything = " ".join(p.text for p in pages.values())
    for label in ("channel not stated", "Basis: actual", "Data: content/", "Figure (planned)"):
        assert label not in everything
    assert "2025 target, beaten" in pages["figures/xiaomi-target-2025/"].text
    assert "2025 target, beaten" in pages["briefs/ford-xiaomi-deny-jv-report/"].text
    # Figure tables name whose figure it is: every row link of the brief's table starts with the subject.
    brief = pages["briefs/ford-xiaomi-deny-jv-report/"].path.read_text(encoding="utf-8")
    rows = re.findall(r'<tr>\s*<td><a href="[^"]*figures/([^/"]+)/">([^<]*)</a>', brief)
    title = Renderer(real_site).title
    for figure_id, name in rows:
        figure = real_site.record(figure_id)
        assert figure.label == name or name.startswith(short_name(real_site, figure.subject, title)), name


@pytest.mark.parametrize("basis", sorted(BASIS_WORDS))
def test_each_basis_has_reader_words(basis: str) -> None:
    assert BASIS_WORDS[basis] and BASIS_WORDS[basis] != "actual"


def test_an_unknown_channel_is_not_mentioned(pages, real_site: Site) -> None:
    assert CHANNEL_WORDS["not-stated"] == ""
    for statement in real_site.of_kind("statement"):
        text = _page(pages, real_site, statement.id).text
        assert ("Channel:" in text) == (statement.record.channel != "not-stated"), statement.id


def test_the_edit_link_shows_only_with_a_repository(pages, tmp_path: Path) -> None:
    assert not any("Edit this record" in p.text for p in pages.values())
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nrepo_url: https://example.org/newsroom/briefs\n", encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "claims" / "xiaomi-2026-target" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="https://example.org/newsroom/briefs/edit/main/content/claims/xiaomi-2026-target.yaml"[^>]*>Edit this record</a>', html)


@pytest.mark.parametrize("kind", sorted(k for k in FOLDER_OF if k != "vote"))  # votes: tests/test_two_briefs.py
def test_index_pages_have_the_columns_of_their_kind(pages, real_site: Site, kind: str) -> None:
    from newsbrief.indexes import COLUMNS

    folder = FOLDER_OF[kind]
    html = pages[f"{folder}/"].path.read_text(encoding="utf-8")
    headers = re.findall(r"<th>([^<]*)</th>", html[html.index('class="nb-sortable nb-index"') :])
    assert headers == [header for header, _ in COLUMNS[kind]]
    rows = re.findall(r"<tr>\s*(<td data-label=.*?)</tr>", html, re.DOTALL)
    assert len(rows) == len(real_site.of_kind(kind))
    # No column is empty for every record: each says something about this kind.
    for index, (header, _) in enumerate(COLUMNS[kind]):
        cells = [re.findall(r"<td data-label=[^>]*>(.*?)</td>", row, re.DOTALL)[index] for row in rows]
        assert any(c.strip() for c in cells), f"{folder}: column {header!r} is empty"


def test_index_cells_show_what_the_reader_compares(pages) -> None:
    assert "Disputed" in pages["claims/"].text and "Financial Times" in pages["claims/"].text
    assert "Chief executive officer" in pages["people/"].text and "Ford Motor Company" in pages["people/"].text
    companies = pages["companies/"].text
    assert "China" in companies and "2027" not in companies  # a planned event is not a mention


def test_no_paragraph_ends_on_a_dangling_dash(pages) -> None:
    """A label left without its value ('claim —' when the claim needs no badge) reads as a mistake."""
    dangling = [url for url, page in pages.items() if re.search(r"—\s*</(?:p|li|td)>", page.path.read_text(encoding="utf-8"))]
    assert dangling == []
