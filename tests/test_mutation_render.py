"""Every page, rendered in-process from the content, read the way a reader reads it (issue 12).

The built-site tests (`test_site.py`, `test_hostile.py`, `test_backlinks.py`) reach the renderer only
through `mkdocs build` in a subprocess, which mutation testing cannot attribute. These tests render
each page with `newsbrief.render.Renderer` on the loaded content, so a mutant of `render.py` or a
template is caught in seconds:

- planted text: every text field of every kind (from the model) holds markup; no page, index,
  search text or timeline acts on it, and each record's page shows its planted title as text;
- backlinks: every reference in the content (every reference field of the model) shows as a link
  back from the page of the record it names;
- citations: every record page links to each source its record cites;
- figures: every `<data value>` on every page is the figure's value.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from babel import Locale
from markupsafe import escape
from test_hostile import PAYLOADS, SCRIPT_STATE_PAYLOADS, _Markup, add_missing, plant, plantable

from conftest import FIXTURES, ROOT, add_second_brief
from newsbrief.checks import Site, load_site
from newsbrief.derive import STATUS_LABELS
from newsbrief.editorial import short_name
from newsbrief.graph import relation_words
from newsbrief.incremental import track
from newsbrief.indexes import COLUMNS as INDEX_COLUMNS
from newsbrief.loader import Entry
from newsbrief.model import FOLDER_OF, FOLDERS, KINDS, BriefItem
from newsbrief.render import KIND_TITLES, RenderedPage, Renderer, _dir_url, index_uri, page_uri
from newsbrief.timeline import entities_of, shown_status
from newsbrief.timeline import items as timeline_items
from newsbrief.vocabulary import SAID_HOW, UNIT_SPECS
from sitehtml import Page, _PageParser, resolve

CPCA_PREFERRED = "rank: preferred\nrank_reason: official statistics\n"
VOTE_ON = """body: eu-member-states
date: 2024-10-04
voted_on: {target}
question: An invented vote, for the tests.
in_favour: 3
against: 3
outcome: no-decision
sources: [brussels-wire-vote-report]
"""

KEY_NUMBERS = "  - kind: key-numbers\n    items:\n"
ADDED_POINTS = "      - figure: xiaomi-deliveries-2026-01\n      - figure: xiaomi-deliveries-2025-01\n      - statement: farley-drives-xiaomi-su7\n      - statement: ft-reports-ford-xiaomi-jv-talks\n      - statement: lei-jun-2026-target\n"
"""A stated figure and an implied one (its sources are those of the figure that implies it), and statements
made before the brief, in a month and on a day (its point says when: 'in October 2024', 'on 31 January 2026'),
one of them by a channel not stated ('Lei Jun said in January 2026: ')."""
CONFIRMS = """speaker: council-of-the-eu
date: 2024-10-29
channel: not-stated
paraphrase: The member states did not block the duties.
stances:
  - claim: eu-member-states-let-duties-pass
    stance: confirms
sources: [commission-regulation-notice]
"""
"""A statement confirming a claim, made in a way not stated: the one who confirms it made it (the claim's page
and the claims index)."""
TEST_SUBJECT = "subject: us-tariff-chinese-vehicles-2024\n"
DERIVED_TO_THE_THOUSANDTH = {
    "test-rate-full": TEST_SUBJECT + "metric: rate to the thousandth\nlabel: A rate of 100.000%\nunit: percent\nvalue: 100.000\nperiod: 2024\n"
    "sources: [article-ford-xiaomi-deny-jv-report]\n",
    "test-tripled": TEST_SUBJECT + "metric: rate, multiple\nlabel: A rate three times another\nunit: times\nvalue: 3.0000\nperiod: 2024\n"
    "derivation: {relation: multiple, base: test-rate-a-third, current: test-rate-full}\nsources: [article-ford-xiaomi-deny-jv-report]\n",
    "test-rate-a-third": TEST_SUBJECT + "metric: rate, a third\nlabel: A rate a third of another\nunit: percent\nperiod: before 2024\n"
    "implied_by: test-tripled\n",
}
"""A percentage implied as 33.333 (100.000 / 3.0000, about): every page shows it to two decimals, 33.33%."""
LATE_MENTIONS = {"council-of-the-eu": "Council of the European Union", "european-parliament": "European Parliament | EP"}


def read_page(uri: str, rendered: RenderedPage) -> Page:
    """A rendered body as `sitehtml` reads a built page's article: links, figures, text."""
    page = Page(Path(uri), _dir_url(uri) + "/" if _dir_url(uri) else "")
    parser = _PageParser(page)
    parser.feed(f"<article>{rendered.html}</article>")
    page.text = " ".join("".join(parser.text_parts).split())
    return page


def every_page(renderer: Renderer) -> dict[str, object]:
    """Every generated page: source path → how to render it."""
    pages = {page_uri(e.kind, e.id): (lambda e=e: renderer.record_page(e)) for e in renderer.site.entries.values()}
    pages.update({index_uri(kind): (lambda kind=kind: renderer.index_page(kind)) for kind in KIND_TITLES})
    pages["timeline/index.md"] = renderer.timeline_page
    pages["index.md"] = renderer.home_page
    pages["editors/index.md"] = renderer.editors_page
    return pages


def pages_of(renderer: Renderer, kind: str) -> list[str]:
    return [page_uri(kind, e.id) for e in renderer.site.of_kind(kind)] + [index_uri(kind)]


PAGE_GROUPS = sorted(KINDS) + ["home_timeline_editors"]
"""Each kind's pages (its records' and its index), then the pages of no kind."""


def safe_id(value: object) -> str:
    """A test id of ASCII letters, digits and '_': mutmut passes each mutant's tests by id, and an id with a
    space or an escaped non-ASCII character ('\\u2013') is not found again in its fork server (pytest exits 4),
    which mutmut counts as a time-out, that is as killed, though no test ran."""
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in str(value))


def uris_of(renderer: Renderer, group: str) -> list[str]:
    if group in KINDS:
        return pages_of(renderer, group)
    return ["index.md", "timeline/index.md", "editors/index.md"]


# --- the sites the pages are rendered from ------------------------------------------------------

_BUILT: dict[str, Site] = {}
_CONTENT = tempfile.TemporaryDirectory(prefix="nb-render-")
"""Where the sites' content is copied and changed; removed when the process ends."""


def built_site(make: Callable[[Path], Site]) -> Site:
    """The site ``make`` builds (from a fresh content folder), built once a process.

    Loading is not the renderer's work: every test renders the same loaded site with a new Renderer.
    Under mutmut the sites are built once in its fork server (the end of this file) and inherited by
    every mutant of render.py, instead of being loaded again for each (seconds a mutant).
    """
    if make.__name__ not in _BUILT:
        _BUILT[make.__name__] = make(Path(_CONTENT.name) / make.__name__ / "content")
    return _BUILT[make.__name__]


# --- planted text ---------------------------------------------------------------------


def planted_site(content: Path) -> Site:
    """The real content and the second brief with markup planted in every text field of every kind."""
    shutil.copytree(ROOT / "content", content)
    add_second_brief(content)
    seen: dict[str, set[str]] = {kind: set() for kind in KINDS}
    files = sorted(content.rglob("*.yaml"))
    for path in files:
        plant(yaml.safe_load(path.read_text(encoding="utf-8")), set(plantable(FOLDERS[path.parent.name])), "", seen[FOLDERS[path.parent.name]])
    for path in files:
        kind = FOLDERS[path.parent.name]
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        add_missing(record, kind, set(plantable(kind)) - seen[kind])
        for payload in PAYLOADS + SCRIPT_STATE_PAYLOADS:
            record = plant(record, set(plantable(kind)), payload, seen[kind])
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert {kind: set(plantable(kind)) - seen[kind] for kind in KINDS if set(plantable(kind)) - seen[kind]} == {}
    return load_site(content, content.parent)


@pytest.fixture(scope="module")
def planted() -> Renderer:
    return Renderer(built_site(planted_site))


def dangers(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S))
    return parser.dangers


@pytest.mark.parametrize("group", PAGE_GROUPS)
def test_no_page_acts_on_markup_planted_in_any_text_field(planted: Renderer, group: str) -> None:
    pages = every_page(planted)
    uris = uris_of(planted, group)
    assert uris
    for uri in uris:
        rendered = pages[uri]()
        assert dangers(rendered.html) == [], uri
        assert dangers(rendered.search_html) == [], f"{uri} (search text)"
        # Planted text is shown, escaped: as the reader typed it, never as a tag.
        assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in rendered.html, uri


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_page_shows_its_planted_title_as_text(planted: Renderer, kind: str) -> None:
    for entry in planted.site.of_kind(kind):
        page = read_page(page_uri(kind, entry.id), planted.record_page(entry))
        # Every text field ends in the payloads: the page's text holds the first one literally.
        assert "<script>window.__pwned = true</script>" in page.text, entry.id
        assert "*not emphasis* and `not code` and <b>not bold</b> & an ampersand" in page.text, entry.id


# --- the real content: backlinks, citations, figures ------------------------------------


def real_site(content: Path) -> Site:
    """The real content, the second brief and the association's competing value (preferred)."""
    shutil.copytree(ROOT / "content", content)
    add_second_brief(content)
    shutil.copytree(FIXTURES / "cpca-release" / "content", content, dirs_exist_ok=True)
    cpca = content / "figures" / "cpca-xiaomi-deliveries-2026-01.yaml"
    cpca.write_text(cpca.read_text(encoding="utf-8") + CPCA_PREFERRED, encoding="utf-8")
    # A vote can be on a policy, a claim or an event: one of each, so each page kind shows its votes.
    for target in ("ford-xiaomi-us-ev-joint-venture-talks", "ford-xiaomi-deny-report"):
        (content / "votes" / f"vote-on-{target}.yaml").write_text(VOTE_ON.format(target=target), encoding="utf-8")
    # A stated and an implied figure as points of the brief's key numbers (figure_point), and a claim confirmed.
    brief = content / "briefs" / "ford-xiaomi-deny-jv-report.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(KEY_NUMBERS, KEY_NUMBERS + ADDED_POINTS), encoding="utf-8")
    (content / "statements" / "commission-confirms-vote.yaml").write_text(CONFIRMS, encoding="utf-8")
    # Two organizations named by no brief: last mentioned by a statement, and by an event.
    for org_id, name in LATE_MENTIONS.items():
        (content / "organizations" / f"{org_id}.yaml").write_text(
            f"name: {name}\ntype: government\ndescription: An organization for the tests.\n", encoding="utf-8"
        )
    # A person with no role: the people index leaves the role and organization empty.
    (content / "people" / "a-person-without-a-role.yaml").write_text("name: A person without a role\ndescription: For the tests.\n", encoding="utf-8")
    event = content / "events" / "ford-xiaomi-deny-report.yaml"
    event.write_text(
        event.read_text(encoding="utf-8").replace("participants: [ford, xiaomi]", "participants: [ford, xiaomi, european-parliament]"), encoding="utf-8"
    )
    # A rate implied to the thousandth (100.000% / 3.0000): shown with two decimals at most.
    for figure_id, record in DERIVED_TO_THE_THOUSANDTH.items():
        (content / "figures" / f"{figure_id}.yaml").write_text(record, encoding="utf-8")
    # A claim no statement makes, with two sources: its maker is the first source's publisher alone.
    claim = content / "claims" / "byd-duty-lower-than-provisional.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace(
            "sources: [commission-regulation-notice]", "sources: [commission-regulation-notice, brussels-wire-duties-take-effect]"
        ),
        encoding="utf-8",
    )
    site = load_site(content, content.parent)
    assert [str(p) for p in site.problems] == []
    return site


