"""Pages from records: Jinja templates render HTML, with one formatter for every figure.

Generated pages skip Python-Markdown: their body is rendered straight to HTML (the
same HTML Markdown would have made, headings with anchors and permalinks
included), which is what makes a site of thousands of records build faster than
the same pages written by hand in Markdown. MkDocs still gets a Markdown stub per
page (front matter with its title, for the nav, search and ``<title>``); the
adapter puts the HTML and the table of contents in place in ``on_page_context``.

Every text from content/ is HTML-escaped on its way into a page (Jinja's
autoescape); helpers that build markup return :class:`Markup`, which is trusted.
Links are relative to the page's final URL (``../../sources/x/``); they only ever
name records that exist, and the tests check every link of a built site.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path

import jinja2
from markdown.extensions.toc import slugify, unique
from markupsafe import Markup, escape

from . import derive, editorial
from .backlinks import Backlinks
from .charts import BOTTOM, LEFT, RIGHT, ROW_HEIGHT, chartable_figures, charts_for
from .checks import QUALIFIER_WORDS, Site
from .graph import LEGEND, NODE_HEIGHT, Relations, lay_out, line_kind, relation_words
from .indexes import COLUMNS as INDEX_COLUMNS
from .loader import Entry
from .model import FOLDER_OF
from .timeline import entities_of
from .timeline import items as timeline_items
from .timeline import shown_status as timeline_status
from .types import PartialDate
from .valueviews import Values
from .vocabulary import BASIS_WORDS, CHANNELS, POLICY_STEPS, QUALIFIER_MEANING, SAID_HOW, TARGET_OUTCOME, UNIT_SPECS, country_name, unit_words

TEMPLATES = Path(__file__).parent / "templates"
ENTITY_SEARCH_BOOST = 10
"""How much more a company's, person's or organization's page weighs in search: searching a name finds its page
first, ahead of the many statements and figures whose titles name it too (tests/test_reading.py)."""

UNIT_SYMBOLS = {"percent": "%", "times": "×"}
"""Units written as a symbol right after the number; every other unit is a word from the vocabulary."""


def unit_suffix(unit: str, value: float) -> str:
    """'%', '×', ' vehicles', ' member state': what follows a number on the page."""
    return UNIT_SYMBOLS.get(unit) or f" {unit_words(unit, value)}"


KIND_TITLES = {
    "brief": "Briefs",
    "claim": "Claims",
    "company": "Companies",
    "event": "Events",
    "figure": "Figures",
    "organization": "Organizations",
    "person": "People",
    "policy": "Policies",
    "source": "Sources",
    "statement": "Statements",
    "vote": "Votes",
}

# Markdown's own special characters, as entities: an HTML fragment put into a
# hand-written Markdown page must not be read as Markdown (a title with *stars*).
# Entities already in the fragment (&#39;) are left whole.
_MARKDOWN_SPECIAL = re.compile(r"(&#?\w+;)|([\\`*_{}\[\]()#+!|])")


def markdown_safe(fragment: str) -> str:
    """An HTML fragment that Python-Markdown passes through as it is, into any Markdown line."""
    return _MARKDOWN_SPECIAL.sub(lambda m: m.group(1) or f"&#{ord(m.group(2))};", str(fragment))


def page_uri(kind: str, record_id: str) -> str:
    """The source path of a record's page: ``companies/ford.md`` → served at /companies/ford/."""
    return f"{FOLDER_OF[kind]}/{record_id}.md"


def index_uri(kind: str) -> str:
    return f"{FOLDER_OF[kind]}/index.md"


@functools.lru_cache(maxsize=1 << 16)
def _record_dir(kind: str, record_id: str) -> str:
    """'company', 'ford' → 'companies/ford': worked out once while serving, not for every link on every page."""
    return _dir_url(page_uri(kind, record_id))


def _dir_url(uri: str) -> str:
    """'companies/ford.md' → 'companies/ford'; 'timeline/index.md' → 'timeline'; 'index.md' → ''."""
    path = uri[: -len(".md")]
    if path == "index":
        return ""
    return path[: -len("/index")] if path.endswith("/index") else path


def relative_url(target: str, here: str) -> str:
    """The URL of directory ``target`` seen from directory ``here`` (both from the site root, '' for the root).

    ``relative_url("sources/ft", "companies/ford")`` → ``"../../sources/ft/"``. Called for
    every link of every page: plain string work, not ``posixpath.relpath``.
    """
    if target == here:
        return "./"
    to = target.split("/") if target else []
    at = here.split("/") if here else []
    common = 0
    while common < len(to) and common < len(at) and to[common] == at[common]:
        common += 1
    return "../" * (len(at) - common) + "".join(part + "/" for part in to[common:])


# What the search index is built from: a page's HTML without what search skips anyway
# or should not show (drawings, hover notes, permalinks, citation numbers), and without inline tags whose
# text it keeps. Parsing less markup is most of what makes search indexing fast.
_NOT_SEARCHED = re.compile(
    r'<figure class="nb-(?:graph|chart)".*?</figure>\n?'
    r'|<span class="nb-pop"[^>]*>[^<]*</span>'
    r'|<a class="headerlink"[^>]*>[^<]*</a>'
    r'|<sup class="nb-cite">.*?</sup>'
    r"|</?(?:a|span|data|time|em|strong)\b[^>]*>",
    re.DOTALL,
)
# Block tags whose text search keeps but whose markup it drops: a space keeps words apart.
_BLOCK_TAGS = re.compile(r"</?(?:table|thead|tbody|tr|th|td|div|blockquote|br)\b[^>]*>")


