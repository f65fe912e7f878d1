"""The brief as a reader reads it: the editor's sections in order, who says what, no noise.

Read from the real strict build (``built_site``): every expectation is worked out from
the brief's YAML and the model, so a new section kind or claim is covered as it comes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES
from newsbrief.checks import Site
from newsbrief.editorial import short_name
from newsbrief.render import Renderer
from newsbrief.vocabulary import SECTION_TITLES

BRIEF = "ford-xiaomi-deny-jv-report"
ARTICLE = FIXTURES / "article" / "ford-xiaomi-article.txt"


class _Blocks(HTMLParser):
    """The article of a page as (tag, class, text) of its headings and list items, and its visible words
    above the first fold-away (<details>): popovers, permalinks and citation numbers are not words."""

    SKIP = ("nb-pop", "headerlink", "nb-cite")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.in_article = False
        self.folded = False
        self.words_above_fold: list[str] = []
        self.blocks: list[list] = []  # [tag, class, text, links]

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "article":
            self.in_article = True
        if tag == "details":
            self.folded = True
        if tag in ("br", "img", "meta", "link", "input", "hr", "path", "line", "circle", "rect"):
            return
        self.stack.append((tag, any(c in self.SKIP for c in classes)))
        if self.in_article and tag in ("h1", "h2", "li", "p") and not self._skipping():
            self.blocks.append([tag, a.get("class") or "", "", []])
        if self.in_article and tag == "a" and self.blocks and not self._skipping():
            self.blocks[-1][3].append(classes)

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag == "article":
            self.in_article = False

    def handle_data(self, data):
        if not self.in_article or self._skipping():
            return
        if self.blocks:
            self.blocks[-1][2] += data
        if not self.folded:
            self.words_above_fold += data.replace("¶", " ").split()


@pytest.fixture(scope="module")
def brief_page(built_site: Path) -> _Blocks:
    parser = _Blocks()
    parser.feed((built_site / "briefs" / BRIEF / "index.html").read_text(encoding="utf-8"))
    return parser


def _text(value: str) -> str:
    return " ".join(value.split())


def _points(page: _Blocks) -> list[list]:
    return [b for b in page.blocks if b[0] == "li" and _text(b[2])]


def test_the_sections_come_in_the_editors_order(brief_page: _Blocks, real_site: Site) -> None:
    brief = real_site.record(BRIEF)
    expected = [
        SECTION_TITLES[s.kind].format(name=short_name(real_site, s.view_from, Renderer(real_site).title) if s.view_from else "") for s in brief.sections
    ]
    shown = [_text(b[2]) for b in brief_page.blocks if b[0] == "h2"]
    assert shown[: len(expected)] == expected
    assert expected[0] == "The news"


def test_the_brief_leads_with_the_report_and_both_denials(brief_page: _Blocks, real_site: Site) -> None:
    first_points = [_text(b[2]) for b in _points(brief_page)][:3]
    assert first_points[0].startswith("Ford explored forming a joint venture with Xiaomi")
    assert "according to a Financial Times report, citing four people familiar with the matter" in first_points[0]
    assert "Ford and Xiaomi deny it." in first_points[0]
    for point, statement in zip(first_points[1:], ("ford-denies-jv-report", "xiaomi-denies-jv-report")):
        assert real_site.record(statement).quote.split(".")[0] in point


def _brief_claims(site: Site) -> list[str]:
    return [item.claim for section in site.record(BRIEF).sections for item in section.items if item.claim]


def test_every_point_resting_on_one_party_says_who(brief_page: _Blocks, real_site: Site) -> None:
    title = Renderer(real_site).title
    points = {_text(b[2]) for b in _points(brief_page)}
    checked = 0
    for claim_id in _brief_claims(real_site):
        claim = real_site.record(claim_id)
        point = next(p for p in points if p.startswith(claim.text.rstrip(".")))
        for statement_id, stance in real_site.stances.get(claim_id, []):
            speaker = real_site.record(statement_id).speaker
            # A person the sentence names as its subject says it already ("Jim Farley had…");
            # anyone else who asserts or denies it is named after the sentence.
            if real_site.entries[speaker].kind == "person" and title(speaker) in claim.text:
                continue
            assert short_name(real_site, speaker, title) in point[len(claim.text) - 1 :], (claim_id, stance, point)
            checked += 1
    assert checked >= 5  # the FT report, both denials, Farley's remark, Xiaomi's own claims
    assert any(p.endswith("Jim Farley said in October 2024. › [1, 5]") or "Jim Farley said in October 2024." in p for p in points)


def test_only_claims_that_are_not_merely_reported_carry_a_badge(built_site: Path, real_site: Site) -> None:
    html = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    assert "nb-status--reported" not in html
    for status in sorted({real_site.status(c.id) for c in real_site.of_kind("claim")} - {"reported"}):
        assert f"nb-status--{status}" in html


def test_a_point_is_text_with_a_small_marker_not_a_link(brief_page: _Blocks) -> None:
    for tag, _, text, links in _points(brief_page)[:5]:
        running = [c for c in links if "nb-marker" not in c]
        assert running == [], (text, links)
        assert ["nb-marker"] in links, text


def test_each_point_cites_each_source_once_numbered_in_reading_order(built_site: Path) -> None:
    html = (built_site / "briefs" / BRIEF / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    numbers_seen: list[int] = []
    for sup in re.findall(r'<sup class="nb-cite">(.*?)</sup>', article):
        numbers = [int(n) for n in re.findall(r">(\d+)</a>", sup)]
        assert len(numbers) == len(set(numbers)), sup
        numbers_seen += numbers
    first_seen = list(dict.fromkeys(numbers_seen))
    assert first_seen == sorted(first_seen)


def test_the_brief_above_its_first_fold_is_about_as_long_as_the_article(brief_page: _Blocks) -> None:
    article_words = len(ARTICLE.read_text(encoding="utf-8").split())
    brief_words = len(brief_page.words_above_fold)
    assert brief_page.folded, "the timeline, figures and people are folded away"
    assert brief_words <= 1.5 * article_words, (brief_words, article_words)


def test_the_timeline_figures_and_people_are_one_click_away(brief_page: _Blocks, built_site: Path) -> None:
    html = (built_site / "briefs" / BRIEF / "index.html").read_text(encoding="utf-8")
    summaries = re.findall(r"<details[^>]*>\s*<summary>([^<]*)</summary>", html)
    assert [s.split(":")[0] for s in summaries] == ["Timeline", "Everything that was said", "All figures", "Policies", "Who is in this story"]


def test_the_sources_list_gives_publisher_date_and_link_or_why_not(built_site: Path, real_site: Site) -> None:
    html = (built_site / "briefs" / BRIEF / "index.html").read_text(encoding="utf-8")
    sources = html[html.index('id="sources"') :]
    for source in real_site.of_kind("source"):
        if f"sources/{source.id}/" not in sources:
            continue
        r = source.record
        shown = r.url if r.url else r.no_public_link
        assert (shown.replace("'", "&#39;").replace("&", "&amp;") if not r.url else shown) in sources or shown in sources, source.id


# ---------------------------------------------------------------- the editor's mistakes


BRIEF_FILE = Path("briefs") / f"{BRIEF}.yaml"


def _edit_brief(content: Path, old: str, new: str) -> None:
    path = content / BRIEF_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "kind: why-it-matters",
            "kind: why-it-matter",
            "sections[1].kind: 'why-it-matter' is not one of: " + ", ".join(SECTION_TITLES) + " — did you mean 'why-it-matters'?",
        ),
        ("    view_from: ford\n", "", "sections[2]: a `the-view-from` section names whose view in `view_from`"),
        (
            "      - event: cpca-january-2026-data-release",
            "      - event: cpca-january-2026-data-release\n        text: and more",
            "sections[4].items[0]: each item names one `claim`, `statement`, `figure` or `event`, or gives one `text`",
        ),
        ("      - claim: xiaomi-2026-target", "      - claim: xiaomi-2026-targt", "no record 'xiaomi-2026-targt' — did you mean 'xiaomi-2026-target'?"),
        ("A US venture would run", "A 12,345 US venture would run", "text: '12,345' matches no figure in this text's scope"),
    ],
)
def test_a_mistake_in_the_sections_names_file_line_and_field(real_content: Path, old: str, new: str, expected: str) -> None:
    from conftest import problems

    _edit_brief(real_content, old, new)
    found = [p for p in problems(real_content) if expected in p]
    assert found and all(p.startswith(f"content/{BRIEF_FILE.as_posix()}:") for p in found), problems(real_content)


def test_a_claims_explanation_has_its_numbers_checked(real_content: Path) -> None:
    from conftest import problems

    path = real_content / "claims" / "xiaomi-2026-target.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Lei Jun announced the target", "Lei Jun announced the 560,000 target"), encoding="utf-8")
    found = problems(real_content)
    assert any(p.startswith("content/claims/xiaomi-2026-target.yaml:4: explanation: '560,000' matches no figure in this text's scope (") for p in found), found