@pytest.fixture(scope="module")
def real() -> Renderer:
    return Renderer(built_site(real_site))


def record_url(site: Site, record_id: str) -> str:
    return f"{FOLDER_OF[site.entries[record_id].kind]}/{record_id}/"


def links_of(page: Page) -> set[str]:
    """The record pages a page links to: 'statements/ford-denies-jv-report/'."""
    targets = (resolve(page, href) for href, _ in page.links)
    return {t[0] for t in targets if t and t[0].count("/") == 2}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_of_a_kind_links_back_to_every_record_that_names_it(real: Renderer, kind: str) -> None:
    site = real.site
    referrers: dict[str, set[str]] = defaultdict(set)
    for entry in site.entries.values():
        for _loc, target, _kinds in entry.refs:
            if target != entry.id and target in site.entries and site.entries[target].kind == kind:
                referrers[target].add(entry.id)
    missing = []
    for target, names in sorted(referrers.items()):
        linked = links_of(read_page(page_uri(kind, target), real.record_page(site.entries[target])))
        missing += [f"{target} does not link back to {r} ({site.entries[r].kind})" for r in sorted(names) if record_url(site, r) not in linked]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_page_links_to_each_source_it_cites(real: Renderer, kind: str) -> None:
    site = real.site
    for entry in site.of_kind(kind):
        cited = {target for _loc, target, _kinds in entry.refs if target in site.entries and site.entries[target].kind == "source"}
        linked = links_of(read_page(page_uri(kind, entry.id), real.record_page(entry)))
        assert {record_url(site, s) for s in cited} <= linked, entry.id


@pytest.mark.parametrize("group", PAGE_GROUPS)
def test_every_figure_shown_on_every_page_is_its_value(real: Renderer, group: str) -> None:
    site = real.site
    pages = every_page(real)
    shown = 0
    for uri in uris_of(real, group):
        for figure_id, value, text in read_page(uri, pages[uri]()).figures:
            expected, _qualifier = site.figure_value(figure_id)
            assert value is not None and float(value) == pytest.approx(expected, rel=1e-9), (uri, figure_id, value)
            digits = re.sub(r"[^\d.]", "", text.replace("\u2212", "-"))
            assert digits, (uri, figure_id, text)
            shown += 1
    if group in ("figure", "brief", "claim"):
        assert shown, f"no figure shown on the {group} pages"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_is_listed_on_its_kinds_index(real: Renderer, kind: str) -> None:
    page = read_page(index_uri(kind), real.index_page(kind))
    assert {record_url(real.site, e.id) for e in real.site.of_kind(kind)} <= links_of(page)


def front_matter(stub: str) -> dict:
    assert stub.startswith("---\n") and stub.endswith("\n---\n"), stub
    return yaml.safe_load(stub[4:-4])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_pages_title_names_and_description_reach_mkdocs_from_its_record(real: Renderer, kind: str) -> None:
    for entry in real.site.of_kind(kind):
        meta = front_matter(real.record_stub(entry))
        r = entry.record
        assert html_lib.unescape(meta["title"]) == real.page_title(entry.id), entry.id
        assert meta["description"], entry.id
        if kind in ("company", "organization", "person"):
            assert meta["search"] == {"boost": 10}
            assert meta["tags"] == list(dict.fromkeys([r.name, *([r.native_name] if r.native_name else []), *r.aliases]))
            assert real.page_title(entry.id) == (f"{r.name} {r.native_name}" if r.native_name else r.name)
        else:
            assert "search" not in meta and "tags" not in meta, entry.id
        if kind == "claim":
            assert real.page_title(entry.id) == f"Claim: {r.headline or r.text}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_planted_title_or_description_reaches_the_theme_escaped(planted: Renderer, kind: str) -> None:
    """The theme writes the title and description into the page unescaped: they arrive escaped."""
    for entry in planted.site.of_kind(kind):
        meta = front_matter(planted.record_stub(entry))
        for key in ("title", "description"):
            assert "<" not in meta[key] and "&lt;" in meta[key], (entry.id, key, meta[key])


# --- what the real pages say ------------------------------------------------------------


@pytest.fixture(scope="module")
def published() -> Site:
    return built_site(published_site)


def published_site(_content: Path) -> Site:
    return load_site(ROOT / "content", ROOT)


@pytest.fixture
def plain(published: Site) -> Renderer:
    """The project's own content, as published: a Renderer made in each test (cheap), so that what
    its constructor sets up is exercised by every test that uses it."""
    return Renderer(published)


PAGE_TEXTS = [
    ("claims/ford-xiaomi-us-ev-joint-venture-talks.md", "Disputed asserted by Financial Times; denied by Ford Motor Company and Xiaomi"),
    ("companies/xiaomi.md", "Disputed asserted by Financial Times; denied by Ford Motor Company and Xiaomi"),
    ("briefs/ford-xiaomi-deny-jv-report.md", "Ford and Xiaomi deny it."),
    ("figures/xiaomi-target-2026-vs-registrations-2025.md", "550,000 / 411,837 − 1 = +33.55%, stated as 34%"),
    ("figures/xiaomi-deliveries-2025-01.md", "over 39,000 / (1 + 70%) = 22,874 or more, taking 70% as 69.5% to 70.5%: at least 22,800 (implied)"),
    ("statements/farley-drives-xiaomi-su7.md", "October 2024"),
    ("statements/lei-jun-2026-target.md", "January 2026 (“last month”)"),
    ("timeline/index.md", "January 2026 (“last month”) — Statement"),
    ("timeline/index.md", "2027 (“next year”) — Event (planned)"),
    ("briefs/ford-xiaomi-deny-jv-report.md", "Timeline: "),
    ("briefs/ford-xiaomi-deny-jv-report.md", "31 January 2026 (“Saturday”) — Statement"),
    ("companies/xiaomi.md", "at least 22,800 vehicles (implied)"),
    ("companies/ford.md", "denies Ford–Xiaomi joint venture talks 1 February 2026"),
    (
        "claims/ford-xiaomi-us-ev-joint-venture-talks.md",
        "Sourcing: reported by Financial Times, citing four people familiar with the matter (anonymous); denied on the record by Ford Motor Company and Xiaomi",
    ),
    ("claims/xiaomi-europe-deliveries-2027.md", "Sourcing: reported by Unattributed outlet (second-hand)"),
    # A key point says who a claim rests on, and when, if before the brief.
    (
        "briefs/ford-xiaomi-deny-jv-report.md",
        "The news¶ Ford explored forming a joint venture with Xiaomi to build electric vehicles in the United States; the discussions"
        " were preliminary, according to a Financial Times report, citing four people familiar with the matter. Ford and Xiaomi deny it.",
    ),
    ("briefs/ford-xiaomi-deny-jv-report.md", "is not negotiating to do so, Xiaomi says."),
    ("briefs/ford-xiaomi-deny-jv-report.md", "are inside every vehicle that is made, Jim Farley said in October 2024."),
    # An entity's events, oldest first, each with its citations and its state: nothing for what happened, '(planned)'.
    (
        "companies/xiaomi.md",
        "Events¶ October 2024: Jim Farley praises Xiaomi on the Everything Electric Show podcast1, 6 January 2026: Lei Jun announces"
        " Xiaomi's 550,000-vehicle target for 20261 31 January 2026: Financial Times reports Ford–Xiaomi joint venture talks1, 5"
        " 1 February 2026: Ford and Xiaomi deny the FT report1, 3, 4 1 February 2026: Xiaomi reports over 39,000 deliveries in January"
        " 20261, 2 February 2026: China Passenger Car Association releases January 2026 delivery data (overdue: expected by 28 February 2026;",
    ),
    ("companies/xiaomi.md", ")1 2027: Xiaomi begins vehicle deliveries in Europe (planned)1 Sources published by Xiaomi¶"),
    # Statements about an entity, newest first.
    (
        "companies/xiaomi.md",
        "Statements about Xiaomi¶ 1 February 2026, Ford Motor Company (written statement): “This story is completely false. There is no"
        " truth to it.”›1, 4 31 January 2026, Financial Times (news report): While",
    ),
    # Claims about it: a merely reported claim carries no badge.
    (
        "companies/xiaomi.md",
        "Claims¶ The Biden administration's ban on Russian and Chinese software and hardware in connected vehicles effectively blocks"
        " companies such as Xiaomi and BYD from selling EVs in the US. 1 Jim Farley had",
    ),
    # Its figures: an implied one (no sources of its own: 'implied by'), a stated one, a target and what became of it, a fall.
    (
        "companies/xiaomi.md",
        "Figures¶ Figure Period Value Basis Sources Xiaomi deliveries January 2025 at least 22,800 vehicles (implied) implied implied by a"
        " derived figure Xiaomi registrations (China) 2025 411,837 vehicles reported 1 Xiaomi vehicle target (final) 2025 400,000 vehicles"
        " 2025 target, beaten 1 ",
    ),
    ("companies/xiaomi.md", "Xiaomi deliveries, change on the month before January 2026 −20% reported 1 "),
    # The relationship graph: each node says what it is; the legend names the kinds of line drawn.
    ("companies/xiaomi.md", "Company: Xiaomi Xiaomi Claim: Ford explored"),
    ("companies/xiaomi.md", "asserts or confirms denies issued or affects role claim about Charts¶"),
    # The charts: title, description, axes, the unit, each point's value as its hover says it.
    (
        "companies/xiaomi.md",
        "Charts¶ Xiaomi: vehicles by month Xiaomi: vehicles by month Xiaomi deliveries — January 2025: at least 22,800 (implied);"
        " December 2025: at least 48,400 (implied); January 2026: over 39,000. 0 20,000 40,000 60,000 Jan 2025 Dec 2025 Jan 2026 vehicles"
        " Xiaomi deliveries, January 2025: at least 22,800 (implied) Xiaomi deliveries, December 2025: at least 48,400 (implied)"
        " Xiaomi deliveries, January 2026: over 39,000 ",
    ),
    # An organization's website, as a link whose text is the address.
    ("organizations/financial-times.md", "Type: publisher Website: https://www.ft.com/ Statements by Financial Times¶"),
    # A date given in the source's own words, when they are the date's words, is not repeated.
    (
        "events/farley-on-everything-electric-show.md",
        "Jim Farley praises Xiaomi on the Everything Electric Show podcast¶ Date: October 20241, 2 Who: Jim Farley and Xiaomi Farley calls",
    ),
]


@pytest.mark.parametrize(("uri", "text"), PAGE_TEXTS, ids=[safe_id(f"{u}:{t[:30]}") for u, t in PAGE_TEXTS])
def test_a_page_says_what_its_records_say(plain: Renderer, uri: str, text: str) -> None:
    assert text in read_page(uri, every_page(plain)[uri]()).text