def search_view(html: str) -> str:
    """The page as Material's search should index it: the same sections and text, less markup."""
    return _BLOCK_TAGS.sub(" ", _NOT_SEARCHED.sub("", html))


def number_attr(value: float) -> str:
    """The machine-readable value of a figure: 411837, 33.55, -20."""
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


@dataclass
class RenderedPage:
    """A generated page's body as HTML, its headings (for MkDocs's table of contents), and what search indexes."""

    html: str
    toc: list[dict]
    search_html: str
    reads: frozenset[str] | None = None
    """The record ids the page read while it rendered, when they were tracked (``incremental.py``)."""

    @classmethod
    def of(cls, html: str, toc: list[dict] | None = None, reads: frozenset[str] | None = None) -> RenderedPage:
        return cls(html, toc or [], search_view(html), reads)


@functools.lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    """A heading's anchor as Markdown's toc makes it ("Statements by Ford" → "statements-by-ford"); headings repeat a lot."""
    return slugify(text, "-")


@dataclass
class Headings:
    """The headings of one page: unique anchors as Markdown's ``toc`` makes them, and the nested tokens MkDocs reads."""

    ids: set[str] = field(default_factory=set)
    tokens: list[dict] = field(default_factory=list)

    def add(self, level: int, text: str, name_html: str) -> str:
        anchor = unique(_slug(text), self.ids)
        token = {"level": level, "id": anchor, "name": name_html, "children": []}
        siblings = self.tokens
        while siblings and siblings[-1]["level"] < level:
            siblings = siblings[-1]["children"]
        siblings.append(token)
        return anchor


@dataclass
class Citations:
    """The sources cited on one page, numbered in order of first citation."""

    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, source_id: str) -> int:
        return self.numbers.setdefault(source_id, len(self.numbers) + 1)


def _templates_version() -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.iterdir()))