def test_a_figure_and_a_claim_status_each_have_a_keyboard_popover_with_their_note(plain: Renderer) -> None:
    html = plain.record_page(plain.site.entries["ford-xiaomi-deny-jv-report"]).html
    facts = re.findall(
        r'<span class="nb-fact" tabindex="0" aria-describedby="([^"]+)">(.*?)<span class="nb-pop" role="tooltip" id="([^"]+)" data-search-exclude>(.*?)</span></span>',
        html,
    )
    assert len(facts) == html.count("<data ") + html.count('class="nb-status ')
    assert all(described_by == pop_id for described_by, _, pop_id, _ in facts)
    assert len({pop_id for *_, pop_id, _ in facts}) == len(facts), "each popover has its own id"
    notes = [note for *_, note in facts]
    assert any("Xiaomi deliveries, January 2026. A lower bound: the true value is higher. Source:" in n for n in notes)
    assert any(
        n.startswith(
            "Disputed: reported by Financial Times, citing four people familiar with the matter (anonymous); denied on the record by Ford Motor Company and Xiaomi"
        )
        for n in notes
    )


def test_the_timeline_lists_dated_records_in_order_with_their_entities(plain: Renderer) -> None:
    html = plain.timeline_page().html
    dates = re.findall(r'<li><span class="nb-tl-item"[^>]*></span><time datetime="([^"]+)"', html)
    assert len(dates) >= len(plain.site.of_kind("event")) + len(plain.site.of_kind("statement"))
    firsts = [d + "-01-01"[len(d) - 4 :] if len(d) < 10 else d for d in dates]
    assert firsts == sorted(firsts)
    assert 'data-entities="ford xiaomi"' in html


def test_a_page_gives_search_its_sections_but_not_its_drawings_or_hover_notes(plain: Renderer) -> None:
    rendered = plain.record_page(plain.site.entries["xiaomi"])
    headings = re.findall(r'<h2 id="([^"]+)">', rendered.html)
    assert headings[:3] == ["people", "statements-by-xiaomi", "statements-about-xiaomi"]
    # MkDocs's table of contents: the page's title, its sections under it, with the headings' anchors and names.
    (title,) = rendered.toc
    assert (title["level"], title["id"], title["name"]) == (1, "xiaomi", "Xiaomi 小米")
    assert [(t["level"], t["id"]) for t in title["children"]] == [(2, h) for h in headings]
    assert title["children"][0]["name"] == "People"
    assert '<title id="nb-graph-title">Relationships of Xiaomi</title>' in rendered.html and "Implied, not stated" in rendered.html
    assert "Relationships of Xiaomi" not in rendered.search_html and "Implied, not stated" not in rendered.search_html
    assert "Lei Jun, Co-founder and chief executive officer" in re.sub(r"<[^>]+>", "", rendered.search_html)


# --- sections: every row cites its sources -------------------------------------------------

NB_CITE = re.compile(r'<sup class="nb-cite">(.*?)</sup>', re.S)


def cited_on(uri: str, html: str) -> set[str]:
    """The records a page cites in its numbered citations: 'sources/ft-report/'."""
    page = Page(Path(uri), _dir_url(uri) + "/")
    hrefs = (href for sup in NB_CITE.findall(html) for href in re.findall(r'href="([^"]+)"', sup))
    return {t[0] for href in hrefs if (t := resolve(page, href))}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_source_a_record_cites_at_any_depth_is_a_citation_on_its_page(real: Renderer, kind: str) -> None:
    """A role's, a policy step's, a stance's sources: each is cited where the item is shown (from the model's references)."""
    site = real.site
    for entry in site.of_kind(kind):
        cited = {
            record_url(site, t)
            for loc, t, _ in entry.refs
            if t in site.entries and site.entries[t].kind == "source" and "cites" not in loc and "publisher" not in loc
        }
        uri = page_uri(kind, entry.id)
        assert cited <= cited_on(uri, real.record_page(entry).html), entry.id


def test_every_role_shows_its_dates(plain: Renderer) -> None:
    shown = 0
    for entry in plain.site.of_kind("person"):
        text = read_page(page_uri("person", entry.id), plain.record_page(entry)).text
        for role in entry.record.roles:
            for words, date in (("since", role.since), ("until", role.until), ("(as of", role.as_of)):
                if date is not None:
                    assert f"{words} {date.human()}" in text, (entry.id, role.title, words)
                    shown += 1
    assert shown


def test_an_entitys_figures_table_cites_each_figure_and_links_an_implied_one_to_its_derivation(plain: Renderer) -> None:
    real = plain
    site = real.site
    checked = 0
    for entry in site.of_kind("company"):
        uri = page_uri("company", entry.id)
        html = real.record_page(entry).html
        page = read_page(uri, RenderedPage.of(html))
        figures = [f for f in site.of_kind("figure") if f.record.subject == entry.id]
        for f in figures:
            assert {record_url(site, s) for s in f.record.sources} <= cited_on(uri, html), (entry.id, f.id)
            if f.record.implied_by:
                assert record_url(site, f.record.implied_by) in links_of(page), (entry.id, f.id)
                assert "implied by a derived figure" in page.text
                checked += 1
    assert checked


def test_competing_values_each_show_their_sources_dates_and_citations(real: Renderer) -> None:
    site = real.site
    for figure_id, group in site.competing.items():
        uri = page_uri("figure", figure_id)
        html = real.record_page(site.entries[figure_id]).html
        text = read_page(uri, RenderedPage.of(html)).text
        for ranked in group.values:
            for source_id in site.record(ranked.figure_id).sources:
                assert record_url(site, source_id) in cited_on(uri, html), (figure_id, source_id)
                assert site.record(source_id).published.human() in text, (figure_id, source_id)
    assert site.competing


def revised_site(content: Path) -> Site:
    """The association's count, preferred, and a later revision of it."""
    from test_competing import add_revision

    shutil.copytree(ROOT / "content", content)
    shutil.copytree(FIXTURES / "cpca-release" / "content", content, dirs_exist_ok=True)
    add_revision(content)
    site = load_site(content, content.parent)
    assert [str(p) for p in site.problems] == []
    return site


@pytest.fixture(scope="module")
def revised() -> Renderer:
    return Renderer(built_site(revised_site))


@pytest.mark.parametrize("figure_id", ["cpca-xiaomi-deliveries-2026-01-revised", "cpca-xiaomi-deliveries-2026-01"])
def test_a_revision_and_the_value_it_revises_each_show_both_values_and_both_sources(revised: Renderer, figure_id: str) -> None:
    site = revised.site
    uri = page_uri("figure", figure_id)
    html = revised.record_page(site.entries[figure_id]).html
    (line,) = re.findall(r'<p class="nb-revision">.*?</p>', html, re.S)
    assert "<em>Revised:</em>" in line and "<s>" in line or "<del>" in line, line
    old, new = "cpca-xiaomi-deliveries-2026-01", "cpca-xiaomi-deliveries-2026-01-revised"
    cited = cited_on(uri, line)
    assert {record_url(site, s) for s in site.record(old).sources + site.record(new).sources} <= cited
    assert "38,650" in line and "38,700" in line, line


def test_data_still_to_come_is_listed_with_its_event_and_citation_and_shown_on_the_event(plain: Renderer) -> None:
    site = plain.site
    (event_id,) = site.pending
    brief = plain.record_page(site.entries["ford-xiaomi-deny-jv-report"]).html
    section = brief.split('id="data-still-to-come"', 1)[1].split("</ul>", 1)[0]
    uri = page_uri("brief", "ford-xiaomi-deny-jv-report")
    assert record_url(site, event_id) in links_of(read_page(uri, RenderedPage.of(section)))
    assert {record_url(site, s) for s in site.record(event_id).sources} <= cited_on(uri, section)
    assert "will publish" in section and "overdue" in section
    event = plain.record_page(site.entries[event_id]).html
    assert '<p class="nb-expected nb-expected--overdue"><em>Expected release:</em>' in event


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_page_links_to_every_record_it_names(real: Renderer, kind: str) -> None:
    """Forward links, from the model's reference fields: a brief's policies, a figure's subject, a vote's body…"""
    site = real.site
    missing = []
    for entry in site.of_kind(kind):
        named = {t for _loc, t, _ in entry.refs if t in site.entries and t != entry.id}
        linked = links_of(read_page(page_uri(kind, entry.id), real.record_page(entry)))
        missing += [
            f"{entry.id} does not link to {t} ({site.entries[t].kind}, {[loc for loc, x, _ in entry.refs if x == t]})"
            for t in sorted(named)
            if record_url(site, t) not in linked
        ]
    assert missing == []


SOURCES_LIST = re.compile(r'<h2 id="sources">.*?<ol>(.*?)</ol>', re.S)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_cited_source_is_listed_under_sources_in_the_order_of_its_number(real: Renderer, kind: str) -> None:
    site = real.site
    for entry in site.of_kind(kind):
        uri = page_uri(kind, entry.id)
        html = real.record_page(entry).html
        numbers = {}
        for sup in NB_CITE.findall(html):
            for href, number in re.findall(r'href="([^"]+)"[^>]*>(\d+)</a>', sup):
                numbers[resolve(Page(Path(uri), _dir_url(uri) + "/"), href)[0]] = int(number)
        if not numbers:
            assert kind == "source" or "No source is cited on this page." in html, entry.id
            continue
        (listed,) = SOURCES_LIST.findall(html)
        items = re.findall(r"<li>(.*?)</li>", listed, re.S)
        page = Page(Path(uri), _dir_url(uri) + "/")
        in_order = [resolve(page, re.search(r'href="([^"]+)"', item).group(1))[0] for item in items]
        assert sorted(numbers, key=numbers.get) == in_order, entry.id
        for item, source_url in zip(items, in_order, strict=True):
            source = site.record(source_url.split("/")[1])
            assert real.title(source.publisher) in item and source.published.human() in re.sub(r"<[^>]+>", "", item), (entry.id, source_url)
            shown = html_lib.unescape(item)
            assert (f'href="{source.url}"' in shown) if source.url else (f"No public link: {source.no_public_link}" in shown), (entry.id, source_url)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_page_opens_with_its_title(real: Renderer, kind: str) -> None:
    for entry in real.site.of_kind(kind):
        html = real.record_page(entry).html
        heading = re.match(r'\s*<h1 id="[^"]+">(.*?)<a class="headerlink"', html, re.S)
        assert heading, entry.id
        assert html_lib.unescape(re.sub(r"<[^>]+>", "", heading.group(1))) == real.page_title(entry.id), entry.id


SHOWN_TEXT = {
    "brief": ["summary"],
    "claim": ["text", "explanation", "note"],
    "statement": ["quote", "paraphrase", "quote_note"],
    "company": ["description"],
    "organization": ["description"],
    "person": ["description"],
    "policy": ["summary", "jurisdiction"],
    "event": ["title", "summary"],
    "figure": ["metric", "scope", "note"],
    "source": ["title", "excerpt", "attribution_note"],
    "vote": ["question"],
}
"""The text fields a record's own page shows in full (the rest show on other pages or as labels)."""


def test_the_table_of_shown_fields_names_only_text_fields_of_each_kind() -> None:
    from modeltext import ALL_TEXT_FIELDS

    assert set(SHOWN_TEXT) == set(KINDS)
    assert {kind: [f for f in fields if f not in ALL_TEXT_FIELDS[kind]] for kind, fields in SHOWN_TEXT.items()} == {k: [] for k in KINDS}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_page_shows_its_main_text_in_full(real: Renderer, kind: str) -> None:
    shown = 0
    for entry in real.site.of_kind(kind):
        text = read_page(page_uri(kind, entry.id), real.record_page(entry)).text
        for field in SHOWN_TEXT[kind]:
            value = getattr(entry.record, field)
            if value:
                assert " ".join(value.split()) in text, (entry.id, field)
                shown += 1
    assert shown


def test_a_brief_shows_its_headline_summary_and_every_update(real: Renderer) -> None:
    for entry in real.site.of_kind("brief"):
        text = read_page(page_uri("brief", entry.id), real.record_page(entry)).text
        assert " ".join(entry.record.summary.split()) in text, entry.id
        for update in entry.record.updates:
            assert update.note in text


@pytest.mark.parametrize(("field", "label"), [("policies", "Policies"), ("votes", "Votes")])
def test_a_briefs_policies_and_votes_are_listed_with_their_status(real: Renderer, field: str, label: str) -> None:
    site = real.site
    shown = 0
    for entry in site.of_kind("brief"):
        ids = getattr(entry.record, field)
        html = real.record_page(entry).html
        if not ids:
            assert f"<summary>{label}:" not in html
            continue
        fold = html.split(f"<summary>{label}: {len(ids)}</summary>", 1)[1].split("</details>", 1)[0]
        uri = page_uri("brief", entry.id)
        items = re.findall(r"<li>(.*?)</li>", fold, re.S)
        assert len(items) == len(ids), entry.id
        for record_id, item in zip(ids, items, strict=True):
            r = site.record(record_id)
            linked = links_of(read_page(uri, RenderedPage.of(item)))
            assert record_url(site, record_id) in linked, (entry.id, record_id)
            status = r.status if field == "policies" else r.outcome
            assert f"({status.replace('-', ' ')})" in item, (entry.id, record_id)
            if field == "policies":
                assert record_url(site, r.issuer) in linked
            assert {record_url(site, s) for s in r.sources} <= cited_on(uri, item)
            shown += 1
    assert shown


DESCRIPTIONS = [
    (
        "article-ford-xiaomi-deny-jv-report",
        "Ford and Xiaomi deny Financial Times report of US electric-vehicle joint venture talks: news report, Unattributed outlet, 1 February 2026",
    ),
    ("biden-administration", "The executive branch of the US government under President Joe Biden (2021–2025)."),
    (
        "biden-tariffs-banned-chinese-vehicles",
        "Reported: The Biden administration effectively banned Chinese vehicles from the US market in 2024 by quadrupling tariffs on vehicles imported from China to 100%.",
    ),
    ("cpca-january-2026-data-release", "China Passenger Car Association releases January 2026 delivery data, February 2026"),
    ("farley-china-trips-epiphanies", "Jim Farley, October 2024: “epiphanies”"),
    ("lei-jun-2026-target", "Lei Jun, January 2026: Xiaomi's target for 2026 is 550,000 vehicles, up 34% from 2025."),
    ("farley-su7-driving-time", "Jim Farley time driving his Xiaomi SU7, October 2024: 6 months"),
    ("xiaomi-deliveries-2025-01", "Xiaomi deliveries, January 2025: at least 22,800 vehicles"),
    ("xiaomi-target-2026-vs-registrations-2025", "Xiaomi 2026 target, change on 2025 registrations, 2026: 34%"),
    ("lei-jun", "Co-founder and chief executive of Xiaomi."),
    (
        "us-connected-vehicle-software-hardware-ban",
        "Bans Russian and Chinese software and hardware in connected vehicles sold in the US, effectively blocking Chinese carmakers such as Xiaomi and BYD from selling EVs there.",
    ),
]


@pytest.mark.parametrize(("record_id", "description"), DESCRIPTIONS, ids=[d[0] for d in DESCRIPTIONS])
def test_a_pages_description_for_search_engines_and_link_previews_says_what_its_record_says(plain: Renderer, record_id: str, description: str) -> None:
    meta = front_matter(plain.record_stub(plain.site.entries[record_id]))
    assert html_lib.unescape(meta["description"]) == description


MADE_BY = [
    ("farley-drove-xiaomi-su7", "Made by: Jim Farley (podcast, October 2024›) Status: Reported: reported by Jim Farley. No one on the record disputes it."),
    ("ford-xiaomi-us-ev-joint-venture-talks", "Made by: Financial Times (news report, 31 January 2026›) Status: Disputed"),
    (
        "xiaomi-january-2026-five-month-low",
        "Made by: Unattributed outlet (Ford and Xiaomi deny Financial Times report of US electric-vehicle joint venture talks, 1 February 2026) Status: Reported",
    ),
]


@pytest.mark.parametrize(("claim_id", "text"), MADE_BY, ids=[m[0] for m in MADE_BY])
def test_a_claim_says_who_made_it_where_and_when(plain: Renderer, claim_id: str, text: str) -> None:
    assert text in read_page(page_uri("claim", claim_id), plain.record_page(plain.site.entries[claim_id])).text


def test_the_claims_index_gives_each_claims_status_claimant_and_date(plain: Renderer) -> None:
    text = read_page(index_uri("claim"), plain.index_page("claim")).text
    assert text.startswith("Claims¶ Claim Status Claimant Date ")
    for row in (
        "Farley praised the SU7 Reported Unattributed outlet 1 February 2026",
        "Ford–Xiaomi joint venture talks Disputed Financial Times 31 January 2026",
        "Farley drove an SU7 Reported Jim Farley October 2024",
    ):
        assert row in text


def test_each_record_page_links_to_its_yaml_file_for_editing(published: Site) -> None:
    # A branch named "fix-X": only the one trailing '/' of the base is dropped.
    renderer = Renderer(published, edit_base="https://example.org/edit/fix-X/")
    for entry in published.entries.values():
        html = renderer.record_page(entry).html
        expected = f"https://example.org/edit/fix-X/content/{FOLDER_OF[entry.kind]}/{entry.id}.yaml"
        link = f'<a href="{expected}" title="content/{FOLDER_OF[entry.kind]}/{entry.id}.yaml">Edit this record</a>'
        assert f'<p class="nb-data-file">{link}</p>' in html, entry.id
    assert "Edit this record" not in Renderer(published).record_page(published.entries["xiaomi"]).html


def test_the_problems_page_lists_each_problem_with_its_file_and_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    statement = content / "statements" / "ford-denies-jv-report.yaml"
    statement.write_text(statement.read_text(encoding="utf-8").replace("speaker: ford\n", "speaker: fordd\n"), encoding="utf-8")
    site = load_site(content, tmp_path)
    assert site.problems
    text = read_page("problems.md", Renderer(site).problems_page(site.problems)).text
    for problem in site.problems:
        assert problem.message in text or html_lib.unescape(problem.message) in text
    assert "content/statements/ford-denies-jv-report.yaml" in text and "fordd" in text


@pytest.mark.parametrize(
    "fragment",
    ["a_b*c_d*", "[x](y)", "#1 `code` {a} !b |c +d", "back\\slash\\_", "**bold** __b__", "<b>AT&amp;T</b> &#39;x&#39;", "plain text, 39,000."],
    ids=safe_id,
)
def test_a_fragment_put_into_a_hand_written_page_is_shown_as_it_is_not_read_as_markdown(fragment: str) -> None:
    """Markdown turns none of it into formatting; HTML the renderer escaped (`&amp;`) stays as it was."""
    import markdown

    from newsbrief.render import markdown_safe

    html = markdown.markdown(markdown_safe(fragment))
    assert html.startswith("<p>") and html.endswith("</p>")
    assert html_lib.unescape(html[3:-4]) == html_lib.unescape(fragment)
    assert "<em>" not in html and "<strong>" not in html and "<code>" not in html and "<a " not in html


def test_a_figure_named_in_a_hand_written_page_links_to_its_page_with_its_value(plain: Renderer) -> None:
    plain.start_page("guides/xiaomi.md")
    html = str(plain.fig_link("xiaomi-registrations-2025"))
    page = Page(Path("guides/xiaomi.md"), "guides/xiaomi/")
    assert resolve(page, re.search(r'href="([^"]+)"', html).group(1))[0] == "figures/xiaomi-registrations-2025/"
    assert 'value="411837"' in html and "411,837" in html
    assert "nb-pop" not in html, "a figure inside a link has no popover of its own"


@pytest.mark.parametrize("kind", ["company", "organization", "person"])
def test_an_entity_page_says_which_policies_it_issued_and_which_affect_it(real: Renderer, kind: str) -> None:
    site = real.site
    for entry in site.of_kind(kind):
        text = read_page(page_uri(kind, entry.id), real.record_page(entry)).text
        for policy in site.of_kind("policy"):
            p = policy.record
            if p.issuer == entry.id:
                assert f"Issued {real.title(policy.id)}" in text, (entry.id, policy.id)
            if entry.id in p.affects:
                assert f"Affected by {real.title(policy.id)} (issued by {real.title(p.issuer)})" in text, (entry.id, policy.id)


def test_the_feed_carries_planted_headlines_and_summaries_as_text(planted: Renderer) -> None:
    import feedparser

    from newsbrief.export import atom_feed

    xml = atom_feed(planted.site, "News", "https://example.org/", planted.title)
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    parsed = feedparser.parse(xml.encode("utf-8"))
    assert parsed.bozo == 0
    headlines = {" ".join(b.record.headline.split()) for b in planted.site.of_kind("brief")}
    assert {" ".join(e.title.split()) for e in parsed.entries if not e.title.startswith(("Update:", "Correction:"))} == headlines


def test_an_implied_figure_cites_the_sources_of_the_figure_that_implies_it(real: Renderer) -> None:
    site = real.site
    implied = [e for e in site.of_kind("figure") if e.record.implied_by]
    assert implied
    for entry in implied:
        uri = page_uri("figure", entry.id)
        html = real.record_page(entry).html
        line = html.split("Sources of the figure it is implied by:", 1)[1].split("</p>", 1)[0]
        assert {record_url(site, s) for s in site.record(entry.record.implied_by).sources} <= cited_on(uri, line), entry.id


@pytest.mark.parametrize("kind", ["company", "organization", "person"])
def test_every_relationship_in_the_table_cites_its_sources(real: Renderer, kind: str) -> None:
    site = real.site
    rows = 0
    for entry in site.of_kind(kind):
        relations = real.relation_rows(entry.id)
        if not relations:
            continue
        uri = page_uri(kind, entry.id)
        html = real.record_page(entry).html
        table = html.split('id="relationships"', 1)[1].split("</table>", 1)[0]
        body_rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
        assert len(body_rows) == len(relations), entry.id
        for row, relation in zip(body_rows, relations, strict=True):
            assert {record_url(site, s) for s in relation["sources"]} <= cited_on(uri, row), (entry.id, relation)
            rows += 1
    if kind != "organization":
        assert rows


def test_the_home_page_leads_with_the_latest_brief(real: Renderer) -> None:
    briefs = sorted(real.site.of_kind("brief"), key=lambda e: e.record.published, reverse=True)
    assert len(briefs) == 2 and briefs[0].record.published > briefs[1].record.published
    text = read_page("index.md", real.home_page()).text
    assert " ".join(briefs[0].record.summary.split()) in text
    assert " ".join(briefs[1].record.summary.split()) not in text, "only the latest brief leads with its summary"
    assert text.index(real.title(briefs[0].id)) < text.index(real.title(briefs[1].id))