@functools.lru_cache(maxsize=1)
def _environment(version: tuple) -> jinja2.Environment:
    """The templates, compiled once while they stay unchanged (`mkdocs serve` rebuilds often; compiling is slow)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the version above notices edited templates, once a build rather than on every use
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


FIGURE_FIELDS = ("subject", "dimensions.for", "dimensions.under")
"""A figure belongs on the page of its subject and of every record its dimensions name."""

_TITLE_FIELD = {"brief": "headline", "claim": "text", "source": "title", "policy": "title", "event": "title"}


class Renderer:
    """Renders every page of a site; one per build, pages rendered one at a time."""

    def __init__(self, site: Site, edit_base: str | None = None, backlinks: Backlinks | None = None):
        self.site = site
        self.backlinks = backlinks if backlinks is not None else Backlinks(site)  # given: the preview's, updated after a save
        self.relations = Relations(site, self.backlinks)  # worked out from the references, as a page asks
        self.chartable = chartable_figures(site)  # once a build, not once a page
        self.values = Values(self)  # competing values, revisions, pending releases, series (valueviews.py)
        self.tracker = None  # set by incremental.track under `mkdocs serve --dirty`
        self.edit_base = edit_base
        self.templates_version = _templates_version()
        self.env = _environment(self.templates_version)
        # The environment outlives this Renderer (one per build, one at a time): its filters are this build's.
        self.env.filters.update(date=self.date, sort_by_date=self.sort_by_date)
        self.env.globals["FIGURE_FIELDS"] = FIGURE_FIELDS
        self._page_uri = ""
        self._here = ""
        self._citations = Citations()
        self._popovers = 0
        self._headings = Headings()

    # --- pages ---------------------------------------------------------------

    # Each page's context is worked out inside _render, so that what it reads is tracked too.

    def record_page(self, entry: Entry) -> RenderedPage:
        template = {"company": "entity", "organization": "entity"}.get(entry.kind, entry.kind)
        return self._render(
            f"{template}.html.j2", page_uri(entry.kind, entry.id), lambda: dict(entry=entry, r=entry.record, title=self.page_title(entry.id)), reads={entry.id}
        )

    def index_page(self, kind: str) -> RenderedPage:
        return self._render("index.html.j2", index_uri(kind), lambda: dict(kind=kind, title=KIND_TITLES[kind], entries=self.site.of_kind(kind)))

    def latest_briefs(self) -> list[Entry]:
        return sorted(self.site.of_kind("brief"), key=lambda e: (e.record.published, e.id), reverse=True)

    def home_page(self) -> RenderedPage:
        return self._render("home.html.j2", "index.md", lambda: dict(briefs=self.latest_briefs(), kinds=KIND_TITLES))

    def timeline_page(self) -> RenderedPage:
        def context():
            timeline = timeline_items(self.site)
            return dict(timeline=timeline, entities=entities_of(timeline))

        return self._render("timeline.html.j2", "timeline/index.md", context)

    # --- what MkDocs reads: a page's title, in a one-line Markdown page -------------

    def page_title(self, record_id: str) -> str:
        """The title of a record's page: its <h1>, its <title>, its search entry."""
        entry = self.site.entries[record_id]
        r = entry.record
        if entry.kind in ("company", "organization", "person") and r.native_name:
            return f"{r.name} {r.native_name}"
        if entry.kind == "claim":
            return f"Claim: {r.headline or r.text}"  # the whole sentence leads the verdict beneath
        return self.title(record_id)

    @staticmethod
    def markdown_stub(title: str, boost: float | None = None, names: Iterable[str] = (), description: str | None = None) -> str:
        """What MkDocs reads of a generated page: front matter with its title (and search boost), no body.

        MkDocs never converts it: the adapter renders the body straight to HTML instead.
        The theme writes a page's title into the page as HTML, unescaped: the title is
        escaped here ('</title><script>' stays text), then written as a JSON string,
        which YAML reads as the same string.
        """
        boost_line = f"search:\n  boost: {boost}\n" if boost else ""
        # Search weighs `tags` most (Material's search plugin; no tags plugin, so none is shown):
        # a record's names and aliases, so that searching one finds the record's page first.
        names_line = f"tags: {json.dumps(list(names), ensure_ascii=False)}\n" if names else ""
        # The theme writes the description into <meta name="description" content="…"> as it is: escaped here.
        description_line = f"description: {json.dumps(html_escape(' '.join(description.split())), ensure_ascii=False)}\n" if description else ""
        return f"---\ntitle: {json.dumps(html_escape(title, quote=False))}\n{boost_line}{names_line}{description_line}---\n"

    def record_stub(self, entry: Entry) -> str:
        # People and organisations are what readers search for by name: rank them first.
        description = self.description(entry)
        if entry.kind not in ("company", "organization", "person"):
            return self.markdown_stub(self.page_title(entry.id), description=description)
        r = entry.record
        names = dict.fromkeys([r.name, *([r.native_name] if r.native_name else []), *r.aliases])
        return self.markdown_stub(self.page_title(entry.id), ENTITY_SEARCH_BOOST, names, description)

    def description(self, entry: Entry) -> str:
        """The page's meta description (search engines, link previews): what the record says, in one line."""
        r = entry.record
        if entry.kind == "figure":
            value, qualifier = self.site.figure_value(entry.id)
            if value is None:  # an implied figure that cannot be worked out (its problem is on the page)
                return self.figure_label(entry.id)
            decimals = 0 if derive.UNITS[r.unit] == "count" else 2
            return f"{self.figure_label(entry.id)}: {QUALIFIER_WORDS[qualifier]}{derive.format_number(value, decimals)}{unit_suffix(r.unit, value)}"
        if entry.kind == "statement":
            said = f"“{r.quote.strip()}”" if r.quote else r.paraphrase
            return f"{self.title(r.speaker)}, {r.date.human()}: {said}"
        if entry.kind == "claim":
            return f"{derive.STATUS_LABELS[self.site.status(entry.id)]}: {r.text}"
        if entry.kind == "source":
            return f"{r.title}: {self.words(r.kind)}, {self.title(r.publisher)}, {r.published.human()}"
        if entry.kind == "event":
            return r.summary or f"{r.title}, {r.date.human()}"
        return getattr(r, "summary", None) or getattr(r, "description", None) or self.title(entry.id)

    def brief_timeline(self, brief_id: str) -> list:
        brief = self.site.record(brief_id)
        return timeline_items(self.site, [*brief.events, *brief.statements, *brief.policies, *brief.figures])

    def timeline_kind(self, item) -> str:
        if item.kind == "event" and item.action:  # an expected release: its announcement, then the release
            return {"announced": "Release announced", "released": "Released"}[item.action]
        if item.kind == "policy":
            return f"Policy {item.action}"
        if item.kind == "figure" and self.site.record(item.record_id).basis != "actual":
            words = self.basis_words(item.record_id)
            return words[0].upper() + words[1:]
        return {"event": "Event", "statement": "Statement", "figure": "Figure", "vote": "Vote"}[item.kind]

    def timeline_text(self, item) -> Markup:
        r = self.site.record(item.record_id)
        if item.kind == "statement":
            said = self.quote(r.quote) if r.quote else escape(r.paraphrase)
            return Markup(f"{self.link(r.speaker)}: {self.link(item.record_id, 'said')} {said}")
        if item.kind == "figure":
            return Markup(f"{self.link(item.record_id)}: {self.fig(item.record_id)}")
        if item.action == "released":
            return self.link(item.record_id) + Markup(": ") + self.values.fulfilled(item.record_id)
        return self.link(item.record_id)

    def problems_page(self, problems: list) -> RenderedPage:
        return self._render("problems.html.j2", "problems.md", lambda: dict(problems=problems))

    def editors_page(self) -> RenderedPage:
        """/editors/: the build's today, data still to come (overdue first) and measures with competing values."""
        return self._render("editors.html.j2", "editors/index.md", lambda: dict(title="Data status for editors"))

    def start_page(self, uri: str) -> None:
        """Render helpers from now on are for the page at ``uri`` (links are relative to it)."""
        self._page_uri = uri
        self._here = _dir_url(uri)
        self._citations = Citations()
        self._popovers = 0
        self._headings = Headings()

    def _render(self, template: str, uri: str, context: Callable[[], dict], reads: Iterable[str] = ()) -> RenderedPage:
        self.start_page(uri)
        tracker = self.tracker
        if tracker is not None:
            tracker.reads = set(reads)
        try:
            html = self.env.get_template(template).render(h=self, site=self.site, links=self.backlinks, **context())
            return RenderedPage.of(html, self._headings.tokens, frozenset(tracker.reads) if tracker else None)
        finally:
            if tracker is not None:
                tracker.reads = None

    def heading(self, level: int, text: str, extra: Markup | str = "") -> Markup:
        """``<h2 id="people">People<a class="headerlink" …>¶</a></h2>``: the anchor and permalink Markdown's toc would add."""
        plain = f"{text} {Markup(extra).striptags()}".strip() if extra else text
        anchor = self._headings.add(level, plain, str(escape(plain)))
        return Markup(
            f'<h{level} id="{anchor}">{escape(text)}{Markup(extra)}<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h{level}>'
        )

    # --- helpers the templates call ------------------------------------------

    def exists(self, record_id: str) -> bool:
        return record_id in self.site.entries

    def entry(self, record_id: str) -> Entry:
        return self.site.entries[record_id]

    def entries(self, ids: Iterable[str], kind: str | None = None) -> list[Entry]:
        """The records behind ``ids`` that exist (a broken file has no page), optionally of one kind."""
        found = [self.site.entries[i] for i in ids if i in self.site.entries]
        return [e for e in found if kind is None or e.kind == kind]

    def title(self, record_id: str) -> str:
        """What a record is called in a link or heading."""
        entry = self.site.entries.get(record_id)
        if entry is None:
            return record_id
        kind, r = entry.kind, entry.record
        if kind in _TITLE_FIELD:
            return getattr(r, _TITLE_FIELD[kind])
        if kind == "figure":
            return self.figure_label(record_id)
        if kind == "statement":
            return f"{editorial.short_name(self.site, r.speaker, self.title)}: {editorial.headline_of(r)}"
        if kind == "vote":
            return f"Vote of the {self.title(r.body)} on {self.title(r.voted_on)}, {r.date.human()}"
        return r.name

    def event_status(self, status: str, date: PartialDate) -> str:
        """'' for what happened; 'scheduled' until the day comes (then it happened); 'planned', 'expected'."""
        shown = timeline_status(self.site, status, date)
        return "" if shown == "happened" else shown

    def count(self, value: int, unit: str) -> Markup:
        """A vote's count as a figure: ``<data value="12">12</data> member states``."""
        return Markup('<data value="%s">%s</data> %s') % (value, f"{value:,}", unit_words(unit, value))

    def figure_name(self, figure_id: str) -> str:
        """A figure in a table with its own period column: 'Xiaomi deliveries' (whose, and what)."""
        figure = self.site.record(figure_id)
        return figure.label or f"{editorial.short_name(self.site, figure.subject, self.title)} {figure.metric}"

    def basis_words(self, figure_id: str) -> str:
        """What kind of number it is, for a reader: 'reported', 'target', '2025 target, beaten', 'implied'."""
        figure = self.site.record(figure_id)
        if figure_id in self.site.implied:
            return "implied"
        words = BASIS_WORDS[figure.basis]
        outcome = self.target_outcome(figure_id)
        return f"{figure.period.human()} {words}, {outcome}" if outcome else words

    def target_outcome(self, figure_id: str) -> str | None:
        """'beaten', 'met' or 'missed': what a stated comparison says became of a target; None when unknown."""
        if self.site.record(figure_id).basis != "target":
            return None
        for other_id in self.backlinks.to(figure_id, kind="figure", field="compared_to.than"):
            for comparison in self.site.record(other_id).compared_to:
                if comparison.than == figure_id and self.site.record(other_id).basis == "actual":
                    return TARGET_OUTCOME[comparison.relation]
        return None

    def figure_label(self, figure_id: str) -> str:
        figure = self.site.record(figure_id)
        if figure.label:
            return figure.label
        return f"{self.title(figure.subject)} {figure.metric}, {figure.period.human()}"

    def link(self, record_id: str, text: str | None = None) -> Markup:
        """A link to a record's page; plain text when the record has no page."""
        label = escape(text if text is not None else self.title(record_id))
        if record_id not in self.site.entries:
            return label
        return Markup(f'<a href="{self.url_href(record_id)}">{label}</a>')

    def href(self, target_uri: str) -> str:
        """The URL of the page built from ``target_uri``, relative to the page being rendered."""
        return relative_url(_dir_url(target_uri), self._here)

    def index_link(self, kind: str) -> Markup:
        return Markup(f'<a href="{self.href(index_uri(kind))}">{KIND_TITLES[kind]}</a>')

    def fig(self, figure_id: str, popover: bool = True) -> Markup:
        """Every figure on every page, written by this one formatter.

        ``over <data value="39000" data-figure="…">39,000</data> vehicles``: the qualifier
        and unit stand outside the element, the number inside, so a test can read
        every occurrence and compare it with the data. With ``popover``, hovering or
        focusing it shows the figure's period, qualifier and sources.
        """
        figure = self.site.record(figure_id)
        value, qualifier = self.site.figure_value(figure_id)
        if value is None:
            # An implied figure whose derivation is broken (reported as a problem): no number to show, and
            # `mkdocs serve` keeps rendering the rest of the site.
            return Markup(f'<span class="nb-fig-unknown" data-figure="{figure_id}">(not worked out: see the problem above)</span>')
        implied = figure_id in self.site.implied
        decimals = 0 if derive.UNITS[figure.unit] == "count" else 2
        shown = derive.format_number(value, decimals).replace("-", "−")
        attrs = f'value="{number_attr(round(value, 6))}" data-figure="{figure_id}"'
        if implied:
            attrs += ' data-implied="true"'
        words = QUALIFIER_WORDS[qualifier]
        suffix = " (implied)" if implied else ""
        text = f"{words}<data {attrs}>{shown}</data>{unit_suffix(figure.unit, value)}{suffix}"
        return self._popover(text, self._figure_note(figure_id)) if popover else Markup(text)

    def _figure_note(self, figure_id: str) -> str:
        figure = self.site.record(figure_id)
        value, qualifier = self.site.figure_value(figure_id)
        parts = [f"{self.figure_label(figure_id)}."]
        if qualifier != "exact":
            parts.append(QUALIFIER_MEANING[qualifier])
        if figure_id in self.site.implied:
            parts.append(f"Implied, not stated: {self.site.implied[figure_id].arithmetic}.")
        sources = figure.sources or (self.site.record(figure.implied_by).sources if figure.implied_by in self.site.entries else [])
        if sources:
            parts.append("Source: " + "; ".join(self._source_text(s) for s in sources if s in self.site.entries) + ".")
        return " ".join(parts)

    def _source_text(self, source_id: str) -> str:
        source = self.site.record(source_id)
        return f"{source.title} ({self.title(source.publisher)}, {source.published.human()})"

    def _popover(self, markup: str, note: str) -> Markup:
        """A fact that shows ``note`` on hover and on keyboard focus; the note is plain text."""
        self._popovers += 1
        pop_id = f"nb-pop-{self._popovers}"
        return Markup(
            f'<span class="nb-fact" tabindex="0" aria-describedby="{pop_id}">{markup}'
            f'<span class="nb-pop" role="tooltip" id="{pop_id}" data-search-exclude>{escape(note)}</span></span>'
        )

    def fig_link(self, figure_id: str) -> Markup:
        """A figure in prose: the number, linked to its page, with its sources."""
        figure = self.site.record(figure_id)
        return Markup(f'<a href="{self.url_href(figure_id)}">{self.fig(figure_id, popover=False)}</a>{self.cite(figure.sources)}')

    def cite(self, source_ids: Iterable[str]) -> Markup:
        """Superscript numbers, each linking to its source page, with title, publisher and date on hover."""
        numbered = []
        for source_id in source_ids:
            entry = self.site.entries.get(source_id)
            if entry is None or entry.kind != "source":
                continue
            numbered.append((self._citations.number(source_id), source_id))
        parts = [f'<a href="{self.url_href(s)}" title="{self._source_note(s)}">{n}</a>' for n, s in sorted(numbered)]
        if not parts:
            return Markup("")
        return Markup(f'<sup class="nb-cite">{", ".join(parts)}</sup>')

    def _source_note(self, source_id: str) -> str:
        source = self.site.record(source_id)
        note = f"{source.title} — {self.title(source.publisher)}, {source.published.human()}"
        return str(escape(note))

    def cited_sources(self) -> list[tuple[int, Entry]]:
        return [(n, self.site.entries[s]) for s, n in sorted(self._citations.numbers.items(), key=lambda kv: kv[1])]

    def date(self, value: PartialDate | None, as_stated: str | None = None) -> Markup:
        """'1 February 2026' in a <time> element; with the source's words when they were relative."""
        if value is None:
            return Markup("")
        text = f'<time datetime="{value}">{value.human()}</time>' if not value.before else f'before <time datetime="{value.bound}">{value.bound.human()}</time>'
        if as_stated and as_stated.strip().lower() != value.human().lower():
            text += f' <span class="nb-as-stated">(“{escape(as_stated)}”)</span>'
        return Markup(text)

    def sort_by_date(self, entries: list[Entry], attribute: str = "date", reverse: bool = False) -> list[Entry]:
        return sorted(entries, key=lambda e: (getattr(e.record, attribute), e.id), reverse=reverse)

    def status(self, claim_id: str) -> str:
        return self.site.status(claim_id)

    def badge(self, claim_id: str) -> Markup:
        """The claim's derived status; a disputed claim names who asserts and who denies.

        Hovering or focusing the badge shows how the claim is sourced.
        """
        status = self.site.status(claim_id)
        if status == "reported":
            return Markup("")  # the default needs no badge: only disputed, denied and confirmed claims carry one
        label = derive.STATUS_LABELS[status]
        badge = self._popover(f'<span class="nb-status nb-status--{status}">{label}</span>', f"{label}: {self.sourcing(claim_id)}")
        if status in ("disputed", "denied"):
            badge += Markup(f" {self.stance_summary(claim_id)}")
        return Markup(badge)

    def status_badge(self, claim_id: str) -> Markup:
        """The badge alone (its hover says how the claim is sourced); none for a merely reported claim."""
        status = self.site.status(claim_id)
        if status == "reported":
            return Markup("")
        label = derive.STATUS_LABELS[status]
        return Markup(" ") + self._popover(f'<span class="nb-status nb-status--{status}">{label}</span>', f"{label}: {self.sourcing(claim_id)}")

    # --- a claim's verdict -------------------------------------------------------

    def claim_made_by(self, claim_id: str) -> list[tuple[Markup, Markup]]:
        """Who made the claim, and where and when: the asserting statements, else the claim's first source."""
        made = []
        for statement_id, stance in self.site.stances.get(claim_id, []):
            if stance not in ("asserts", "confirms"):
                continue
            s = self.site.record(statement_id)
            where = escape(f"{CHANNELS[s.channel]}, ".lstrip(", ")) if CHANNELS[s.channel] else Markup("")
            made.append((self.link(s.speaker), where + self.date(s.date) + self.marker(statement_id)))
        if made:
            return made
        claim = self.site.record(claim_id)
        for source_id in claim.sources[:1]:
            if source_id in self.site.entries:
                source = self.site.record(source_id)
                made.append((self.link(source.publisher), self.link(source_id) + Markup(", ") + self.date(source.published)))
        return made

    def status_words(self, claim_id: str) -> Markup:
        """The verdict in words: the badge and who stands where, or 'reported' with how it is sourced."""
        status = self.site.status(claim_id)
        if status == "reported":
            return escape(f"Reported: {self.sourcing(claim_id)}. No one on the record disputes it.")
        return self.status_badge(claim_id) + Markup(" ") + self.stance_summary(claim_id)

    # --- a brief as it reads -----------------------------------------------------

    def brief_sections(self, brief_id: str) -> list[editorial.Section]:
        return editorial.sections(self.site, brief_id, self.title)

    def section_blocks(self, section: editorial.Section, on: PartialDate) -> list[tuple[str, list[Markup]]]:
        """A section as paragraphs (the editor's texts) and lists of points, in the editor's order."""
        blocks: list[tuple[str, list[Markup]]] = []
        for item in section.items:
            if item.text is not None:
                blocks.append(("p", [escape(item.text)]))
                continue
            point = self.point(item, on)
            if point is None:
                continue
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(point)
            else:
                blocks.append(("ul", [point]))
        return blocks

    def point(self, item, on: PartialDate) -> Markup | None:
        """One point of a brief: plain text, a small marker linking its record, one citation per source."""
        record_id = item.claim or item.statement or item.figure or item.event
        if record_id not in self.site.entries:
            return None  # a broken reference is reported by the checks; the page still renders
        kind = self.site.entries[record_id].kind
        return {"claim": self.claim_point, "statement": self.statement_point, "figure": self.figure_point, "event": self.event_point}[kind](record_id, on)

    def marker(self, record_id: str) -> Markup:
        """The small link from a point to its record's page (the sentence itself stays text)."""
        kind = self.site.entries[record_id].kind
        label = f"{kind.capitalize()}: {self.title(record_id)}"
        return Markup('<a class="nb-marker" href="%s" aria-label="%s" title="%s">›</a>') % (self.url_href(record_id), label, label)

    def refs(self, record_id: str, sources: Iterable[str]) -> Markup:
        """The marker and the citations of a point, kept together on one line."""
        return Markup('<span class="nb-refs">%s%s</span>') % (self.marker(record_id), self.cite(sources))

    def claim_point(self, claim_id: str, on: PartialDate) -> Markup:
        claim = self.site.record(claim_id)
        says = editorial.says(self.site, claim_id, on, self.title)
        text = escape(editorial.attributed_text(claim.text, says))
        denied = editorial.denied_by(self.site, claim_id, self.title)
        if denied:
            text += escape(f" {denied[0].upper()}{denied[1:]}.")
        sources = list(claim.sources)
        for statement_id, _ in self.site.stances.get(claim_id, []):
            sources += self.site.record(statement_id).sources
        return Markup(text) + self.status_badge(claim_id) + self.refs(claim_id, dict.fromkeys(sources))

    def statement_point(self, statement_id: str, on: PartialDate) -> Markup:
        s = self.site.record(statement_id)
        when = "" if s.date == on else f" {'on' if s.date.precision == 'day' else 'in'} {s.date.human()}"
        said = self.quote(s.quote) if s.quote else escape(s.paraphrase) + Markup(" <em>(paraphrase)</em>")
        how = f" {SAID_HOW[s.channel]}" if SAID_HOW[s.channel] else ""
        lead = escape(f"{editorial.short_name(self.site, s.speaker, self.title)} said{how}{when}: ")
        return Markup(lead) + said + self.refs(statement_id, s.sources)

    def figure_point(self, figure_id: str, on: PartialDate) -> Markup:
        figure = self.site.record(figure_id)
        sources = figure.sources or (self.site.record(figure.implied_by).sources if figure.implied_by in self.site.entries else [])
        return escape(f"{self.figure_label(figure_id)}: ") + self.fig(figure_id) + self.refs(figure_id, sources)

    def event_point(self, event_id: str, on: PartialDate) -> Markup:
        event = self.site.record(event_id)
        return self.date(event.date, event.date_as_stated) + escape(f": {event.title}") + self.event_state(event_id) + self.refs(event_id, event.sources)

    def event_state(self, event_id: str) -> Markup:
        """Beside an event, as every page says it: an expected release's state ('overdue: …', 'released: …'),
        else 'scheduled' until the day, 'planned', 'expected'; nothing for what happened."""
        if self.values.pending(event_id):
            return self.values.pending_note(event_id)
        event = self.site.record(event_id)
        shown = self.event_status(event.status, event.date)
        return Markup(" <em>(%s)</em>") % shown if shown else Markup("")

    def sourcing(self, claim_id: str) -> str:
        """How a claim is sourced, in words: 'reported by Financial Times, citing four people
        familiar with the matter (anonymous); denied on the record by Ford Motor Company and Xiaomi'."""
        groups: dict[str, list[str]] = {}
        for statement_id, stance in self.site.stances.get(claim_id, []):
            statement = self.site.record(statement_id)
            who = self.title(statement.speaker)
            anonymous = [self.site.record(s) for s in statement.sources if s in self.site.entries and self.site.record(s).attribution == "anonymous"]
            if anonymous and anonymous[0].attribution_note:
                who += f", citing {anonymous[0].attribution_note} (anonymous)"
            groups.setdefault(stance, [])
            if who not in groups[stance]:
                groups[stance].append(who)
        words = {
            "asserts": "reported by",
            "confirms": "confirmed on the record by",
            "denies": "denied on the record by",
            "declines-to-comment": "no comment from",
        }
        parts = [f"{words[s]} {self.and_list(groups[s])}" for s in words if s in groups]
        if not parts:
            claim = self.site.record(claim_id)
            sources = [self.site.record(s) for s in claim.sources if s in self.site.entries]
            first = sources[0] if sources else None
            if first is None:
                return "no source"
            text = f"reported by {self.title(first.publisher)}"
            if first.attribution == "anonymous" and first.attribution_note:
                text += f", citing {first.attribution_note} (anonymous)"
            elif first.attribution == "second-hand":
                text += " (second-hand)"
            return text
        return "; ".join(str(p) for p in parts)

    def stance_summary(self, claim_id: str) -> Markup:
        """'asserted by Financial Times; denied by Ford and Xiaomi'."""
        groups: dict[str, list[str]] = {}
        for statement_id, stance in self.site.stances.get(claim_id, []):
            speaker = self.site.record(statement_id).speaker
            names = groups.setdefault(stance, [])
            link = str(self.link(speaker))
            if link not in names:
                names.append(link)
        words = {"asserts": "asserted by", "confirms": "confirmed by", "denies": "denied by", "declines-to-comment": "no comment from"}
        parts = [f"{words[s]} {self.and_list(groups[s])}" for s in ("asserts", "confirms", "denies", "declines-to-comment") if s in groups]
        return Markup("; ".join(parts))

    @staticmethod
    def and_list(items: list[str]) -> Markup:
        items = [str(i) for i in items]
        if len(items) <= 1:
            return Markup("".join(items))
        return Markup(f"{', '.join(items[:-1])} and {items[-1]}")

    def quote(self, text: str) -> Markup:
        return Markup(f"“{escape(text.strip())}”")

    def channel(self, channel: str) -> str:
        """'in a written statement'; '' when the channel is not stated (nothing worth saying)."""
        return CHANNELS[channel]

    @staticmethod
    def step_words(action: str) -> str:
        """A policy step as a reader says it: 'in-force' → 'in force', 'provisional' → 'applied provisionally'."""
        return POLICY_STEPS[action]

    @staticmethod
    def country(code: str) -> str:
        """'CN' → 'China', from Babel's territory names."""
        return country_name(code)

    def words(self, value: str) -> str:
        """'in-force' → 'in force'."""
        return value.replace("-", " ")

    def entity_filter(self, entity_ids: list[str]) -> str:
        """'ford=Ford Motor Company|xiaomi=Xiaomi': the timeline filter's choices, for its script."""
        return "|".join(f"{i}={self.title(i).replace('|', '/')}" for i in entity_ids)

    def url_link(self, url: str) -> Markup:
        """An outside address as a link: HTML-escaped in the attribute, inert as text (checked http(s) on load)."""
        return Markup(f'<a href="{escape(url)}" rel="nofollow noopener">{escape(url)}</a>')

    @staticmethod
    def facts(pairs: Iterable[tuple[str, object]]) -> Markup:
        """``<p><em>Country:</em> China<br>…</p>``: labelled facts, one a line; a fact without a value is left out."""
        lines = [Markup("<em>%s:</em> %s") % (label, value) for label, value in pairs if value]
        return Markup("<p>%s</p>") % Markup("<br>\n").join(lines) if lines else Markup("")

    def edit_link(self, entry: Entry) -> Markup:
        """'Edit this record': a link to the YAML file the page comes from (shown only when `repo_url` is set)."""
        return Markup('<a href="%s/%s" title="%s">Edit this record</a>') % ((self.edit_base or "").rstrip("/"), entry.file, entry.file)

    def figure_rows(self, figure_ids: Iterable[str]) -> list[Entry]:
        """One row a measure: competing values show as their preferred value (with the others beside it)."""
        ids = dict.fromkeys(self.values.shown_figure(i) for i in figure_ids)
        return sorted(self.entries(ids, "figure"), key=lambda e: (e.record.period, e.record.metric, e.id))

    # --- relationship graph ----------------------------------------------------

    def graph(self, record_id: str) -> Markup:
        """The record's relationship graph as inline SVG, and the same relations as a list."""
        graph = self.relations.graph(record_id)
        rows = self.relation_rows(record_id)
        if graph is None and not rows:
            return Markup("")
        if graph is not None:
            lay_out(graph, self._node_width)
        return Markup(
            self.env.get_template("graph.html.j2").render(
                h=self,
                g=graph,
                rows=rows,
                title=self.title,
                kind=lambda i: self.site.entries[i].kind,
                short=self._short_title,
                width=self._node_width,
                href=self.url_href,
                line_kind=line_kind,
                legend=LEGEND,
                node_height=NODE_HEIGHT,
                drawn={line_kind(e) for e in graph.edges} if graph else set(),
            )
        )

    def _node_width(self, record_id: str) -> float:
        return 16 + 7.6 * len(self._short_title(record_id))

    def _short_title(self, record_id: str) -> str:
        """A node's label: a name, or a claim's headline; never a cut-off sentence when a headline exists."""
        entry = self.site.entries[record_id]
        text = getattr(entry.record, "name", None) or getattr(entry.record, "headline", None) or self.title(record_id)
        return text if len(text) <= 36 else text[:34].rsplit(" ", 1)[0] + "…"

    def relation_rows(self, record_id: str) -> list[dict]:
        """The relationship table, OpenSanctions-style: relation, other party, dates, sources; one row per relation."""
        rows = []
        for edge in self.relations.touching(record_id):
            other = edge.target if edge.source == record_id else edge.source
            dates, sources = self._relation_evidence(edge)
            rows.append(dict(relation=relation_words(edge, record_id), other=other, dates=dates, sources=sources))
        return sorted(rows, key=lambda r: (r["relation"], self.title(r["other"]).lower()))

    def _relation_evidence(self, edge) -> tuple[Markup, list[str]]:
        """When a relation held and what backs it, from the record that makes it."""
        via = self.site.entries.get(edge.via)
        if via is None:
            return Markup(""), []
        r = via.record
        if via.kind == "statement":
            return self.date(r.date), list(r.sources)
        if via.kind == "policy":
            dates = sorted({a.date for a in r.history})
            shown = self.date(dates[0]) + (Markup(" – ") + self.date(dates[-1]) if len(dates) > 1 else Markup(""))
            return shown, list(r.sources)
        if via.kind == "person":
            for role in r.roles:
                if role.organization in (edge.source, edge.target) and role.title.split(" and ")[-1].lower() == edge.label:
                    parts = [("since ", role.since), ("until ", role.until), ("as of ", role.as_of)]
                    return Markup(", ").join(Markup(w) + self.date(d) for w, d in parts if d), list(role.sources)
        return Markup(""), list(getattr(r, "sources", []))

    def url_href(self, record_id: str) -> str:
        """A record's final URL relative to the page, for raw HTML that MkDocs does not rewrite."""
        return relative_url(_record_dir(self.site.entries[record_id].kind, record_id), self._here)

    # --- charts ----------------------------------------------------------------

    def charts(self, subject_id: str) -> Markup:
        """Every chart of a subject's figure series, each followed by its data as a table."""
        template = self.env.get_template("chart.html.j2")
        return Markup("\n").join(
            Markup(
                template.render(
                    h=self,
                    c=chart,
                    left=LEFT,
                    right=RIGHT,
                    bottom=BOTTOM,
                    row_height=ROW_HEIGHT,
                    unit_label=UNIT_SPECS[chart.unit].plural if chart.unit in UNIT_SPECS else chart.unit,
                    qualifier_text=derive.QUALIFIER_TEXT,
                    format_number=lambda v: derive.format_number(v, 0),
                )
            )
            for chart in charts_for(self.site, subject_id, self.chartable)
        )

    # --- backlink views --------------------------------------------------------

    def links_to(self, ids: Iterable[str]) -> list[str]:
        return [str(self.link(i)) for i in ids]

    def kind_title(self, kind: str) -> str:
        return KIND_TITLES[kind]

    def statements_about(self, record_id: str) -> list[str]:
        """Statements naming the record in `about`, or taking a stance on a claim about it — not its own."""
        about = set(self.backlinks.to(record_id, kind="statement", field="about"))
        for claim_id in self.backlinks.to(record_id, kind="claim", field="subjects"):
            about.update(statement_id for statement_id, _ in self.site.stances.get(claim_id, []))
        return sorted(s for s in about if self.site.record(s).speaker != record_id)

    def other_statements(self, claim_id: str, statement_id: str) -> list[tuple[Entry, str]]:
        return [(self.site.entries[s], stance) for s, stance in self.site.stances.get(claim_id, []) if s != statement_id]

    def backed_by(self, source_id: str) -> list[tuple[str, list[str]]]:
        """What a source backs, grouped by kind: every record that lists it among its sources."""
        groups: dict[str, list[str]] = {}
        for ref in self.backlinks.refs_to(source_id):
            if len(ref.path) >= 2 and ref.path[-2] == "sources":
                ids = groups.setdefault(KIND_TITLES[ref.kind], [])
                if ref.source not in ids:
                    ids.append(ref.source)
        return sorted(groups.items())

    # --- index pages -------------------------------------------------------------

    def index_columns(self, kind: str) -> tuple[tuple[str, str], ...]:
        return INDEX_COLUMNS[kind]

    def index_cell(self, cell: str, entry: Entry) -> Markup:
        """One cell of an index table (see ``indexes.COLUMNS``)."""
        r = entry.record
        cells = {
            "name": lambda: self.link(entry.id, self._short_title(entry.id) if entry.kind == "claim" else None),
            "figure_name": lambda: self.link(entry.id, self.figure_name(entry.id)),
            "published": lambda: self.date(r.published),
            "summary": lambda: escape(r.summary),
            "country": lambda: escape(self.country(r.country)) if r.country else Markup(""),
            "briefs": lambda: self.and_list(self.links_to(self.backlinks.to(entry.id, kind="brief"))),
            "last_mentioned": lambda: self.date(self.last_mentioned(entry.id)),
            "org_type": lambda: escape(self.words(r.type)),
            "role": lambda: escape(r.roles[0].title) if r.roles else Markup(""),
            "role_organization": lambda: self.link(r.roles[0].organization) if r.roles else Markup(""),
            "status": lambda: self.status_badge(entry.id) or escape(derive.STATUS_LABELS["reported"]),
            "claimant": lambda: self.and_list([str(who) for who, _ in self.claim_made_by(entry.id)]),
            "claim_date": lambda: self.date(self.claim_date(entry.id)),
            "speaker": lambda: self.link(r.speaker),
            "statement_date": lambda: self.date(r.date),
            "period": lambda: self.date(r.period),
            "value": lambda: self.fig(entry.id),
            "subject": lambda: self.link(r.subject),
            "event_date": lambda: self.date(r.date),
            "event_status": lambda: escape(self.event_status(r.status, r.date) or "happened"),
            "vote_body": lambda: self.link(r.body),
            "vote_outcome": lambda: escape(self.words(r.outcome)),
            "issuer": lambda: self.link(r.issuer),
            "policy_status": lambda: escape(self.words(r.status)),
            "policy_since": lambda: self.date(min(a.date for a in r.history)),
            "publisher": lambda: self.link(r.publisher),
            "source_kind": lambda: escape(self.words(r.kind)),
        }
        return Markup(cells[cell]())

    def last_mentioned(self, record_id: str) -> PartialDate | None:
        """The latest date of a brief, statement or past event that names the record (a plan is not a mention)."""
        dates = []
        for kind, attribute in (("brief", "published"), ("statement", "date"), ("event", "date")):
            dates += [
                getattr(self.site.record(i), attribute)
                for i in self.backlinks.to(record_id, kind=kind)
                if getattr(self.site.record(i), "status", "happened") == "happened"
            ]
        return max(dates, default=None)

    def claim_date(self, claim_id: str) -> PartialDate | None:
        """When the claim was first made: its first asserting statement, else its first source."""
        dates = [self.site.record(s).date for s, stance in self.site.stances.get(claim_id, []) if stance in ("asserts", "confirms")]
        if not dates:
            dates = [self.site.record(s).published for s in self.site.record(claim_id).sources if s in self.site.entries]
        return min(dates, default=None)

    def index_rows(self, kind: str) -> list[Entry]:
        """Briefs newest first (as news is read); every other kind by name."""
        if kind == "brief":
            return self.latest_briefs()
        return sorted(self.site.of_kind(kind), key=lambda e: self.title(e.id).lower())