def known_pages(renderer: Renderer) -> set[str]:
    """Every page of the site: the generated ones and the hand-written ones in docs/."""
    generated = {(_dir_url(uri) + "/").lstrip("/") for uri in every_page(renderer)} | {"", "problems/"}
    written = {p.relative_to(ROOT / "docs").as_posix()[: -len(".md")] + "/" for p in (ROOT / "docs").rglob("*.md")}
    return generated | {w[: -len("index/")] if w.endswith("index/") else w for w in written}


@pytest.mark.parametrize("group", PAGE_GROUPS)
def test_every_link_on_every_page_leads_to_a_page_of_the_site(real: Renderer, group: str) -> None:
    pages = every_page(real)
    known = known_pages(real)
    for uri in uris_of(real, group):
        page = read_page(uri, pages[uri]())
        targets = {t[0] for href, _ in page.links if (t := resolve(page, href))}
        assert targets - known == set(), uri
        # A link climbing above the site root still resolves at a domain's root, but not on a site served
        # under a path (https://example.org/news/): each page goes up exactly as deep as it is.
        climbing = [href for href, _ in page.links if len(re.match(r"(?:\.\./)*", href).group(0)) // 3 > page.url.count("/")]
        assert climbing == [], uri


def test_the_editors_and_problems_pages_have_their_titles_and_links_that_work(real: Renderer) -> None:
    editors = real.editors_page()
    assert editors.html.startswith('<h1 id="data-status-for-editors">Data status for editors<')
    assert editors.toc[0]["name"] == "Data status for editors"
    site = load_site(ROOT / "content", ROOT)
    problems = Renderer(site).problems_page([])
    page = read_page("problems.md", problems)
    assert {t[0] for href, _ in page.links if (t := resolve(page, href))} <= known_pages(real)


@pytest.mark.parametrize("kind", sorted(KIND_TITLES))
def test_an_index_pages_front_matter_has_its_title_and_nothing_else(real: Renderer, kind: str) -> None:
    assert front_matter(real.markdown_stub(KIND_TITLES[kind])) == {"title": KIND_TITLES[kind]}


def test_each_step_in_a_policys_history_cites_its_own_sources(real: Renderer) -> None:
    site = real.site
    for entry in site.of_kind("policy"):
        uri = page_uri("policy", entry.id)
        html = real.record_page(entry).html
        table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        steps = sorted(entry.record.history, key=lambda a: a.date)
        assert len(rows) == len(steps), entry.id
        for row, step in zip(rows, steps, strict=True):
            assert {record_url(site, s) for s in step.sources} <= cited_on(uri, row), (entry.id, step.action)


def test_a_statement_lists_every_other_statement_on_its_claims_with_their_stance_and_sources(real: Renderer) -> None:
    site = real.site
    listed = 0
    for entry in site.of_kind("statement"):
        uri = page_uri("statement", entry.id)
        html = real.record_page(entry).html
        for stance in entry.record.stances:
            for other_id, other_stance in site.stances.get(stance.claim, []):
                if other_id == entry.id:
                    continue
                other = site.record(other_id)
                items = [i for i in re.findall(r"<li>(.*?)</li>", html, re.S) if f'/{other_id}/"' in i and f" {other_stance}, " in i]
                assert items, (entry.id, other_id)
                assert any({record_url(site, s) for s in other.sources} <= cited_on(uri, i) for i in items), (entry.id, other_id)
                listed += 1
    assert listed


# --- index pages: every cell of every kind, read against the record it shows ------------------


@dataclass(frozen=True)
class Cell:
    """What a reader gets from one cell of an index table: its text, the record pages it links, its dates."""

    text: str | None = ""
    """None: not compared (a figure's words come from the one formatter, checked on every page)."""
    links: frozenset[str] = frozenset()
    dates: tuple[str, ...] = ()
    figures: tuple[tuple[str, float], ...] = ()


def date_cell(date) -> Cell:
    """A date as every table shows it: words for the reader, the date (or its bound) for sorting."""
    if date is None:
        return Cell()
    return Cell(date.human(), dates=(str(date.bound if date.before else date),))


def link_cell(renderer: Renderer, *record_ids: str) -> Cell:
    site = renderer.site
    return Cell(" and ".join(renderer.title(i) for i in record_ids), frozenset(record_url(site, i) for i in record_ids))


def words_cell(value: str | None) -> Cell:
    """A vocabulary value read as words: 'in-force' → 'in force'."""
    return Cell(value.replace("-", " ") if value else "")


def naming(site: Site, record_id: str, kinds: tuple[str, ...]) -> list[Entry]:
    """The records of ``kinds`` that name ``record_id`` in any reference field (from the model's references)."""
    return [e for e in site.entries.values() if e.kind in kinds and any(target == record_id for _loc, target, _ in e.refs)]


def claim_makers(site: Site, claim_id: str) -> list[tuple[str, object]]:
    """(who, when) of the statements asserting or confirming a claim; else the publisher of its first source."""
    made = [(site.record(s).speaker, site.record(s).date) for s, stance in site.stances.get(claim_id, []) if stance in ("asserts", "confirms")]
    if made:
        return made
    sources = [site.record(s) for s in site.record(claim_id).sources[:1]]
    return [(s.publisher, s.published) for s in sources]


def short_claim_title(text: str) -> str:
    return text if len(text) <= 36 else text[:34].rsplit(" ", 1)[0] + "…"


def expected_cell(renderer: Renderer, cell: str, entry: Entry) -> Cell:
    """Each cell of ``indexes.COLUMNS`` as the record says it, worked out here from the record's fields."""
    site, r = renderer.site, entry.record
    if cell == "name":
        text = (r.headline or short_claim_title(r.text)) if entry.kind == "claim" else renderer.title(entry.id)
        return Cell(text, frozenset({record_url(site, entry.id)}))
    if cell == "figure_name":
        name = r.label or f"{short_name(site, r.subject, renderer.title)} {r.metric}"
        return Cell(name, frozenset({record_url(site, entry.id)}))
    if cell == "summary":
        return Cell(" ".join(r.summary.split()))
    if cell == "country":
        return Cell(Locale("en").territories[r.country] if r.country else "")
    if cell == "briefs":
        return link_cell(renderer, *(b.id for b in naming(site, entry.id, ("brief",))))
    if cell == "last_mentioned":  # a plan is not a mention: only what happened
        mentions = [e for e in naming(site, entry.id, ("brief", "statement", "event")) if getattr(e.record, "status", "happened") == "happened"]
        return date_cell(max((e.record.published if e.kind == "brief" else e.record.date for e in mentions), default=None))
    if cell in ("role", "role_organization"):
        if not r.roles:
            return Cell()
        return Cell(r.roles[0].title) if cell == "role" else link_cell(renderer, r.roles[0].organization)
    if cell == "status":
        return Cell(STATUS_LABELS[site.status(entry.id)])
    if cell == "claimant":
        return link_cell(renderer, *dict.fromkeys(who for who, _ in claim_makers(site, entry.id)))
    if cell == "claim_date":
        return date_cell(min((when for _, when in claim_makers(site, entry.id)), default=None))
    if cell == "value":  # the number itself, read back from its <data value>; its words are the formatter's
        return Cell(None, figures=((entry.id, site.figure_value(entry.id)[0]),))
    if cell == "event_status":
        return Cell(shown_status(site, r.status, r.date))
    if cell == "policy_since":
        return date_cell(min(step.date for step in r.history))
    dates = {"published": "published", "statement_date": "date", "event_date": "date", "period": "period"}
    if cell in dates:
        return date_cell(getattr(r, dates[cell]))
    links = {"speaker": "speaker", "subject": "subject", "vote_body": "body", "issuer": "issuer", "publisher": "publisher"}
    if cell in links:
        return link_cell(renderer, getattr(r, links[cell]))
    words = {"org_type": "type", "vote_outcome": "outcome", "policy_status": "status", "source_kind": "kind"}
    return words_cell(getattr(r, words[cell]))


def read_cell(uri: str, html: str, compare_text: bool) -> Cell:
    page = read_page(uri, RenderedPage.of(html))
    figures = tuple((figure_id, float(value)) for figure_id, value, _ in page.figures)
    return Cell(page.text if compare_text else None, frozenset(links_of(page)), tuple(re.findall(r'<time datetime="([^"]+)"', html)), figures)


def index_order(renderer: Renderer, kind: str) -> list[Entry]:
    """Briefs newest first, as news is read; every other kind by its title."""
    entries = renderer.site.of_kind(kind)
    if kind == "brief":
        return sorted(entries, key=lambda e: (e.record.published, e.id), reverse=True)
    return sorted(entries, key=lambda e: renderer.title(e.id).lower())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_cell_of_every_index_says_what_its_record_says(real: Renderer, kind: str) -> None:
    """Every column of every kind's index (``indexes.COLUMNS``), row by row, against the record the row shows."""
    uri = index_uri(kind)
    html = real.index_page(kind).html
    columns = INDEX_COLUMNS[kind]
    assert re.findall(r"<th>(.*?)</th>", html) == [header for header, _ in columns]
    rows = re.findall(r"<tr>\n(<td .*?)</tr>", html, re.S)
    entries = index_order(real, kind)
    assert len(rows) == len(entries)
    wrong = []
    for entry, row in zip(entries, rows, strict=True):
        cells = re.findall(r'<td data-label="([^"]*)">(.*?)</td>', row, re.S)
        assert [label for label, _ in cells] == [header for header, _ in columns], entry.id
        for (_, cell), (_, cell_html) in zip(columns, cells, strict=True):
            want = expected_cell(real, cell, entry)
            got = read_cell(uri, cell_html, want.text is not None)
            if got != want:
                wrong.append(f"{entry.id} {cell}: {got} != {want}")
    assert wrong == []


def test_a_figure_as_a_point_of_a_brief_shows_its_label_value_and_sources(real: Renderer) -> None:
    site = real.site
    shown = 0
    for brief in site.of_kind("brief"):
        uri = page_uri("brief", brief.id)
        html = real.record_page(brief).html
        points = re.findall(r'<ul class="nb-points">\n(.*?)</ul>', html, re.S)
        items = [li for block in points for li in re.findall(r"<li>(.*?)</li>\n", block, re.S)]
        for section in brief.record.sections:
            for figure_id in (item.figure for item in section.items if item.figure):
                figure = site.record(figure_id)
                (item,) = [li for li in items if f'aria-label="Figure: {html_lib.escape(real.title(figure_id))}"' in li]
                page = read_page(uri, RenderedPage.of(item))
                label = figure.label or f"{real.title(figure.subject)} {figure.metric}, {figure.period.human()}"
                assert page.text.startswith(f"{label}: "), (brief.id, figure_id, page.text)
                assert [(f, float(v)) for f, v, _ in page.figures] == [(figure_id, site.figure_value(figure_id)[0])]
                assert links_of(page) == {record_url(site, figure_id)} | cited_on(uri, item)
                sources = figure.sources or site.record(figure.implied_by).sources
                assert cited_on(uri, item) == {record_url(site, s) for s in sources}, (brief.id, figure_id)
                shown += 1
    assert shown == ADDED_POINTS.count("figure: ")


def test_a_confirmed_claim_was_made_by_whoever_confirms_it(real: Renderer) -> None:
    site = real.site
    claim_id = "eu-member-states-let-duties-pass"
    (statement_id,) = [s for s, stance in site.stances[claim_id] if stance == "confirms"]
    statement = site.record(statement_id)
    assert site.status(claim_id) == "confirmed"
    page = read_page(page_uri("claim", claim_id), real.record_page(site.entries[claim_id]))
    made_by = f"Made by: {real.title(statement.speaker)} ({statement.date.human()}›) Status: Confirmed"
    assert made_by in page.text
    assert record_url(site, statement.speaker) in links_of(page)


def broken_site(content: Path) -> Site:
    """What `mkdocs serve` still renders while an editor's references are broken: a brief's point naming a
    missing figure before a good one, an implied figure whose implier is deleted, a claim whose only
    source is missing."""
    shutil.copytree(ROOT / "content", content)
    brief = content / "briefs" / "ford-xiaomi-deny-jv-report.yaml"
    brief.write_text(
        brief.read_text(encoding="utf-8").replace(KEY_NUMBERS, KEY_NUMBERS + "      - figure: no-such-figure\n      - figure: xiaomi-deliveries-2025-01\n"),
        encoding="utf-8",
    )
    (content / "figures" / "xiaomi-deliveries-2026-01-vs-2025-01.yaml").unlink()
    claim = content / "claims" / "xiaomi-january-2026-five-month-low.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("sources: [article-ford-xiaomi-deny-jv-report]", "sources: [no-such-source]"), encoding="utf-8")
    # An event whose first source is missing: its second is still cited.
    event = content / "events" / "xiaomi-europe-deliveries-begin.yaml"
    event.write_text(
        event.read_text(encoding="utf-8").replace(
            "sources: [article-ford-xiaomi-deny-jv-report]", "sources: [no-such-source, article-ford-xiaomi-deny-jv-report]"
        ),
        encoding="utf-8",
    )
    site = load_site(content, content.parent)
    assert any("no-such-figure" in str(p) for p in site.problems) and any("no-such-source" in str(p) for p in site.problems)
    return site


@pytest.fixture(scope="module")
def broken() -> Renderer:
    return Renderer(built_site(broken_site))


def test_pages_with_broken_references_still_render_what_is_there(broken: Renderer) -> None:
    site = broken.site
    key_numbers = section_html(broken.record_page(site.entries["ford-xiaomi-deny-jv-report"]).html, "key-numbers")
    # The missing figure's point is left out; the points after it are still listed (the implied figure's without a
    # citation: its implier, and so its source, is gone).
    points = re.findall(r"<li>(.*?)</li>", key_numbers)
    assert points[0].startswith(f"{broken.figure_label('xiaomi-deliveries-2025-01')}: ") and "nb-cite" not in points[0]
    real = yaml.safe_load((ROOT / "content" / "briefs" / "ford-xiaomi-deny-jv-report.yaml").read_text(encoding="utf-8"))
    assert len(points) == 1 + len(next(s["items"] for s in real["sections"] if s["kind"] == "key-numbers"))
    claim = read_page(page_uri("claim", "xiaomi-january-2026-five-month-low"), broken.record_page(site.entries["xiaomi-january-2026-five-month-low"]))
    assert "a five-month low" in claim.text.lower()
    assert broken.claim_date("xiaomi-january-2026-five-month-low") is None  # no source left to date it
    index = read_page(index_uri("claim"), broken.index_page("claim"))
    assert any("xiaomi-january-2026-five-month-low" in link for link in links_of(index))


EVERY_STANCE = """speaker: {speaker}
date: 2026-02-01
channel: not-stated
paraphrase: A word on the reported talks.
stances:
  - claim: ford-xiaomi-us-ev-joint-venture-talks
    stance: {stance}
sources: [article-ford-xiaomi-deny-jv-report]
"""


def every_stance_site(content: Path) -> Site:
    """The real content, with the joint-venture claim also confirmed (by Lei Jun) and met with no comment (by
    the Biden administration): every stance a statement can take, on one claim."""
    shutil.copytree(ROOT / "content", content)
    for speaker, stance in (("lei-jun", "confirms"), ("biden-administration", "declines-to-comment")):
        (content / "statements" / f"{speaker}-{stance}.yaml").write_text(EVERY_STANCE.format(speaker=speaker, stance=stance), encoding="utf-8")
    return load_site(content, content.parent)


def test_a_claim_says_who_took_each_stance_in_one_order() -> None:
    every = Renderer(built_site(every_stance_site))
    claim = "ford-xiaomi-us-ev-joint-venture-talks"
    assert re.sub(r"<[^>]+>", "", every.stance_summary(claim)) == (
        "asserted by Financial Times; confirmed by Lei Jun; denied by Ford Motor Company and Xiaomi; no comment from Biden administration"
    )
    assert every.sourcing(claim) == (
        "reported by Financial Times, citing four people familiar with the matter (anonymous); confirmed on the record by Lei Jun; "
        "denied on the record by Ford Motor Company and Xiaomi; no comment from Biden administration"
    )


def _when(date) -> str:
    return date.human() if not date.before else f"before {date.bound.human()}"


def test_each_relation_row_shows_when_it_held_and_its_sources_from_the_record_that_makes_it(plain: Renderer) -> None:
    """The relationship table of every entity and policy: a statement's date; a policy's first and last steps
    ('1 May 2024 – 27 September 2024'); a role's since, until and as of; nothing for a claim; each with the
    sources of that record (or role)."""
    site = plain.site
    seen = set()
    for entry in site.entries.values():
        if entry.kind not in ("company", "person", "organization", "policy"):
            continue
        for row in plain.relation_rows(entry.id):
            edge = next(
                e for e in plain.relations.touching(entry.id) if row["other"] in (e.source, e.target) and relation_words(e, entry.id) == row["relation"]
            )
            via = site.entries[edge.via]
            r = via.record
            seen.add(via.kind)
            if via.kind == "statement":
                expected, sources = _when(r.date), list(r.sources)
            elif via.kind == "policy":
                dates = sorted({step.date for step in r.history})
                expected = _when(dates[0]) + (f" – {_when(dates[-1])}" if len(dates) > 1 else "")
                sources = list(r.sources)
            elif via.kind == "person":
                role = next(x for x in r.roles if x.organization in (edge.source, edge.target) and x.title.split(" and ")[-1].lower() == edge.label)
                expected = ", ".join(f"{word}{_when(d)}" for word, d in (("since ", role.since), ("until ", role.until), ("as of ", role.as_of)) if d)
                sources = list(role.sources)
            else:
                expected, sources = "", list(getattr(r, "sources", []))
            assert re.sub(r"<[^>]+>", "", str(row["dates"])) == expected, (entry.id, row)
            assert row["sources"] == sources, (entry.id, row)
    assert seen == {"claim", "policy", "statement", "person"}


def section_html(html: str, anchor: str) -> str:
    """A page's <h2 id=anchor> section, up to the next <h2>."""
    return html.split(f'<h2 id="{anchor}">', 1)[1].split("<h2 ", 1)[0]


def test_a_source_page_lists_under_what_it_backs_exactly_the_records_that_cite_it(real: Renderer) -> None:
    """Every record listing the source among its sources, at any depth (a role's, a policy step's), grouped by
    kind; a source another source relies on (`cites`) is not backed by it."""
    site = real.site
    for source in site.of_kind("source"):
        backing = [e for e in site.entries.values() if any(t == source.id and len(loc) >= 2 and loc[-2] == "sources" for loc, t, _ in e.refs)]
        uri = page_uri("source", source.id)
        html = section_html(real.record_page(source).html, "what-this-source-backs")
        page = read_page(uri, RenderedPage.of(NB_CITE.sub("", html)))  # the records, not their citations
        linked = {t[0] for href, _ in page.links if not href.startswith("#") and (t := resolve(page, href))}  # not the permalinks
        assert linked == {record_url(site, e.id) for e in backing}, source.id
        assert re.findall(r"<h3 [^>]*>([^<]+)<", html) == sorted({KIND_TITLES[e.kind] for e in backing}), source.id
    assert any(e.record.cites for e in site.of_kind("source")), "a source that cites others, so `cites` is seen not to count"


@pytest.mark.parametrize("kind", ["claim"])
def test_a_claims_description_and_status_heading_give_its_status(real: Renderer, kind: str) -> None:
    site = real.site
    statuses = set()
    for entry in site.of_kind(kind):
        status = site.status(entry.id)
        meta = front_matter(real.record_stub(entry))
        assert html_lib.unescape(meta["description"]) == f"{STATUS_LABELS[status]}: {' '.join(entry.record.text.split())}", entry.id
        assert f'<h2 id="status-{status}">Status: {status}<' in real.record_page(entry).html, entry.id
        statuses.add(status)
    assert statuses == {"reported", "disputed", "confirmed"}


VOTE_COUNTS = {"In favour": "in_favour", "Against": "against", "Abstaining": "abstaining", "Absent": "absent", "Members": "members"}


def test_a_votes_counts_are_each_a_number_with_its_unit(real: Renderer) -> None:
    shown = 0
    for entry in real.site.of_kind("vote"):
        r = entry.record
        html = section_html(real.record_page(entry).html, "counts")
        rows = re.findall(r"<tr><td>([^<]+)</td><td>(.*?)</td></tr>", html)
        assert [label for label, _ in rows] == [label for label, name in VOTE_COUNTS.items() if getattr(r, name) is not None], entry.id
        for label, cell in rows:
            value = getattr(r, VOTE_COUNTS[label])
            unit = UNIT_SPECS[r.unit].singular if value == 1 else UNIT_SPECS[r.unit].plural
            assert cell == f'<data value="{value}">{value:,}</data> {unit}', (entry.id, label)
            shown += 1
    assert shown


def test_the_home_page_links_to_every_kinds_index_under_its_title(real: Renderer) -> None:
    html = section_html(real.home_page().html, "browse")
    page = Page(Path("index.md"), "")
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
    assert [(resolve(page, href)[0], text) for href, text in links] == [(f"{FOLDER_OF[kind]}/", title) for kind, title in KIND_TITLES.items()]


def test_the_timelines_filter_names_each_entity_on_it_once(real: Renderer) -> None:
    html = real.timeline_page().html
    (choices,) = re.findall(r'<div class="nb-timeline" data-entities="([^"]*)">', html)
    pairs = [choice.split("=", 1) for choice in html_lib.unescape(choices).split("|")]
    entities = entities_of(timeline_items(real.site))
    assert len(entities) > 1 and "european-parliament" in entities, "a name with the filter's separator, '|'"
    assert pairs == [[i, real.title(i).replace("|", "/")] for i in entities]


def test_a_briefs_timeline_holds_its_own_dated_records_and_no_others(real: Renderer) -> None:
    site = real.site
    for brief in site.of_kind("brief"):
        r = brief.record
        uri = page_uri("brief", brief.id)
        html = real.record_page(brief).html
        timeline = html.split("<summary>Timeline: ", 1)[1].split("</details>", 1)[0]
        page = read_page(uri, RenderedPage.of(timeline))
        # (A released figure shows beside the release it fulfils: figures are left out.)
        dated = {record_url(site, i) for i in [*r.events, *r.statements, *r.policies]}
        shown = {link for link in links_of(page) if link.split("/")[0] in ("events", "statements", "policies")}
        assert shown <= dated, brief.id
        assert {record_url(site, i) for i in [*r.events, *r.statements]} <= shown, brief.id


def test_an_event_as_a_point_of_a_brief_gives_its_date_as_stated_and_its_title(real: Renderer) -> None:
    site = real.site
    shown = 0
    for brief in site.of_kind("brief"):
        html = real.record_page(brief).html
        items = re.findall(r"<li>(.*?)</li>\n", "".join(re.findall(r'<ul class="nb-points">\n(.*?)</ul>', html, re.S)), re.S)
        for section in brief.record.sections:
            for event_id in (item.event for item in section.items if item.event):
                event = site.record(event_id)
                (item,) = [li for li in items if f'aria-label="Event: {html_lib.escape(event.title)}"' in li]
                text = read_page(page_uri("brief", brief.id), RenderedPage.of(item)).text
                assert text.startswith(f"{event.date.human()} (“{event.date_as_stated}”): {event.title}"), (brief.id, event_id, text)
                shown += 1
    assert shown


def test_a_briefs_sections_read_as_its_editor_ordered_them(real: Renderer) -> None:
    """The editor's texts as paragraphs, the records between them as one list each, one point a record, each
    point ending in its marker and citations."""
    site = real.site
    checked = statements = 0
    for brief in site.of_kind("brief"):
        uri = page_uri("brief", brief.id)
        html = real.record_page(brief).html
        shown = re.findall(r'<section class="nb-section nb-section--[^"]+">\n<h2 [^>]*>.*?</h2>\n(.*?)</section>', html, re.S)
        # A brief without sections reads as its key points.
        sections = [s.items for s in brief.record.sections] or [[BriefItem(claim=c) for c in brief.record.key_points]]
        assert len(shown) == len(sections), brief.id
        for items, body in zip(sections, shown, strict=True):
            expected: list[tuple[str, object]] = []
            for item in items:
                if item.text is not None:
                    expected.append(("p", " ".join(item.text.split())))
                elif expected and expected[-1][0] == "ul":
                    expected[-1] = ("ul", expected[-1][1] + 1)
                else:
                    expected.append(("ul", 1))
            blocks = re.findall(r'<p>(.*?)</p>\n|<ul class="nb-points">\n(.*?)</ul>\n', body, re.S)
            read = [("p", html_lib.unescape(p)) if p else ("ul", len(re.findall(r"<li>", ul))) for p, ul in blocks]
            assert read == expected, brief.id
            points = re.findall(r"<li>(.*?)</li>", body, re.S)
            for item, point in zip([i for i in items if i.text is None], points, strict=True):
                assert re.search(r'<span class="nb-refs"><a class="nb-marker" [^>]*>›</a>(<sup class="nb-cite">.*?</sup>)?</span>$', point), point
                assert cited_on(uri, point) == {record_url(site, s) for s in point_sources(site, item)}, (brief.id, item)
                if item.claim:  # a badge only for a claim someone disputes, denies or confirms
                    assert ('class="nb-status ' in point) == (site.status(item.claim) != "reported"), (brief.id, item.claim)
                if item.statement:
                    said = site.record(item.statement)
                    when = "" if said.date == brief.record.published else f" {'on' if said.date.precision == 'day' else 'in'} {said.date.human()}"
                    lead = f"{short_name(site, said.speaker, real.title)} said{' ' + SAID_HOW[said.channel] if SAID_HOW[said.channel] else ''}{when}: "
                    words = f"“{said.quote.strip()}”" if said.quote else f"{said.paraphrase} (paraphrase)"
                    assert read_page(uri, RenderedPage.of(point)).text.startswith(lead + words + "›"), (brief.id, item.statement)
                    assert escape(lead) in point, (brief.id, item.statement)  # one space each, as written
                    statements += 1
            checked += 1
    assert checked and statements > 1


def point_sources(site: Site, item: BriefItem) -> list[str]:
    """What a brief's point cites: its record's sources; a claim's adds those of every statement on it; an
    implied figure's are those of the figure implying it."""
    record_id = item.claim or item.statement or item.figure or item.event
    r = site.record(record_id)
    if item.claim:
        return [*r.sources, *(s for statement_id, _ in site.stances.get(record_id, []) for s in site.record(statement_id).sources)]
    if item.figure and not r.sources:
        return site.record(r.implied_by).sources
    return r.sources


TIMELINE_KINDS = [
    "1 February 2026 — Release announced: China Passenger Car Association releases January 2026 delivery data",
    "11 February 2026 — Released: China Passenger Car Association releases January 2026 delivery data: 38,650 vehicles",
    "2026 — Target: Xiaomi vehicle target, 2026: 550,000 vehicles",
    "2025 (“last year”) — 2025 target, beaten: Xiaomi vehicle target (final), 2025: 400,000 vehicles",
    "— Figure: US tariff rate on vehicles from China before the 2024 increase: about 25%",
    "4 October 2024 (“Friday”) — Vote: Vote of the EU member states on EU countervailing duties on battery electric cars from China",
]


@pytest.mark.parametrize("text", TIMELINE_KINDS, ids=safe_id)
def test_the_timeline_says_what_each_item_is(real: Renderer, text: str) -> None:
    """A release's announcement and the release, a target (and what became of it), a figure, a vote."""
    assert text in read_page("timeline/index.md", real.timeline_page()).text


def test_a_figure_worked_out_to_the_thousandth_shows_two_decimals(real: Renderer) -> None:
    """Its page's number, its meta description: 33.33, never 33.333 or 33 (a count would show none)."""
    site = real.site
    entry = site.entries["test-rate-a-third"]
    assert site.figure_value(entry.id) == (pytest.approx(33.333), "about")
    page = read_page(page_uri("figure", entry.id), real.record_page(entry))
    assert {text for figure_id, _, text in page.figures if figure_id == entry.id} == {"33.33"}
    assert html_lib.unescape(front_matter(real.record_stub(entry))["description"]) == "A rate a third of another: about 33.33%"


@pytest.mark.parametrize("kind", ["statement", "figure"])
def test_each_statement_and_figure_on_the_timeline_says_who_said_what_or_the_value(real: Renderer, kind: str) -> None:
    """'Jim Farley: said “…”' (the name linking the speaker, 'said' the statement); 'Xiaomi deliveries…: 38,650 vehicles'."""
    site = real.site
    uri = "timeline/index.md"
    items = re.findall(r"<li>(.*?)</li>", real.timeline_page().html, re.S)
    shown = 0
    for entry in site.of_kind(kind):
        r = entry.record
        for item in [i for i in items if f'/{FOLDER_OF[kind]}/{entry.id}/"' in i and f"<em>{kind.capitalize()}</em>: " in i]:
            page = read_page(uri, RenderedPage.of(NB_CITE.sub("", item)))
            text = page.text.split(f"— {kind.capitalize()}: ", 1)[1]
            if kind == "statement":
                said = f"“{r.quote.strip()}”" if r.quote else " ".join(r.paraphrase.split())
                assert text == f"{real.title(r.speaker)}: said {said}", entry.id
                assert links_of(page) == {record_url(site, r.speaker), record_url(site, entry.id)}, entry.id
            else:
                assert text.startswith(f"{real.title(entry.id)}: "), entry.id
                assert [f for f, _, _ in page.figures] == [entry.id]
                assert links_of(page) == {record_url(site, entry.id)}, entry.id
            shown += 1
    assert shown


# --- what the whole run of render's mutants left (issue 12): texts, links, notes, drawings, what a page read ----

REAL_TEXTS = [
    # Three participants or more: 'A, B and C'.
    ("events/ford-xiaomi-deny-report.md", "Who: Ford Motor Company, Xiaomi and European Parliament | EP Votes¶"),
    # A statement taking a stance on a claim about the organization is about it, though its `about` names no one.
    (
        "organizations/eu-member-states.md",
        "Statements about EU member states¶ 29 October 2024, Council of the European Union: The member states did not block the duties. (paraphrase)›1 Claims¶",
    ),
    # A person with no role, no relation, no figure: no empty fact line, no relationship table, no chart.
    ("people/a-person-without-a-role.md", "A person without a role¶ For the tests. Sources¶ No source is cited on this page."),
]


@pytest.mark.parametrize(("uri", "text"), REAL_TEXTS, ids=[safe_id(f"{u}:{t[:30]}") for u, t in REAL_TEXTS])
def test_a_page_of_the_test_content_says_what_its_records_say(real: Renderer, uri: str, text: str) -> None:
    assert text in read_page(uri, every_page(real)[uri]()).text


# Each page's links are relative to where MkDocs serves it (use_directory_urls): the home page at the root,
# a record's page two folders deep. Worked out here, not with the renderer's own helpers.
PAGE_HREFS = [
    ("index.md", "claims/ford-xiaomi-us-ev-joint-venture-talks/"),
    ("index.md", "sources/article-ford-xiaomi-deny-jv-report/"),
    ("companies/ford.md", "../xiaomi/"),
    ("companies/ford.md", "../../people/jim-farley/"),
    ("companies/xiaomi.md", "../ford/"),
]


@pytest.mark.parametrize(("uri", "href"), PAGE_HREFS, ids=[safe_id(f"{u}_{h}") for u, h in PAGE_HREFS])
def test_a_link_is_the_shortest_relative_address_from_where_the_page_is_served(plain: Renderer, uri: str, href: str) -> None:
    html = every_page(plain)[uri]().html
    assert f'href="{href}"' in html
    depth = uri.count("/") + (0 if uri.endswith("index.md") else 1)
    assert all(h.count("../") <= depth for h in re.findall(r'href="([^"#][^"]*)"', html)), "no link climbs above the site root"


def test_a_citation_names_its_source_on_hover_and_citations_are_numbered_from_one(plain: Renderer) -> None:
    html = plain.record_page(plain.site.entries["ford"]).html
    cites = re.findall(r'<a href="([^"]+)" title="([^"]*)">(\d+)</a>', "".join(NB_CITE.findall(html)))
    titles = {href: html_lib.unescape(title) for href, title, _ in cites}
    assert titles["../../sources/ford-statement-2026-02-01/"] == "Ford statement denying the Financial Times report — Ford Motor Company, 1 February 2026"
    assert (
        titles["../../sources/ft-report-ford-xiaomi-jv-talks/"]
        == "Financial Times report on Ford and Xiaomi joint venture talks — Financial Times, 31 January 2026"
    )
    numbers = {int(n) for *_, n in cites}
    assert numbers == set(range(1, len(numbers) + 1))


FIGURE_NOTES = {
    # Implied, so its sources are those of the figure that implies it.
    "xiaomi-deliveries-2025-01": (
        {"value": "22800", "data-figure": "xiaomi-deliveries-2025-01", "data-implied": "true"},
        "Xiaomi deliveries, January 2025. A lower bound: the true value is this or higher. Implied, not stated: over 39,000 / (1 + 70%)"
        " = 22,874 or more, taking 70% as 69.5% to 70.5%: at least 22,800 (implied). Source: Ford and Xiaomi deny Financial Times"
        " report of US electric-vehicle joint venture talks (Unattributed outlet, 1 February 2026).",
    ),
    # Two sources.
    "xiaomi-deliveries-2026-01": (
        {"value": "39000", "data-figure": "xiaomi-deliveries-2026-01"},
        "Xiaomi deliveries, January 2026. A lower bound: the true value is higher. Source: Ford and Xiaomi deny Financial Times report"
        " of US electric-vehicle joint venture talks (Unattributed outlet, 1 February 2026); Xiaomi's January 2026 vehicle deliveries"
        " (Xiaomi, 1 February 2026).",
    ),
}


@pytest.mark.parametrize("figure_id", sorted(FIGURE_NOTES))
def test_a_figure_is_marked_implied_or_not_and_its_hover_note_names_its_sources(plain: Renderer, figure_id: str) -> None:
    attributes, note = FIGURE_NOTES[figure_id]
    html = plain.record_page(plain.site.entries[figure_id]).html
    facts = re.findall(r'<span class="nb-fact" tabindex="0" aria-describedby="[^"]+">[^<]*(<data [^>]*>).*?<span class="nb-pop"[^>]*>(.*?)</span>', html)
    data_tag, shown_note = next((tag, n) for tag, n in facts if f'data-figure="{figure_id}"' in tag)
    parser = _Attributes()
    parser.feed(data_tag)
    assert parser.attributes == attributes
    assert html_lib.unescape(shown_note) == note


class _Attributes(HTMLParser):
    def handle_starttag(self, tag, attrs):
        self.attributes = dict(attrs)


def test_search_reads_a_tables_cells_as_words(plain: Renderer) -> None:
    search = " ".join(re.sub(r"<[^>]+>", "", plain.record_page(plain.site.entries["xiaomi"]).search_html).split())
    assert "implied by a derived figure Xiaomi registrations (China) 2025 411,837 vehicles reported Xiaomi vehicle target (final)" in search


def test_a_relationship_drawing_fits_each_label_in_its_box_and_charts_follow_one_another(plain: Renderer) -> None:
    html = plain.record_page(plain.site.entries["xiaomi"]).html
    boxes = re.findall(r'<rect x="[^"]+" y="[^"]+" width="([^"]+)" height="26" rx="13"/>\n<text [^>]*>([^<]*)</text>', html)
    assert len(boxes) == 13
    for width, label in boxes:
        # A label is drawn at about 7.6 px a character: its box holds it, with a little room and no more.
        assert 7 * len(html_lib.unescape(label)) + 8 <= float(width) <= 16 + 8 * len(html_lib.unescape(label)), label
    # Two charts, one after the other, nothing between them.
    assert re.findall(r"</table>(.*?)<figure", section_html(html, "charts"), re.S) == ["\n"]


def test_a_page_notes_every_record_it_shows_for_serve_dirty_and_nothing_between_pages(published: Site) -> None:
    """Under `mkdocs serve --dirty` a page is built again when a record it read changes (incremental.py)."""
    renderer = Renderer(copy.copy(published))
    tracker = track(renderer)
    entry = renderer.site.entries["ford-denies-jv-report"]
    page = renderer.record_page(entry)
    shown = {href.rstrip("/").rsplit("/", 1)[-1] for href, _ in read_page(page_uri(entry.kind, entry.id), page).links if href.endswith("/")}
    assert page.reads is not None
    assert {"ford", "ford-xiaomi-us-ev-joint-venture-talks", "ford-statement-2026-02-01"} <= shown
    assert {entry.id} | (shown & set(published.entries)) <= page.reads
    assert tracker.reads is None
    # What MkDocs reads of the page afterwards (its title, its description) is read between pages: not noted, and no error.
    assert front_matter(renderer.record_stub(entry))["title"] == renderer.page_title(entry.id)


def test_a_figure_not_worked_out_a_claim_with_no_source_left_and_a_missing_source_say_so(broken: Renderer) -> None:
    """While references are broken (`mkdocs serve`): an implied figure whose implier is deleted, a claim whose only
    source is missing, an event whose first source is missing."""
    site = broken.site
    figure = site.entries["xiaomi-deliveries-2025-01"]
    page = read_page(page_uri("figure", figure.id), broken.record_page(figure))
    assert "Xiaomi deliveries, January 2025¶ (not worked out: see the problem above)" in page.text
    assert front_matter(broken.record_stub(figure))["description"] == "Xiaomi deliveries, January 2025"
    claim = site.entries["xiaomi-january-2026-five-month-low"]
    assert "Sourcing: no source About: Xiaomi" in read_page(page_uri("claim", claim.id), broken.record_page(claim)).text
    event = site.entries["xiaomi-europe-deliveries-begin"]
    page = read_page(page_uri("event", event.id), broken.record_page(event))
    assert "Date: 2027 (“next year”) (planned)1 Who: Xiaomi" in page.text
    assert cited_on(page_uri("event", event.id), broken.record_page(event).html) == {"sources/article-ford-xiaomi-deny-jv-report/"}


MORE = {
    "figures/test-a-million.yaml": "subject: china-passenger-car-association\nmetric: cars counted\nunit: vehicles\nvalue: 1234567\nperiod: 2025\n"
    "sources: [article-ford-xiaomi-deny-jv-report]\n",
    "figures/test-target-below.yaml": "subject: xiaomi\nmetric: vehicle target, for the tests\nunit: vehicles\nvalue: 300000\nbasis: target\nperiod: 2025\n"
    "compared_to:\n  - than: xiaomi-target-2025\n    relation: below\nsources: [article-ford-xiaomi-deny-jv-report]\n",
    **{
        f"figures/test-points-{year}.yaml": f"subject: china-passenger-car-association\nmetric: test share\nunit: percentage-points\nvalue: {value}\n"
        f"period: {year}\nsources: [article-ford-xiaomi-deny-jv-report]\n"
        for year, value in ((2024, 1.5), (2025, 2.5))
    },
    "claims/test-best-cars.yaml": "text: The show named its best electric cars.\nheadline: The show named its best electric cars\n"
    "subjects: [everything-electric-show]\nsources: [ft-report-ford-xiaomi-jv-talks, article-ford-xiaomi-deny-jv-report]\n",
    "claims/test-car-of-its-era.yaml": "text: The show named the car of its era.\nheadline: The show named the car of its era in 2024\n"
    "subjects: [everything-electric-show]\nsources: [article-ford-xiaomi-deny-jv-report]\n",
    "claims/test-car-of-its-year.yaml": "text: The show named the car of its year.\nheadline: The show named the car of its year in 2024\n"
    "subjects: [everything-electric-show]\nsources: [article-ford-xiaomi-deny-jv-report]\n",
    "claims/test-denied.yaml": "text: The association counted a million cars.\nsubjects: [china-passenger-car-association]\n"
    "sources: [article-ford-xiaomi-deny-jv-report]\n",
    "statements/test-ford-denies-count.yaml": "speaker: ford\ndate: 2026-02-01\nchannel: not-stated\nparaphrase: The count is wrong.\n"
    "stances:\n  - claim: test-denied\n    stance: denies\nsources: [ford-statement-2026-02-01]\n",
    # The same title at two organizations, each role with its own dates and sources.
    "people/test-adviser.yaml": "name: Test Adviser\ncountry: US\ndescription: An adviser, for the tests.\nroles:\n"
    "  - title: Adviser\n    organization: ford\n    as_of: 2026-02-01\n    sources: [ford-statement-2026-02-01]\n"
    "  - title: Adviser\n    organization: xiaomi\n    since: 2020-03\n    until: 2024-06\n    sources: [article-ford-xiaomi-deny-jv-report]\n",
    # A policy of one step: its relationship rows give one date, not a range.
    "policies/test-one-step.yaml": "title: A one-step rule, for the tests\nissuer: biden-administration\nsummary: A rule.\nstatus: in-force\n"
    "affects: [byd]\nhistory:\n  - action: in-force\n    date: 2025-01-16\n    sources: [federal-register-connected-vehicles-final-rule]\n"
    "sources: [federal-register-connected-vehicles-final-rule]\n",
}
"""A figure of seven digits; three headlines cut at their 34th, 35th and 36th character; a claim resting on an
anonymous source, and three claims about an organization nobody spoke to; a claim only denied; a target another
target is compared to (only an actual figure says what became of a target)."""


def more_site(content: Path) -> Site:
    shutil.copytree(ROOT / "content", content)
    for path, text in MORE.items():
        (content / path).write_text(text, encoding="utf-8")
    site = load_site(content, content.parent)
    assert [str(p) for p in site.problems] == []
    return site


MORE_TEXTS = [
    # Cut short at a word, within 36 characters: a title of 37 characters, one with a space at the 34th, at the 35th.
    # Claims nobody spoke to: a relationship table, and no drawing.
    (
        "organizations/everything-electric-show.md",
        "Relationships¶ Relation With When Sources claim about it The show named its best electric… 1, 2"
        " claim about it The show named the car of its era… 2 claim about it The show named the car of its… 2 Briefs¶",
    ),
    # Sourced only to an anonymous report: who it rests on.
    ("claims/test-best-cars.md", "Sourcing: reported by Financial Times, citing four people familiar with the matter (anonymous) About:"),
    # Only denied: the badge says by whom.
    ("organizations/china-passenger-car-association.md", "Claims¶ The association counted a million cars. Denied denied by Ford Motor Company2 Figures¶"),
    # A chart in a unit of two words: its title and its axis say them as words.
    ("organizations/china-passenger-car-association.md", "Charts¶ China Passenger Car Association: percentage points by year "),
    ("organizations/china-passenger-car-association.md", " 2024 2025 percentage points China Passenger Car Association test share, 2024: 1.5 "),
    # A target compared to by another target: what became of it is still the actual figure's word.
    ("figures/xiaomi-target-2025.md", "· 2025 target, beaten"),
    # A role's row: its own dates ('since', 'until', 'as of') and sources, from the role at that organization.
    (
        "people/test-adviser.md",
        "Relationships¶ Relation With When Sources adviser of Ford Motor Company as of 1 February 2026 1"
        " adviser of Xiaomi since March 2020, until June 2024 2 ",
    ),
    # A policy of one step: one date, not a range of one.
    ("policies/test-one-step.md", "Relationships¶ Relation With When Sources affects BYD 16 January 2025 1 issued by Biden administration 16 January 2025 1 "),
]


@pytest.fixture(scope="module")
def more() -> Renderer:
    return Renderer(built_site(more_site))


@pytest.mark.parametrize(("uri", "text"), MORE_TEXTS, ids=[safe_id(f"{u}:{t[:30]}") for u, t in MORE_TEXTS])
def test_a_page_of_more_test_content_says_what_its_records_say(more: Renderer, uri: str, text: str) -> None:
    assert text in read_page(uri, every_page(more)[uri]()).text


def test_a_figure_of_seven_digits_is_written_whole_for_machines(more: Renderer) -> None:
    uri = page_uri("figure", "test-a-million")
    page = read_page(uri, every_page(more)[uri]())
    assert ("test-a-million", "1234567", "1,234,567") in page.figures


# A hand-written page (docs/) may sit anywhere, even inside a record's folder: its links are relative to it too.
HAND_WRITTEN_HREFS = [
    ("companies/ford/history.md", "ford", "../"),
    ("companies/ford/history.md", "xiaomi", "../../xiaomi/"),
    ("guides/ford.md", "ford", "../../companies/ford/"),
    ("about.md", "ford", "../companies/ford/"),
]


@pytest.mark.parametrize(("uri", "record_id", "href"), HAND_WRITTEN_HREFS, ids=[safe_id(f"{u}_{r}") for u, r, _ in HAND_WRITTEN_HREFS])
def test_a_record_named_in_a_hand_written_page_is_linked_relative_to_that_page(plain: Renderer, uri: str, record_id: str, href: str) -> None:
    plain.start_page(uri)
    assert str(plain.link(record_id)) == f'<a href="{href}">{plain.title(record_id)}</a>'


if "mutmut" in sys.modules:  # imported by mutmut's fork server (see built_site)
    for make in (planted_site, real_site, published_site, revised_site, broken_site, every_stance_site, more_site):
        built_site(make)
